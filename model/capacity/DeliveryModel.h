#pragma once
// What one delivery costs a consumer's handler and how it ends (scenarios/README.md#nodes consumer:
// failure, retry with backoff and multiplier, store writes as part of processing;
// scenarios/README.md#edges: the latency of the edge from the bus delays the message while the
// handler holds it, as the engine does). Used by CapacityModel; pure values, times in seconds.
#include "model/capacity/QueueingFormulas.h"
#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// One delivery of a message to a handler: from taking it to its last attempt.
struct DeliveryModel {
    double success = 1;     // P(an attempt succeeds before max_attempts run out)
    double exhausted = 0;   // P(every attempt fails) = 1 - success
    Moments busy;           // handler time: attempts, backoffs, input edge latency, writes
    double successTime = 0; // E[handler time | success]
    double failedTime = 0;  // E[handler time | exhausted]
};

/// `alwaysFail`: the share of deliveries that fail every attempt (poison, schema versions not
/// in `accepts`); the others fail each attempt with probability spec.failure. `service`,
/// `inputLatency` and `writes` (every store write of a success, in order, with its edge
/// latency and any wait for a store slot) are in seconds.
DeliveryModel deliveryModel(const ConsumerSpec &spec, double alwaysFail, const Moments &service,
                            const Moments &inputLatency, const Moments &writes);

} // namespace eventbench::model
