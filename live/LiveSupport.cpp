#include "live/LiveSupport.h"

#include "model/catalogue/FaultCatalogue.h"

namespace eventbench::live {

namespace {

using model::NodeKind;

class Refusals {
  public:
    explicit Refusals(const model::Scenario &s) : m_s(s) {}
    void add(model::SourcePos where, const std::string &node, const std::string &message) {
        model::Diagnostic d;
        d.file = m_s.fileName;
        d.where = where;
        d.nodeId = node;
        d.message = message + " (eventbench live plays scenarios on RabbitMQ)";
        m_out.push_back(std::move(d));
    }
    model::Diagnostics take() { return std::move(m_out); }

  private:
    const model::Scenario &m_s;
    model::Diagnostics m_out;
};

bool consumerLeavesUnacked(const model::Scenario &s, const std::string &queue) {
    for (const model::Edge &e : s.edges) {
        const model::Node *c = s.findNode(e.to);
        if (e.from != queue || !c || c->kind != NodeKind::Consumer)
            continue;
        if (c->consumer.failure > 0 && c->consumer.deadLetter.empty())
            return true;
        for (const model::Fault &f : s.faults)
            if (f.target == c->id && f.kind == model::Fault::Kind::Crash)
                return true;
    }
    return false;
}

void checkQueue(const model::Scenario &s, const model::Node &n, Refusals &r) {
    const model::QueueSpec &q = n.queue;
    if (q.fifo)
        r.add(n.whereOf("fifo"), n.id, "queue '" + n.id + "': fifo has no counterpart here");
    if (q.delay > 0)
        r.add(n.whereOf("delay"), n.id, "queue '" + n.id + "': delay has no counterpart here");
    if (q.acl || q.tls)
        r.add(n.whereOf(q.acl ? "acl" : "tls"), n.id,
              "queue '" + n.id + "': acl and tls are not played");
    if (q.redelivery == model::QueueSpec::Redelivery::Visibility && consumerLeavesUnacked(s, n.id))
        r.add(n.whereOf("redelivery"), n.id,
              "queue '" + n.id +
                  "': redelivery: visibility (SQS's visibility timeout) has no RabbitMQ "
                  "counterpart, and a consumer of it can leave messages unacknowledged; write "
                  "redelivery: immediate (a nack with requeue)");
}

void checkConsumer(const model::Node &n, Refusals &r) {
    const model::ConsumerSpec &c = n.consumer;
    const auto refuse = [&](const char *key, const std::string &why) {
        r.add(n.whereOf(key), n.id, "consumer '" + n.id + "': " + key + " " + why);
    };
    if (c.batch != 1)
        refuse("batch", "is not played");
    if (c.circuitBreaker)
        refuse("circuit_breaker", "is not played");
    if (!c.accepts.empty())
        refuse("accepts", "is not played");
    if (c.autoscale)
        refuse("autoscale", "is not played");
    if (c.idempotent)
        refuse("idempotent", "is not played");
    if (c.instances > kMaxLiveInstances)
        refuse("instances",
               "is above " + std::to_string(kMaxLiveInstances) + ", the most a live run opens");
    if (c.concurrency > 1000)
        refuse("concurrency", "is above 1000, the most a live run plays");
}

int queuesRead(const model::Scenario &s, const std::string &consumer) {
    int n = 0;
    for (const model::Edge &e : s.edges)
        n += e.to == consumer ? 1 : 0;
    return n;
}

void checkNode(const model::Scenario &s, const model::Node &n, Refusals &r) {
    switch (n.kind) {
    case NodeKind::Topic:
        r.add(n.where, n.id,
              "topic '" + n.id +
                  "': a Kafka-like topic (partitions, offsets, consumer groups) has no "
                  "RabbitMQ counterpart; use a queue or an exchange");
        break;
    case NodeKind::Store:
        r.add(n.where, n.id, "store '" + n.id + "': stores are not played");
        break;
    case NodeKind::Queue:
        checkQueue(s, n, r);
        break;
    case NodeKind::Exchange:
        if (!n.exchange.unroutable.empty())
            r.add(n.whereOf("unroutable"), n.id,
                  "exchange '" + n.id + "': unroutable is not played");
        if (n.exchange.acl || n.exchange.tls)
            r.add(n.whereOf(n.exchange.acl ? "acl" : "tls"), n.id,
                  "exchange '" + n.id + "': acl and tls are not played");
        break;
    case NodeKind::Consumer:
        checkConsumer(n, r);
        if (queuesRead(s, n.id) != 1)
            r.add(n.where, n.id,
                  "consumer '" + n.id + "' reads " + std::to_string(queuesRead(s, n.id)) +
                      " queues; a live consumer reads exactly one");
        break;
    case NodeKind::Producer:
        break;
    }
}

void checkEdge(const model::Scenario &s, const model::Edge &e, Refusals &r) {
    const model::Node *from = s.findNode(e.from);
    const model::Node *to = s.findNode(e.to);
    if (!from || !to)
        return;
    const std::string name = "edge '" + e.from + " -> " + e.to + "'";
    if (e.latency)
        r.add(e.where, e.from, name + ": latency is not played");
    if (from->kind == NodeKind::Consumer)
        r.add(e.where, e.from, name + ": follow-up events of consumers are not played");
    if (from->kind == NodeKind::Exchange && to->kind == NodeKind::Exchange)
        r.add(e.where, e.from, name + ": exchange-to-exchange bindings are not played");
    if (e.filter)
        for (const auto &[attribute, conditions] : e.filter->attributes)
            for (const model::FilterCondition &c : conditions)
                if (c.kind != model::FilterCondition::Kind::Exact)
                    r.add(e.where, e.from,
                          name + ": filter on '" + attribute +
                              "' is not an exact value; a headers exchange matches exact "
                              "values only");
}

void checkExchangeEdges(const model::Scenario &s, Refusals &r) {
    for (const model::Node &n : s.nodes) {
        if (n.kind != NodeKind::Exchange)
            continue;
        bool filter = false, binding = false;
        for (const model::Edge &e : s.edges)
            if (e.from == n.id) {
                filter = filter || e.filter.has_value();
                binding = binding || e.binding.has_value();
            }
        if (filter && binding)
            r.add(n.where, n.id,
                  "exchange '" + n.id +
                      "': edges with filters and edges with bindings on one exchange need two "
                      "exchange types (headers and topic)");
    }
}

/// A producer's list attribute (`tags: [a, b]`: every message carries all of them) reaching an
/// exchange with filters: a headers exchange matches one value per header, not a list's
/// elements, so the live run could not route what the simulation does.
void checkListAttributes(const model::Scenario &s, Refusals &r) {
    for (const model::Node &p : s.nodes) {
        if (p.kind != NodeKind::Producer)
            continue;
        for (const auto &[name, choice] : p.producer.attributes) {
            if (!choice.list)
                continue;
            for (const model::Edge &e : s.edges) {
                const model::Node *x = s.findNode(e.to);
                if (e.from != p.id || !x || x->kind != NodeKind::Exchange)
                    continue;
                for (const model::Edge &out : s.edges)
                    if (out.from == x->id && out.filter) {
                        r.add(p.whereOf("attributes"), p.id,
                              "producer '" + p.id + "': attribute '" + name +
                                  "' is a list, which the headers filters of exchange '" + x->id +
                                  "' cannot match element by element");
                        return;
                    }
            }
        }
    }
}

void checkFaults(const model::Scenario &s, Refusals &r) {
    for (const model::Fault &f : s.faults) {
        const model::Node *target = s.findNode(f.target);
        const bool played =
            (f.kind == model::Fault::Kind::Crash || f.kind == model::Fault::Kind::Pause) &&
            target && target->kind == NodeKind::Consumer;
        if (!played)
            r.add(f.where, f.target,
                  "fault '" + std::string(model::faultInfo(f.kind).name) + ": " + f.target +
                      "' cannot be played against a real broker: only crash and pause of a "
                      "consumer are");
    }
}

} // namespace

model::Diagnostics checkLivePlayable(const model::Scenario &scenario) {
    Refusals r(scenario);
    if (scenario.duration > kMaxLiveDuration)
        r.add({}, {}, "a live run lasts at most 10m (give --duration)");
    double rate = 0;
    int instances = 0;
    for (const model::Node &n : scenario.nodes) {
        checkNode(scenario, n, r);
        if (n.kind == NodeKind::Producer)
            rate += n.producer.rate.maxRate();
        if (n.kind == NodeKind::Consumer)
            instances += n.consumer.instances;
    }
    if (instances > kMaxLiveInstancesInAll)
        r.add({}, {},
              "the consumers have " + std::to_string(instances) +
                  " instances together; a live run opens at most " +
                  std::to_string(kMaxLiveInstancesInAll) + " (one thread and connection each)");
    if (rate > kMaxLiveRate)
        r.add({}, {},
              "the producers together ask for up to " + std::to_string(int(rate)) +
                  " messages/s; a live run plays at most 5000/s");
    for (const model::Edge &e : scenario.edges)
        checkEdge(scenario, e, r);
    checkExchangeEdges(scenario, r);
    checkListAttributes(scenario, r);
    checkFaults(scenario, r);
    return r.take();
}

} // namespace eventbench::live
