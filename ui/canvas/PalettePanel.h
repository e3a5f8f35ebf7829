#pragma once
// The palette of the six node kinds: double-click one, or drag it onto the canvas, to add a
// node of that kind. The drag is the palette's own mouse gesture (press, move, release over
// the canvas) rather than a platform drag-and-drop, so it behaves the same on every platform
// and under test; the window forwards it to GraphView. GUI thread.
#include <QListWidget>
#include <QPoint>
#include <optional>

#include "model/scenario/Scenario.h"

namespace eventbench::ui {

class PalettePanel : public QListWidget {
    Q_OBJECT
  public:
    explicit PalettePanel(QWidget *parent = nullptr);

    /// The row of a kind (the order of model::NodeKind).
    QListWidgetItem *itemFor(model::NodeKind kind) const;
    bool isDragging() const { return m_dragging; }

  signals:
    void addNodeRequested(eventbench::model::NodeKind kind);
    /// A kind is being dragged; the cursor is at `globalPos`.
    void dragMoved(eventbench::model::NodeKind kind, const QPoint &globalPos);
    /// The button was released at `globalPos` (the receiver decides whether that is a drop).
    void dragDropped(eventbench::model::NodeKind kind, const QPoint &globalPos);
    /// Escape pressed or the palette was disabled during a drag.
    void dragCancelled();

  protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

  private:
    void endDrag();

    std::optional<model::NodeKind> m_pressKind;
    QPoint m_pressPos;
    bool m_dragging = false;
};

} // namespace eventbench::ui
