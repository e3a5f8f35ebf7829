#include "live/LivePlan.h"

namespace eventbench::live {

namespace {

using model::NodeKind;

std::int64_t millis(model::SimTime t) {
    return t / model::kNanosPerMilli;
}

AmqpTable queueArguments(const model::QueueSpec &q, model::SimTime expires) {
    AmqpTable args{AmqpField::of("x-expires", millis(expires))};
    if (q.ttl)
        args.push_back(AmqpField::of("x-message-ttl", millis(*q.ttl)));
    if (q.maxLength) {
        args.push_back(AmqpField::of("x-max-length", *q.maxLength));
        args.push_back(
            AmqpField::of("x-overflow", q.overflow == model::QueueSpec::Overflow::DropHead
                                            ? std::string("drop-head")
                                            : std::string("reject-publish")));
    }
    return args;
}

std::string exchangeType(const model::Scenario &s, const std::string &id) {
    std::string type = "fanout";
    for (const model::Edge &e : s.edges)
        if (e.from == id) {
            if (e.filter)
                return "headers";
            if (e.binding)
                type = "topic";
        }
    return type;
}

/// One x-match=all argument table per combination of the filter's exact values (a headers
/// exchange ANDs within one binding; several bindings to one queue OR, and still deliver one
/// copy).
std::vector<AmqpTable> headerBindings(const model::FilterPolicy &filter) {
    std::vector<AmqpTable> out{{AmqpField::of("x-match", std::string("all"))}};
    for (const auto &[attribute, conditions] : filter.attributes) {
        std::vector<AmqpTable> next;
        for (const AmqpTable &partial : out)
            for (const model::FilterCondition &c : conditions) {
                AmqpTable t = partial;
                t.push_back(AmqpField::of(attribute, c.text));
                next.push_back(std::move(t));
            }
        out = std::move(next);
    }
    return out;
}

void planEdge(const model::Scenario &s, const model::Edge &e, LivePlan &plan) {
    const model::Node *from = s.findNode(e.from);
    const model::Node *to = s.findNode(e.to);
    if (!from || !to)
        return;
    if (from->kind == NodeKind::Producer) {
        PlannedTarget t{from->id, {}, {}};
        if (to->kind == NodeKind::Exchange)
            t.exchange = plan.nameOf(to->id);
        else
            t.queue = plan.nameOf(to->id);
        plan.targets.push_back(std::move(t));
        return;
    }
    if (from->kind != NodeKind::Exchange || to->kind != NodeKind::Queue)
        return;
    const std::string queue = plan.nameOf(to->id), exchange = plan.nameOf(from->id);
    if (e.filter) {
        for (AmqpTable &args : headerBindings(*e.filter))
            plan.bindings.push_back({queue, exchange, "", std::move(args)});
    } else if (e.binding) {
        for (const std::string &pattern : *e.binding)
            plan.bindings.push_back({queue, exchange, pattern, {}});
    } else {
        // An edge with neither always matches: `#` on a topic exchange, any key on fanout.
        plan.bindings.push_back({queue, exchange, "#", {}});
    }
}

} // namespace

LivePlan makeLivePlan(const model::Scenario &scenario, const std::string &prefix,
                      model::SimTime expires) {
    LivePlan plan;
    plan.prefix = prefix;
    for (const model::Node &n : scenario.nodes) {
        if (n.kind == NodeKind::Queue)
            plan.queues.push_back({n.id, plan.nameOf(n.id), queueArguments(n.queue, expires)});
        else if (n.kind == NodeKind::Exchange)
            plan.exchanges.push_back({n.id, plan.nameOf(n.id), exchangeType(scenario, n.id)});
    }
    for (const model::Edge &e : scenario.edges)
        planEdge(scenario, e, plan);
    return plan;
}

} // namespace eventbench::live
