#pragma once
// The broker objects a live run declares for a scenario (README.md, "Checked against a real
// RabbitMQ"): one classic queue per queue node (TTL, max length and overflow as queue arguments),
// one exchange per exchange node (headers when its edges filter, topic when they bind routing keys,
// fanout otherwise), one binding per exchange edge (per combination of filtered values), and for
// each producer where its messages go. Every name carries the run's prefix, so runs never share an
// object and teardown deletes exactly what was declared. Pure function of a scenario that
// checkLivePlayable accepted.
#include <optional>
#include <string>
#include <vector>

#include "live/AmqpClient.h"
#include "model/scenario/Scenario.h"

namespace eventbench::live {

struct PlannedQueue {
    std::string node; // the scenario's queue id
    std::string name; // on the broker
    AmqpTable arguments;
};

struct PlannedExchange {
    std::string node;
    std::string name;
    std::string type; // fanout | topic | headers
};

struct PlannedBinding {
    std::string queue;    // broker name
    std::string exchange; // broker name
    std::string key;
    AmqpTable arguments;
};

/// Where one producer edge publishes: an exchange by name, or a queue through the default
/// exchange (exchange "", the routing key the queue's name).
struct PlannedTarget {
    std::string producer; // node id
    std::string exchange;
    std::string queue; // set when publishing straight to a queue
};

struct LivePlan {
    std::string prefix;
    std::vector<PlannedQueue> queues;
    std::vector<PlannedExchange> exchanges;
    std::vector<PlannedBinding> bindings;
    std::vector<PlannedTarget> targets;

    /// The broker name of node `id`.
    std::string nameOf(const std::string &id) const { return prefix + id; }
};

/// `prefix` is prepended to every name (e.g. `eventbench-<pid>-<random>.`). `expires`: the
/// queues' x-expires, a safety net that lets the broker remove them if teardown never runs.
LivePlan makeLivePlan(const model::Scenario &scenario, const std::string &prefix,
                      model::SimTime expires);

} // namespace eventbench::live
