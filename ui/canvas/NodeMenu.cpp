#include "ui/canvas/NodeMenu.h"

#include <QFontMetrics>
#include <QMenu>
#include <QTimer>
#include <QWidget>

#include <algorithm>

#include "model/scenario/Units.h"
#include "ui/canvas/NodeShapes.h"
#include "ui/editor/CanvasEditor.h"
#include "ui/editor/Document.h"
#include "ui/live/FaultDialog.h"
#include "ui/live/RunController.h"

namespace eventbench::ui {

NodeMenu::NodeMenu(RunController *run, Document *document, CanvasEditor *editor, QWidget *window)
    : QObject(window), m_run(run), m_document(document), m_editor(editor), m_window(window) {
    connect(run, &RunController::faultInjected, this, &NodeMenu::reportInjected);
}

const model::Node *NodeMenu::node(const QString &id) const {
    // During a run the run's copy is what faults apply to (the document may not be edited).
    const model::Scenario &s = m_run->isLive() ? m_run->runScenario() : m_document->scenario();
    return s.findNode(id.toStdString());
}

void NodeMenu::popup(const QString &nodeId, const QPoint &screenPos) {
    const model::Node *n = node(nodeId);
    if (!n)
        return;
    if (m_menu)
        m_menu->close();
    auto *menu = new QMenu(m_window);
    menu->setObjectName(QStringLiteral("nodeMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setToolTipsVisible(true);
    const QString title = QStringLiteral("%1 (%2)").arg(nodeId, NodeShapes::displayName(n->kind));
    menu->addSection(title);
    // A section title does not widen the menu by itself: it would be clipped.
    QFont bold = menu->font();
    bold.setBold(true);
    menu->setMinimumWidth(QFontMetrics(bold).horizontalAdvance(title) + 40);
    const bool live = m_run->isLive();
    const QVector<FaultChoice> choices = FaultDialog::choicesFor(n->kind);
    for (const FaultChoice &c : choices) {
        QAction *a = menu->addAction(c.label);
        a->setObjectName(QStringLiteral("fault-") + FaultDialog::kindName(c.kind));
        a->setEnabled(live);
        a->setToolTip(live ? c.help : tr("Start a run (Run > Run) to inject faults"));
        a->setStatusTip(c.help);
        const model::Fault::Kind kind = c.kind;
        connect(a, &QAction::triggered, this, [this, nodeId, kind] { chooseFault(nodeId, kind); });
    }
    if (choices.isEmpty()) {
        QAction *none = menu->addAction(
            tr("No faults apply to a %1").arg(NodeShapes::displayName(n->kind).toLower()));
        none->setEnabled(false);
    }
    menu->addSeparator();
    QAction *rename =
        menu->addAction(tr("Rename…"), this, [this, nodeId] { emit renameRequested(nodeId); });
    rename->setObjectName(QStringLiteral("rename"));
    rename->setEnabled(!live);
    QAction *del = menu->addAction(tr("Delete"), m_editor, &CanvasEditor::deleteSelection);
    del->setObjectName(QStringLiteral("delete"));
    del->setEnabled(!live);
    m_menu = menu;
    hold();
    // A chosen item is triggered after the menu hides: let it open its dialog first (or another
    // menu replace this one).
    connect(menu, &QMenu::aboutToHide, this, [this] {
        QTimer::singleShot(0, this, [this] {
            if (!m_dialog && !(m_menu && m_menu->isVisible()))
                release();
        });
    });
    menu->popup(screenPos);
}

void NodeMenu::hold() {
    if (m_holding || m_run->state() != RunController::State::Running)
        return;
    m_holding = true; // before pausing: the window says why it is paused
    m_run->pause();
}

void NodeMenu::release() {
    if (!m_holding)
        return;
    m_holding = false;
    m_run->resume();
}

void NodeMenu::chooseFault(const QString &nodeId, model::Fault::Kind kind) {
    const model::Node *n = node(nodeId);
    if (!n || !m_run->isLive()) {
        emit message(tr("The run has ended; nothing was injected"), true);
        return;
    }
    if (!FaultDialog::hasParameters(kind)) {
        inject(FaultDialog::defaultFault(kind, *n));
        return;
    }
    if (m_dialog)
        m_dialog->reject();
    auto *dialog = new FaultDialog(kind, *n, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setStartTime(m_run->data().now());
    // The paused worker may report where it stopped after the dialog opened.
    connect(m_run, &RunController::dataChanged, dialog,
            [this, dialog] { dialog->setStartTime(m_run->data().now()); });
    // Injected before the run resumes: it starts where the run held still.
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
        if (result == QDialog::Accepted)
            inject(dialog->fault());
        release();
    });
    m_dialog = dialog;
    dialog->open();
}

bool NodeMenu::inject(const model::Fault &input) {
    model::Fault fault = input;
    // One nanosecond after the held instant: the run has done that instant's events, as a file's
    // fault at this time would find it done; stored with the run, the fault re-runs the same.
    if (m_run->isLive())
        fault.at = std::max(fault.at, m_run->data().now() + 1);
    if (!m_run->injectFault(fault)) {
        emit message(tr("No run is live; start one to inject faults"), true);
        return false;
    }
    return true;
}

void NodeMenu::reportInjected(const model::Fault &fault, bool accepted) {
    const QString what = FaultDialog::kindName(fault.kind);
    const QString target = QString::fromStdString(fault.target);
    if (!accepted) {
        emit message(tr("The run refused the %1 of %2 (not valid for this node)").arg(what, target),
                     true);
        return;
    }
    const QString at = QString::number(double(fault.at) / 1e9, 'f', 1);
    QString text = tr("Injected %1 into %2 at t = %3 s").arg(what, target, at);
    if (fault.duration)
        text += tr(" for %1").arg(QString::fromStdString(model::formatDuration(*fault.duration)));
    emit message(text, false);
}

} // namespace eventbench::ui
