#pragma once
// `eventbench sweep FILE --vary PATH=V1,V2,... [--vary ...] [--replications N] [--out DIR]`
// (issue 8): every combination of the varied values (odometer order: the first --vary
// changes slowest), each run N times in parallel; DIR/sweep.csv holds one row per combination
// and figure (`PATH...,node,metric,stat,mean,ci95_low,ci95_high,n`), stdout a table with each
// expectation's figure and verdict per combination. Exit codes as for `run`; a bad --vary
// path or value is a diagnostic naming --vary (exit 2).
// With --shard I/N it runs only its share and writes the shard's files instead
// (app/commands/Sharding.h); `eventbench merge` joins them with finishSweep.
#include <cstddef>
#include <vector>

#include "app/CommandLine.h"
#include "app/commands/SweepResults.h"
#include "model/results/ReplicationStats.h"
#include "model/scenario/Scenario.h"
#include "model/scenario/SweepPlan.h"

namespace eventbench::app {

/// What the runs of a sweep add up to, in one process or merged from shards.
struct SweepOutcome {
    std::vector<model::ReplicationStats> stats; // per combination, replications in seed order
    std::size_t broken = 0;                     // runs with a non-zero ledger.unaccounted
    bool stopped = false;                       // a run stopped before its end (reported)
    double wall = 0;                            // seconds
};

int sweepCommand(const CommandLine &cmd);

/// `sweep: C combinations x R replications = N runs` (unless --quiet), before the runs.
void printSweepStart(const CommandLine &cmd, std::size_t combinations, std::size_t replications);

/// Judges every combination (`scenarios`, in the plan's order) on its means, writes
/// sweep.csv into cmd.outDir (when set), records the sweep in `db` (when active: --db), prints
/// the table; returns the exit code.
int finishSweep(const CommandLine &cmd, const model::SweepPlan &plan, const model::Scenario &base,
                const std::vector<model::Scenario> &scenarios, const SweepOutcome &outcome,
                SweepDb *db = nullptr);

} // namespace eventbench::app
