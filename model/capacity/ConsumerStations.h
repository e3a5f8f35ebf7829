#pragma once
// How one consumer group's handlers serve what reaches it, as the engine does it, turned into
// queueing stations (part of CapacityModel). Queues: every handler (instances x concurrency)
// takes the next message, one G/G/c station. Topics: partitions are dealt to the members by
// the group's assignment strategy (range per topic; roundrobin, and sticky on a fresh group,
// cyclically); a partition is processed one message at a time, so a member with at least as
// many handlers as partitions is one G/G/1 station per partition, and a member with fewer
// handlers is one G/G/h station over its partitions. Members beyond the partitions are idle.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/capacity/QueueingFormulas.h"
#include "model/routing/KeyPartitioning.h"
#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// One input (topic or queue edge) of a consumer.
struct StationInput {
    bool topic = false;
    int partitions = 1;                        // topic
    bool roundRobin = false;                   // topic `partitioner: roundrobin` (keys ignored)
    std::vector<double> rates;                 // deliveries/s per message class
    std::vector<const KeyPartitioning *> keys; // per message class
    Moments busy;                              // handler seconds per delivery on this input
    double arrivalScv = 1; // of the stream into the bus (topic) or the group (queue)
};

/// The stations' verdict for one group.
struct StationLoad {
    double lambda = 0;
    std::int64_t servers = 0;
    double utilization = 0;          // the busiest station's rho (partition rho included)
    std::int64_t busiestServers = 1; // handlers of the station whose rho that is (topic: 1)
    double arrivalScv = 1;           // at the busiest station
    double lagGrowth = 0;
    bool overloaded = false;
    std::vector<double> inputWait;          // per input: mean wait of its deliveries (s)
    std::vector<double> inputUtilization;   // per input: rho its deliveries see, rate-weighted
    std::vector<std::int64_t> inputServers; // per input: servers of the station(s) it feeds
};

/// `instances` and `partitions` (per input; empty = as in the inputs) may differ from the
/// scenario for the suggestion search. `warmup`/`horizon` (s) bound the overload waits.
StationLoad evaluateStations(const ConsumerSpec &spec, int instances,
                             const std::vector<StationInput> &inputs,
                             const std::vector<int> &partitions, double warmup, double horizon);

/// The fewest instances that bring every station under `target` and, for a consumer of topics,
/// the partitions per topic that takes (today's count of its largest topic when that is enough,
/// otherwise the fewest that suffice; 0 for queue consumers); {0, 0} when no count up to the
/// search limits does (e.g. one key alone overloads a partition).
struct Suggestion {
    int instances = 0;
    int partitions = 0;
};
Suggestion suggestCapacity(const ConsumerSpec &spec, const std::vector<StationInput> &inputs,
                           double target);

} // namespace eventbench::model
