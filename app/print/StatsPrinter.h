#pragma once
// `eventbench run --stats`: the run's own speed and footprint (events and messages per wall
// second, peak resident memory), printed to stderr so that stdout keeps the report summary.
#include <cstdio>

#include "model/results/RunReport.h"

namespace eventbench::app {

/// Peak resident set size of this process so far, in bytes (getrusage ru_maxrss).
long long peakResidentBytes();

/// One line: `stats: wall_s=.. events=.. events_per_s=.. messages=.. messages_per_s=..
/// sim_per_wall=.. peak_rss_mib=..` (wall time as in the report: building and running).
void printRunStats(std::FILE *out, const model::RunReport &report);

} // namespace eventbench::app
