#pragma once
// The capacity model's view of what producers send (input of CapacityModel): message classes
// per producer, schema version and poison, since everything that decides a message's route and
// fate (attributes, routing key, key, version, poison) comes from its producer and is kept by
// follow-ups and dead letters.
// Faults that change load over the run (spike, duplicate, poison, schema) are folded in as
// time averages (mean) and their worst value (peak). Built from a TopologyGraph; pure values.
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "model/routing/KeyPartitioning.h"
#include "model/topology/TopologyGraph.h"

namespace eventbench::model {

/// One producer's messages of one schema version, poisoned or not (a poisoned message fails
/// every attempt everywhere; its follow-ups are never produced, dead letters keep it).
struct MessageClass {
    std::size_t vertex = 0; // the producer's vertex
    int version = 1;        // schema version
    bool poisoned = false;
    double meanRate = 0;   // messages/s over the run (profile mean x time-averaged spike)
    double peakRate = 0;   // the profile's maximum x the largest spike factor, same split
    double arrivalScv = 1; // the producer's: Poisson 1, constant 0
    std::shared_ptr<const KeyPartitioning> keys; // shared by the producer's classes
};

/// The duplicate-copy probability a bus applies, averaged over the run and at its worst.
struct BusDuplicates {
    double mean = 0;
    double peak = 0;
};

/// Classes in producer file order (then version, clean before poisoned), and the duplicate
/// probabilities per vertex (0 for non-buses).
struct MessageClasses {
    std::vector<MessageClass> classes;
    std::vector<BusDuplicates> duplicates; // indexed by vertex
};

MessageClasses messageClasses(const TopologyGraph &g);

/// The fraction of a class that an exchange outlet's condition (filter on attributes, binding
/// on the routing key) lets through; `edges` are an exchange's outlets. Returns one
/// probability per outlet, then the probability that none matches (unroutable). Exact by
/// enumerating the attribute and routing-key combinations (up to 1e5 of them; beyond that,
/// outlets are treated as independent for the unroutable share).
std::vector<double> routingProbabilities(const ProducerSpec &producer,
                                         const std::vector<const Edge *> &edges);

} // namespace eventbench::model
