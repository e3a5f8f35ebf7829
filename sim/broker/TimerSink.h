#pragma once
// How broker objects ask to be woken at a simulated time without owning the event queue.
#include <cstdint>

#include "sim/kernel/Time.h"

namespace eventbench::sim {

class TimerSink {
  public:
    virtual ~TimerSink() = default;
    /// Calls the owner's timer handler for `target` with `payload` at time `at`.
    virtual void wakeAt(Time at, std::uint32_t target, std::uint64_t payload) = 0;
};

} // namespace eventbench::sim
