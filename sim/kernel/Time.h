#pragma once
// Simulated time for the kernel: integer nanoseconds since the start of a run.
#include <cstdint>

#include "model/scenario/Scenario.h"

namespace eventbench::sim {

using Time = model::SimTime;

/// "No such time": an event that will never happen (e.g. a producer whose rate stays 0).
constexpr Time kTimeNever = INT64_MAX;
/// Nanoseconds in a second, for converting rates and durations given in seconds.
constexpr double kNsPerSecond = 1e9;

} // namespace eventbench::sim
