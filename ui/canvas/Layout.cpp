#include "ui/canvas/Layout.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/topology/LayeredLayout.h"
#include "model/topology/TopologyGraph.h"

namespace eventbench::ui {

std::map<std::string, std::pair<double, double>> Layout::compute(const model::Scenario &s) {
    const model::TopologyGraph graph(s);
    auto pos = model::layeredLayout(graph, kColumnGap, kRowGap);
    for (auto &[id, p] : pos)
        p = {std::round(p.first), std::round(p.second)};
    return pos;
}

bool Layout::placeMissing(model::Scenario &s) {
    bool anyMissing = false;
    bool anyPlaced = false;
    double maxY = -std::numeric_limits<double>::max();
    for (const auto &node : s.nodes) {
        if (node.pos)
            maxY = std::max(maxY, node.pos->second), anyPlaced = true;
        else
            anyMissing = true;
    }
    if (!anyMissing)
        return false;
    const auto pos = compute(s);
    double minLayoutY = 0;
    for (const auto &[id, p] : pos)
        minLayoutY = std::min(minLayoutY, p.second);
    // Nodes placed by hand stay; the rest go below them, in layout order.
    const double shift = anyPlaced ? std::round(maxY + kRowGap - minLayoutY) : 0;
    for (auto &node : s.nodes)
        if (!node.pos) {
            const auto &p = pos.at(node.id);
            node.pos = std::make_pair(p.first, p.second + shift);
        }
    return true;
}

void Layout::layoutAll(model::Scenario &s) {
    const auto pos = compute(s);
    for (auto &node : s.nodes)
        node.pos = pos.at(node.id);
}

} // namespace eventbench::ui
