#pragma once
// `eventbench merge DIR... --out DIR` (issue 17, README.md#spreading-a-sweep-over-machines):
// joins the shards that `sweep --shard` or `run --replications --shard` wrote into the files
// the same command run in one process writes (sweep.csv, or replications.csv and rep-SEED/),
// and prints what it prints. Refuses, with exit 2 and diagnostics naming the files, a
// directory that is not a complete shard, shards of different inputs, a shard given twice and
// missing shards.
#include "app/CommandLine.h"

namespace eventbench::app {

int mergeCommand(const CommandLine &cmd);

} // namespace eventbench::app
