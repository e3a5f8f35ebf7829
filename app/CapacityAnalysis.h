#pragma once
// A back-of-the-envelope capacity check printed by `eventbench validate`: the mean message
// rate reaching each consumer group and store (rates propagated along the edges, faults
// ignored, exchange filters assumed to match) against what its members can process.
#include <string>
#include <vector>

#include "model/Scenario.h"

namespace eventbench::app {

struct CapacityRow {
    std::string node;
    std::string kind;    // consumer | store
    double inRate = 0;   // messages (writes) per second arriving, mean over the run
    double peakRate = 0; // the same with every producer at its peak rate
    double capacity = 0; // messages per second the node can complete; 0 = unlimited
    /// inRate / capacity (0 when unlimited).
    double utilization() const { return capacity > 0 ? inRate / capacity : 0; }
};

/// One row per consumer and per store, in file order.
std::vector<CapacityRow> analyseCapacity(const model::Scenario &scenario);

} // namespace eventbench::app
