#pragma once
// The run's state in the status bar, kept until the next run or document rather than shown for
// a few seconds: `Running…`, `Paused` (`Paused while you choose a fault` when the node menu holds
// the run), `Stopped`, `The run failed: …`, or `Finished: …` with the events, the wall time and the
// expectations (the first failing one named). Red for a problem. Owned by the main window's
// status bar; GUI thread.
#include <QLabel>

namespace eventbench::ui {

class NodeMenu;
class RunController;

class RunStatusLabel : public QLabel {
    Q_OBJECT
  public:
    RunStatusLabel(RunController *run, NodeMenu *menu, QWidget *parent);

    /// Shows `text` (red when `problem`); empty clears.
    void show(const QString &text, bool problem = false);

  private:
    void onStateChanged();
    void onFinished();

    RunController *m_run;
    NodeMenu *m_menu;
};

} // namespace eventbench::ui
