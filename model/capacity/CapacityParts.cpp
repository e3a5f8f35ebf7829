#include "model/capacity/CapacityParts.h"

#include <numeric>
#include <unordered_map>

namespace eventbench::model {

namespace {

std::size_t findRoot(std::vector<std::size_t> &parent, std::size_t v) {
    while (parent[v] != v) {
        parent[v] = parent[parent[v]];
        v = parent[v];
    }
    return v;
}

} // namespace

TopologyParts topologyParts(const TopologyGraph &graph) {
    const TopologyBoostGraph &g = graph.graph();
    const std::size_t n = boost::num_vertices(g);
    std::vector<std::size_t> parent(n);
    std::iota(parent.begin(), parent.end(), std::size_t{0});
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        const std::size_t a = findRoot(parent, boost::source(*e, g));
        const std::size_t b = findRoot(parent, boost::target(*e, g));
        if (a != b)
            parent[std::max(a, b)] = std::min(a, b);
    }
    TopologyParts parts;
    parts.partOf.assign(graph.scenario().nodes.size(), 0);
    std::vector<std::size_t> number(n, n);
    for (std::size_t v = 0; v < n; ++v) {
        const std::size_t root = findRoot(parent, v);
        if (number[root] == n)
            number[root] = parts.count++;
        parts.partOf[g[v].node] = number[root];
    }
    return parts;
}

std::vector<Scenario> partScenarios(const Scenario &scenario, const TopologyParts &parts) {
    Scenario base;
    base.name = scenario.name;
    base.seed = scenario.seed;
    base.duration = scenario.duration;
    base.sampleEvery = scenario.sampleEvery;
    base.warmup = scenario.warmup;
    base.warmupAuto = scenario.warmupAuto;
    base.fileName = scenario.fileName;
    std::vector<Scenario> out(parts.count, base);
    std::unordered_map<std::string, std::size_t> partOfId;
    for (std::size_t i = 0; i < scenario.nodes.size(); ++i) {
        out[parts.partOf[i]].nodes.push_back(scenario.nodes[i]);
        partOfId.emplace(scenario.nodes[i].id, parts.partOf[i]);
    }
    // An edge or fault naming an unknown node is not in the graph; it goes nowhere.
    for (const Edge &e : scenario.edges)
        if (auto it = partOfId.find(e.from); it != partOfId.end())
            out[it->second].edges.push_back(e);
    for (const Fault &f : scenario.faults)
        if (auto it = partOfId.find(f.target); it != partOfId.end())
            out[it->second].faults.push_back(f);
    return out;
}

} // namespace eventbench::model
