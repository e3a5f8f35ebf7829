#include "model/yaml/ScenarioValidator.h"

#include <algorithm>
#include <map>
#include <utility>

#include "model/catalogue/FaultCatalogue.h"
#include "model/catalogue/KnobCatalogue.h"
#include "model/catalogue/MetricCatalogue.h"
#include "model/scenario/Units.h"
#include "model/topology/TopologyDiagnostics.h"
#include "model/topology/TopologyGraph.h"
#include "model/yaml/AccessChecks.h"
#include "model/yaml/FieldReader.h"
#include "model/yaml/ProgressChecks.h"
#include "model/yaml/YamlReader.h"

namespace eventbench::model {

namespace {

std::string withArticle(NodeKind kind) {
    const std::string name = toString(kind);
    return (kind == NodeKind::Exchange ? "an " : "a ") + name;
}

std::string edgeText(const std::string &from, const std::string &to) {
    return "'" + from + " -> " + to + "'";
}

class Validator {
  public:
    Validator(const Scenario &s, const std::set<std::string> &unresolved)
        : m_s(s), m_unresolved(unresolved) {}

    Diagnostics run() {
        checkNodes();
        checkTopology();
        checkFaults();
        checkExpectations();
        return std::move(m_out);
    }

  private:
    void report(Diagnostic::Severity severity, SourcePos where, const std::string &nodeId,
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
        report(Diagnostic::Severity::Error, where, nodeId, message);
    }

    // Null for unknown ids *and* for unresolved ones (m_unresolved tells them apart).
    const Node *node(const std::string &id) const {
        auto it = m_byId.find(id);
        return it == m_byId.end() ? nullptr : it->second;
    }
    std::string unknownNode(const std::string &id) const {
        std::vector<std::string_view> ids;
        for (const auto &n : m_s.nodes)
            ids.push_back(n.id);
        for (const auto &u : m_unresolved)
            ids.push_back(u);
        return "unknown node '" + id + "'" + didYouMean(id, ids);
    }

    void checkNodes() {
        for (const auto &n : m_s.nodes) {
            if (!isValidNodeId(n.id))
                error(n.where, n.id,
                      "invalid node id '" + n.id +
                          "': an id starts with a letter and holds "
                          "only letters, digits, '_', '.' and '-'");
            else if (n.id == "ledger" || n.id == "run")
                error(n.where, n.id,
                      "the node id '" + n.id + "' is reserved (it names the run's own figures)");
            auto [it, fresh] = m_byId.emplace(n.id, &n);
            if (!fresh) {
                const int line = it->second->where.line;
                error(n.where, n.id,
                      "duplicate node id '" + n.id + "'" +
                          (line > 0 ? " (first defined on line " + std::to_string(line) + ")"
                                    : std::string()));
            }
        }
        for (const auto &n : m_s.nodes) {
            if (m_byId[n.id] != &n)
                continue;
            for (const NodeKnob &k : nodeKnobs(n.kind))
                if (k.problem)
                    if (const std::string problem = k.problem(n, k); !problem.empty())
                        error(n.where, n.id, problem);
        }
    }

    // References, edges and cycles are read from the topology graph; its warnings are not
    // for here (a run is refused on errors only, and the loader passes everything on).
    void checkTopology() {
        const TopologyGraph graph(m_s);
        for (Diagnostic &d : topologyDiagnostics(graph, m_unresolved))
            if (d.severity == Diagnostic::Severity::Error)
                m_out.push_back(std::move(d));
    }

    bool readsTopic(const std::string &consumer) const {
        for (const auto &e : m_s.edges)
            if (e.to == consumer)
                if (const Node *from = node(e.from); from && from->kind == NodeKind::Topic)
                    return true;
        return false;
    }

    void checkFaults() {
        for (const auto &f : m_s.faults) {
            const FaultInfo &info = faultInfo(f.kind);
            const std::string name(info.name);
            if (f.kind == Fault::Kind::Latency) {
                bool exists = false;
                for (const auto &e : m_s.edges)
                    exists = exists || (e.from == f.target && e.to == f.edgeTo);
                if (!exists)
                    error(f.where, f.target,
                          name + " fault: there is no edge " + edgeText(f.target, f.edgeTo));
                continue;
            }
            if (m_unresolved.count(f.target))
                continue;
            const Node *t = node(f.target);
            if (!t) {
                error(f.where, f.target, name + " fault: " + unknownNode(f.target));
                continue;
            }
            if (!info.takes(t->kind)) {
                const bool vowel =
                    std::string_view("aeiou").find(name.front()) != std::string::npos;
                error(f.where, f.target,
                      name + " fault: '" + f.target + "' is " + withArticle(t->kind) + "; " +
                          (vowel ? "an " : "a ") + name + " fault needs " +
                          std::string(info.needs));
                continue;
            }
            const int instances =
                t->kind == NodeKind::Producer ? t->producer.instances : t->consumer.instances;
            if (f.kind == Fault::Kind::Replay && !readsTopic(f.target))
                error(f.where, f.target,
                      name + " fault: '" + f.target + "' reads no topic; only a topic's " +
                          "consumer group has offsets to reset");
            if (f.kind != Fault::Kind::Scale && f.instances && *f.instances > instances)
                error(f.where, f.target,
                      name + " fault: " + std::to_string(*f.instances) + " instances, but '" +
                          f.target + "' has " + std::to_string(instances));
            if (m_s.duration > 0 && f.at >= m_s.duration)
                report(Diagnostic::Severity::Warning, f.where, f.target,
                       name + " fault at " + formatDuration(f.at) + " starts after the run ends (" +
                           formatDuration(m_s.duration) + ")");
        }
    }

    void checkExpectations() {
        for (const auto &x : m_s.expectations) {
            const std::string text = "expect '" + x.text + "': ";
            if (x.node == "ledger") {
                bool found = false;
                std::string all;
                for (const auto &figure : ledgerFigures()) {
                    found = found || figure == x.metric;
                    all += (all.empty() ? "" : ", ") + figure;
                }
                if (!found)
                    error(x.where, {},
                          text + "the ledger has no figure '" + x.metric + "' (it has " + all +
                              ")");
                continue;
            }
            if (m_unresolved.count(x.node))
                continue;
            const Node *n = node(x.node);
            if (!n) {
                error(x.where, {}, text + unknownNode(x.node));
                continue;
            }
            if (!findMetric(n->kind, x.metric)) {
                std::string all;
                std::vector<std::string_view> names;
                for (const auto &m : metricsOf(n->kind)) {
                    all += (all.empty() ? "" : ", ") + std::string(m.name);
                    names.push_back(m.name);
                }
                error(x.where, x.node,
                      text + withArticle(n->kind) + " has no metric '" + x.metric + "'" +
                          didYouMean(x.metric, names) + " (it has " + all + ")");
            }
        }
    }

    const Scenario &m_s;
    const std::set<std::string> &m_unresolved;
    std::map<std::string, const Node *> m_byId;
    Diagnostics m_out;
};

} // namespace

bool isValidNodeId(const std::string &id) {
    auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    if (id.empty() || !letter(id[0]))
        return false;
    for (char c : id)
        if (!letter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '.' && c != '-')
            return false;
    return true;
}

Diagnostics validateScenario(const Scenario &s) {
    return validateScenario(s, {});
}

Diagnostics validateScenario(const Scenario &s, const std::set<std::string> &unresolved) {
    Diagnostics out = Validator(s, unresolved).run();
    checkAccess(s, out);
    checkProgress(s, out);
    return out;
}

} // namespace eventbench::model
