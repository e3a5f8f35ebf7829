#include "ui/canvas/GraphView.h"

#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "ui/canvas/NodeShapes.h"

namespace eventbench::ui {

GraphView::GraphView(QGraphicsScene *scene, QWidget *parent) : QGraphicsView(scene, parent) {
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
    setAcceptDrops(true);
    // A generous scene rect lets the user pan past the nodes.
    setSceneRect(-5000, -5000, 10000, 10000);
}

void GraphView::scaleBy(double factor) {
    const double z = zoom() * factor;
    if (z < 0.1 || z > 5)
        return;
    scale(factor, factor);
}

void GraphView::zoomIn() {
    scaleBy(1.25);
}
void GraphView::zoomOut() {
    scaleBy(0.8);
}
void GraphView::resetZoom() {
    setTransform(QTransform());
}

void GraphView::fitToWindow() {
    if (!scene())
        return;
    QRectF r = scene()->itemsBoundingRect();
    if (r.isEmpty()) {
        resetZoom();
        centerOn(0, 0);
        return;
    }
    r.adjust(-40, -40, 40, 40);
    fitInView(r, Qt::KeepAspectRatio);
    // Small scenarios would otherwise be blown up to giant boxes.
    if (zoom() > 1.4)
        setTransform(QTransform::fromScale(1.4, 1.4));
    centerOn(r.center());
}

void GraphView::wheelEvent(QWheelEvent *event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    scaleBy(std::pow(1.15, steps));
    event->accept();
}

void GraphView::mousePressEvent(QMouseEvent *event) {
    if (event->button() == Qt::MiddleButton || (m_spaceHeld && event->button() == Qt::LeftButton)) {
        m_panning = true;
        m_lastPan = event->position().toPoint();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void GraphView::mouseMoveEvent(QMouseEvent *event) {
    if (m_panning) {
        const QPoint p = event->position().toPoint();
        const QPoint d = p - m_lastPan;
        m_lastPan = p;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void GraphView::mouseReleaseEvent(QMouseEvent *event) {
    if (m_panning) {
        m_panning = false;
        setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void GraphView::keyPressEvent(QKeyEvent *event) {
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        setCursor(Qt::OpenHandCursor);
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void GraphView::keyReleaseEvent(QKeyEvent *event) {
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        setCursor(Qt::ArrowCursor);
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

std::optional<QPointF> GraphView::dropPoint(const QPoint &globalPos) const {
    const QPoint local = viewport()->mapFromGlobal(globalPos);
    if (!acceptDrops() || !viewport()->rect().contains(local))
        return std::nullopt;
    return mapToScene(local);
}

bool GraphView::previewDrop(model::NodeKind kind, const QPoint &globalPos) {
    const std::optional<QPointF> p = dropPoint(globalPos);
    if (!p) {
        cancelDropPreview();
        return false;
    }
    m_previewKind = kind;
    m_previewPos = *p;
    viewport()->update();
    return true;
}

bool GraphView::dropAt(model::NodeKind kind, const QPoint &globalPos) {
    const std::optional<QPointF> p = dropPoint(globalPos);
    cancelDropPreview();
    if (!p)
        return false;
    emit dropNodeRequested(kind, *p);
    return true;
}

void GraphView::cancelDropPreview() {
    if (!m_previewKind)
        return;
    m_previewKind.reset();
    viewport()->update();
}

void GraphView::drawBackground(QPainter *painter, const QRectF &rect) {
    painter->fillRect(rect, QColor(0xfa, 0xfb, 0xfc));
    // A light dot grid gives a sense of scale when zooming.
    const double step = 40;
    if (zoom() < 0.35)
        return;
    painter->setPen(QPen(QColor(0xd5, 0xda, 0xe0), 1.5 / zoom()));
    const double left = std::floor(rect.left() / step) * step;
    const double top = std::floor(rect.top() / step) * step;
    QVector<QPointF> dots;
    for (double x = left; x < rect.right(); x += step)
        for (double y = top; y < rect.bottom(); y += step)
            dots.append(QPointF(x, y));
    painter->drawPoints(dots.data(), int(dots.size()));
}

void GraphView::drawForeground(QPainter *painter, const QRectF &) {
    if (m_previewKind) {
        // Where a node dragged from the palette will land.
        painter->save();
        painter->translate(m_previewPos);
        painter->setPen(QPen(QColor(0x1a, 0x73, 0xe8), 1.5, Qt::DashLine));
        painter->setBrush(QColor(0x1a, 0x73, 0xe8, 40));
        painter->drawPath(NodeShapes::outline(*m_previewKind));
        painter->restore();
    }
    if (!scene() || !scene()->items().isEmpty())
        return;
    // An empty canvas says how to start.
    painter->save();
    painter->resetTransform();
    painter->setPen(QColor(0x80, 0x86, 0x8c));
    QFont f = font();
    f.setPointSizeF(11);
    painter->setFont(f);
    painter->drawText(viewport()->rect(), Qt::AlignCenter,
                      tr("Double-click a kind in the palette, or drag it here, to add a node.\n"
                         "Shift+drag from one node to another to connect them.\n"
                         "File > Open loads a scenario."));
    painter->restore();
}

} // namespace eventbench::ui
