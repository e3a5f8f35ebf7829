#pragma once
// The commands' side of the memory budget (README.md#memory-budget): a scenario whose
// estimated needs do not fit is refused before it runs (exit 2), and a run the engine stopped
// early (at the budget or at a zero-time loop) is reported (exit 2).
#include <string>
#include <vector>

#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::app {

/// False after printing the knobs that make `scenario` (loaded from `file` with `overrides`)
/// too large for the memory budget or its timers too many.
bool fitsMemoryBudget(const std::string &file, const std::vector<std::string> &overrides,
                      const model::Scenario &scenario);
/// True after printing `FILE: error: PREFIX<why>` when the run stopped before its end (at the
/// memory budget, or at a zero-time loop).
bool reportStopped(const std::string &file, const model::RunReport &report,
                   const std::string &prefix = {});

} // namespace eventbench::app
