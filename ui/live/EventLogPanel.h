#pragma once
// The run's event log: faults applied and reverted, crashes, rebalances, ... as they arrive,
// then the expectation verdicts when the run ends. GUI thread.
#include <QTreeWidget>

#include "model/results/RunReport.h"

namespace eventbench::ui {

class RunData;

class EventLogPanel : public QTreeWidget {
    Q_OBJECT
  public:
    static constexpr int kMaxRows = 20000;

    explicit EventLogPanel(QWidget *parent = nullptr);

    /// Adds the events of `data` not shown yet.
    void appendFrom(const RunData &data);
    /// Adds one row per expectation (PASS/FAIL with the measured value) and the ledger check.
    void showVerdicts(const model::RunReport &report);
    void note(const QString &text);
    void clearLog();
    int eventRows() const { return m_shown; }

  private:
    int m_shown = 0;
};

} // namespace eventbench::ui
