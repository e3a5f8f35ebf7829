// How messages cross edges into topics, queues and exchanges.
#include <cmath>

#include "model/routing/MessageMatching.h"
#include "model/routing/Murmur2.h"
#include "sim/engine/EngineImpl.h"
#include "sim/kernel/FastRound.h"

namespace eventbench::sim {

using model::NodeKind;

namespace {
constexpr Time kInternalRetry = 100 * model::kNanosPerMilli;
} // namespace

bool EngineImpl::busAvailable(std::uint32_t node) const {
    const NodeRef ref = m_nodes[node];
    switch (ref.kind) {
    case model::NodeKind::Topic:
        return !m_topics[ref.index].outage;
    case model::NodeKind::Queue:
        return !m_queues[ref.index].outage;
    case model::NodeKind::Exchange:
        return !m_exchanges[ref.index].outage;
    default:
        return true;
    }
}

std::uint64_t EngineImpl::parkTransit(std::uint32_t node, const Message &m) {
    std::uint32_t slot;
    if (!m_freeTransit.empty()) {
        slot = m_freeTransit.back();
        m_freeTransit.pop_back();
        m_transit[slot] = {node, m};
    } else {
        slot = static_cast<std::uint32_t>(m_transit.size());
        m_transit.emplace_back(node, m);
    }
    return slot;
}

Time EngineImpl::sampledEdgeDelay(const Outlet &outlet, Rng &rng, Time hold) const {
    const Time delay =
        outlet.extraLatency + hold + static_cast<Time>(llroundExact(outlet.latency.sample(rng)));
    return std::max<Time>(0, delay);
}

void EngineImpl::send(const Outlet &outlet, const Message &m, Rng &rng) {
    const Time delay = edgeDelay(outlet, rng);
    if (delay <= 0) {
        deliverToBus(outlet.target, m);
        return;
    }
    m_events.push(m_now + delay, kTransit, outlet.target, parkTransit(outlet.target, m));
}

bool EngineImpl::publish(const Outlet &outlet, const Message &m, Rng &rng, Time hold) {
    if (!busAvailable(outlet.target))
        return false;
    const Time delay = edgeDelay(outlet, rng, hold);
    if (delay <= 0)
        deliverAvailable(outlet.target, m);
    else
        m_events.push(m_now + delay, kTransit, outlet.target, parkTransit(outlet.target, m));
    return true;
}

void EngineImpl::deliverToBus(std::uint32_t node, const Message &m) {
    if (!busAvailable(node)) {
        // Hops inside the system (exchange copies, follow-ups, dead letters) are retried by
        // the sender until the bus is back; producers use their own buffer (publish()).
        m_events.push(m_now + kInternalRetry, kTransit, node, parkTransit(node, m));
        return;
    }
    deliverAvailable(node, m);
}

void EngineImpl::deliverAvailable(std::uint32_t node, const Message &m) {
    const NodeRef ref = m_nodes[node];
    switch (ref.kind) {
    case NodeKind::Topic: {
        TopicRt &t = m_topics[ref.index];
        if (!t.appendLatency.isZero()) {
            Message pending = m;
            pending.flags |= Message::kAppendPending;
            const auto delay = static_cast<Time>(llroundExact(t.appendLatency.sample(m_busRng)));
            m_events.push(m_now + delay, kTransit, node, parkTransit(node, pending));
            return;
        }
        appendToTopic(ref.index, m);
        return;
    }
    case NodeKind::Queue:
        enqueueToQueue(ref.index, m);
        return;
    case NodeKind::Exchange: {
        const ExchangeRt &x = m_exchanges[ref.index];
        const int copies = (x.duplicate > 0 && m_busRng.bernoulli(x.duplicate)) ? 2 : 1;
        for (int copy = 0; copy < copies; ++copy)
            routeExchange(ref.index, m);
        return;
    }
    default:
        return; // validated: only buses receive messages
    }
}

int EngineImpl::partitionFor(TopicRt &t, const Message &m) {
    const int partitions = static_cast<int>(t.partitions.size());
    if (m.key == 0 || t.spec->partitioner == model::TopicSpec::Partitioner::RoundRobin)
        return static_cast<int>(t.roundRobin++ % static_cast<std::uint64_t>(partitions));
    if (m.key & Message::kExplicitKey) {
        const std::string &key = m_messages.strings[m.key & ~Message::kExplicitKey];
        return t.keyed.partitionOf(model::kafkaMurmur2(key.data(), key.size()));
    }
    return t.keyed.partitionOf(model::countedKeyMurmur2(m.key - 1));
}

void EngineImpl::appendToTopic(std::uint32_t topic, const Message &m) {
    TopicRt &t = m_topics[topic];
    const int copies = (t.duplicate > 0 && m_busRng.bernoulli(t.duplicate)) ? 2 : 1;
    const int partition = partitionFor(t, m);
    PartitionLog &log = t.partitions[static_cast<std::size_t>(partition)];
    for (int copy = 0; copy < copies; ++copy) {
        // Now and then, move what every reader is past to the compact archive.
        if ((log.append(m, m_now) & 255) == 0)
            archiveRead(t, static_cast<std::size_t>(partition));
        ++t.appended;
    }
    if (const std::int64_t gone =
            log.enforceRetention(m_now, t.spec->retention, t.spec->retentionBytes)) {
        t.deleted += gone;
        onRetention(topic, partition);
    }
    for (std::size_t r = 0; r < t.readers.size(); ++r) {
        const auto &[group, firstCursor] = t.readers[r];
        const CursorIndex cursor(firstCursor.value + static_cast<std::uint32_t>(partition));
        std::int64_t &lagMax = t.lagMax[r * t.partitions.size() + std::size_t(partition)];
        const GroupCoordinator &coordinator = m_groups[group.at()].coordinator;
        if (coordinator.started()) { // a group that joined (join_at) owes each copy
            m_ledger.obligations += copies;
            lagMax = std::max(lagMax, partitionLag(coordinator.cursor(cursor)));
        }
        wakeCursorOwner(group, cursor);
    }
}

void EngineImpl::enqueueToQueue(std::uint32_t queue, Message m) {
    QueueRt &q = m_queues[queue];
    const int copies = (q.duplicate > 0 && m_busRng.bernoulli(q.duplicate)) ? 2 : 1;
    for (int copy = 0; copy < copies; ++copy)
        q.queue->enqueue(m, m_now);
    wakeQueue(queue);
}

void EngineImpl::routeExchange(std::uint32_t exchange, const Message &m) {
    ExchangeRt &x = m_exchanges[exchange];
    const model::AttributeValues &attributes = m_messages.attributeSets[m.attributes];
    const std::string &routingKey = m_messages.strings[m.routingKey];
    bool matched = false;
    for (const Outlet &o : x.outlets) {
        if (o.filter && !model::filterPolicyMatches(*o.filter, attributes))
            continue;
        if (o.binding && !model::bindingMatches(*o.binding, routingKey))
            continue;
        matched = true;
        ++x.routed;
        send(o, m, m_busRng);
    }
    if (!matched) {
        ++x.unroutableCount;
        if (x.unroutable >= 0)
            deliverToBus(static_cast<std::uint32_t>(x.unroutable), m);
    }
}

void EngineImpl::drainDeadLetters(std::uint32_t queue) {
    QueueRt &q = m_queues[queue];
    std::vector<Message> &out = q.queue->deadLetterOut();
    if (out.empty())
        return;
    std::vector<Message> moving;
    moving.swap(out);
    for (const Message &m : moving)
        if (q.deadLetter >= 0)
            deliverToBus(static_cast<std::uint32_t>(q.deadLetter), m);
}

void EngineImpl::wakeQueue(std::uint32_t queue) {
    QueueRt &q = m_queues[queue];
    for (std::size_t tries = q.waiting.size();
         tries > 0 && q.queue->hasVisible() && !q.waiting.empty(); --tries) {
        const std::uint64_t entry = q.waiting.front();
        q.waiting.pop_front();
        const auto h = static_cast<std::uint32_t>(entry & 0xffffffffU);
        if (isIdleEntry(entry))
            tryStartWork(h);
    }
}

} // namespace eventbench::sim
