#pragma once
// One scenario node on the canvas: body shape by kind, id and a short detail line, a live
// badge (lag, depth or rate; a NodeBadge child) and a diagnostics badge. The body is drawn
// from a pixmap cache, repainted only when the node or its diagnostics change. Owned by
// GraphScene; GUI thread.
#include <QGraphicsItem>
#include <QList>
#include <QString>

#include "model/scenario/Scenario.h"

namespace eventbench::ui {

class EdgeItem;
class NodeBadge;

class NodeItem : public QGraphicsItem {
  public:
    enum { Type = UserType + 1 };

    NodeItem(const QString &id, model::NodeKind kind);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const QString &id() const { return m_id; }
    model::NodeKind kind() const { return m_kind; }
    /// Updates what the item shows of the node's knobs (detail line, partition stripes).
    void setNode(const model::Node &node);
    void setBadge(const QString &text);
    const QString &badge() const;
    /// The node's state during a run (`2/3 up · outage`) under its label; empty hides it.
    /// `severity` tints it: 0 normal, 1 degraded, 2 down.
    void setRunState(const QString &text, int severity);
    const QString &runState() const;
    int runStateSeverity() const;
    /// Diagnostics about this node; non-empty shows a red badge with them as the tooltip.
    void setProblems(const QStringList &messages, bool errors);
    const QStringList &problems() const { return m_problems; }

    /// The body outline in scene coordinates (edges end on it).
    QPainterPath sceneOutline() const;
    void addEdge(EdgeItem *edge) { m_edges.append(edge); }
    void removeEdge(EdgeItem *edge) { m_edges.removeAll(edge); }

  protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

  private:
    void updateGeometry();

    QString m_id;
    model::NodeKind m_kind;
    QString m_detail;
    QString m_baseTip;
    int m_lanes = 3;
    NodeBadge *m_badge;
    NodeBadge *m_state;
    QStringList m_problems;
    bool m_problemIsError = false;
    QList<EdgeItem *> m_edges;
    QRectF m_bounds;
    QRectF m_labelRect;
};

} // namespace eventbench::ui
