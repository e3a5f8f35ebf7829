#pragma once
// Obligations and their outcomes (scenarios/README.md#how-the-simulation-behaves): every message a
// bus accepts creates one obligation per consumer group that consumes from it, and each ends
// exactly once. Pending obligations are counted from the buses' state at the end, independently of
// these counters, so that `unaccounted` really checks the simulator.
#include <cstdint>

namespace eventbench::sim {

struct Ledger {
    std::int64_t obligations = 0;
    std::int64_t completed = 0;
    std::int64_t deadLettered = 0;
    std::int64_t discarded = 0;
    std::int64_t expired = 0;
    std::int64_t skipped = 0;

    std::int64_t ended() const { return completed + deadLettered + discarded + expired + skipped; }
    std::int64_t unaccounted(std::int64_t pending) const { return obligations - ended() - pending; }
};

} // namespace eventbench::sim
