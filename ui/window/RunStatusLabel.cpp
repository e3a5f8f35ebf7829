#include "ui/window/RunStatusLabel.h"

#include <QPainter>
#include <QStyle>

#include "ui/canvas/NodeMenu.h"
#include "ui/live/RunController.h"

namespace eventbench::ui {

RunStatusLabel::RunStatusLabel(RunController *run, NodeMenu *menu, QWidget *parent)
    : QLabel(parent), m_run(run), m_menu(menu) {
    setObjectName(QStringLiteral("runStatus"));
    // A long verdict must not widen the window: it takes the room there is and is cut at a
    // word when that is too little, whole in the tooltip.
    setMinimumWidth(120);
    connect(run, &RunController::stateChanged, this, &RunStatusLabel::onStateChanged);
    connect(run, &RunController::runFinished, this, &RunStatusLabel::onFinished);
}

void RunStatusLabel::show(const QString &text, bool problem) {
    setText(text);
    setToolTip(text);
    setStyleSheet(problem ? QStringLiteral("color:#c62828") : QString());
}

QSize RunStatusLabel::minimumSizeHint() const {
    return {120, QLabel::minimumSizeHint().height()};
}

QString RunStatusLabel::elideAtWord(const QString &text, const QFontMetrics &fm, int width) {
    if (fm.horizontalAdvance(text) <= width)
        return text;
    const QString ellipsis = QStringLiteral("…");
    for (qsizetype cut = text.lastIndexOf(QLatin1Char(' ')); cut > 0;
         cut = text.lastIndexOf(QLatin1Char(' '), cut - 1)) {
        QString head = text.left(cut);
        while (head.endsWith(QLatin1Char(',')) || head.endsWith(QLatin1Char(';')) ||
               head.endsWith(QLatin1Char('(')) || head.endsWith(QLatin1Char(':')))
            head.chop(1);
        if (fm.horizontalAdvance(head + ellipsis) <= width)
            return head + ellipsis;
    }
    return fm.elidedText(text, Qt::ElideRight, width); // not even the first word fits
}

QString RunStatusLabel::shownText() const {
    return elideAtWord(text(), fontMetrics(), contentsRect().width());
}

void RunStatusLabel::paintEvent(QPaintEvent *) {
    QPainter p(this);
    style()->drawItemText(&p, contentsRect(), int(alignment()), palette(), isEnabled(), shownText(),
                          foregroundRole());
}

void RunStatusLabel::onStateChanged() {
    using S = RunController::State;
    switch (m_run->state()) {
    case S::Running:
        show(tr("Running…"));
        break;
    case S::Paused:
        show(m_menu->holding() ? tr("Paused while you choose a fault") : tr("Paused"));
        break;
    case S::Stopped:
        show(tr("Stopped"));
        break;
    case S::Failed:
        show(tr("The run failed: %1").arg(m_run->lastError()), true);
        break;
    case S::Idle:
        show(QString());
        break;
    case S::Finished:
        break; // runFinished() follows with the verdicts
    }
}

void RunStatusLabel::onFinished() {
    const model::RunReport *r = m_run->report();
    if (!r)
        return;
    int pass = 0;
    QString firstFailure;
    for (const auto &x : r->expectations) {
        pass += x.pass ? 1 : 0;
        if (!x.pass && firstFailure.isEmpty())
            firstFailure = QString::fromStdString(x.text);
    }
    const int fail = int(r->expectations.size()) - pass;
    show(tr("Finished: %1 events in %2 s; expectations %3 passed, %4 failed%5%6")
             .arg(r->eventCount)
             .arg(r->wallSeconds, 0, 'f', 2)
             .arg(pass)
             .arg(fail)
             .arg(firstFailure.isEmpty() ? QString() : tr(" (%1)").arg(firstFailure))
             .arg(r->unaccounted ? tr("; LEDGER UNACCOUNTED %1").arg(r->unaccounted) : QString()),
         fail > 0 || r->unaccounted != 0);
}

} // namespace eventbench::ui
