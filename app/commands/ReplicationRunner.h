#pragma once
// Runs independent simulations (the replications of `run --replications N`, the points of a
// sweep) on worker threads, one Engine per thread at a time, and hands each finished report
// to the calling thread in job order, so that everything written from them is deterministic.
#include <cstddef>
#include <functional>
#include <vector>

#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::app {

class ReplicationRunner {
  public:
    /// Called on the thread that called run(), once per job, in job order.
    using Consumer = std::function<void(std::size_t job, model::RunReport &&report)>;

    /// `threads` 0: one per hardware thread.
    explicit ReplicationRunner(unsigned threads = 0);

    /// Simulates every scenario of `jobs` (each validated) and passes the reports to
    /// `consume`; wallSeconds is each run's own wall time. An exception thrown by a worker or
    /// by `consume` stops the remaining jobs and is rethrown here.
    void run(const std::vector<model::Scenario> &jobs, const Consumer &consume) const;

    /// `scenario` with its seed replaced by seed + index: replication `index` of a set.
    static model::Scenario replication(const model::Scenario &scenario, std::size_t index);

  private:
    unsigned m_threads;
};

} // namespace eventbench::app
