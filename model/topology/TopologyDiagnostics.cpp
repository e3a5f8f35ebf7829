#include "model/topology/TopologyDiagnostics.h"

#include <iterator>
#include <vector>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/pending/queue.hpp>
#include <boost/property_map/property_map.hpp>

#include "model/catalogue/KnobCatalogue.h"
#include "model/scenario/Units.h"
#include "model/topology/TopologyCycles.h"
#include "model/yaml/FieldReader.h"
#include "model/yaml/ScenarioValidator.h"
#include "model/yaml/YamlReader.h"

namespace eventbench::model {

namespace {

using Severity = Diagnostic::Severity;
using Vertex = TopologyGraph::Vertex;
using EdgeDesc = TopologyGraph::EdgeDesc;

std::string withArticle(NodeKind kind) {
    const std::string name = toString(kind);
    return (kind == NodeKind::Exchange ? "an " : "a ") + name;
}

std::string edgeText(const std::string &from, const std::string &to) {
    return "'" + from + " -> " + to + "'";
}

// Keeps the edges along which messages really travel (for reachability).
struct CarriesMessages {
    const TopologyGraph *g = nullptr;
    bool operator()(EdgeDesc e) const { return g->carriesMessages(e); }
};

class Checker {
  public:
    Checker(const TopologyGraph &g, const std::set<std::string> &unresolved)
        : m_g(g), m_s(g.scenario()), m_unresolved(unresolved) {}

    Diagnostics run() {
        checkReferences();
        checkEdges();
        addCycleDiagnostics(m_g, m_out);
        if (m_unresolved.empty())
            checkFlows();
        return std::move(m_out);
    }

  private:
    void report(Severity severity, SourcePos where, const std::string &nodeId,
                const std::string &message) {
        Diagnostic d;
        d.severity = severity;
        d.file = m_s.fileName;
        d.where = where;
        d.nodeId = nodeId;
        d.message = printableText(message);
        m_out.push_back(std::move(d));
    }
    void error(SourcePos where, const std::string &nodeId, const std::string &message) {
        report(Severity::Error, where, nodeId, message);
    }
    void warning(const Node &n, const std::string &message) {
        report(Severity::Warning, n.where, n.id, message);
    }

    bool known(const std::string &id) const {
        return m_g.vertexOf(id).has_value() || m_unresolved.count(id) > 0;
    }
    std::string unknownNode(const std::string &id) const {
        std::vector<std::string_view> ids;
        for (const auto &n : m_s.nodes)
            ids.push_back(n.id);
        for (const auto &u : m_unresolved)
            ids.push_back(u);
        return "unknown node '" + id + "'" + didYouMean(id, ids);
    }
    // The vertices that stand for their id (the first of duplicate ids; the validator
    // reports the others).
    bool isCanonical(Vertex v) const { return m_g.vertexOf(m_g.node(v).id) == v; }

    // `dead_letter` and `unroutable` must name another node that is a bus.
    void checkReferences() {
        const auto &graph = m_g.graph();
        for (Vertex v = 0; v < boost::num_vertices(graph); ++v) {
            if (!isCanonical(v))
                continue;
            const Node &n = m_g.node(v);
            for (const NodeKnob &k : nodeKnobs(n.kind))
                if (k.names)
                    checkBusReference(n, *k.names(n), k.key);
        }
    }
    void checkBusReference(const Node &owner, const std::string &target, std::string_view knob) {
        if (target.empty() || m_unresolved.count(target))
            return;
        const std::string what = owner.id + "." + std::string(knob) + ": ";
        const auto t = m_g.vertexOf(target);
        if (!t)
            error(owner.where, owner.id, what + unknownNode(target));
        else if (!isBus(m_g.node(*t).kind))
            error(owner.where, owner.id,
                  what + "'" + target + "' is " + withArticle(m_g.node(*t).kind) +
                      "; it must be a bus (a topic, queue or exchange)");
        else if (target == owner.id)
            error(owner.where, owner.id, what + "a node cannot name itself");
    }

    void checkEdges() {
        const auto &graph = m_g.graph();
        std::vector<std::optional<EdgeDesc>> byIndex(m_s.edges.size());
        for (auto [it, end] = boost::edges(graph); it != end; ++it)
            if (graph[*it].flow == FlowKind::Edge)
                byIndex[graph[*it].edge] = *it;
        for (std::size_t i = 0; i < m_s.edges.size(); ++i) {
            const Edge &e = m_s.edges[i];
            const std::string text = "edge " + edgeText(e.from, e.to);
            if (!byIndex[i]) {
                // An end the graph does not know: report it unless the loader already did.
                if (!known(e.from))
                    error(e.where, e.from, text + ": " + unknownNode(e.from));
                if (!known(e.to) && e.to != e.from)
                    error(e.where, e.from, text + ": " + unknownNode(e.to));
                continue;
            }
            checkEdge(i, *byIndex[i], text);
        }
    }

    void checkEdge(std::size_t index, EdgeDesc ge, const std::string &text) {
        const auto &graph = m_g.graph();
        const Edge &e = m_s.edges[index];
        const Vertex u = boost::source(ge, graph);
        const Vertex v = boost::target(ge, graph);
        // Parallel graph edges between the same two nodes are the same edge written twice.
        std::size_t first = index;
        for (auto [it, end] = boost::out_edges(u, graph); it != end; ++it)
            if (boost::target(*it, graph) == v && graph[*it].flow == FlowKind::Edge &&
                graph[*it].edge < first)
                first = graph[*it].edge;
        if (first != index) {
            const int line = m_s.edges[first].where.line;
            // Two bindings of one queue are one edge with a list, as RabbitMQ delivers once.
            const bool exchange = graph[u].kind == NodeKind::Exchange;
            error(e.where, e.from,
                  "duplicate " + text +
                      (line > 0 ? " (first on line " + std::to_string(line) + ")" : std::string()) +
                      ": messages would cross it twice; remove one" +
                      (exchange ? std::string(", or bind one edge to several patterns with a "
                                              "list: binding: [\"a.*\", \"b.#\"]")
                                : std::string()));
        }
        const NodeKind from = graph[u].kind;
        const NodeKind to = graph[v].kind;
        if (!TopologyGraph::edgeAllowed(from, to)) {
            error(e.where, e.from,
                  text + " is not allowed: " + withArticle(from) + " cannot feed " +
                      withArticle(to) +
                      " (allowed: producer -> bus, exchange -> bus, topic -> consumer, "
                      "queue -> consumer, consumer -> bus, consumer -> store; a bus is a "
                      "topic, queue or exchange)");
            return;
        }
        if ((e.filter || e.binding) && from != NodeKind::Exchange)
            error(e.where, e.from,
                  text +
                      ": 'filter' and 'binding' apply only to edges leaving an exchange, "
                      "and '" +
                      e.from + "' is " + withArticle(from));
        if (e.ratio != 1.0 && !m_g.isFollowUp(ge))
            error(e.where, e.from,
                  text + ": 'ratio' applies only to follow-up edges from a consumer to a "
                         "bus");
    }

    // Warnings about where messages go, at most one per node: the most specific one.
    void checkFlows() {
        const auto &graph = m_g.graph();
        const std::size_t n = boost::num_vertices(graph);
        std::vector<char> parking(n, 0); // named by a dead_letter or unroutable
        std::vector<int> inputs(n, 0), outputs(n, 0);
        for (auto [it, end] = boost::edges(graph); it != end; ++it) {
            if (!m_g.carriesMessages(*it))
                continue;
            const Vertex t = boost::target(*it, graph);
            ++inputs[t];
            // A dead-letter or unroutable flow makes its target a parking place, and is no
            // reader of its source.
            if (graph[*it].flow != FlowKind::Edge)
                parking[t] = 1;
            else
                ++outputs[boost::source(*it, graph)];
        }
        const std::vector<char> reached = reachedFromProducers();
        for (Vertex v = 0; v < n; ++v) {
            if (!isCanonical(v))
                continue;
            const Node &node = m_g.node(v);
            if (node.kind == NodeKind::Consumer && inputs[v] == 0)
                warning(node, "consumer '" + node.id +
                                  "' has no input: no topic or queue feeds it, so it never "
                                  "receives a message");
            else if (!reached[v])
                warning(node,
                        std::string(toString(node.kind)) + " '" + node.id +
                            "' is not reachable from any producer: no message can ever " +
                            (node.kind == NodeKind::Store ? "be written to it" : "arrive there"));
            else if (node.kind == NodeKind::Producer && outputs[v] == 0)
                warning(node, "producer '" + node.id +
                                  "' has no outgoing edge: the messages it produces are "
                                  "published nowhere");
            else if (outputs[v] == 0 && !parking[v])
                checkUnread(node);
            else if (const std::string advice = knobAdvice(node); !advice.empty())
                warning(node, advice);
        }
    }

    // A bus nothing reads from (dead-letter and unroutable targets are parking places: being
    // read is optional for them).
    void checkUnread(const Node &node) {
        switch (node.kind) {
        case NodeKind::Topic:
            warning(node, "topic '" + node.id +
                              "' has no consumer: messages published to it are never read "
                              "and pile up until its retention (" +
                              formatDuration(node.topic.retention) + ") deletes them");
            break;
        case NodeKind::Queue:
            warning(node, "queue '" + node.id +
                              "' has no consumer: messages sent to it are never received "
                              "and pile up until its retention (" +
                              formatDuration(node.queue.retention) + ") deletes them");
            break;
        case NodeKind::Exchange:
            if (node.exchange.unroutable.empty())
                warning(node, "exchange '" + node.id +
                                  "' has no outgoing edge: every message it receives is "
                                  "unroutable and dropped");
            break;
        default:
            break;
        }
    }

    std::vector<char> reachedFromProducers() const {
        const auto &graph = m_g.graph();
        const std::size_t n = boost::num_vertices(graph);
        std::vector<Vertex> producers;
        for (Vertex v = 0; v < n; ++v)
            if (graph[v].kind == NodeKind::Producer)
                producers.push_back(v);
        std::vector<char> reached(n, 0);
        if (producers.empty())
            return reached;
        const boost::filtered_graph<TopologyBoostGraph, CarriesMessages> flows(
            graph, CarriesMessages{&m_g});
        std::vector<boost::default_color_type> colors(n, boost::white_color);
        auto colorMap = boost::make_iterator_property_map(colors.begin(),
                                                          boost::get(boost::vertex_index, graph));
        boost::queue<Vertex> queue;
        boost::breadth_first_search(flows, producers.begin(), producers.end(), queue,
                                    boost::default_bfs_visitor(), colorMap);
        for (Vertex v = 0; v < n; ++v)
            reached[v] = colors[v] != boost::white_color;
        return reached;
    }

    const TopologyGraph &m_g;
    const Scenario &m_s;
    const std::set<std::string> &m_unresolved;
    Diagnostics m_out;
};

} // namespace

Diagnostics topologyDiagnostics(const TopologyGraph &g) {
    return topologyDiagnostics(g, {});
}

Diagnostics topologyDiagnostics(const TopologyGraph &g, const std::set<std::string> &unresolved) {
    return Checker(g, unresolved).run();
}

Diagnostics scenarioDiagnostics(const Scenario &s) {
    Diagnostics out = validateScenario(s);
    const TopologyGraph g(s);
    for (Diagnostic &d : topologyDiagnostics(g))
        if (d.severity == Diagnostic::Severity::Warning)
            out.push_back(std::move(d));
    return out;
}

} // namespace eventbench::model
