#pragma once
// `eventbench sweep FILE --vary PATH=V1,V2,... [--vary ...] [--replications N] [--out DIR]`
// (issue 8): every combination of the varied values (odometer order: the first --vary
// changes slowest), each run N times in parallel; DIR/sweep.csv holds one row per combination
// and figure (`PATH...,node,metric,stat,mean,ci95_low,ci95_high,n`), stdout a table with each
// expectation's figure and verdict per combination. Exit codes as for `run`; a bad --vary
// path or value is a diagnostic naming --vary (exit 2).
#include "app/CommandLine.h"

namespace eventbench::app {

int sweepCommand(const CommandLine &cmd);

} // namespace eventbench::app
