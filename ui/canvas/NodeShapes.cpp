#include "ui/canvas/NodeShapes.h"

#include <QLinearGradient>
#include <QPainter>
#include <QPixmap>
#include <QtMath>

#include <algorithm>

namespace eventbench::ui {

using model::NodeKind;

namespace {

QPainterPath gearPath(double radius, int teeth) {
    // Alternating outer (tooth) and inner (root) radii give a simple gear silhouette.
    QPainterPath p;
    const double inner = radius * 0.82;
    const int steps = teeth * 4;
    for (int i = 0; i <= steps; ++i) {
        const double a = 2 * M_PI * i / steps;
        const double r = (i % 4 == 1 || i % 4 == 2) ? radius : inner;
        const QPointF pt(r * std::cos(a), r * std::sin(a));
        if (i == 0)
            p.moveTo(pt);
        else
            p.lineTo(pt);
    }
    p.closeSubpath();
    return p;
}

QBrush bodyBrush(NodeKind kind, const QRectF &r) {
    QLinearGradient g(r.topLeft(), r.bottomLeft());
    g.setColorAt(0, NodeShapes::fillColor(kind).lighter(125));
    g.setColorAt(1, NodeShapes::fillColor(kind));
    return g;
}

void paintProducer(QPainter *p, const QRectF &r) {
    p->drawPath(NodeShapes::outline(NodeKind::Producer));
    // An arrow leaving the box: what a producer does.
    p->setPen(Qt::NoPen);
    p->setBrush(QColor(255, 255, 255, 230));
    const double cx = r.center().x() + r.width() * 0.12, cy = r.center().y();
    const double h = r.height() * 0.22;
    QPainterPath arrow;
    arrow.addRect(QRectF(cx - r.width() * 0.32, cy - h / 2.5, r.width() * 0.34, h / 1.25));
    QPolygonF head;
    head << QPointF(cx, cy - h * 1.1) << QPointF(cx + r.width() * 0.2, cy)
         << QPointF(cx, cy + h * 1.1);
    arrow.addPolygon(head);
    p->drawPath(arrow.simplified());
}

void paintTopic(QPainter *p, const QRectF &r, int lanes) {
    p->drawPath(NodeShapes::outline(NodeKind::Topic));
    const double rx = r.height() * 0.22;
    // The visible end face of the log, and one stripe per partition along its length.
    p->setBrush(NodeShapes::fillColor(NodeKind::Topic).lighter(150));
    p->drawEllipse(QRectF(r.right() - 2 * rx, r.top(), 2 * rx, r.height()));
    const int n = std::clamp(lanes, 1, 8);
    p->setPen(QPen(QColor(255, 255, 255, 170), 1.2));
    for (int i = 1; i < n; ++i) {
        const double y = r.top() + r.height() * i / n;
        p->drawLine(QPointF(r.left() + rx * 0.6, y), QPointF(r.right() - rx, y));
    }
}

void paintQueue(QPainter *p, const QRectF &r) {
    p->drawPath(NodeShapes::outline(NodeKind::Queue));
    // Slots, the last ones occupied: messages waiting at the head of the queue.
    const int slotCount = 6;
    const QRectF inner = r.adjusted(6, 8, -6, -8);
    const double w = inner.width() / slotCount;
    for (int i = 0; i < slotCount; ++i) {
        const QRectF cell(inner.left() + i * w + 1.5, inner.top(), w - 3, inner.height());
        p->setPen(QPen(QColor(255, 255, 255, 200), 1));
        p->setBrush(i >= slotCount - 3 ? QColor(255, 255, 255, 210) : QColor(255, 255, 255, 40));
        p->drawRect(cell);
    }
}

void paintExchange(QPainter *p, const QRectF &r) {
    p->drawPath(NodeShapes::outline(NodeKind::Exchange));
    // Fan-out glyph: one input split into three outputs.
    p->setPen(QPen(QColor(255, 255, 255, 230), 2.2, Qt::SolidLine, Qt::RoundCap));
    const QPointF c = r.center();
    const double s = r.height() * 0.2;
    p->drawLine(c + QPointF(-1.6 * s, 0), c);
    for (int k = -1; k <= 1; ++k)
        p->drawLine(c, c + QPointF(1.4 * s, k * s));
}

void paintConsumer(QPainter *p, const QRectF &r) {
    p->drawPath(NodeShapes::outline(NodeKind::Consumer));
    p->setBrush(QColor(255, 255, 255, 225));
    p->setPen(Qt::NoPen);
    p->drawEllipse(r.center(), r.width() * 0.16, r.width() * 0.16);
}

void paintStore(QPainter *p, const QRectF &r) {
    const double ry = r.height() * 0.13;
    p->drawPath(NodeShapes::outline(NodeKind::Store));
    // Top face and two bands: the usual database drum.
    QPainterPath band;
    for (int i = 1; i <= 2; ++i) {
        const double y = r.top() + ry + (r.height() - 2 * ry) * i / 3.0;
        QRectF e(r.left(), y - ry, r.width(), 2 * ry);
        band.moveTo(e.left(), y);
        band.arcTo(e, 180, 180);
    }
    p->setBrush(Qt::NoBrush);
    p->drawPath(band);
    p->setBrush(NodeShapes::fillColor(NodeKind::Store).lighter(145));
    p->drawEllipse(QRectF(r.left(), r.top(), r.width(), 2 * ry));
}

} // namespace

QColor NodeShapes::fillColor(NodeKind kind) {
    switch (kind) {
    case NodeKind::Producer:
        return QColor(0x43, 0xa0, 0x47);
    case NodeKind::Topic:
        return QColor(0x1e, 0x88, 0xe5);
    case NodeKind::Queue:
        return QColor(0xfb, 0x8c, 0x00);
    case NodeKind::Exchange:
        return QColor(0x8e, 0x24, 0xaa);
    case NodeKind::Consumer:
        return QColor(0x00, 0x89, 0x7b);
    case NodeKind::Store:
        return QColor(0x6d, 0x4c, 0x41);
    }
    return Qt::gray;
}

QColor NodeShapes::strokeColor(NodeKind kind) {
    return fillColor(kind).darker(150);
}

QSizeF NodeShapes::bodySize(NodeKind kind) {
    switch (kind) {
    case NodeKind::Producer:
        return {104, 54};
    case NodeKind::Topic:
        return {124, 52};
    case NodeKind::Queue:
        return {116, 44};
    case NodeKind::Exchange:
        return {84, 70};
    case NodeKind::Consumer:
        return {66, 66};
    case NodeKind::Store:
        return {62, 70};
    }
    return {80, 50};
}

QPainterPath NodeShapes::outline(NodeKind kind) {
    const QSizeF sz = bodySize(kind);
    const QRectF r(-sz.width() / 2, -sz.height() / 2, sz.width(), sz.height());
    QPainterPath p;
    switch (kind) {
    case NodeKind::Producer:
        p.addRoundedRect(r, 12, 12);
        break;
    case NodeKind::Topic: {
        const double rx = r.height() * 0.22;
        p.setFillRule(Qt::WindingFill);
        p.addRect(r.adjusted(rx, 0, -rx, 0));
        p.addEllipse(QRectF(r.left(), r.top(), 2 * rx, r.height()));
        p.addEllipse(QRectF(r.right() - 2 * rx, r.top(), 2 * rx, r.height()));
        p = p.simplified();
        break;
    }
    case NodeKind::Queue:
        p.addRoundedRect(r, 4, 4);
        break;
    case NodeKind::Exchange: {
        QPolygonF d;
        d << QPointF(0, r.top()) << QPointF(r.right(), 0) << QPointF(0, r.bottom())
          << QPointF(r.left(), 0) << QPointF(0, r.top());
        p.addPolygon(d);
        break;
    }
    case NodeKind::Consumer:
        p = gearPath(r.width() / 2, 9);
        break;
    case NodeKind::Store: {
        const double ry = r.height() * 0.13;
        p.setFillRule(Qt::WindingFill);
        p.addRect(r.adjusted(0, ry, 0, -ry));
        p.addEllipse(QRectF(r.left(), r.top(), r.width(), 2 * ry));
        p.addEllipse(QRectF(r.left(), r.bottom() - 2 * ry, r.width(), 2 * ry));
        p = p.simplified();
        break;
    }
    }
    return p;
}

void NodeShapes::paintBody(QPainter *p, NodeKind kind, int lanes) {
    const QSizeF sz = bodySize(kind);
    const QRectF r(-sz.width() / 2, -sz.height() / 2, sz.width(), sz.height());
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(strokeColor(kind), 1.6));
    p->setBrush(bodyBrush(kind, r));
    switch (kind) {
    case NodeKind::Producer:
        paintProducer(p, r);
        break;
    case NodeKind::Topic:
        paintTopic(p, r, lanes);
        break;
    case NodeKind::Queue:
        paintQueue(p, r);
        break;
    case NodeKind::Exchange:
        paintExchange(p, r);
        break;
    case NodeKind::Consumer:
        paintConsumer(p, r);
        break;
    case NodeKind::Store:
        paintStore(p, r);
        break;
    }
    p->restore();
}

QIcon NodeShapes::icon(NodeKind kind, int size) {
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    const QSizeF sz = bodySize(kind);
    const double scale = (size - 4) / std::max(sz.width(), sz.height());
    p.translate(size / 2.0, size / 2.0);
    p.scale(scale, scale);
    paintBody(&p, kind, 3);
    return QIcon(pm);
}

QString NodeShapes::displayName(NodeKind kind) {
    switch (kind) {
    case NodeKind::Producer:
        return QStringLiteral("Producer");
    case NodeKind::Topic:
        return QStringLiteral("Topic");
    case NodeKind::Queue:
        return QStringLiteral("Queue");
    case NodeKind::Exchange:
        return QStringLiteral("Exchange");
    case NodeKind::Consumer:
        return QStringLiteral("Consumer");
    case NodeKind::Store:
        return QStringLiteral("Store");
    }
    return {};
}

QString NodeShapes::description(NodeKind kind) {
    switch (kind) {
    case NodeKind::Producer:
        return QStringLiteral("Publishes messages at a rate");
    case NodeKind::Topic:
        return QStringLiteral("Kafka-like partitioned log");
    case NodeKind::Queue:
        return QStringLiteral("SQS/RabbitMQ-like queue");
    case NodeKind::Exchange:
        return QStringLiteral("SNS topic / RabbitMQ exchange: routes copies");
    case NodeKind::Consumer:
        return QStringLiteral("A consumer group of identical instances");
    case NodeKind::Store:
        return QStringLiteral("Database or projection written by consumers");
    }
    return {};
}

} // namespace eventbench::ui
