#include "ui/canvas/PalettePanel.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>

#include "ui/canvas/NodeShapes.h"

namespace eventbench::ui {

namespace {
constexpr int kKindRole = Qt::UserRole + 1;
}

PalettePanel::PalettePanel(QWidget *parent) : QListWidget(parent) {
    setObjectName(QStringLiteral("palette"));
    setViewMode(QListView::ListMode);
    setIconSize(QSize(40, 40));
    setSpacing(2);
    setMinimumWidth(130);
    setDragEnabled(false);
    setSelectionMode(QAbstractItemView::SingleSelection);
    for (int k = 0; k <= int(model::NodeKind::Store); ++k) {
        const auto kind = model::NodeKind(k);
        auto *item = new QListWidgetItem(NodeShapes::icon(kind, 40), NodeShapes::displayName(kind));
        item->setData(kKindRole, k);
        item->setToolTip(NodeShapes::description(kind) +
                         QStringLiteral("\nDouble-click or drag onto the canvas to add."));
        addItem(item);
    }
    connect(this, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        if (isEnabled())
            emit addNodeRequested(model::NodeKind(item->data(kKindRole).toInt()));
    });
}

QListWidgetItem *PalettePanel::itemFor(model::NodeKind kind) const {
    return item(int(kind));
}

void PalettePanel::mousePressEvent(QMouseEvent *event) {
    QListWidget::mousePressEvent(event);
    m_pressKind.reset();
    if (event->button() != Qt::LeftButton)
        return;
    if (QListWidgetItem *it = itemAt(event->position().toPoint())) {
        m_pressKind = model::NodeKind(it->data(kKindRole).toInt());
        m_pressPos = event->position().toPoint();
    }
}

void PalettePanel::mouseMoveEvent(QMouseEvent *event) {
    const QPoint p = event->position().toPoint();
    if (m_pressKind && !m_dragging && (event->buttons() & Qt::LeftButton) &&
        (p - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        m_dragging = true;
        viewport()->setCursor(Qt::DragCopyCursor);
    }
    if (m_dragging) {
        emit dragMoved(*m_pressKind, event->globalPosition().toPoint());
        event->accept();
        return;
    }
    QListWidget::mouseMoveEvent(event);
}

void PalettePanel::mouseReleaseEvent(QMouseEvent *event) {
    if (m_dragging && event->button() == Qt::LeftButton) {
        const model::NodeKind kind = *m_pressKind;
        endDrag();
        emit dragDropped(kind, event->globalPosition().toPoint());
        event->accept();
        return;
    }
    m_pressKind.reset();
    QListWidget::mouseReleaseEvent(event);
}

void PalettePanel::keyPressEvent(QKeyEvent *event) {
    if (m_dragging && event->key() == Qt::Key_Escape) {
        endDrag();
        emit dragCancelled();
        return;
    }
    QListWidget::keyPressEvent(event);
}

void PalettePanel::changeEvent(QEvent *event) {
    if (event->type() == QEvent::EnabledChange && !isEnabled() && m_dragging) {
        endDrag();
        emit dragCancelled();
    }
    QListWidget::changeEvent(event);
}

void PalettePanel::endDrag() {
    m_dragging = false;
    m_pressKind.reset();
    viewport()->unsetCursor();
}

} // namespace eventbench::ui
