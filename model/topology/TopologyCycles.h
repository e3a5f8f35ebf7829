#pragma once
// Cycle findings of the topology (internal to TopologyDiagnostics): exchanges routing in a
// cycle, dead letters going round, and follow-up loops with their amplification.
#include <vector>

#include "model/scenario/Diagnostic.h"
#include "model/topology/TopologyGraph.h"

namespace eventbench::model {

/// Appends one diagnostic per cyclic strongly connected part of the graph that shows one of
/// the three problems, in file order of the part's first node.
void addCycleDiagnostics(const TopologyGraph &g, Diagnostics &out);

/// How many messages arrive back at member `start` for each message that passes it, where
/// `weights[i][j]` is the mean number of messages node i sends to node j per message it
/// handles (a strongly connected set). +infinity when a loop that avoids `start` already
/// grows without bound. Exact for a single loop: the product of its weights.
double returnGain(const std::vector<std::vector<double>> &weights, std::size_t start);

} // namespace eventbench::model
