#include "live/LiveLedger.h"

#include "model/catalogue/MetricCatalogue.h"
#include "model/routing/MessageMatching.h"
#include "model/scenario/ExpectationParser.h"

namespace eventbench::live {

namespace {

using model::MetricId;
using model::NodeKind;

const char *figureName(MetricId id) {
    return model::metricDef(id).name;
}

/// Queue nodes that some consumer reads (the simulator's tracked queues).
bool readByConsumers(const model::Scenario &s, const std::string &queue) {
    for (const model::Edge &e : s.edges)
        if (e.from == queue)
            if (const model::Node *to = s.findNode(e.to); to && to->kind == NodeKind::Consumer)
                return true;
    return false;
}

model::AttributeValues attributesOf(const AmqpTable &headers) {
    model::AttributeValues out;
    for (const AmqpField &f : headers)
        out.emplace_back(f.key, f.number ? std::to_string(*f.number) : f.text);
    return out;
}

} // namespace

LiveObligations::LiveObligations(const model::Scenario &scenario, const LivePlan &plan,
                                 LiveTally &tally)
    : m_counter(tally.add("ledger", figureName(MetricId::LedgerObligations))) {
    for (const model::Node &n : scenario.nodes)
        if (n.kind == NodeKind::Queue)
            m_routes[plan.nameOf(n.id)].push_back({nullptr, readByConsumers(scenario, n.id)});
    for (const model::Edge &e : scenario.edges) {
        const model::Node *from = scenario.findNode(e.from), *to = scenario.findNode(e.to);
        if (from && to && from->kind == NodeKind::Exchange && to->kind == NodeKind::Queue)
            m_routes[plan.nameOf(from->id)].push_back({&e, readByConsumers(scenario, to->id)});
    }
}

std::int64_t LiveObligations::of(const std::string &bus, const std::string &routingKey,
                                 const AmqpTable &headers) const {
    const auto it = m_routes.find(bus);
    if (it == m_routes.end())
        return 0;
    std::optional<model::AttributeValues> attributes; // made only for a filter
    std::int64_t n = 0;
    for (const Route &r : it->second) {
        if (!r.read)
            continue;
        if (r.edge && r.edge->filter) {
            if (!attributes)
                attributes = attributesOf(headers);
            if (!model::filterPolicyMatches(*r.edge->filter, *attributes))
                continue;
        }
        if (r.edge && r.edge->binding && !model::bindingMatches(*r.edge->binding, routingKey))
            continue;
        ++n;
    }
    return n;
}

void LiveObligations::record(LiveTally &tally, const std::string &bus,
                             const std::string &routingKey, const AmqpTable &headers) const {
    if (const std::int64_t n = of(bus, routingKey, headers))
        tally.bump(m_counter, n);
}

std::optional<std::int64_t> LiveLedger::unaccounted() const {
    if (!pending || brokerMayDrop)
        return std::nullopt;
    return obligations - completed - deadLettered - *pending;
}

std::vector<model::RunReport::SummaryRow> LiveLedger::summaryRows() const {
    std::vector<model::RunReport::SummaryRow> rows;
    for (const model::MetricDef &m : model::ledgerMetrics()) {
        std::optional<std::int64_t> value;
        switch (m.id) {
        case MetricId::LedgerObligations:
            value = obligations;
            break;
        case MetricId::LedgerCompleted:
            value = completed;
            break;
        case MetricId::LedgerDeadLettered:
            value = deadLettered;
            break;
        case MetricId::LedgerPending:
            value = pending;
            break;
        case MetricId::LedgerUnaccounted:
            value = unaccounted();
            break;
        default: // discarded, expired, skipped: not measured, so no row (not a 0)
            break;
        }
        if (value)
            for (const auto stat : m.stats)
                rows.push_back({"ledger", m.name, model::statName(stat), double(*value)});
    }
    return rows;
}

void LiveLedger::applyTo(model::RunReport &report) const {
    const auto rows = summaryRows();
    report.summary.insert(report.summary.end(), rows.begin(), rows.end());
    report.unaccounted = unaccounted().value_or(0);
    report.unaccountedMeasured = unaccounted().has_value();
}

std::int64_t deadLettersSent(const LiveTally &tally) {
    std::int64_t sent = 0;
    for (std::size_t i = 0; i < tally.size(); ++i)
        if (tally.name(i).second == "dead_lettered")
            sent += tally.value(i);
    return sent;
}

LiveLedger measureLedger(const model::Scenario &scenario, const LiveTally &tally,
                         const LiveEnd &end) {
    LiveLedger ledger;
    for (std::size_t i = 0; i < tally.size(); ++i) {
        const auto &[node, metric] = tally.name(i);
        if (node == "ledger" && metric == figureName(MetricId::LedgerObligations))
            ledger.obligations += tally.value(i);
        else if (metric == "processed")
            ledger.completed += tally.value(i);
    }
    ledger.deadLettered = end.deadLettersChecked ? end.deadLettersOnBroker : deadLettersSent(tally);
    if (end.depths) {
        std::int64_t held = 0;
        for (const model::Node &n : scenario.nodes)
            if (n.kind == NodeKind::Queue && readByConsumers(scenario, n.id))
                if (const auto it = end.depths->find(n.id); it != end.depths->end())
                    held += it->second;
        ledger.pending = held;
    }
    for (const model::Node &n : scenario.nodes)
        if (n.kind == NodeKind::Queue && (n.queue.ttl || n.queue.maxLength))
            ledger.brokerMayDrop = true;
    return ledger;
}

} // namespace eventbench::live
