#pragma once
// Runs independent simulations (the replications of `run --replications N`, the points of a
// sweep, in the CLI and in the app) on a pool of worker threads, one RunDriver per thread at a
// time, and hands each finished report to the thread that called run() in job order, so that
// everything computed from them is the same whatever the number of threads. Holds the one
// seed rule of replications. cancel() (any thread) ends this object's batches for good.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::sim {

class BatchRunner {
  public:
    /// Called on the thread that called run(), once per job, in job order.
    using Consumer = std::function<void(std::size_t job, model::RunReport &&report)>;

    /// `threads` 0: usableCpus().
    explicit BatchRunner(unsigned threads = 0);
    /// The CPUs this process may run on (its affinity mask), at least 1.
    static unsigned usableCpus();

    /// Simulates every scenario of `jobs` (each validated) and passes the reports to
    /// `consume`; wallSeconds is each run's own wall time. True when every job was consumed,
    /// false when cancel() stopped the batch first. An exception thrown by a worker or by
    /// `consume` stops the remaining jobs and is rethrown here.
    bool run(const std::vector<model::Scenario> &jobs, const Consumer &consume);
    /// Any thread: the runs in progress stop at their next slice, no further job starts and
    /// run() returns false without consuming more. Also before run(): it then runs nothing.
    void cancel();
    bool cancelled() const { return m_cancel.load(); }
    unsigned threads() const { return m_threads; }

    /// The seed rule: replication `index` of a set runs with seed base + index (seeds
    /// seed..seed+N-1; wraps like any uint64).
    static std::uint64_t replicationSeed(std::uint64_t base, std::size_t index);
    /// `scenario` with the seed of replication `index`.
    static model::Scenario replication(const model::Scenario &scenario, std::size_t index);
    /// The jobs of `replications` replications of every scenario of `points`, point by point
    /// (job j is replication j % replications of point j / replications).
    static std::vector<model::Scenario> replications(const std::vector<model::Scenario> &points,
                                                     std::size_t replications);
    /// The point that job `job` of replications() belongs to.
    static std::size_t pointOf(std::size_t job, std::size_t replications) {
        return job / replications;
    }

  private:
    void work(const std::vector<model::Scenario> &jobs);
    bool runJob(const model::Scenario &job, std::size_t index);

    const unsigned m_threads;
    std::atomic<bool> m_cancel{false}; // asked by cancel()
    std::atomic<bool> m_stop{false};   // workers stop: cancelled, failed or all consumed
    std::atomic<std::size_t> m_next{0};
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::vector<std::optional<model::RunReport>> m_done; // finished, not yet consumed
    std::exception_ptr m_failure;
};

} // namespace eventbench::sim
