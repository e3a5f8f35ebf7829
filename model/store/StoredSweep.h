#pragma once
// A finished sweep as the results store keeps it (README.md#results-store, issue 17): the
// varied knob paths, each combination's values, the figures `sweep --out` writes in
// sweep.csv for it (mean and 95% interval over its replications) and how its expectations
// fared. Recorded by `sweep --db` and `merge --db`, read back by `runs` and the app's Runs
// panel. Plain values.
#include <cstddef>
#include <string>
#include <vector>

#include "model/results/ReplicationStats.h"
#include "model/results/RunReport.h"
#include "model/scenario/SweepPlan.h"

namespace eventbench::model {

struct StoredSweep {
    struct Combination {
        std::vector<std::string> values;        // one per path, as given to --vary
        std::vector<ReplicationFigure> figures; // sweep.csv's rows of the combination, in order
        std::size_t expectations = 0;           // judged on the means
        std::size_t failed = 0;                 // of those, how many failed
    };

    std::vector<std::string> paths; // the varied knob paths, in --vary order
    std::size_t replications = 1;   // per combination
    std::vector<Combination> combinations;

    /// The sweep of `plan` from each combination's statistics (figures at 95%, as sweep.csv
    /// has them) and its expectations judged on the means, in the plan's order.
    static StoredSweep of(const SweepPlan &plan, std::size_t replications,
                          const std::vector<ReplicationStats> &stats,
                          const std::vector<std::vector<RunReport::ExpectationResult>> &verdicts);
    /// Whether every combination passes every expectation.
    bool allPass() const;
    /// Combination `c`'s figure `node.metric.stat`, or nullptr.
    const ReplicationFigure *figure(std::size_t c, const std::string &node,
                                    const std::string &metric, const std::string &stat) const;
};

} // namespace eventbench::model
