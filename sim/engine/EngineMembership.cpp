// Faults as the engine's state sees them. Consumer-group membership, as far as the handlers
// are concerned: a crash drops the work in hand, a release resumes held steps, a ready group
// looks for work (membership itself, session timeouts and rebalances are the group's
// GroupCoordinator's). And the FaultHost side of EngineFaults: outages, duplicates, latency.
#include "sim/engine/EngineImpl.h"

namespace eventbench::sim {

void EngineImpl::abandonWork(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group.at()];
    ++h.epoch; // cancels its scheduled step
    h.deferred = false;
    cancelBreakerCall(h);
    for (const QueueLease &rest : h.batch)
        m_queues[h.queue].queue->release(rest, m_now);
    h.batch.clear();
    if (h.state == Handler::State::Idle)
        return;
    if (h.state == Handler::State::StoreWrite) {
        releaseStoreSlot(m_stores[g.stores[h.storeStep]]);
        // A handler waiting for a store slot leaves a stale entry behind: its epoch no longer
        // matches, so the store skips it.
    }
    if (h.source == Handler::Source::Partition) {
        g.coordinator.abandon(h.cursor, h.cursorGeneration);
    } else if (h.source == Handler::Source::Queue) {
        // A closed connection requeues unacknowledged messages at once (RabbitMQ); with
        // visibility redelivery they come back when the lease ends (SQS).
        m_queues[h.queue].queue->release(h.lease, m_now);
    }
    h.source = Handler::Source::None;
    h.state = Handler::State::Idle;
    setBusy(g, false);
}

void EngineImpl::crashMember(GroupIndex group, MemberIndex member) {
    GroupRt &g = m_groups[group.at()];
    std::vector<std::uint32_t> queues;
    for (std::uint32_t h : g.members[member.at()].handlers) {
        if (m_handlers[h].source == Handler::Source::Queue)
            queues.push_back(m_handlers[h].queue);
        abandonWork(h);
    }
    g.coordinator.crash(member, m_now);
    for (std::uint32_t q : queues)
        wakeQueue(q);
}

void EngineImpl::groupEvent(GroupIndex group, const char *event, const std::string &detail) {
    logEvent(nodeName(m_groups[group.at()].node), event, detail);
}

void EngineImpl::memberReleased(GroupIndex group, MemberIndex member) {
    for (std::uint32_t h : m_groups[group.at()].members[member.at()].handlers) {
        Handler &handler = m_handlers[h];
        if (handler.deferred) {
            handler.deferred = false;
            m_events.push(m_now, kHandlerStep, h, handler.epoch);
        }
    }
}

void EngineImpl::groupReady(GroupIndex group) {
    kickGroup(group);
}

void EngineImpl::kickGroup(GroupIndex group) {
    GroupRt &g = m_groups[group.at()];
    for (std::uint32_t m = 0; m < g.members.size(); ++m) {
        if (!g.coordinator.member(MemberIndex(m)).working())
            continue;
        for (std::uint32_t h : g.members[m].handlers)
            if (m_handlers[h].state == Handler::State::Idle)
                tryStartWork(h);
    }
}

FaultHost::Target EngineImpl::faultTarget(const std::string &node) const {
    const std::uint32_t index = m_nodeIndex.at(node);
    return {m_nodes[index].kind, NodeIndex(index), m_nodes[index].index};
}

void EngineImpl::logFaultEvent(const std::string &node, const char *event,
                               const std::string &detail) {
    logEvent(node, event, detail);
}

void EngineImpl::setBusOutage(NodeIndex bus, bool outage) {
    const NodeRef ref = m_nodes[bus.at()];
    if (ref.kind == model::NodeKind::Topic) {
        TopicRt &t = m_topics[ref.index];
        t.outage = outage;
        for (const auto &[group, first] : t.readers)
            m_groups[group.at()].coordinator.setTopicReachable(TopicIndex(ref.index), !outage);
    } else if (ref.kind == model::NodeKind::Queue) {
        m_queues[ref.index].outage = outage;
    } else {
        m_exchanges[ref.index].outage = outage;
    }
}

void EngineImpl::wakeReaders(NodeIndex bus) {
    const NodeRef ref = m_nodes[bus.at()];
    if (ref.kind == model::NodeKind::Topic) {
        for (const auto &[group, first] : m_topics[ref.index].readers)
            kickGroup(group);
    } else if (ref.kind == model::NodeKind::Queue) {
        for (std::uint32_t group : m_queues[ref.index].groups)
            kickGroup(GroupIndex(group));
    }
}

void EngineImpl::setBusDuplicate(NodeIndex bus, double probability) {
    const NodeRef ref = m_nodes[bus.at()];
    if (ref.kind == model::NodeKind::Topic)
        m_topics[ref.index].duplicate = probability;
    else if (ref.kind == model::NodeKind::Queue)
        m_queues[ref.index].duplicate = probability;
    else
        m_exchanges[ref.index].duplicate = probability;
}

void EngineImpl::addEdgeLatency(std::uint32_t edge, Time add) {
    auto adjust = [&](std::vector<Outlet> &outlets) {
        for (Outlet &o : outlets)
            if (o.edge == edge)
                o.extraLatency += add;
    };
    m_producers.addEdgeLatency(edge, add);
    for (ExchangeRt &x : m_exchanges)
        adjust(x.outlets);
    for (GroupRt &g : m_groups) {
        adjust(g.followUps);
        adjust(g.inputs);
        adjust(g.storeEdges);
    }
}

} // namespace eventbench::sim
