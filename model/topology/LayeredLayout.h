#pragma once
// Automatic left-to-right placement of a topology (Sugiyama style): a column per rank, the
// rank being the longest path from the nodes without inputs once DFS back edges that close
// cycles are set aside; rows ordered within each column to reduce edge crossings. Used by the
// editor (ui::Layout) for scenarios without `pos`. Pure and deterministic: the same graph
// gives the same result, with no pointer or hash order anywhere.
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "model/topology/TopologyGraph.h"

namespace eventbench::model {

/// Columns and their top-to-bottom order, in vertices of the TopologyGraph (= node indices).
struct LayerAssignment {
    std::vector<int> rank;                         // per vertex: its column
    std::vector<std::vector<std::size_t>> layers;  // per column, the vertices from the top
    std::vector<TopologyGraph::EdgeDesc> reversed; // edges set aside because they close a cycle
    int crossings = 0; // crossings between neighbouring columns, counting long edges as
                       // passing through every column they span
};

/// Ranks every vertex and orders each column (barycentre sweeps down and up plus swaps of
/// neighbours, the best of a few passes).
LayerAssignment assignLayers(const TopologyGraph &g);

/// Positions (x, y) by node id: x = rank * columnGap; rows `rowGap` apart in each column,
/// centred on y = 0.
std::map<std::string, std::pair<double, double>> layeredLayout(const TopologyGraph &g,
                                                               double columnGap, double rowGap);

} // namespace eventbench::model
