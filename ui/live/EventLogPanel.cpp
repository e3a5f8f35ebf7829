#include "ui/live/EventLogPanel.h"

#include <QHeaderView>
#include <QScrollBar>
#include <cmath>

#include "model/scenario/Units.h"
#include "ui/live/RunData.h"

namespace eventbench::ui {

namespace {

QString timeText(double seconds) {
    const qint64 ms = std::llround(seconds * 1000);
    return QStringLiteral("%1:%2.%3")
        .arg(ms / 60000)
        .arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

} // namespace

EventLogPanel::EventLogPanel(QWidget *parent) : QTreeWidget(parent) {
    setColumnCount(4);
    setHeaderLabels({tr("Time"), tr("Node"), tr("Event"), tr("Detail")});
    setRootIsDecorated(false);
    setAlternatingRowColors(true);
    setUniformRowHeights(true);
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    // The detail is the one column worth reading in full: hover shows it whole.
    setMouseTracking(true);
}

void EventLogPanel::appendFrom(const RunData &data) {
    const auto &events = data.events();
    if (int(events.size()) <= m_shown)
        return;
    const bool atBottom = topLevelItemCount() == 0 || verticalScrollBar() == nullptr ||
                          verticalScrollBar()->value() == verticalScrollBar()->maximum();
    QList<QTreeWidgetItem *> rows;
    for (int i = m_shown; i < int(events.size()) && m_shown + rows.size() < kMaxRows; ++i) {
        const auto &e = events[i];
        auto *row = new QTreeWidgetItem(
            {timeText(double(e.time) / 1e9), QString::fromStdString(e.node),
             QString::fromStdString(e.event), QString::fromStdString(e.detail)});
        row->setToolTip(3, row->text(3)); // the whole detail, however narrow the column
        rows << row;
    }
    m_shown += int(rows.size());
    addTopLevelItems(rows);
    if (m_shown >= kMaxRows && int(events.size()) > m_shown) {
        note(tr("Event log truncated at %1 rows; the exported report has all of them.")
                 .arg(kMaxRows));
        m_shown = int(events.size());
    }
    if (atBottom)
        scrollToBottom();
}

void EventLogPanel::showVerdicts(const model::RunReport &report) {
    const QString end = timeText(report.simSeconds);
    for (const auto &x : report.expectations) {
        auto *item = new QTreeWidgetItem(
            this, {end, QStringLiteral("expect"), x.pass ? tr("PASS") : tr("FAIL"),
                   QStringLiteral("%1   (measured %2)")
                       .arg(QString::fromStdString(x.text),
                            x.known ? QString::fromStdString(model::formatNumber(x.measured))
                                    : tr("unknown"))});
        const QColor c = x.pass ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28);
        for (int col = 0; col < 4; ++col) {
            item->setForeground(col, c);
            item->setToolTip(col, item->text(2) + QStringLiteral(": ") + item->text(3));
        }
        QFont f = item->font(2);
        f.setBold(true);
        item->setFont(2, f);
    }
    auto *ledger = new QTreeWidgetItem(
        this, {end, QStringLiteral("ledger"),
               !report.unaccountedMeasured ? tr("n/a")
               : report.unaccounted == 0   ? tr("OK")
                                           : tr("BUG"),
               tr("unaccounted = %1, %2 events, %3 messages, fingerprint %4")
                   .arg(report.unaccountedMeasured ? QString::number(report.unaccounted)
                                                   : tr("not measured"))
                   .arg(report.eventCount)
                   .arg(report.messages)
                   .arg(report.fingerprint, 16, 16, QLatin1Char('0'))});
    ledger->setToolTip(3, ledger->text(3));
    if (report.unaccounted != 0)
        ledger->setForeground(2, QColor(0xc6, 0x28, 0x28));
    scrollToBottom();
}

void EventLogPanel::note(const QString &text) {
    auto *item = new QTreeWidgetItem(this, {QString(), QString(), tr("note"), text});
    item->setToolTip(3, text);
    item->setForeground(3, QColor(0x60, 0x60, 0x60));
}

void EventLogPanel::clearLog() {
    clear();
    m_shown = 0;
}

} // namespace eventbench::ui
