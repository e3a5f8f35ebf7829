#pragma once
// One producer of a live run on its own thread and connection: arrivals at the scenario's rate
// (constant or Poisson, the profile's rate at each instant), keys, attributes as headers and
// routing keys drawn from the node's own seeded stream, one copy published to each bus it feeds.
#include <string>
#include <vector>

#include "live/LiveContext.h"
#include "live/LivePlan.h"

namespace eventbench::live {

struct ProducerJob {
    const model::Node *node = nullptr;
    std::uint64_t index = 0; // the producer's number: the high bits of its message ids
    std::vector<PlannedTarget> targets;
};

/// Runs until the run's duration or its stop flag; errors go to ctx.fail.
void runProducer(const ProducerJob &job, LiveContext &ctx);

} // namespace eventbench::live
