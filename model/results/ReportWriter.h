#pragma once
// Writes a finished run's report as the CSV files of README.md#command-line (RFC 4180, '.' decimal
// point, header row, "\n" line ends). Pure functions over a RunReport; callable from any thread.
#include <ostream>
#include <string>

#include "model/results/RunReport.h"
#include "model/scenario/Diagnostic.h"

namespace eventbench::model {

/// `time_s,node,metric,value`: one row per sample and series, by sample then series order.
void writeTimeseriesCsv(std::ostream &out, const RunReport &report);
/// `node,metric,stat,value`: the summary rows, then one row per expectation
/// (`expect,<text>,pass|fail,<measured>`), then the run's own figures (`run,<figure>,value,..`).
void writeSummaryCsv(std::ostream &out, const RunReport &report);
/// `time_s,node,event,detail`: the event log.
void writeEventsCsv(std::ostream &out, const RunReport &report);
/// `topic,partition,group,appended,lag_final,lag_max,owner_final`: one row per topic
/// partition and group reading it (the group, lag and owner columns empty when none does).
void writePartitionsCsv(std::ostream &out, const RunReport &report);
/// Creates `dir` if needed and writes timeseries.csv, summary.csv, events.csv and (unless
/// `partitions` is false: a report loaded from the results store, which keeps no partitions)
/// partitions.csv there.
/// Problems (an unwritable directory or file) come back as diagnostics; never throws.
Diagnostics writeReport(const std::string &dir, const RunReport &report, bool partitions = true);

/// Deterministic, locale-independent shortest round-trip text of a value: integers without a
/// fraction (`3`, `1000000`), `0.25`, `1e-07`; `-0` prints `0`, NaN `nan`, infinities `inf`.
std::string formatValue(double v);

} // namespace eventbench::model
