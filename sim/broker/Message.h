#pragma once
// The compact message record that buses store and actors pass by value (scenarios/README.md).
// Strings (event types, attribute sets, routing keys) are interned in a run-wide StringTable.
#include <cstdint>

#include "sim/kernel/Time.h"

namespace eventbench::sim {

struct Message {
    std::uint64_t id = 0;        // unique per run; bus duplicates keep the id
    std::uint64_t causation = 0; // id of the message it reacted to (0 = none)
    Time origin = 0;             // when its first ancestor was produced
    Time stamp = 0;              // when the bus holding it accepted it
    std::uint32_t key = 0;       // 0 = none; 1 + n for `key-<n>`; kExplicitKey | interned string

    std::uint32_t size = 0;       // bytes
    std::uint32_t eventType = 0;  // interned
    std::uint32_t attributes = 0; // interned attribute set (0 = none)
    std::uint32_t routingKey = 0; // interned (0 = none)
    std::uint16_t schemaVersion = 1;
    std::uint8_t flags = 0;

    static constexpr std::uint8_t kPoison = 1;
    static constexpr std::uint8_t kLateAppend = 2; // appended after a message with a higher id
    /// Marks a key that is an interned explicit key string (a producer's `keys: {values}`).
    static constexpr std::uint32_t kExplicitKey = std::uint32_t{1} << 31;
    static constexpr std::uint8_t kOutOfOrder = 4;       // after a newer message of the same key
    static constexpr std::uint8_t kAppendPending = 0x80; // in transit to a topic's append
    bool poisoned() const { return flags & kPoison; }
};

} // namespace eventbench::sim
