#pragma once
// `eventbench runs list | show ID | export ID --out DIR | compare ID ID | delete ID --db FILE`
// (issue 6): reads, exports, compares and deletes the runs recorded in a results store, and
// the sweeps (issue 17: one entry of kind sweep each; compare refuses them).
// Returns the exit code: 0 done, 2 bad input (no such store or run, unwritable directory),
// 3 internal error.
#include <cstdint>
#include <cstdio>

#include "app/CommandLine.h"
#include "model/store/ResultsStore.h"

namespace eventbench::app {

int runsCommand(const CommandLine &cmd);

/// `runs compare`: the two runs' figures side by side with differences and ratios.
int compareRuns(const model::ResultsStore &store, std::int64_t a, std::int64_t b,
                CommandLine::Format format, std::FILE *out);

/// `runs show` and `runs export` of a sweep (RunsSweep.cpp).
int showSweep(const model::ResultsStore &store, const model::StoredRun &run,
              const CommandLine &cmd);
int exportSweep(const model::ResultsStore &store, const model::StoredRun &run,
                const CommandLine &cmd);

} // namespace eventbench::app
