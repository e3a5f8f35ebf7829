#pragma once
// The view on the canvas: wheel zoom around the cursor, middle-button (or Space+drag) pan,
// rubber-band selection, fit to window, and drops of node kinds from the palette. GUI thread.
#include <QGraphicsView>
#include <QPointF>

#include "model/Scenario.h"

namespace eventbench::ui {

class GraphView : public QGraphicsView {
    Q_OBJECT
  public:
    explicit GraphView(QGraphicsScene *scene, QWidget *parent = nullptr);

    static constexpr const char *kKindMimeType = "application/x-eventbench-kind";

    double zoom() const { return transform().m11(); }

  public slots:
    void zoomIn();
    void zoomOut();
    void fitToWindow();
    void resetZoom();

  signals:
    void dropNodeRequested(eventbench::model::NodeKind kind, QPointF scenePos);

  protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

  private:
    void scaleBy(double factor);

    bool m_panning = false;
    bool m_spaceHeld = false;
    QPoint m_lastPan;
};

} // namespace eventbench::ui
