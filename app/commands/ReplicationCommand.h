#pragma once
// `eventbench run FILE --replications N [--confidence]` (issue 8): runs seeds seed..seed+N-1
// in parallel, writes each replication's report to DIR/rep-<seed>/ and the means with 95%
// Student t intervals to DIR/replications.csv, records every replication with --db, prints
// mean ± half-width and judges the expectations on the means (or, with --confidence, on the
// pessimistic bound). Exit codes as for `run`; 3 when any replication breaks the ledger.
// With --shard I/N it runs only its share (app/commands/Sharding.h); `eventbench merge`
// joins the shards with finishReplications.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "app/CommandLine.h"
#include "model/results/ReplicationStats.h"
#include "model/scenario/Scenario.h"

namespace eventbench::app {

/// What the replications add up to, in one process or merged from shards.
struct ReplicationOutcome {
    model::ReplicationStats stats;          // in seed order
    std::vector<std::uint64_t> brokenSeeds; // runs with a non-zero ledger.unaccounted
    bool stopped = false;                   // a run stopped before its end (reported)
    int exitCode = 0;                       // 2 or 3 when a report or record failed
    double wall = 0;                        // seconds
    double runSeconds = 0;                  // the runs' own wall times, summed
};

int replicationsCommand(const CommandLine &cmd);

/// Writes replications.csv into cmd.outDir (when set), prints the table and the expectations
/// judged on the means; returns the exit code.
int finishReplications(const CommandLine &cmd, const model::Scenario &scenario, std::size_t n,
                       const ReplicationOutcome &outcome);

} // namespace eventbench::app
