#pragma once
// One scenario edge on the canvas: an arrow between two NodeItems that follows them when
// they move; its width shows the live throughput. Owned by GraphScene; GUI thread.
#include <QGraphicsItem>
#include <QPainterPath>
#include <QString>

namespace eventbench::ui {

class NodeItem;

class EdgeItem : public QGraphicsItem {
  public:
    enum { Type = UserType + 2 };
    /// Flow: an edge of the scenario. DeadLetter / Unroutable: where a node's dead letters or
    /// unroutable messages go (a knob, not an edge), drawn dashed and not selectable.
    enum class Style { Flow, DeadLetter, Unroutable };

    EdgeItem(NodeItem *source, NodeItem *dest, int index, Style style = Style::Flow);
    ~EdgeItem() override;

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    /// Index of the edge in Scenario::edges.
    int index() const { return m_index; }
    Style style() const { return m_style; }
    NodeItem *source() const { return m_source; }
    NodeItem *dest() const { return m_dest; }
    /// A short note drawn at the middle (filter, binding, ratio, latency); may be empty.
    void setLabel(const QString &label);
    /// Messages per second crossing the edge; < 0 = unknown (no run yet).
    void setRate(double perSecond);
    double rate() const { return m_rate; }
    double penWidth() const;
    /// Recomputes the end points from the nodes' outlines (called when a node moves).
    void adjust();

  private:
    NodeItem *m_source;
    NodeItem *m_dest;
    int m_index;
    Style m_style;
    QString m_label;
    double m_rate = -1;
    QPointF m_from, m_to;
};

} // namespace eventbench::ui
