#include "ui/canvas/GraphScene.h"

#include <QGraphicsLineItem>
#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QSet>

#include <cmath>

#include "model/scenario/Units.h"
#include "ui/canvas/EdgeItem.h"
#include "ui/canvas/NodeItem.h"

namespace eventbench::ui {

namespace {

QString edgeLabel(const model::Edge &e) {
    QStringList parts;
    if (e.binding) {
        QStringList patterns;
        for (const std::string &p : *e.binding)
            patterns << (p.empty() ? QStringLiteral("\"\"") : QString::fromStdString(p));
        parts << patterns.join(QStringLiteral(" | "));
    }
    if (e.filter)
        parts << QStringLiteral("filter");
    if (e.ratio != 1.0)
        parts << QStringLiteral("×%1").arg(QString::fromStdString(model::formatNumber(e.ratio)));
    if (e.latency)
        parts << QStringLiteral("+latency");
    return parts.join(QStringLiteral(" · "));
}

} // namespace

GraphScene::GraphScene(QObject *parent) : QGraphicsScene(parent) {
    setItemIndexMethod(QGraphicsScene::NoIndex);
}

GraphScene::~GraphScene() {
    // Edges unregister from their nodes when deleted, so they must go first.
    qDeleteAll(m_edges);
    m_edges.clear();
    qDeleteAll(m_references);
    m_references.clear();
}

void GraphScene::sync(const model::Scenario &scenario) {
    const int selectedEdge = selectedEdgeIndex();
    // Edges carry no identity but their index: rebuild them all, they are cheap.
    qDeleteAll(m_edges);
    m_edges.clear();
    qDeleteAll(m_references);
    m_references.clear();
    QSet<QString> wanted;
    for (const auto &node : scenario.nodes) {
        const QString id = QString::fromStdString(node.id);
        wanted.insert(id);
        NodeItem *item = m_nodes.value(id);
        if (item && item->kind() != node.kind) {
            m_nodes.remove(id);
            delete item;
            item = nullptr;
        }
        if (!item) {
            item = new NodeItem(id, node.kind);
            item->setFlag(QGraphicsItem::ItemIsMovable, m_editable);
            addItem(item);
            m_nodes.insert(id, item);
        }
        item->setNode(node);
        const QPointF pos = node.pos ? QPointF(node.pos->first, node.pos->second) : QPointF();
        if (item->pos() != pos)
            item->setPos(pos);
    }
    for (auto it = m_nodes.begin(); it != m_nodes.end();) {
        if (!wanted.contains(it.key())) {
            delete it.value();
            it = m_nodes.erase(it);
        } else {
            ++it;
        }
    }

    for (int i = 0; i < int(scenario.edges.size()); ++i) {
        const auto &e = scenario.edges[i];
        NodeItem *a = m_nodes.value(QString::fromStdString(e.from));
        NodeItem *b = m_nodes.value(QString::fromStdString(e.to));
        if (!a || !b)
            continue;
        auto *item = new EdgeItem(a, b, i);
        item->setLabel(edgeLabel(e));
        addItem(item);
        m_edges.append(item);
        if (i == selectedEdge)
            item->setSelected(true);
    }
    auto reference = [this](const std::string &from, const std::string &to, EdgeItem::Style st,
                            const QString &label) {
        NodeItem *a = m_nodes.value(QString::fromStdString(from));
        NodeItem *b = m_nodes.value(QString::fromStdString(to));
        if (!a || !b || a == b)
            return;
        auto *item = new EdgeItem(a, b, -1, st);
        item->setLabel(label);
        addItem(item);
        m_references.append(item);
    };
    for (const auto &node : scenario.nodes) {
        if (node.kind == model::NodeKind::Consumer && !node.consumer.deadLetter.empty())
            reference(node.id, node.consumer.deadLetter, EdgeItem::Style::DeadLetter,
                      tr("dead letters"));
        if (node.kind == model::NodeKind::Queue && !node.queue.deadLetter.empty())
            reference(node.id, node.queue.deadLetter, EdgeItem::Style::DeadLetter,
                      tr("dead letters"));
        if (node.kind == model::NodeKind::Exchange && !node.exchange.unroutable.empty())
            reference(node.id, node.exchange.unroutable, EdgeItem::Style::Unroutable,
                      tr("unroutable"));
    }
}

void GraphScene::setEditable(bool editable) {
    m_editable = editable;
    for (NodeItem *n : std::as_const(m_nodes))
        n->setFlag(QGraphicsItem::ItemIsMovable, editable);
}

QStringList GraphScene::selectedNodeIds() const {
    QStringList ids;
    for (QGraphicsItem *item : selectedItems())
        if (item->type() == NodeItem::Type)
            ids << static_cast<NodeItem *>(item)->id();
    ids.sort();
    return ids;
}

int GraphScene::selectedEdgeIndex() const {
    for (QGraphicsItem *item : selectedItems())
        if (item->type() == EdgeItem::Type)
            return static_cast<EdgeItem *>(item)->index();
    return -1;
}

void GraphScene::selectOnly(const QString &nodeId) {
    clearSelection();
    if (NodeItem *n = m_nodes.value(nodeId))
        n->setSelected(true);
}

void GraphScene::setBadges(const QHash<QString, QString> &badges) {
    for (NodeItem *n : std::as_const(m_nodes))
        n->setBadge(badges.value(n->id()));
}

void GraphScene::setRunStates(const QHash<QString, QPair<QString, int>> &states) {
    for (NodeItem *n : std::as_const(m_nodes)) {
        const QPair<QString, int> s = states.value(n->id());
        n->setRunState(s.first, s.second);
    }
}

void GraphScene::setEdgeRates(const QVector<double> &rates) {
    for (EdgeItem *e : std::as_const(m_edges))
        e->setRate(e->index() < rates.size() ? rates[e->index()] : -1);
}

void GraphScene::setProblems(const model::Diagnostics &diagnostics) {
    QHash<QString, QStringList> messages;
    QSet<QString> errors;
    for (const auto &d : diagnostics) {
        if (d.nodeId.empty())
            continue;
        const QString id = QString::fromStdString(d.nodeId);
        messages[id] << QString::fromStdString(d.message);
        if (d.severity == model::Diagnostic::Severity::Error)
            errors.insert(id);
    }
    for (NodeItem *n : std::as_const(m_nodes))
        n->setProblems(messages.value(n->id()), errors.contains(n->id()));
}

NodeItem *GraphScene::nodeAt(const QPointF &scenePos) const {
    for (QGraphicsItem *item : items(scenePos))
        if (item->type() == NodeItem::Type)
            return static_cast<NodeItem *>(item);
    return nullptr;
}

void GraphScene::mousePressEvent(QGraphicsSceneMouseEvent *event) {
    // Shift+drag from a node draws a connection instead of moving it.
    if (m_editable && event->button() == Qt::LeftButton &&
        (event->modifiers() & Qt::ShiftModifier)) {
        if (NodeItem *from = nodeAt(event->scenePos())) {
            m_connectFrom = from->id();
            m_connectLine = new QGraphicsLineItem(QLineF(from->scenePos(), event->scenePos()));
            m_connectLine->setPen(QPen(QColor(0x1a, 0x73, 0xe8), 2, Qt::DashLine));
            m_connectLine->setZValue(5);
            addItem(m_connectLine);
            event->accept();
            return;
        }
    }
    QGraphicsScene::mousePressEvent(event);
    m_pressPositions.clear();
    for (NodeItem *n : std::as_const(m_nodes))
        m_pressPositions.insert(n->id(), n->pos());
}

void GraphScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event) {
    if (m_connectLine) {
        m_connectLine->setLine(QLineF(m_connectLine->line().p1(), event->scenePos()));
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void GraphScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event) {
    if (m_connectLine) {
        delete m_connectLine;
        m_connectLine = nullptr;
        NodeItem *to = nodeAt(event->scenePos());
        const QString from = m_connectFrom;
        m_connectFrom.clear();
        if (to && to->id() != from)
            emit connectRequested(from, to->id());
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    QHash<QString, QPointF> moved;
    for (NodeItem *n : std::as_const(m_nodes)) {
        auto it = m_pressPositions.constFind(n->id());
        if (it != m_pressPositions.constEnd() && *it != n->pos()) {
            // Whole pixels keep saved files tidy and reload bit-identical.
            const QPointF p(std::round(n->pos().x()), std::round(n->pos().y()));
            moved.insert(n->id(), p);
        }
    }
    m_pressPositions.clear();
    if (!moved.isEmpty())
        emit nodesMoved(moved);
}

void GraphScene::contextMenuEvent(QGraphicsSceneContextMenuEvent *event) {
    NodeItem *node = nodeAt(event->scenePos());
    if (!node) {
        QGraphicsScene::contextMenuEvent(event);
        return;
    }
    if (!node->isSelected())
        selectOnly(node->id());
    event->accept();
    emit nodeMenuRequested(node->id(), event->screenPos());
}

} // namespace eventbench::ui
