#pragma once
// The live figure of a node (lag, depth or rate) drawn as a small pill on the body's top
// right corner, or its run state (`2/3 up · slow ×3`) under its label, tinted by how alarming it
// is. A child of NodeItem, separate so that the node body can stay in its pixmap cache while
// the figure changes several times a second. Owned by its NodeItem; GUI thread.
#include <QGraphicsItem>
#include <QString>

namespace eventbench::ui {

class NodeBadge : public QGraphicsItem {
  public:
    explicit NodeBadge(QGraphicsItem *parent);

    /// Empty hides the badge.
    void setText(const QString &text);
    /// The fill: -1 a figure (pale yellow), 0 a normal state, 1 degraded, 2 down.
    void setTone(int tone);
    int tone() const { return m_tone; }
    const QString &text() const { return m_text; }

    QRectF boundingRect() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

  private:
    QString m_text;
    QRectF m_rect;
    int m_tone = -1;
};

} // namespace eventbench::ui
