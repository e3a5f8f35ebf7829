#include "ui/live/PartitionsPanel.h"

#include <QHeaderView>

#include "ui/live/RunData.h"

namespace eventbench::ui {

PartitionsPanel::PartitionsPanel(QWidget *parent) : QTableWidget(parent) {
    setObjectName(QStringLiteral("partitionsTable"));
    setColumnCount(7);
    setHorizontalHeaderLabels({tr("Topic"), tr("Partition"), tr("Group"), tr("Appended"), tr("Lag"),
                               tr("Max lag"), tr("Owner")});
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    verticalHeader()->setVisible(false);
    horizontalHeader()->setStretchLastSection(true);
    setToolTip(tr("Per partition and consumer group: records appended, the group's lag (log "
                  "end minus its commit) now and at most, and the owning member #n"));
}

void PartitionsPanel::refresh(const RunData &data) {
    const auto &rows = data.partitions();
    const int shown = std::min<int>(static_cast<int>(rows.size()), kMaxRows);
    const bool cut = static_cast<int>(rows.size()) > shown;
    setRowCount(shown + (cut ? 1 : 0));
    auto put = [this](int row, int column, const QString &text) {
        QTableWidgetItem *item = this->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            if (column != 0 && column != 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            setItem(row, column, item);
        }
        if (item->text() != text)
            item->setText(text);
    };
    for (int r = 0; r < shown; ++r) {
        const auto &p = rows[static_cast<std::size_t>(r)];
        const bool read = !p.group.empty();
        put(r, 0, QString::fromStdString(p.topic));
        put(r, 1, QString::number(p.partition));
        put(r, 2, read ? QString::fromStdString(p.group) : tr("(not read)"));
        put(r, 3, QString::number(p.appended));
        put(r, 4, read ? QString::number(p.lagFinal) : QString());
        put(r, 5, read ? QString::number(p.lagMax) : QString());
        put(r, 6,
            !read              ? QString()
            : p.ownerFinal < 0 ? tr("none")
                               : "#" + QString::number(p.ownerFinal));
    }
    if (cut) {
        put(shown, 0, tr("… %1 more rows in partitions.csv").arg(rows.size() - std::size_t(shown)));
        for (int c = 1; c < columnCount(); ++c)
            put(shown, c, QString());
    }
}

} // namespace eventbench::ui
