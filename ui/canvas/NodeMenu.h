#pragma once
// A node's context menu on the canvas (right-click): the faults that apply to its kind,
// enabled while a run is live — each asks its parameters in a FaultDialog and goes to the
// run's worker through RunController::injectFault — and Rename/Delete while editing. A running
// run holds still (paused) while the menu and the fault dialog are open, and the fault starts at
// that simulated moment, the one of the right-click. Tells the window what happened through
// message(). GUI thread.
#include <QMenu>
#include <QObject>
#include <QPoint>
#include <QPointer>
#include <QString>

#include "model/scenario/Scenario.h"
#include "ui/live/FaultDialog.h"

namespace eventbench::ui {

class CanvasEditor;
class Document;
class RunController;

class NodeMenu : public QObject {
    Q_OBJECT
  public:
    NodeMenu(RunController *run, Document *document, CanvasEditor *editor, QWidget *window);

    /// Shows the menu of `nodeId` at `screenPos` without blocking (the node is selected).
    void popup(const QString &nodeId, const QPoint &screenPos);
    /// The menu shown last while it is open, else nullptr (for tests and screenshots).
    QMenu *menu() const { return m_menu; }
    /// The fault dialog while it is open, else nullptr.
    FaultDialog *dialog() const { return m_dialog; }
    /// Sends `fault` to the live run, starting at the moment the run holds still at (just after
    /// the events of that instant, as a fault of the file at that time would start); false (with
    /// a message) when no run is live.
    bool inject(const model::Fault &fault);
    /// True while a run is paused because the menu or the dialog is open.
    bool holding() const { return m_holding; }

  signals:
    void message(const QString &text, bool problem);
    /// The user chose Rename: the window focuses the inspector's id row.
    void renameRequested(const QString &nodeId);

  private:
    void chooseFault(const QString &nodeId, model::Fault::Kind kind);
    void reportInjected(const model::Fault &fault, bool accepted);
    const model::Node *node(const QString &id) const;
    void hold();
    void release();

    RunController *m_run;
    Document *m_document;
    CanvasEditor *m_editor;
    QWidget *m_window;
    QPointer<QMenu> m_menu;
    QPointer<FaultDialog> m_dialog;
    bool m_holding = false;
};

} // namespace eventbench::ui
