#pragma once
// The canvas: a projection of the document's scenario into NodeItems and EdgeItems. It never
// edits the scenario itself; moves and connections are reported by signals and come back
// through sync(). GUI thread.
#include <QGraphicsScene>
#include <QHash>
#include <QPointF>
#include <QStringList>
#include <QVector>

#include "model/scenario/Diagnostic.h"
#include "model/scenario/Scenario.h"

class QGraphicsLineItem;

namespace eventbench::ui {

class NodeItem;
class EdgeItem;

class GraphScene : public QGraphicsScene {
    Q_OBJECT
  public:
    explicit GraphScene(QObject *parent = nullptr);
    ~GraphScene() override;

    /// Makes the items match the scenario: adds, updates and removes; keeps the selection.
    void sync(const model::Scenario &scenario);
    /// When false, nodes cannot be moved or connected (a run is live).
    void setEditable(bool editable);
    bool isEditable() const { return m_editable; }

    NodeItem *nodeItem(const QString &id) const { return m_nodes.value(id); }
    QList<NodeItem *> nodeItems() const { return m_nodes.values(); }
    const QVector<EdgeItem *> &edgeItems() const { return m_edges; }
    int nodeCount() const { return int(m_nodes.size()); }
    int edgeCount() const { return int(m_edges.size()); }

    QStringList selectedNodeIds() const;
    /// The selected edge's index in Scenario::edges, or -1.
    int selectedEdgeIndex() const;
    void selectOnly(const QString &nodeId);

    /// Live badge per node id (nodes not in the map lose theirs).
    void setBadges(const QHash<QString, QString> &badges);
    /// Run state per node id: its text and severity (NodeItem::setRunState); nodes not in the
    /// map lose theirs.
    void setRunStates(const QHash<QString, QPair<QString, int>> &states);
    /// Messages per second per edge (Scenario::edges order); empty clears.
    void setEdgeRates(const QVector<double> &rates);
    /// Diagnostics shown as badges on the nodes they concern.
    void setProblems(const model::Diagnostics &diagnostics);

  signals:
    void nodesMoved(const QHash<QString, QPointF> &positions);
    void connectRequested(const QString &from, const QString &to);
    /// Right-click on a node (now selected alone unless it was part of the selection).
    void nodeMenuRequested(const QString &id, const QPoint &screenPos);

  protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;

  private:
    NodeItem *nodeAt(const QPointF &scenePos) const;

    QHash<QString, NodeItem *> m_nodes;
    QVector<EdgeItem *> m_edges;
    QVector<EdgeItem *> m_references; // dead-letter and unroutable targets
    QHash<QString, QPointF> m_pressPositions;
    QGraphicsLineItem *m_connectLine = nullptr;
    QString m_connectFrom;
    bool m_editable = true;
};

} // namespace eventbench::ui
