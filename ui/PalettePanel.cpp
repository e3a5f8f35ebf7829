#include "PalettePanel.h"

#include <QMimeData>

#include "GraphView.h"
#include "NodeShapes.h"

namespace eventbench::ui {

namespace {
constexpr int kKindRole = Qt::UserRole + 1;
}

PalettePanel::PalettePanel(QWidget *parent) : QListWidget(parent) {
    setViewMode(QListView::ListMode);
    setIconSize(QSize(40, 40));
    setSpacing(2);
    setMinimumWidth(130);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
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

QStringList PalettePanel::mimeTypes() const {
    return {QString::fromLatin1(GraphView::kKindMimeType)};
}

QMimeData *PalettePanel::mimeData(const QList<QListWidgetItem *> &items) const {
    if (items.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(GraphView::kKindMimeType,
                  QByteArray::number(items.front()->data(kKindRole).toInt()));
    return data;
}

} // namespace eventbench::ui
