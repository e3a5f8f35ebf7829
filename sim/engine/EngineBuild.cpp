// Builds the runtime state of every node and edge from the scenario.
#include <algorithm>
#include <cassert>

#include "model/results/Sha256.h"
#include "model/yaml/ScenarioWriter.h"
#include "sim/engine/EngineImpl.h"

namespace eventbench::sim {

using model::NodeKind;

EngineImpl::EngineImpl(const model::Scenario &scenario)
    : m_scenario(scenario), m_end(m_scenario.duration) {
    m_report.scenario = m_scenario.name;
    m_report.seed = m_scenario.seed;
    // Provenance: which binary, and the scenario exactly as run (overrides folded in). Node
    // positions are the editor's layout, not part of what runs: the app lays out a file that
    // has none, and its run must trace to the same digest as the command line's.
    m_report.version = model::eventbenchVersion();
    model::Scenario run = m_scenario;
    for (model::Node &n : run.nodes)
        n.pos.reset();
    m_report.scenarioSha256 = model::sha256Hex(model::writeScenarioYaml(run));
    m_busRng = Rng::forStream(m_scenario.seed, "\x01buses");
    build();
    buildSeries();
}

Outlet EngineImpl::makeOutlet(std::uint32_t edgeIndex) {
    const model::Edge &e = m_scenario.edges[edgeIndex];
    Outlet o;
    o.edge = edgeIndex;
    o.target = m_nodeIndex.at(e.to);
    if (e.latency) {
        o.latency = DistributionSampler(*e.latency);
        o.hasLatency = !o.latency.isZero();
    }
    o.ratio = e.ratio;
    o.filter = e.filter ? &*e.filter : nullptr;
    o.binding = e.binding ? &*e.binding : nullptr;
    // The bus at the client's end: the target of a publish, else the source of an input.
    const model::Node *to = m_scenario.findNode(e.to);
    const model::Node *from = m_scenario.findNode(e.from);
    const model::TlsSpec *tls = to && model::busTls(*to) ? model::busTls(*to)
                                : from                   ? model::busTls(*from)
                                                         : nullptr;
    if (tls) {
        o.handshake = tls->handshake;
        o.overhead = tls->overhead;
    }
    return o;
}

void EngineImpl::build() {
    for (std::uint32_t i = 0; i < m_scenario.nodes.size(); ++i)
        addNode(i);
    for (std::uint32_t e = 0; e < m_scenario.edges.size(); ++e)
        addEdge(e);
    for (std::uint32_t i = 0; i < m_scenario.nodes.size(); ++i)
        finishNode(i);
    m_instantBound = instantBound();
    start();
}

void EngineImpl::addNode(std::uint32_t i) {
    const model::Node &n = m_scenario.nodes[i];
    const std::uint64_t seed = m_scenario.seed;
    m_nodeIndex.emplace(n.id, i);
    NodeRef ref{n.kind, 0};
    switch (n.kind) {
    case NodeKind::Producer:
        ref.index = m_producers.add(n.producer, n.id, seed).value;
        break;
    case NodeKind::Topic: {
        ref.index = static_cast<std::uint32_t>(m_topics.size());
        TopicRt &t = m_topics.emplace_back();
        m_topicNode.push_back(i);
        t.spec = &n.topic;
        t.partitions.resize(static_cast<std::size_t>(n.topic.partitions));
        t.keyed = model::PartitionDivisor(n.topic.partitions);
        for (PartitionLog &log : t.partitions) {
            log.usePool(&m_blockPool);
            // Records younger than the retention at the end are only counted once read.
            if (!n.topic.retentionBytes)
                log.keepAfter(m_end - n.topic.retention);
        }
        t.appendLatency = DistributionSampler(n.topic.appendLatency);
        break;
    }
    case NodeKind::Queue:
        ref.index = static_cast<std::uint32_t>(m_queues.size());
        m_queues.emplace_back();
        m_queueNode.push_back(i);
        break;
    case NodeKind::Exchange:
        ref.index = static_cast<std::uint32_t>(m_exchanges.size());
        m_exchanges.emplace_back();
        break;
    case NodeKind::Consumer: {
        ref.index = static_cast<std::uint32_t>(m_groups.size());
        GroupRt &g = m_groups.emplace_back(GroupCoordinator(
            n.consumer, n.id, GroupIndex(ref.index), &m_groupTimers, this, &m_ledger, m_end));
        g.spec = &n.consumer;
        g.node = i;
        g.rng = Rng::forStream(seed, n.id);
        g.service = DistributionSampler(n.consumer.serviceTime);
        g.eventType = m_messages.intern(n.id);
        if (n.consumer.circuitBreaker)
            g.breaker.emplace(*n.consumer.circuitBreaker);
        break;
    }
    case NodeKind::Store: {
        ref.index = static_cast<std::uint32_t>(m_stores.size());
        StoreRt &s = m_stores.emplace_back();
        s.writeTime = DistributionSampler(n.store.writeTime);
        s.rng = Rng::forStream(seed, n.id);
        s.capacity = n.store.capacity;
        s.failure = n.store.failure;
        break;
    }
    }
    m_nodes.push_back(ref);
}

void EngineImpl::addEdge(std::uint32_t ei) {
    const model::Edge &e = m_scenario.edges[ei];
    const NodeRef from = m_nodes[m_nodeIndex.at(e.from)];
    const NodeRef to = m_nodes[m_nodeIndex.at(e.to)];
    switch (from.kind) {
    case NodeKind::Producer:
        m_producers.addOutlet(ProducerIndex(from.index), makeOutlet(ei));
        break;
    case NodeKind::Exchange:
        m_exchanges[from.index].outlets.push_back(makeOutlet(ei));
        break;
    case NodeKind::Topic: {
        GroupRt &g = m_groups[to.index];
        g.inputs.push_back(makeOutlet(ei));
        g.inputs.back().target = m_nodeIndex.at(e.from);
        g.handshake = std::max(g.handshake, g.inputs.back().handshake);
        TopicRt &t = m_topics[from.index];
        t.readers.emplace_back(GroupIndex(to.index), g.coordinator.subscribe(TopicIndex(from.index),
                                                                             e.from, t.partitions));
        t.lagMax.resize(t.readers.size() * t.partitions.size(), 0);
        break;
    }
    case NodeKind::Queue:
        m_groups[to.index].inputs.push_back(makeOutlet(ei));
        m_groups[to.index].inputs.back().target = m_nodeIndex.at(e.from);
        m_groups[to.index].handshake =
            std::max(m_groups[to.index].handshake, m_groups[to.index].inputs.back().handshake);
        m_groups[to.index].queues.push_back(from.index);
        m_queues[from.index].groups.push_back(to.index);
        break;
    case NodeKind::Consumer:
        if (to.kind == NodeKind::Store) {
            m_groups[from.index].stores.push_back(to.index);
            m_groups[from.index].storeEdges.push_back(makeOutlet(ei));
        } else
            m_groups[from.index].followUps.push_back(makeOutlet(ei));
        break;
    case NodeKind::Store:
        assert(false && "validated: no edge leaves a store");
        break;
    }
}

void EngineImpl::finishNode(std::uint32_t i) {
    const model::Node &n = m_scenario.nodes[i];
    const NodeRef ref = m_nodes[i];
    if (n.kind == NodeKind::Queue) {
        QueueRt &q = m_queues[ref.index];
        q.queue =
            std::make_unique<MessageQueue>(n.queue, ref.index, this, &m_ledger, !q.groups.empty());
        if (!n.queue.deadLetter.empty())
            q.deadLetter = static_cast<std::int32_t>(m_nodeIndex.at(n.queue.deadLetter));
    } else if (n.kind == NodeKind::Exchange && !n.exchange.unroutable.empty()) {
        m_exchanges[ref.index].unroutable =
            static_cast<std::int32_t>(m_nodeIndex.at(n.exchange.unroutable));
    } else if (n.kind == NodeKind::Consumer) {
        GroupRt &g = m_groups[ref.index];
        if (!n.consumer.deadLetter.empty())
            g.deadLetter = static_cast<std::int32_t>(m_nodeIndex.at(n.consumer.deadLetter));
        g.members.resize(static_cast<std::size_t>(n.consumer.startingInstances()));
        for (std::uint32_t m = 0; m < g.members.size(); ++m) {
            for (int c = 0; c < n.consumer.concurrency; ++c) {
                const auto h = static_cast<std::uint32_t>(m_handlers.size());
                Handler &handler = m_handlers.emplace_back();
                handler.group = GroupIndex(ref.index);
                handler.member = MemberIndex(m);
                g.members[m].handlers.push_back(h);
            }
        }
    }
}

void EngineImpl::start() {
    m_producers.start(m_now);
    for (const model::Fault &f : m_scenario.faults)
        m_faults.schedule(f, m_now);
    startGroups();
    if (m_scenario.sampleEvery < m_end)
        m_events.push(m_scenario.sampleEvery, kSample, 0, 0);
    for (std::uint32_t h = 0; h < m_handlers.size(); ++h)
        goIdle(h);
}

} // namespace eventbench::sim
