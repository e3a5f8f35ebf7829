#include "ui/canvas/NodeItem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>

#include "model/scenario/Units.h"
#include "ui/canvas/EdgeItem.h"
#include "ui/canvas/NodeBadge.h"
#include "ui/canvas/NodeShapes.h"

namespace eventbench::ui {

using model::NodeKind;

namespace {

QFont labelFont() {
    QFont f;
    f.setPointSizeF(9.5);
    f.setBold(true);
    return f;
}

QFont detailFont() {
    QFont f;
    f.setPointSizeF(8);
    return f;
}

QString detailOf(const model::Node &n) {
    switch (n.kind) {
    case NodeKind::Producer:
        if (n.producer.rate.kind == model::RateProfile::Kind::Constant)
            return QString::fromStdString(model::formatRate(n.producer.rate.rate));
        return QStringLiteral("≤ %1").arg(
            QString::fromStdString(model::formatRate(n.producer.rate.maxRate())));
    case NodeKind::Topic:
        return n.topic.partitions == 1 ? QStringLiteral("1 partition")
                                       : QStringLiteral("%1 partitions").arg(n.topic.partitions);
    case NodeKind::Queue:
        return n.queue.fifo ? QStringLiteral("fifo") : QStringLiteral("queue");
    case NodeKind::Exchange:
        return QStringLiteral("exchange");
    case NodeKind::Consumer:
        return QStringLiteral("×%1").arg(n.consumer.instances) +
               (n.consumer.concurrency > 1
                    ? QStringLiteral(" · %1 each").arg(n.consumer.concurrency)
                    : QString());
    case NodeKind::Store:
        return QStringLiteral("store");
    }
    return {};
}

} // namespace

NodeItem::NodeItem(const QString &id, NodeKind kind)
    : m_id(id), m_kind(kind), m_badge(new NodeBadge(this)), m_state(new NodeBadge(this)) {
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(1);
    // The body (gradients, gear outline, text) is the costly part of a redraw; live figures
    // change on the badge only.
    setCacheMode(DeviceCoordinateCache);
    const QSizeF body = NodeShapes::bodySize(kind);
    m_badge->setPos(body.width() / 2, -body.height() / 2 - 1);
    updateGeometry();
}

const QString &NodeItem::badge() const {
    return m_badge->text();
}

void NodeItem::setRunState(const QString &text, int severity) {
    m_state->setText(text);
    m_state->setTone(severity);
}

const QString &NodeItem::runState() const {
    return m_state->text();
}

int NodeItem::runStateSeverity() const {
    return m_state->tone();
}

void NodeItem::setNode(const model::Node &node) {
    m_detail = detailOf(node);
    m_lanes = node.kind == NodeKind::Topic ? node.topic.partitions : 3;
    m_baseTip = QStringLiteral("<b>%1</b> (%2)<br>%3")
                    .arg(m_id, NodeShapes::displayName(m_kind), m_detail.toHtmlEscaped());
    setProblems(m_problems, m_problemIsError);
    updateGeometry();
    update();
}

void NodeItem::setBadge(const QString &text) {
    m_badge->setText(text);
}

void NodeItem::setProblems(const QStringList &messages, bool errors) {
    m_problems = messages;
    m_problemIsError = errors;
    QString tip = m_baseTip;
    for (const QString &m : messages)
        tip += QStringLiteral("<br><span style='color:#c62828'>%1</span>").arg(m.toHtmlEscaped());
    setToolTip(tip);
    update();
}

void NodeItem::updateGeometry() {
    prepareGeometryChange();
    const QSizeF body = NodeShapes::bodySize(m_kind);
    const QFontMetricsF lm(labelFont()), dm(detailFont());
    const double w = std::max(lm.horizontalAdvance(m_id), dm.horizontalAdvance(m_detail)) + 8;
    const double h = lm.height() + dm.height() + 2;
    m_labelRect = QRectF(-w / 2, body.height() / 2 + 3, w, h);
    m_state->setPos(0, m_labelRect.bottom() + 10);
    QRectF r(-body.width() / 2, -body.height() / 2, body.width(), body.height());
    r = r.united(m_labelRect);
    // Room for the diagnostics badge on the top left.
    r = r.united(QRectF(-body.width() / 2 - 10, -body.height() / 2 - 12, 22, 22));
    m_bounds = r.adjusted(-4, -4, 4, 4);
}

QRectF NodeItem::boundingRect() const {
    return m_bounds;
}

QPainterPath NodeItem::shape() const {
    QPainterPath p = NodeShapes::outline(m_kind);
    p.addRect(m_labelRect);
    return p;
}

void NodeItem::paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *) {
    p->setRenderHint(QPainter::Antialiasing);
    const QSizeF body = NodeShapes::bodySize(m_kind);
    if (option->state & QStyle::State_Selected) {
        // A soft halo around the body outline.
        QPainterPathStroker st;
        st.setWidth(8);
        p->setBrush(QColor(0x1a, 0x73, 0xe8, 70));
        p->setPen(Qt::NoPen);
        p->drawPath(st.createStroke(NodeShapes::outline(m_kind)));
    }
    NodeShapes::paintBody(p, m_kind, m_lanes);

    const QFontMetricsF lm(labelFont());
    p->setPen(QColor(0x20, 0x20, 0x20));
    p->setFont(labelFont());
    QRectF idRect(m_labelRect.left(), m_labelRect.top(), m_labelRect.width(), lm.height());
    p->drawText(idRect, Qt::AlignCenter, m_id);
    p->setFont(detailFont());
    p->setPen(QColor(0x60, 0x60, 0x60));
    p->drawText(QRectF(m_labelRect.left(), idRect.bottom(), m_labelRect.width(),
                       m_labelRect.height() - lm.height()),
                Qt::AlignCenter, m_detail);

    if (!m_problems.isEmpty()) {
        const QRectF er(-body.width() / 2 - 8, -body.height() / 2 - 8, 18, 18);
        p->setPen(QPen(Qt::white, 1.5));
        p->setBrush(m_problemIsError ? QColor(0xd3, 0x2f, 0x2f) : QColor(0xf5, 0x7c, 0x00));
        p->drawEllipse(er);
        QFont f = labelFont();
        p->setFont(f);
        p->drawText(er, Qt::AlignCenter, QStringLiteral("!"));
    }
}

QPainterPath NodeItem::sceneOutline() const {
    return mapToScene(NodeShapes::outline(m_kind));
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value) {
    if (change == ItemPositionHasChanged) {
        for (EdgeItem *e : std::as_const(m_edges))
            e->adjust();
    }
    return QGraphicsItem::itemChange(change, value);
}

} // namespace eventbench::ui
