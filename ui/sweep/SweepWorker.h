#pragma once
// Runs the simulations of a sweep for the app (issue 8): every combination's scenario times
// its replications, on a sim::BatchRunner (the same pool, seed rule and job order as
// `eventbench sweep`), so the app shows the same numbers. The object lives on the GUI thread
// and reports there; one coordinating thread waits for the batch, the pool's threads simulate.
#include <QObject>

#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

#include "model/results/ReplicationStats.h"
#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::sim {
class BatchRunner;
}

namespace eventbench::ui {

class SweepWorker : public QObject {
    Q_OBJECT
  public:
    explicit SweepWorker(QObject *parent = nullptr);
    /// Stops the runs and waits for the threads.
    ~SweepWorker() override;

    /// Runs `replications` replications (sim::BatchRunner's seed rule) of every scenario of
    /// `combinations` on `threads` threads (0: one per hardware thread). False while a sweep
    /// is running.
    bool start(std::vector<model::Scenario> combinations, std::size_t replications,
               unsigned threads = 0);
    /// Stops after the runs in progress reach their next slice; finished(true) follows.
    void cancel();
    bool isRunning() const { return m_thread.joinable(); }

    std::size_t runsDone() const { return m_done; }
    std::size_t runsTotal() const { return m_total; }
    /// Each combination's figures over its replications, once finished(false) came.
    const std::vector<model::ReplicationStats> &stats() const { return m_stats; }
    /// Each combination's expectations judged on the means (as `eventbench sweep` does).
    const std::vector<std::vector<model::RunReport::ExpectationResult>> &verdicts() const {
        return m_verdicts;
    }

  signals:
    void progress(int done, int total);
    void finished(bool cancelled);

  private:
    void jobDone(std::size_t job, model::RunReport report);
    void batchEnded(bool complete);

    std::vector<model::Scenario> m_combinations;
    std::size_t m_replications = 1;
    std::size_t m_total = 0;
    std::vector<model::RunReport> m_reports; // summary and counts only, per job
    std::unique_ptr<sim::BatchRunner> m_runner;
    std::thread m_thread;
    std::size_t m_done = 0;
    std::vector<model::ReplicationStats> m_stats;
    std::vector<std::vector<model::RunReport::ExpectationResult>> m_verdicts;
};

} // namespace eventbench::ui
