#pragma once
// The connected parts of a topology (part of CapacityModel): nodes joined by any flow (an edge,
// a dead_letter, an unroutable target), and each part as a scenario of its own, so that the
// capacity analysis of many independent pipelines costs the sum of their sizes, not their
// product with the number of message classes. Pure values.
#include <cstddef>
#include <vector>

#include "model/topology/TopologyGraph.h"

namespace eventbench::model {

/// Which part each node (by Scenario::nodes index) belongs to; parts are numbered in the order
/// of their first node.
struct TopologyParts {
    std::vector<std::size_t> partOf;
    std::size_t count = 0;
};

TopologyParts topologyParts(const TopologyGraph &graph);

/// One scenario per part: the scenario's own settings, the part's nodes and edges in file
/// order, and the faults aimed at its nodes (expectations are left out).
std::vector<Scenario> partScenarios(const Scenario &scenario, const TopologyParts &parts);

} // namespace eventbench::model
