#pragma once
// The readable and CSV output of replicated runs (issue 8): the node table as mean ± 95%
// half-width, the expectation lines judged on means or bounds, and the rows of
// replications.csv / sweep.csv (`...,node,metric,stat,mean,ci95_low,ci95_high,n`).
#include <cstdio>
#include <string>
#include <vector>

#include "model/results/ReplicationStats.h"
#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::app {

class ReplicationPrinter {
  public:
    ReplicationPrinter(const model::Scenario &scenario, const model::ReplicationStats &stats)
        : m_scenario(scenario), m_stats(stats) {}

    /// The node table (the same figures as a single run's) followed by the ledger line.
    void printTable(std::FILE *out) const;
    /// `PASS  text  (mean 12.3 ± 0.4, n 30)`; with `pessimistic` the judged bound comes first:
    /// `FAIL  text  (upper bound 12.7; mean 12.3 ± 0.4, n 30)`.
    void printExpectations(std::FILE *out,
                           const std::vector<model::RunReport::ExpectationResult> &results,
                           bool pessimistic) const;

    /// `mean ± half-width` as printed (`2001.5 ± 64.6`, the half-width to 3 digits); just the
    /// mean when the interval is missing (n < 2) or has zero width (a figure that never varies).
    static std::string meanText(const model::ConfidenceInterval &ci, bool duration = false);

    /// The CSV header `prefix...,node,metric,stat,mean,ci95_low,ci95_high,n` and one row per
    /// figure with the `prefix` fields first (RFC 4180 quoting, shortest round-trip numbers).
    static std::string csvHeader(const std::vector<std::string> &prefix);
    static void appendCsvRows(std::string &buf, const std::vector<std::string> &prefix,
                              const std::vector<model::ReplicationFigure> &figures);

  private:
    const model::Scenario &m_scenario;
    const model::ReplicationStats &m_stats;
};

} // namespace eventbench::app
