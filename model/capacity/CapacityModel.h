#pragma once
// Static capacity analysis of a scenario (issue 4): mean and peak message rates propagated
// through the topology, and per consumer group its utilisation, predicted mean wait and
// end-to-end latency (Erlang C with the Allen-Cunneen correction, stations laid out as the
// simulator serves them), the lag growth when it cannot keep up, and the fewest instances and
// partitions that bring it under 80%. Used by `eventbench validate` and by the engine for the
// predicted rows of summary.csv. Pure function of the scenario; never throws on valid input.
#include <cstdint>
#include <string>
#include <vector>

#include "model/scenario/Diagnostic.h"
#include "model/topology/TopologyGraph.h"

namespace eventbench::model {

/// The prediction for one consumer group. Rates count deliveries (redeliveries and retried
/// receives included, duplicate copies an idempotent consumer suppresses excluded).
struct ConsumerCapacity {
    std::string node;
    double lambda = 0;        // deliveries/s, mean over the run
    double peakLambda = 0;    // deliveries/s with every producer at its peak rate (and spike)
    std::int64_t servers = 0; // handlers that can work at once (topic: per partition at most 1)
    double meanService = 0;   // E[S]: seconds a handler spends per delivery
    double serviceScv = 0;    // its squared coefficient of variation
    double arrivalScv = 1;    // of the arrivals at the busiest station
    double utilization = 0;   // rho of the busiest station (the hottest partition on a topic)
    bool overloaded = false;  // some station has rho >= 1
    // Erlang C's C(c, a) at the busiest station's utilisation (c its handlers, 1 for a topic's
    // partitions), Poisson arrivals assumed whatever they are; 1 when saturated.
    double waitProbability = 0;
    double predictedWait = 0; // mean seconds between arrival at the bus and delivery
    double predictedLatency =
        0; // mean seconds from origin to completion (scenarios/README.md#metrics latency)
    double lagGrowth = 0;        // deliveries/s the backlog grows by (0 when stable)
    int suggestedInstances = 0;  // fewest instances with rho < 0.8; 0 = no count suffices
    int suggestedPartitions = 0; // topic consumers: partitions per topic that takes (today's
                                 // largest count when enough); 0 for queue consumers and
                                 // when none suffices (e.g. one hot key)
    bool readsTopic = false;
    bool readsQueue = false;
};

struct CapacityOptions {
    bool suggestions = true; // the instance/partition search (skipped by the engine)
    double targetUtilization = 0.8;
    // Analyse each connected part of the graph alone (the same figures, in time and memory
    // linear in the parts' sizes); false analyses the whole graph as one (for comparison).
    bool byParts = true;
};

/// One entry per consumer, in file order.
struct CapacityReport {
    std::vector<ConsumerCapacity> consumers;
    // Cells (flow nodes x message classes) of the flow networks the analysis solved: what its
    // memory and time grow with (the sum over the graph's connected parts).
    std::size_t flowCells = 0;
    // Stores whose `capacity` cannot carry their writers (a warning at the store's capacity).
    Diagnostics warnings;
};

/// The analysis of a (validated) scenario's topology.
CapacityReport analyseCapacity(const TopologyGraph &graph, const CapacityOptions &options = {});

} // namespace eventbench::model
