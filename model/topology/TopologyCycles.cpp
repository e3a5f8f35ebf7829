#include "model/topology/TopologyCycles.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/graph/visitors.hpp>
#include <boost/property_map/property_map.hpp>

#include "model/yaml/YamlReader.h"

namespace eventbench::model {

namespace {

using Vertex = TopologyGraph::Vertex;
using EdgeDesc = TopologyGraph::EdgeDesc;

// Which flows a cycle check looks at.
enum class Part {
    Exchanges,   // exchange -> exchange, by edge or `unroutable`
    NoFollowUps, // everything but consumer -> bus follow-ups: where dead letters can go
    Flows,       // every flow that carries messages
};

// Keeps the edges of one part, optionally only those inside one strong component.
struct PartEdges {
    const TopologyGraph *g = nullptr;
    Part part = Part::Flows;
    const std::vector<int> *component = nullptr;
    int within = -1;

    bool operator()(EdgeDesc e) const {
        const auto &graph = g->graph();
        const Vertex u = boost::source(e, graph);
        const Vertex v = boost::target(e, graph);
        if (!g->carriesMessages(e))
            return false;
        if (component && ((*component)[u] != within || (*component)[v] != within))
            return false;
        switch (part) {
        case Part::Exchanges:
            return graph[u].kind == NodeKind::Exchange && graph[v].kind == NodeKind::Exchange;
        case Part::NoFollowUps:
            return !g->isFollowUp(e);
        case Part::Flows:
            return true;
        }
        return false;
    }
};

using PartGraph = boost::filtered_graph<TopologyBoostGraph, PartEdges>;

// The strong components of one part, and those that hold a loop, members in file order.
struct Components {
    std::vector<int> of;
    std::vector<std::vector<Vertex>> cyclic; // ordered by their first member
};

Components strongComponents(const TopologyGraph &g, Part part) {
    const auto &graph = g.graph();
    const std::size_t n = boost::num_vertices(graph);
    Components c;
    c.of.assign(n, 0);
    const PartGraph pg(graph, PartEdges{&g, part, nullptr, -1});
    const int count = boost::strong_components(
        pg,
        boost::make_iterator_property_map(c.of.begin(), boost::get(boost::vertex_index, graph)));
    std::vector<std::vector<Vertex>> members(static_cast<std::size_t>(count));
    std::vector<char> selfLoop(static_cast<std::size_t>(count), 0);
    for (Vertex v = 0; v < n; ++v)
        members[static_cast<std::size_t>(c.of[v])].push_back(v);
    for (auto [it, end] = boost::edges(pg); it != end; ++it)
        if (boost::source(*it, pg) == boost::target(*it, pg))
            selfLoop[static_cast<std::size_t>(c.of[boost::source(*it, pg)])] = 1;
    for (std::size_t i = 0; i < members.size(); ++i)
        if (members[i].size() > 1 || selfLoop[i])
            c.cyclic.push_back(members[i]);
    std::sort(c.cyclic.begin(), c.cyclic.end(),
              [](const auto &a, const auto &b) { return a.front() < b.front(); });
    return c;
}

// The shortest path from `from` to `to` inside one component (empty when they are equal).
std::vector<EdgeDesc> shortestPath(const TopologyGraph &g, const PartEdges &edges, Vertex from,
                                   Vertex to) {
    const auto &graph = g.graph();
    const std::size_t n = boost::num_vertices(graph);
    std::vector<EdgeDesc> via(n);
    std::vector<boost::default_color_type> colors(n, boost::white_color);
    const auto index = boost::get(boost::vertex_index, graph);
    const PartGraph pg(graph, edges);
    boost::breadth_first_search(
        pg, from,
        boost::visitor(
            boost::make_bfs_visitor(boost::record_edge_predecessors(
                boost::make_iterator_property_map(via.begin(), index), boost::on_tree_edge())))
            .color_map(boost::make_iterator_property_map(colors.begin(), index)));
    std::vector<EdgeDesc> path;
    if (colors[to] == boost::white_color)
        return path;
    for (Vertex v = to; v != from; v = boost::source(via[v], graph))
        path.push_back(via[v]);
    std::reverse(path.begin(), path.end());
    return path;
}

// `a -> b -dead_letter-> c`: the loop that starts with `first`, back to its source.
std::vector<EdgeDesc> loopThrough(const TopologyGraph &g, const PartEdges &edges, EdgeDesc first) {
    const auto &graph = g.graph();
    std::vector<EdgeDesc> loop{first};
    const auto rest =
        shortestPath(g, edges, boost::target(first, graph), boost::source(first, graph));
    loop.insert(loop.end(), rest.begin(), rest.end());
    return loop;
}

std::string loopText(const TopologyGraph &g, const std::vector<EdgeDesc> &loop) {
    const auto &graph = g.graph();
    std::string text = g.node(boost::source(loop.front(), graph)).id;
    for (EdgeDesc e : loop) {
        switch (graph[e].flow) {
        case FlowKind::Edge:
            text += " -> ";
            break;
        case FlowKind::DeadLetter:
            text += " -dead_letter-> ";
            break;
        case FlowKind::Unroutable:
            text += " -unroutable-> ";
            break;
        }
        text += g.node(boost::target(e, graph)).id;
    }
    return text;
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

// The first edge of the component, in file order of its source, that `wanted` accepts.
template <class Wanted>
std::optional<EdgeDesc> firstEdge(const TopologyGraph &g, const PartEdges &edges,
                                  const std::vector<Vertex> &members, Wanted wanted) {
    const PartGraph pg(g.graph(), edges);
    for (Vertex v : members)
        for (auto [it, end] = boost::out_edges(v, pg); it != end; ++it)
            if (wanted(*it))
                return *it;
    return std::nullopt;
}

// The share of the messages `v` handles that end in its dead letter, from the `failure`
// knobs (faults ignored): all in-process attempts fail, and on a queue that repeats on
// every receive up to max_receive_count.
double deadLetterShare(const TopologyGraph &g, Vertex v) {
    const Node &n = g.node(v);
    auto exhausted = [](const ConsumerSpec &c) {
        return std::pow(c.failure, std::max(1, c.retry.maxAttempts));
    };
    if (n.kind == NodeKind::Consumer)
        return exhausted(n.consumer);
    if (n.kind != NodeKind::Queue || !n.queue.maxReceiveCount)
        return 0;
    double share = 0;
    const auto &graph = g.graph();
    for (auto [it, end] = boost::out_edges(v, graph); it != end; ++it) {
        const Node &c = g.node(boost::target(*it, graph));
        // A consumer with its own dead_letter acknowledges failed messages itself.
        if (graph[*it].flow == FlowKind::Edge && g.carriesMessages(*it) &&
            c.consumer.deadLetter.empty())
            share = std::max(share, std::pow(exhausted(c.consumer), *n.queue.maxReceiveCount));
    }
    return share;
}

// Mean messages sent along `e` per message its source handles (filters assumed to match).
double flowWeight(const TopologyGraph &g, EdgeDesc e) {
    const auto &graph = g.graph();
    switch (graph[e].flow) {
    case FlowKind::Edge:
        return g.isFollowUp(e) ? g.edge(e).ratio : 1.0;
    case FlowKind::DeadLetter:
        return deadLetterShare(g, boost::source(e, graph));
    case FlowKind::Unroutable:
        return 1.0;
    }
    return 1.0;
}

// The largest return gain at `start` over the ways competing consumers can split a queue
// (each choice sends all of the queue's messages to one of them).
double worstReturnGain(const TopologyGraph &g, const PartEdges &edges,
                       const std::vector<Vertex> &members, Vertex start) {
    const auto &graph = g.graph();
    const std::size_t n = members.size();
    auto at = [&](Vertex v) {
        return static_cast<std::size_t>(std::lower_bound(members.begin(), members.end(), v) -
                                        members.begin());
    };
    std::vector<std::vector<double>> base(n, std::vector<double>(n, 0.0));
    std::vector<std::vector<EdgeDesc>> choices; // per shared queue, its consumer edges
    const PartGraph pg(graph, edges);
    for (Vertex v : members) {
        std::vector<EdgeDesc> out;
        for (auto [it, end] = boost::out_edges(v, pg); it != end; ++it)
            out.push_back(*it);
        std::vector<EdgeDesc> shared;
        for (EdgeDesc e : out) {
            if (graph[v].kind == NodeKind::Queue && graph[e].flow == FlowKind::Edge)
                shared.push_back(e);
            else
                base[at(v)][at(boost::target(e, graph))] += flowWeight(g, e);
        }
        if (shared.size() == 1)
            base[at(v)][at(boost::target(shared[0], graph))] += 1.0;
        else if (shared.size() > 1)
            choices.push_back(shared);
    }
    std::size_t combinations = 1;
    for (const auto &c : choices)
        combinations = std::min<std::size_t>(combinations * c.size(), 1u << 20);
    const bool enumerate = combinations <= 4096;
    double worst = 0;
    std::vector<std::size_t> pick(choices.size(), 0);
    for (std::size_t k = 0; k < (enumerate ? combinations : 1); ++k) {
        auto weights = base;
        for (std::size_t q = 0; q < choices.size(); ++q)
            for (std::size_t i = 0; i < choices[q].size(); ++i)
                if (!enumerate || i == pick[q]) // too many to try: count them all (a bound)
                    weights[at(boost::source(choices[q][i], graph))]
                           [at(boost::target(choices[q][i], graph))] += 1.0;
        worst = std::max(worst, returnGain(weights, at(start)));
        for (std::size_t q = 0; q < pick.size(); ++q) { // next combination
            if (++pick[q] < choices[q].size())
                break;
            pick[q] = 0;
        }
    }
    return worst;
}

Diagnostic finding(const TopologyGraph &g, Diagnostic::Severity severity, SourcePos where,
                   const std::string &nodeId, const std::string &message) {
    Diagnostic d;
    d.severity = severity;
    d.file = g.scenario().fileName;
    d.where = where;
    d.nodeId = nodeId;
    d.message = printableText(message);
    return d;
}

void exchangeLoops(const TopologyGraph &g, Diagnostics &out) {
    const Components c = strongComponents(g, Part::Exchanges);
    for (const auto &members : c.cyclic) {
        const Vertex s = members.front();
        const PartEdges edges{&g, Part::Exchanges, &c.of, c.of[s]};
        const auto first = firstEdge(g, edges, {s}, [](EdgeDesc) { return true; });
        if (!first)
            continue;
        const Node &n = g.node(s);
        // RabbitMQ refuses to route through an exchange twice for the same reason.
        out.push_back(
            finding(g, Diagnostic::Severity::Error, n.where, n.id,
                    "exchanges route in a cycle: " + loopText(g, loopThrough(g, edges, *first)) +
                        " (a message would be copied forever)"));
    }
}

void deadLetterLoops(const TopologyGraph &g, Diagnostics &out) {
    const auto &graph = g.graph();
    const Components c = strongComponents(g, Part::NoFollowUps);
    for (const auto &members : c.cyclic) {
        const PartEdges edges{&g, Part::NoFollowUps, &c.of, c.of[members.front()]};
        const auto first = firstEdge(
            g, edges, members, [&](EdgeDesc e) { return graph[e].flow == FlowKind::DeadLetter; });
        if (!first) // a loop of exchanges only: reported by exchangeLoops
            continue;
        const Node &n = g.node(boost::source(*first, graph));
        out.push_back(finding(
            g, Diagnostic::Severity::Error, n.where, n.id,
            "dead letters go round in a cycle: " + loopText(g, loopThrough(g, edges, *first)) +
                "; a message that keeps failing would circle forever"));
    }
}

void followUpLoops(const TopologyGraph &g, Diagnostics &out) {
    const auto &graph = g.graph();
    const Components c = strongComponents(g, Part::Flows);
    for (const auto &members : c.cyclic) {
        const PartEdges edges{&g, Part::Flows, &c.of, c.of[members.front()]};
        const auto first =
            firstEdge(g, edges, members, [&](EdgeDesc e) { return g.isFollowUp(e); });
        if (!first)
            continue;
        const Vertex s = boost::source(*first, graph);
        const std::string id = g.node(s).id;
        const std::string loop = "follow-up cycle " + loopText(g, loopThrough(g, edges, *first));
        const double gain = worstReturnGain(g, edges, members, s);
        const SourcePos where = g.edge(*first).where;
        const std::string handled = ": each message '" + id + "' processes leads to ";
        const std::string fresh =
            " new message" + std::string(number(gain) == "1" ? "" : "s") + " for '" + id + "'";
        if (gain >= 1 - 1e-9) {
            out.push_back(finding(g, Diagnostic::Severity::Error, where, id,
                                  loop + handled +
                                      (std::isinf(gain) ? "ever more new messages for '" + id + "'"
                                                        : number(gain) + fresh + " (1 or more)") +
                                      ", so messages never die out and the load grows without "
                                      "bound"));
        } else if (gain <= 0) {
            out.push_back(finding(g, Diagnostic::Severity::Warning, where, id,
                                  loop +
                                      ": with the configured ratios and failure rates no "
                                      "message comes back to '" +
                                      id + "', but failures or faults can send messages round"));
        } else {
            out.push_back(finding(g, Diagnostic::Severity::Warning, where, id,
                                  loop + handled + number(gain) + fresh +
                                      " on average; the loop dies out, but '" + id +
                                      "' handles each message that enters it about " +
                                      number(1 / (1 - gain)) + " times"));
        }
    }
}

} // namespace

double returnGain(const std::vector<std::vector<double>> &weights, std::size_t start) {
    const std::size_t n = weights.size();
    if (n == 0 || start >= n)
        return 0;
    // Gaussian elimination of I - W with `start` last: every earlier pivot stays positive
    // exactly when the loops avoiding `start` die out, and the last pivot is then 1 - gain.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < n; ++i)
        if (i != start)
            order.push_back(i);
    order.push_back(start);
    std::vector<std::vector<double>> a(n, std::vector<double>(n));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            a[i][j] = (i == j ? 1.0 : 0.0) - weights[order[i]][order[j]];
    for (std::size_t k = 0; k + 1 < n; ++k) {
        if (a[k][k] <= 1e-12)
            return std::numeric_limits<double>::infinity();
        for (std::size_t i = k + 1; i < n; ++i) {
            const double f = a[i][k] / a[k][k];
            if (f == 0)
                continue;
            for (std::size_t j = k; j < n; ++j)
                a[i][j] -= f * a[k][j];
        }
    }
    return 1 - a[n - 1][n - 1];
}

void addCycleDiagnostics(const TopologyGraph &g, Diagnostics &out) {
    exchangeLoops(g, out);
    deadLetterLoops(g, out);
    followUpLoops(g, out);
}

} // namespace eventbench::model
