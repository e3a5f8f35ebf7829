#pragma once
// The checks of validate that a run can make progress in simulated time: a loop that sends a
// message round at one instant forever, and timers so much finer than the run is long that it
// cannot finish (scenarios/README.md#what-eventbench-validate-checks). Pure function, used by
// validateScenario.
#include "model/scenario/Diagnostic.h"
#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// Timer events a run may have before it is refused: validate counts a group's commit ticks,
/// the memory estimate also counts them per instance (MemoryEstimate).
inline constexpr double kMaxTimerEvents = 1e9;

/// Appends an error for each zero-time loop and each timer that is too fine, positioned at
/// the node concerned. Nodes or edges that name unknown nodes are skipped (reported elsewhere).
void checkProgress(const Scenario &s, Diagnostics &out);

} // namespace eventbench::model
