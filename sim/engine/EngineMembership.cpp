// Consumer-group membership under faults, as far as the handlers are concerned: a crash drops
// the work in hand, a release resumes held steps, a ready group looks for work. Membership
// itself, session timeouts and rebalances are the group's GroupCoordinator's.
#include "sim/engine/EngineImpl.h"

namespace eventbench::sim {

void EngineImpl::abandonWork(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group.at()];
    ++h.epoch; // cancels its scheduled step
    h.deferred = false;
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

void EngineImpl::crashConsumer(GroupRt &g, MemberIndex member) {
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

void EngineImpl::setTopicOutage(std::uint32_t topic, bool outage) {
    TopicRt &t = m_topics[topic];
    t.outage = outage;
    for (const auto &[group, first] : t.readers)
        m_groups[group.at()].coordinator.setTopicReachable(TopicIndex(topic), !outage);
}

void EngineImpl::wakeReadersOf(std::uint32_t node) {
    const NodeRef ref = m_nodes[node];
    if (ref.kind == model::NodeKind::Topic) {
        for (const auto &[group, first] : m_topics[ref.index].readers)
            kickGroup(group);
    } else if (ref.kind == model::NodeKind::Queue) {
        for (std::uint32_t group : m_queues[ref.index].groups)
            kickGroup(GroupIndex(group));
    }
}

} // namespace eventbench::sim
