#pragma once
// The view on the canvas: wheel zoom around the cursor, middle-button (or Space+drag) pan,
// rubber-band selection, fit to window, and drops of node kinds dragged from the palette (a
// dashed outline previews where the node will go). GUI thread.
#include <QGraphicsView>
#include <QPointF>
#include <optional>

#include "model/scenario/Scenario.h"

namespace eventbench::ui {

class GraphView : public QGraphicsView {
    Q_OBJECT
  public:
    explicit GraphView(QGraphicsScene *scene, QWidget *parent = nullptr);

    double zoom() const { return transform().m11(); }

    /// A palette drag of `kind` is at `globalPos`: shows where the node would go. Returns
    /// whether that is over the canvas (and drops are allowed: acceptDrops()).
    bool previewDrop(model::NodeKind kind, const QPoint &globalPos);
    /// The drag ended at `globalPos`: emits dropNodeRequested() when that is over the canvas.
    bool dropAt(model::NodeKind kind, const QPoint &globalPos);
    void cancelDropPreview();

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
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

  private:
    void scaleBy(double factor);
    /// The scene point under `globalPos` when that is over the viewport and drops are allowed.
    std::optional<QPointF> dropPoint(const QPoint &globalPos) const;

    bool m_panning = false;
    bool m_spaceHeld = false;
    QPoint m_lastPan;
    std::optional<model::NodeKind> m_previewKind;
    QPointF m_previewPos;
};

} // namespace eventbench::ui
