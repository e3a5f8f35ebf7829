#include "ScenarioValidator.h"

#include <algorithm>
#include <functional>
#include <map>
#include <utility>

#include "FieldReader.h"
#include "Metrics.h"
#include "Units.h"
#include "YamlReader.h"

namespace eventbench::model {

namespace {

std::string withArticle(NodeKind kind) {
    const std::string name = toString(kind);
    return (kind == NodeKind::Exchange ? "an " : "a ") + name;
}

std::string edgeText(const std::string &from, const std::string &to) {
    return "'" + from + " -> " + to + "'";
}

bool edgeAllowed(NodeKind from, NodeKind to) {
    switch (from) {
    case NodeKind::Producer:
    case NodeKind::Exchange:
    case NodeKind::Consumer:
        return isBus(to) || (from == NodeKind::Consumer && to == NodeKind::Store);
    case NodeKind::Topic:
    case NodeKind::Queue:
        return to == NodeKind::Consumer;
    case NodeKind::Store:
        return false;
    }
    return false;
}

class Validator {
  public:
    Validator(const Scenario &s, const std::set<std::string> &unresolved)
        : m_s(s), m_unresolved(unresolved) {}

    Diagnostics run() {
        checkNodes();
        checkEdges();
        checkExchangeCycles();
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

    // Null for unknown ids *and* for unresolved ones; use known() to tell them apart.
    const Node *node(const std::string &id) const {
        auto it = m_byId.find(id);
        return it == m_byId.end() ? nullptr : it->second;
    }
    bool known(const std::string &id) const {
        return m_byId.count(id) > 0 || m_unresolved.count(id) > 0;
    }
    std::string unknownNode(const std::string &id) const {
        std::vector<std::string_view> ids;
        for (const auto &n : m_s.nodes)
            ids.push_back(n.id);
        for (const auto &u : m_unresolved)
            ids.push_back(u);
        return "unknown node '" + id + "'" + didYouMean(id, ids);
    }

    // `target` of a dead_letter or unroutable knob of `owner` must name another bus.
    void checkBusReference(const Node &owner, const std::string &target, const char *knob) {
        if (target.empty() || m_unresolved.count(target))
            return;
        const Node *t = node(target);
        if (!t)
            error(owner.where, owner.id, owner.id + "." + knob + ": " + unknownNode(target));
        else if (!isBus(t->kind))
            error(owner.where, owner.id,
                  owner.id + "." + knob + ": '" + target + "' is " + withArticle(t->kind) +
                      "; it must be a bus (a topic, queue or exchange)");
        else if (t == &owner)
            error(owner.where, owner.id, owner.id + "." + knob + ": a node cannot name itself");
    }

    // Exchanges route at once, so a cycle among them (edges or `unroutable`) would copy a
    // message forever; RabbitMQ refuses to route through an exchange twice.
    void checkExchangeCycles() {
        std::map<std::string, std::vector<std::string>> next;
        auto isExchange = [this](const std::string &id) {
            const Node *n = node(id);
            return n && n->kind == NodeKind::Exchange;
        };
        for (const auto &e : m_s.edges)
            if (isExchange(e.from) && isExchange(e.to))
                next[e.from].push_back(e.to);
        for (const auto &n : m_s.nodes)
            if (n.kind == NodeKind::Exchange && isExchange(n.exchange.unroutable))
                next[n.id].push_back(n.exchange.unroutable);
        std::map<std::string, int> state; // 0 new, 1 on the path, 2 done
        std::vector<std::string> path;
        bool found = false;
        std::function<void(const std::string &)> visit = [&](const std::string &id) {
            state[id] = 1;
            path.push_back(id);
            for (const auto &to : next[id]) {
                if (found)
                    return;
                if (state[to] == 1) {
                    std::string cycle;
                    auto it = std::find(path.begin(), path.end(), to);
                    for (; it != path.end(); ++it)
                        cycle += *it + " -> ";
                    const Node *start = node(to);
                    error(start->where, to,
                          "exchanges route in a cycle: " + cycle + to +
                              " (a message would be copied forever)");
                    found = true;
                    return;
                }
                if (state[to] == 0)
                    visit(to);
            }
            path.pop_back();
            state[id] = 2;
        };
        for (const auto &n : m_s.nodes)
            if (!found && n.kind == NodeKind::Exchange && state[n.id] == 0)
                visit(n.id);
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
            switch (n.kind) {
            case NodeKind::Queue:
                checkBusReference(n, n.queue.deadLetter, "dead_letter");
                if (n.queue.maxReceiveCount && n.queue.deadLetter.empty())
                    error(n.where, n.id,
                          "queue '" + n.id +
                              "' sets max_receive_count but has no dead_letter "
                              "to move messages to");
                break;
            case NodeKind::Consumer:
                checkBusReference(n, n.consumer.deadLetter, "dead_letter");
                break;
            case NodeKind::Exchange:
                checkBusReference(n, n.exchange.unroutable, "unroutable");
                break;
            default:
                break;
            }
        }
    }

    void checkEdges() {
        std::map<std::pair<std::string, std::string>, const Edge *> seen;
        for (const auto &e : m_s.edges) {
            const std::string text = "edge " + edgeText(e.from, e.to);
            bool endsKnown = true;
            for (const std::string *end : {&e.from, &e.to}) {
                if (!known(*end) && (end == &e.from || e.to != e.from)) {
                    error(e.where, e.from, text + ": " + unknownNode(*end));
                    endsKnown = false;
                }
            }
            auto [it, fresh] = seen.emplace(std::make_pair(e.from, e.to), &e);
            if (!fresh) {
                const int line = it->second->where.line;
                error(e.where, e.from,
                      "duplicate " + text +
                          (line > 0 ? " (first on line " + std::to_string(line) + ")"
                                    : std::string()));
            }
            const Node *from = node(e.from);
            const Node *to = node(e.to);
            if (!endsKnown || !from || !to)
                continue;
            if (!edgeAllowed(from->kind, to->kind)) {
                error(e.where, e.from,
                      text + " is not allowed: " + withArticle(from->kind) + " cannot feed " +
                          withArticle(to->kind) +
                          " (allowed: producer -> bus, exchange -> bus, topic -> consumer, "
                          "queue -> consumer, consumer -> bus, consumer -> store; a bus is a "
                          "topic, queue or exchange)");
                continue;
            }
            if ((e.filter || e.binding) && from->kind != NodeKind::Exchange)
                error(e.where, e.from,
                      text +
                          ": 'filter' and 'binding' apply only to edges leaving an exchange, "
                          "and '" +
                          e.from + "' is " + withArticle(from->kind));
            if (e.ratio != 1.0 && (from->kind != NodeKind::Consumer || !isBus(to->kind)))
                error(e.where, e.from,
                      text + ": 'ratio' applies only to follow-up edges from a consumer to a "
                             "bus");
        }
    }

    void checkFaults() {
        for (const auto &f : m_s.faults) {
            if (f.kind == Fault::Kind::Latency) {
                bool exists = false;
                for (const auto &e : m_s.edges)
                    exists = exists || (e.from == f.target && e.to == f.edgeTo);
                if (!exists)
                    error(f.where, f.target,
                          "latency fault: there is no edge " + edgeText(f.target, f.edgeTo));
                continue;
            }
            if (m_unresolved.count(f.target))
                continue;
            const Node *t = node(f.target);
            const std::string name = faultName(f.kind);
            if (!t) {
                error(f.where, f.target, name + " fault: " + unknownNode(f.target));
                continue;
            }
            const char *needs = nullptr;
            switch (f.kind) {
            case Fault::Kind::Crash:
            case Fault::Kind::Pause:
            case Fault::Kind::Isolate:
                if (t->kind != NodeKind::Consumer && t->kind != NodeKind::Producer)
                    needs = "a consumer or a producer";
                break;
            case Fault::Kind::Slow:
            case Fault::Kind::Rebalance:
                if (t->kind != NodeKind::Consumer)
                    needs = "a consumer";
                break;
            case Fault::Kind::Outage:
            case Fault::Kind::Duplicate:
                if (!isBus(t->kind))
                    needs = "a bus (a topic, queue or exchange)";
                break;
            case Fault::Kind::Poison:
            case Fault::Kind::Schema:
            case Fault::Kind::Spike:
                if (t->kind != NodeKind::Producer)
                    needs = "a producer";
                break;
            case Fault::Kind::Latency:
                break;
            }
            if (needs) {
                error(f.where, f.target,
                      name + " fault: '" + f.target + "' is " + withArticle(t->kind) + "; " +
                          (name == "isolate" || name == "outage" ? "an " : "a ") + name +
                          " fault needs " + needs);
                continue;
            }
            const int instances =
                t->kind == NodeKind::Producer ? t->producer.instances : t->consumer.instances;
            if (f.instances && *f.instances > instances)
                error(f.where, f.target,
                      name + " fault: " + std::to_string(*f.instances) + " instances, but '" +
                          f.target + "' has " + std::to_string(instances));
            if (m_s.duration > 0 && f.at >= m_s.duration)
                report(Diagnostic::Severity::Warning, f.where, f.target,
                       name + " fault at " + formatDuration(f.at) + " starts after the run ends (" +
                           formatDuration(m_s.duration) + ")");
        }
    }

    static std::string faultName(Fault::Kind kind) {
        static const char *names[] = {"crash",   "pause",   "slow",      "outage",
                                      "latency", "isolate", "duplicate", "poison",
                                      "schema",  "spike",   "rebalance"};
        return names[static_cast<int>(kind)];
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
    return Validator(s, unresolved).run();
}

} // namespace eventbench::model
