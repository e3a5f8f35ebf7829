#include "model/capacity/CapacityInputs.h"

#include <algorithm>
#include <cmath>

#include "model/capacity/QueueingFormulas.h"

namespace eventbench::model {

namespace {

constexpr double kSecondsPerNano = 1.0 / kNanosPerSecond;

Moments inSeconds(const Distribution &d) {
    return distributionMoments(d).scaled(kSecondsPerNano);
}

Moments latencyOf(const Edge &e) {
    return e.latency ? inSeconds(*e.latency) : Moments{};
}

double handlers(const ConsumerSpec &c) {
    // An autoscaled group is sized by the members it can reach.
    const int instances = c.autoscale ? c.autoscale->max : c.instances;
    return static_cast<double>(std::max(1, instances)) * std::max(1, c.concurrency);
}

/// Whether a consumer fails a class's messages on every attempt: poisoned ones, and schema
/// versions it does not accept.
double alwaysFails(const ConsumerSpec &spec, const MessageClass &mc) {
    const bool rejected =
        !spec.accepts.empty() &&
        std::find(spec.accepts.begin(), spec.accepts.end(), mc.version) == spec.accepts.end();
    return mc.poisoned || rejected ? 1.0 : 0.0;
}

/// Receives per message when each receive fails with probability q, the queue allows at most
/// `limit` (0 = unlimited), and a message that never succeeds is capped at `cap` receives.
double receivesPerMessage(double q, int limit, double cap) {
    if (!(q > 0))
        return 1;
    if (limit > 0)
        return q >= 1 ? limit : (1 - std::pow(q, limit)) / (1 - q);
    return q >= 1 ? cap : std::min(1 / (1 - q), cap);
}

} // namespace

CapacityInputs::CapacityInputs(const TopologyGraph &graph)
    : m_graph(graph), m_classes(messageClasses(graph)) {
    const std::size_t vertices = boost::num_vertices(graph.graph());
    m_nodeCount = vertices;
    m_inputsOf.resize(vertices);
    m_storeWait.assign(vertices, 0.0);
    m_queueFates.resize(vertices);
    for (std::size_t v = 0; v < vertices; ++v)
        if (graph.node(v).kind == NodeKind::Consumer)
            m_consumers.push_back(v);
    for (std::size_t v : m_consumers)
        addConsumerInputs(v);
    for (std::size_t v = 0; v < vertices; ++v)
        addBusOutputs(v);
    for (std::size_t i = 0; i < m_inputs.size(); ++i)
        addOutputs(i);
}

const std::vector<std::size_t> &CapacityInputs::inputsOf(std::size_t consumer) const {
    return m_inputsOf[consumer];
}

std::optional<std::size_t> CapacityInputs::inputAt(std::size_t node) const {
    const std::size_t vertices = m_inputsOf.size();
    if (node < vertices || node - vertices >= m_inputs.size())
        return std::nullopt;
    return node - vertices; // input flow nodes follow the vertices in input order
}

Moments CapacityInputs::serviceOf(std::size_t consumer) const {
    return inSeconds(m_graph.node(consumer).consumer.serviceTime);
}

Moments CapacityInputs::writesOf(std::size_t consumer) const {
    Moments writes;
    for (const auto e : boost::make_iterator_range(boost::out_edges(consumer, m_graph.graph()))) {
        const std::size_t to = boost::target(e, m_graph.graph());
        if (m_graph.graph()[e].flow != FlowKind::Edge || m_graph.node(to).kind != NodeKind::Store)
            continue;
        writes = writes.plus(inSeconds(m_graph.node(to).store.writeTime))
                     .plus(latencyOf(m_graph.edge(e)))
                     .plus(Moments::constant(m_storeWait[to]));
    }
    return writes;
}

DeliveryModel CapacityInputs::idleDelivery(std::size_t consumer) const {
    return deliveryModel(m_graph.node(consumer).consumer, 0, serviceOf(consumer), {},
                         writesOf(consumer));
}

const CapacityInputs::QueueFate &CapacityInputs::queueFate(std::size_t queue) {
    if (m_queueFates[queue])
        return *m_queueFates[queue];
    const TopologyBoostGraph &g = m_graph.graph();
    const QueueSpec &qs = m_graph.node(queue).queue;
    const bool immediate = qs.redelivery == QueueSpec::Redelivery::Immediate;
    const int limit = qs.maxReceiveCount ? std::max(1, *qs.maxReceiveCount) : 0;
    const double horizon = static_cast<double>(m_graph.scenario().duration) * kSecondsPerNano;
    QueueFate fate;
    double total = 0;
    for (const auto e : boost::make_iterator_range(boost::out_edges(queue, g))) {
        const std::size_t to = boost::target(e, g);
        if (g[e].flow == FlowKind::Edge && m_graph.node(to).kind == NodeKind::Consumer) {
            fate.groups.push_back(to);
            fate.share.push_back(handlers(m_graph.node(to).consumer));
            total += fate.share.back();
        }
    }
    double poisonRound = 0; // P(a poisoned receive ends unacknowledged)
    for (std::size_t k = 0; k < fate.groups.size(); ++k) {
        fate.share[k] /= total;
        const ConsumerSpec &c = m_graph.node(fate.groups[k]).consumer;
        if (!c.deadLetter.empty())
            continue; // exhausted messages go to the consumer's dead letter, acknowledged
        poisonRound += fate.share[k];
        fate.roundFailure += fate.share[k] * std::pow(std::clamp(c.failure, 0.0, 1.0),
                                                      std::max(1, c.retry.maxAttempts));
        const DeliveryModel d = deliveryModel(c, 1, serviceOf(fate.groups[k]), {}, {});
        fate.roundTime += fate.share[k] * d.failedTime;
    }
    if (!immediate)
        fate.roundTime = static_cast<double>(qs.visibilityTimeout) * kSecondsPerNano;
    // A message no receive can complete, without max_receive_count, keeps coming back for the
    // rest of the run: on average half of it.
    const double cap = std::max(1.0, horizon / (2 * std::max(1e-3, fate.roundTime)));
    for (const MessageClass &mc : m_classes.classes) {
        double poison = 0;
        for (std::size_t k = 0; k < fate.groups.size(); ++k)
            poison += fate.share[k] * alwaysFails(m_graph.node(fate.groups[k]).consumer, mc);
        const double poisonReceives = receivesPerMessage(poisonRound, limit, cap);
        const double receives = poison * poisonReceives +
                                (1 - poison) * receivesPerMessage(fate.roundFailure, limit, cap);
        fate.receives.push_back(receives);
        fate.poisonShare.push_back(receives > 0 ? poison * poisonReceives / receives : 0.0);
        fate.deadLettered.push_back(limit > 0
                                        ? poison * std::pow(poisonRound, limit) +
                                              (1 - poison) * std::pow(fate.roundFailure, limit)
                                        : 0.0);
    }
    m_queueFates[queue] = std::move(fate);
    return *m_queueFates[queue];
}

void CapacityInputs::addConsumerInputs(std::size_t consumer) {
    const TopologyBoostGraph &g = m_graph.graph();
    const ConsumerSpec &spec = m_graph.node(consumer).consumer;
    const std::size_t classes = m_classes.classes.size();
    const std::size_t consumerIndex = static_cast<std::size_t>(
        std::find(m_consumers.begin(), m_consumers.end(), consumer) - m_consumers.begin());
    for (const auto e : boost::make_iterator_range(boost::in_edges(consumer, g))) {
        const std::size_t bus = boost::source(e, g);
        const Node &busNode = m_graph.node(bus);
        if (g[e].flow != FlowKind::Edge ||
            (busNode.kind != NodeKind::Topic && busNode.kind != NodeKind::Queue))
            continue;
        ConsumerInput ci;
        ci.consumer = consumer;
        ci.consumerIndex = consumerIndex;
        ci.slot = m_inputsOf[consumer].size();
        ci.bus = bus;
        ci.node = m_nodeCount++;
        ci.link = m_links.size();
        ci.topic = busNode.kind == NodeKind::Topic;
        ci.inputLatency = latencyOf(m_graph.edge(e));
        FlowLink link;
        link.from = bus;
        link.to = ci.node;
        link.dropsDuplicates = spec.idempotent;
        link.multiplier.assign(classes, 1.0);
        ci.alwaysFail.assign(classes, 0.0);
        for (std::size_t c = 0; c < classes; ++c)
            ci.alwaysFail[c] = alwaysFails(spec, m_classes.classes[c]);
        if (ci.topic) {
            ci.partitions = std::max(1, busNode.topic.partitions);
            ci.roundRobin = busNode.topic.partitioner == TopicSpec::Partitioner::RoundRobin;
        } else {
            const QueueFate &fate = queueFate(bus);
            const auto k = static_cast<std::size_t>(
                std::find(fate.groups.begin(), fate.groups.end(), consumer) - fate.groups.begin());
            const double share = k < fate.share.size() ? fate.share[k] : 0.0;
            for (std::size_t c = 0; c < classes; ++c) {
                link.multiplier[c] = share * fate.receives[c];
                ci.alwaysFail[c] = fate.poisonShare[c];
            }
            ci.redeliverImmediately = busNode.queue.redelivery == QueueSpec::Redelivery::Immediate;
            ci.visibilityTimeout =
                static_cast<double>(busNode.queue.visibilityTimeout) * kSecondsPerNano;
            ci.roundFailure = fate.roundFailure;
            ci.maxReceives = busNode.queue.maxReceiveCount ? *busNode.queue.maxReceiveCount : 0;
        }
        m_links.push_back(std::move(link));
        m_inputsOf[consumer].push_back(m_inputs.size());
        m_inputs.push_back(std::move(ci));
        computeDeliveries(m_inputs.size() - 1);
    }
}

void CapacityInputs::computeDeliveries(std::size_t input) {
    ConsumerInput &ci = m_inputs[input];
    const ConsumerSpec &spec = m_graph.node(ci.consumer).consumer;
    const Moments service = serviceOf(ci.consumer), writes = writesOf(ci.consumer);
    ci.delivery.clear();
    for (double a : ci.alwaysFail)
        ci.delivery.push_back(deliveryModel(spec, a, service, ci.inputLatency, writes));
}

void CapacityInputs::addBusOutputs(std::size_t v) {
    const TopologyBoostGraph &g = m_graph.graph();
    const Node &n = m_graph.node(v);
    const std::size_t classes = m_classes.classes.size();
    std::vector<const Edge *> outlets;
    std::vector<std::size_t> outletTargets;
    for (const auto e : boost::make_iterator_range(boost::out_edges(v, g))) {
        const std::size_t to = boost::target(e, g);
        if (!isBus(m_graph.node(to).kind))
            continue;
        FlowLink link;
        link.from = v;
        link.to = to;
        link.intoBus = true;
        link.multiplier.assign(classes, 0.0);
        if (n.kind == NodeKind::Producer && g[e].flow == FlowKind::Edge) {
            link.edgeDelay = latencyOf(m_graph.edge(e)).mean;
            link.multiplier.assign(classes, 1.0);
        } else if (n.kind == NodeKind::Exchange && g[e].flow == FlowKind::Edge) {
            outlets.push_back(&m_graph.edge(e));
            outletTargets.push_back(m_links.size());
            link.edgeDelay = latencyOf(m_graph.edge(e)).mean;
        } else if (n.kind == NodeKind::Exchange && g[e].flow == FlowKind::Unroutable) {
            outletTargets.push_back(m_links.size()); // must come last: see below
        } else if (n.kind == NodeKind::Queue && g[e].flow == FlowKind::DeadLetter) {
            const QueueFate &fate = queueFate(v);
            link.multiplier = fate.deadLettered;
            link.fromQueueDeadLetter = true;
            link.queueDeadLetterRounds = n.queue.maxReceiveCount ? *n.queue.maxReceiveCount : 0;
            link.queueRoundTime = fate.roundTime;
        } else {
            continue;
        }
        m_links.push_back(std::move(link));
    }
    if (n.kind != NodeKind::Exchange)
        return;
    for (std::size_t c = 0; c < classes; ++c) {
        const ProducerSpec &p = m_graph.node(m_classes.classes[c].vertex).producer;
        const std::vector<double> route = routingProbabilities(p, outlets);
        for (std::size_t k = 0; k < outletTargets.size(); ++k) {
            FlowLink &l = m_links[outletTargets[k]];
            const bool unroutable = k >= outlets.size();
            l.multiplier[c] = unroutable ? route.back() : route[k];
        }
    }
}

void CapacityInputs::addOutputs(std::size_t input) {
    const TopologyBoostGraph &g = m_graph.graph();
    const ConsumerInput &ci = m_inputs[input];
    const std::size_t classes = m_classes.classes.size();
    for (const auto e : boost::make_iterator_range(boost::out_edges(ci.consumer, g))) {
        const std::size_t to = boost::target(e, g);
        const NodeKind kind = m_graph.node(to).kind;
        FlowLink link;
        link.from = ci.node;
        link.to = to;
        link.fromInput = input;
        link.multiplier.assign(classes, 0.0);
        if (g[e].flow == FlowKind::Edge && kind == NodeKind::Store) {
            for (std::size_t c = 0; c < classes; ++c)
                link.multiplier[c] = ci.delivery[c].success;
        } else if (g[e].flow == FlowKind::Edge && isBus(kind)) {
            link.intoBus = true;
            link.edgeDelay = latencyOf(m_graph.edge(e)).mean;
            const double ratio = std::max(0.0, m_graph.edge(e).ratio);
            for (std::size_t c = 0; c < classes; ++c)
                link.multiplier[c] = ci.delivery[c].success * ratio;
        } else if (g[e].flow == FlowKind::DeadLetter && isBus(kind)) {
            link.intoBus = true;
            link.deadLetter = true;
            for (std::size_t c = 0; c < classes; ++c)
                link.multiplier[c] = ci.delivery[c].exhausted;
        } else {
            continue;
        }
        m_links.push_back(std::move(link));
    }
}

void CapacityInputs::applyStoreWaits(const FlowNetwork &net) {
    const std::size_t vertices = m_inputsOf.size();
    const double horizon = static_cast<double>(m_graph.scenario().duration) * kSecondsPerNano;
    const double warmup = static_cast<double>(m_graph.scenario().warmup) * kSecondsPerNano;
    bool changed = false;
    m_storeOverloads.clear();
    for (std::size_t v = 0; v < vertices; ++v) {
        const Node &n = m_graph.node(v);
        if (n.kind != NodeKind::Store || !n.store.capacity)
            continue;
        double lambda = 0;
        Moments service;
        for (std::size_t l = 0; l < m_links.size(); ++l) {
            if (m_links[l].to != v)
                continue;
            const double r = net.totalLinkRate(l);
            const Moments w =
                inSeconds(n.store.writeTime).plus(Moments::constant(m_links[l].edgeDelay));
            if (lambda + r > 0)
                service = {(service.mean * lambda + w.mean * r) / (lambda + r),
                           (service.second * lambda + w.second * r) / (lambda + r)};
            lambda += r;
        }
        const int slots = std::max(1, *n.store.capacity);
        const double rho = lambda * service.mean / slots;
        if (rho >= 1)
            m_storeOverloads.push_back({v, lambda, service.mean, slots});
        m_storeWait[v] = rho < 1
                             ? allenCunneenMeanWait(slots, lambda, service.mean, 1.0, service.scv())
                             : overloadMeanWait(rho, warmup, horizon);
        changed = changed || m_storeWait[v] > 0;
    }
    if (changed)
        for (std::size_t i = 0; i < m_inputs.size(); ++i)
            computeDeliveries(i);
}

} // namespace eventbench::model
