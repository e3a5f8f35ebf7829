#pragma once
// Reads back a report directory that writeReport wrote (timeseries.csv, summary.csv,
// events.csv) into a RunReport, for `eventbench merge --db` (README.md#spreading-a-sweep-over-
// machines), which records the replications of shards in the results store. Pure function;
// problems come back as diagnostics naming the file, line and column.
#include <optional>
#include <string>

#include "model/results/RunReport.h"
#include "model/scenario/Diagnostic.h"

namespace eventbench::model {

/// The series and sample times, the summary rows, the expectation verdicts, the events and
/// the run's own figures of the report in `dir` (partitions.csv is not read: the results
/// store keeps no partitions).
std::optional<RunReport> readReport(const std::string &dir, Diagnostics *diags);

} // namespace eventbench::model
