#pragma once
// Runs the simulations of a sweep for the app (issue 8): every combination's scenario times
// its replications, on worker threads (one Engine per thread at a time), and gathers each
// combination's figures in job order, so the app shows the same numbers as `eventbench
// sweep`. The object lives on the GUI thread and reports there; the threads only simulate.
#include <QObject>

#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

#include "model/results/ReplicationStats.h"
#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::ui {

class SweepWorker : public QObject {
    Q_OBJECT
  public:
    explicit SweepWorker(QObject *parent = nullptr);
    /// Stops the runs and waits for the threads.
    ~SweepWorker() override;

    /// Runs `replications` seeds (seed, seed+1, ...) of every scenario of `combinations` on
    /// `threads` threads (0: one per hardware thread). False while a sweep is running.
    bool start(std::vector<model::Scenario> combinations, std::size_t replications,
               unsigned threads = 0);
    /// Stops after the runs in progress reach their next slice; finished(true) follows.
    void cancel();
    bool isRunning() const { return !m_threads.empty(); }

    std::size_t runsDone() const { return m_done; }
    std::size_t runsTotal() const { return m_jobs.size(); }
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
    void work();
    void jobDone(std::size_t job, model::RunReport report);
    void threadExited();

    std::vector<model::Scenario> m_combinations;
    std::vector<model::Scenario> m_jobs;
    std::size_t m_replications = 1;
    std::vector<model::RunReport> m_reports; // summary and counts only, per job
    std::vector<std::thread> m_threads;
    std::atomic<std::size_t> m_next{0};
    std::atomic<bool> m_cancel{false};
    std::size_t m_done = 0;
    std::size_t m_exited = 0;
    std::vector<model::ReplicationStats> m_stats;
    std::vector<std::vector<model::RunReport::ExpectationResult>> m_verdicts;
};

} // namespace eventbench::ui
