#include "ui/live/EventLogDetail.h"

#include <QEvent>
#include <QVBoxLayout>

#include "ui/live/EventLogPanel.h"

namespace eventbench::ui {

namespace {

// Lines of detail the strip keeps room for; a longer text is in the row's tooltip.
constexpr int kLines = 3;

} // namespace

EventLogDetail::EventLogDetail(EventLogPanel *log, QWidget *parent) : QLabel(parent), m_log(log) {
    setObjectName(QStringLiteral("eventLogDetail"));
    setTextFormat(Qt::PlainText); // details come from scenario files: never markup
    setWordWrap(true);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setContentsMargins(4, 2, 4, 2);
    // A fixed height: the log above does not jump as the text's length changes.
    const QMargins m = contentsMargins();
    setFixedHeight(fontMetrics().lineSpacing() * kLines + m.top() + m.bottom() + 2 * frameWidth() +
                   4);
    connect(log, &QTreeWidget::itemEntered, this, [this](QTreeWidgetItem *row) {
        m_hovered = row;
        follow();
    });
    connect(log, &QTreeWidget::currentItemChanged, this, [this] { follow(); });
    // Rows arrive and the log is cleared without a signal of their own; the model's do.
    connect(log->model(), &QAbstractItemModel::rowsInserted, this, [this] { follow(); });
    connect(log->model(), &QAbstractItemModel::modelReset, this, [this] {
        m_hovered = nullptr;
        follow();
    });
    connect(log->model(), &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this] { m_hovered = nullptr; });
    m_viewport = log->viewport();
    m_viewport->installEventFilter(this);
    follow();
}

QWidget *EventLogDetail::wrap(EventLogPanel *log, QWidget *parent) {
    auto *box = new QWidget(parent);
    // The strip is the box's first child, the log (moved in by the layout) the second: the box
    // deletes the strip first, so no signal or event of a log being destroyed reaches it.
    auto *detail = new EventLogDetail(log, box);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(log, 1);
    layout->addWidget(detail);
    return box;
}

bool EventLogDetail::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_viewport && event->type() == QEvent::Leave && m_hovered) {
        m_hovered = nullptr;
        follow();
    }
    return QLabel::eventFilter(watched, event);
}

void EventLogDetail::follow() {
    const QTreeWidgetItem *row = m_hovered;
    if (!row)
        row = m_log->currentItem();
    if (!row && m_log->topLevelItemCount() > 0)
        row = m_log->topLevelItem(m_log->topLevelItemCount() - 1);
    showRow(row);
}

void EventLogDetail::showRow(const QTreeWidgetItem *row) {
    if (!row) {
        clear();
        setToolTip(QString());
        return;
    }
    // "time  node  event: detail", the parts a narrow log cuts first.
    QStringList head;
    for (int col = 0; col < 3; ++col)
        if (!row->text(col).isEmpty())
            head << row->text(col);
    QString text = head.join(QStringLiteral("  "));
    if (!row->text(3).isEmpty())
        text += QStringLiteral(": ") + row->text(3);
    setText(text);
    setToolTip(text);
}

} // namespace eventbench::ui
