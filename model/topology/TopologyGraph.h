#pragma once
// The scenario's topology as one Boost.Graph (bidirectional adjacency list): a vertex per
// node, an edge per scenarios/README.md#edges edge and per implicit flow (a `dead_letter` or
// `unroutable` target). Validation diagnostics, capacity analysis and layout all read this graph.
// It refers to the scenario by index and must not outlive it.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// Why messages travel along a graph edge.
enum class FlowKind {
    Edge,       // an entry of `edges:`
    DeadLetter, // a queue's or consumer's `dead_letter` target
    Unroutable, // an exchange's `unroutable` target
};

/// Vertex property: which scenario node this is.
struct TopologyVertex {
    std::size_t node = 0; // index into Scenario::nodes
    NodeKind kind = NodeKind::Producer;
};

/// Edge property: where the flow comes from in the scenario.
struct TopologyEdge {
    FlowKind flow = FlowKind::Edge;
    std::size_t edge = 0; // index into Scenario::edges (FlowKind::Edge only)
};

using TopologyBoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                                 TopologyVertex, TopologyEdge>;

/// A scenario's topology. Vertices are in file order (vertex i is Scenario::nodes[i]);
/// edges whose ends are not known nodes, and implicit targets that are not known nodes, are
/// left out (the validator reports them).
class TopologyGraph {
  public:
    using Vertex = TopologyBoostGraph::vertex_descriptor;
    using EdgeDesc = TopologyBoostGraph::edge_descriptor;

    explicit TopologyGraph(const Scenario &scenario);

    const Scenario &scenario() const { return m_scenario; }
    const TopologyBoostGraph &graph() const { return m_graph; }
    /// The vertex of a node id, if the scenario has that node.
    std::optional<Vertex> vertexOf(const std::string &id) const;
    const Node &node(Vertex v) const { return m_scenario.nodes[m_graph[v].node]; }
    /// The scenario edge behind a graph edge (FlowKind::Edge only).
    const Edge &edge(EdgeDesc e) const { return m_scenario.edges[m_graph[e].edge]; }

    /// The one rule for which node kinds may be connected (scenarios/README.md, edges): why an
    /// edge from a node of kind `from` to one of kind `to` is not allowed, as the editor shows
    /// it ("a store has no outgoing edges"), or an empty string when it is.
    static std::string edgeRefusal(NodeKind from, NodeKind to);
    /// Whether an edge from a node of kind `from` to one of kind `to` is allowed.
    static bool edgeAllowed(NodeKind from, NodeKind to) { return edgeRefusal(from, to).empty(); }
    /// Whether messages really travel along `e` at run time: an explicit edge
    /// scenarios/README.md#edges allows, or a dead-letter or unroutable flow into another node that
    /// is a bus.
    bool carriesMessages(EdgeDesc e) const;
    /// True for an explicit consumer -> bus edge (follow-up messages, scenarios/README.md#edges).
    bool isFollowUp(EdgeDesc e) const;

  private:
    const Scenario &m_scenario;
    TopologyBoostGraph m_graph;
    std::map<std::string, Vertex> m_byId;
};

} // namespace eventbench::model
