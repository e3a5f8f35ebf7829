#pragma once
// Prints the capacity analysis of `eventbench validate` (model::analyseCapacity): an aligned
// table with units for people, or CSV with one row per consumer for machines (columns in
// kCsvHeader, documented in scenarios/README.md).
#include <cstdio>

#include "model/capacity/CapacityModel.h"

namespace eventbench::app {

class CapacityTable {
  public:
    static constexpr const char *kCsvHeader =
        "node,lambda_per_s,peak_lambda_per_s,servers,utilization,wait_probability,predicted_wait_s,"
        "predicted_latency_s,lag_growth_per_s,suggested_instances,suggested_partitions";

    explicit CapacityTable(const model::CapacityReport &report) : m_report(report) {}

    /// The readable table and a line per consumer that cannot keep up (mean or peak).
    void printText(std::FILE *out) const;
    /// kCsvHeader and one row per consumer.
    void printCsv(std::FILE *out) const;

  private:
    const model::CapacityReport &m_report;
};

} // namespace eventbench::app
