#include "model/topology/TopologyGraph.h"

namespace eventbench::model {

TopologyGraph::TopologyGraph(const Scenario &scenario)
    : m_scenario(scenario), m_graph(scenario.nodes.size()) {
    for (std::size_t i = 0; i < scenario.nodes.size(); ++i) {
        const Node &n = scenario.nodes[i];
        m_graph[i] = TopologyVertex{i, n.kind};
        m_byId.emplace(n.id, i); // the first of duplicate ids wins; the validator reports them
    }
    for (std::size_t i = 0; i < scenario.edges.size(); ++i) {
        const auto from = vertexOf(scenario.edges[i].from);
        const auto to = vertexOf(scenario.edges[i].to);
        if (from && to)
            boost::add_edge(*from, *to, TopologyEdge{FlowKind::Edge, i}, m_graph);
    }
    auto addImplicit = [&](Vertex from, const std::string &target, FlowKind flow) {
        if (target.empty())
            return;
        if (const auto to = vertexOf(target))
            boost::add_edge(from, *to, TopologyEdge{flow, 0}, m_graph);
    };
    for (std::size_t i = 0; i < scenario.nodes.size(); ++i) {
        const Node &n = scenario.nodes[i];
        if (n.kind == NodeKind::Queue)
            addImplicit(i, n.queue.deadLetter, FlowKind::DeadLetter);
        else if (n.kind == NodeKind::Consumer)
            addImplicit(i, n.consumer.deadLetter, FlowKind::DeadLetter);
        else if (n.kind == NodeKind::Exchange)
            addImplicit(i, n.exchange.unroutable, FlowKind::Unroutable);
    }
}

namespace {
std::string withArticle(NodeKind kind) {
    return (kind == NodeKind::Exchange ? "an " : "a ") + std::string(toString(kind));
}
} // namespace

std::string TopologyGraph::edgeRefusal(NodeKind from, NodeKind to) {
    switch (from) {
    case NodeKind::Producer:
    case NodeKind::Exchange:
        if (isBus(to))
            return {};
        return withArticle(from) + " can only send to a topic, queue or exchange, not to " +
               withArticle(to);
    case NodeKind::Topic:
    case NodeKind::Queue:
        if (to == NodeKind::Consumer)
            return {};
        return withArticle(from) + " can only be read by a consumer, not by " + withArticle(to);
    case NodeKind::Consumer:
        if (isBus(to) || to == NodeKind::Store)
            return {};
        return "a consumer can only publish follow-ups to a bus or write to a store, not to " +
               withArticle(to);
    case NodeKind::Store:
        return "a store has no outgoing edges";
    }
    return "unknown node kind";
}

bool TopologyGraph::carriesMessages(EdgeDesc e) const {
    const Vertex from = boost::source(e, m_graph);
    const Vertex to = boost::target(e, m_graph);
    if (m_graph[e].flow == FlowKind::Edge)
        return edgeAllowed(m_graph[from].kind, m_graph[to].kind);
    return from != to && isBus(m_graph[to].kind);
}

bool TopologyGraph::isFollowUp(EdgeDesc e) const {
    return m_graph[e].flow == FlowKind::Edge && carriesMessages(e) &&
           m_graph[boost::source(e, m_graph)].kind == NodeKind::Consumer &&
           isBus(m_graph[boost::target(e, m_graph)].kind);
}

std::optional<TopologyGraph::Vertex> TopologyGraph::vertexOf(const std::string &id) const {
    const auto it = m_byId.find(id);
    if (it == m_byId.end())
        return std::nullopt;
    return it->second;
}

} // namespace eventbench::model
