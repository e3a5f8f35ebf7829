#pragma once
// The kinds of event one engine schedules on its EventQueue, and what target and payload
// mean for each. The run fingerprint hashes the kind and the target of every event, so the
// numbers must not change.
#include <cstdint>

namespace eventbench::sim {

enum EventKind : std::uint32_t {
    kArrival,      // target: producer index, payload: producer epoch
    kTransit,      // target: node index, payload: transit slot (edge latency, append latency)
    kHandlerStep,  // target: handler index, payload: handler epoch
    kQueueTimer,   // target: queue runtime index, payload: MessageQueue timer payload
    kSample,       // target: 0
    kCommitTick,   // target: group index, payload: GroupCoordinator timer payload
    kFaultApply,   // target: fault index
    kFaultRevert,  // target: fault index
    kSessionCheck, // target: group index, payload: GroupCoordinator timer payload
    kRebalanceEnd, // target: group index, payload: GroupCoordinator timer payload
    kPublishRetry, // target: producer index
    kBreakerTimer, // target: group index, payload: CircuitBreaker::phase() when it opened
    kBreakerWake,  // target: group index: its breaker lets attempts through again
    kTlsReady,     // target: group index, payload: member index (its TLS handshakes ended)
    kGroupJoin,    // target: group index (join_at came)
    kAutoscale,    // target: group index (an autoscale interval ended)
    kMembersJoin,  // target: group index (autoscaled members finished starting)
};

} // namespace eventbench::sim
