#pragma once
// The figures of several replications of one scenario (issue 8: `run --replications N`,
// `sweep`): each summary figure's mean and 95% Student t interval over the replications, and
// the expectations judged on those. Filled on one thread; plain values, safe to copy.
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/results/ConfidenceInterval.h"
#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// One figure over the replications: `node,metric,stat` and its mean with interval.
struct ReplicationFigure {
    std::string node;
    std::string metric;
    std::string stat;
    ConfidenceInterval ci;
};

class ReplicationStats {
  public:
    /// Adds one replication's figures: every summary row (node figures, ledger, the run's
    /// `warmup_s`) plus `run,events,value` and `run,messages,value`. The seed, the wall time
    /// and the fingerprint differ by design and are left out. Add in seed order: the figures
    /// keep the first report's order.
    void add(const RunReport &report);
    std::size_t count() const { return m_count; }

    /// Every figure with its mean and interval at `level` (NaN values left out of each).
    std::vector<ReplicationFigure> figures(double level = 0.95) const;
    /// One figure, or nullopt-like `n == 0` interval when it was never reported.
    ConfidenceInterval figure(const std::string &node, const std::string &metric,
                              const std::string &stat, double level = 0.95) const;

    /// Judges the scenario's expectations on the means or, when `pessimistic`, on the end of
    /// the interval that is worse for the expectation: the upper bound for `<` and `<=`, the
    /// lower bound for `>` and `>=` (`==` and `!=` stay on the mean). `measured` is the value
    /// judged; a figure without a value fails as not measured.
    std::vector<RunReport::ExpectationResult> judge(const Scenario &scenario, bool pessimistic,
                                                    double level = 0.95) const;

  private:
    std::size_t indexOf(const std::string &node, const std::string &metric,
                        const std::string &stat);

    struct Key {
        std::string node, metric, stat;
    };
    std::vector<Key> m_keys;
    std::vector<std::vector<double>> m_values; // [figure][replication], NaN when missing
    std::unordered_map<std::string, std::size_t> m_index;
    std::size_t m_count = 0;
};

} // namespace eventbench::model
