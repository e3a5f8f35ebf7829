// Consumer-group membership under faults: crashes and restarts, pauses and isolation, session
// timeouts and evictions, and rebalances that move partitions (SPEC §3.4, §4).
#include <algorithm>
#include <sstream>

#include "sim/engine/EngineImpl.h"

namespace eventbench::sim {

namespace {
std::string memberName(const std::string &group, std::uint32_t member) {
    return group + "#" + std::to_string(member);
}
} // namespace

void EngineImpl::abandonWork(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group];
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
        Cursor &c = g.cursors[h.cursor];
        if (c.generation == h.cursorGeneration)
            c.busy = false; // the record stays at `done`: whoever owns it next replays it
    } else if (h.source == Handler::Source::Queue) {
        // A closed connection requeues unacknowledged messages at once (RabbitMQ); with
        // visibility redelivery they come back when the lease ends (SQS).
        m_queues[h.queue].queue->release(h.lease, m_now);
    }
    h.source = Handler::Source::None;
    h.state = Handler::State::Idle;
    setBusy(g, false);
}

void EngineImpl::crashConsumer(GroupRt &g, std::uint32_t member) {
    Member &m = g.members[member];
    const std::uint32_t group = static_cast<std::uint32_t>(&g - m_groups.data());
    m.up = false;
    m.paused = false;
    m.isolated = false;
    m.lostState = true;
    std::vector<std::uint32_t> queues;
    for (std::uint32_t h : m.handlers) {
        if (m_handlers[h].source == Handler::Source::Queue)
            queues.push_back(m_handlers[h].queue);
        abandonWork(h);
    }
    logEvent(nodeName(g.node), "crash", memberName(nodeName(g.node), member));
    if (!g.cursors.empty())
        startSilence(group, member);
    for (std::uint32_t q : queues)
        wakeQueue(q);
}

void EngineImpl::restartConsumer(GroupRt &g, std::uint32_t member) {
    Member &m = g.members[member];
    const std::uint32_t group = static_cast<std::uint32_t>(&g - m_groups.data());
    m.up = true;
    ++m.silenceEpoch;
    logEvent(nodeName(g.node), "restart", memberName(nodeName(g.node), member));
    if (!g.cursors.empty()) {
        // A restarted client joins with a new member id: always a rebalance.
        m.inGroup = true;
        startRebalance(group, "member " + std::to_string(member) + " joined");
        return;
    }
    kickGroup(group);
}

void EngineImpl::setPaused(GroupRt &g, std::uint32_t member, bool paused) {
    Member &m = g.members[member];
    if (m.paused == paused || !m.up)
        return;
    const bool wasHeld = m.paused || m.isolated;
    m.paused = paused;
    logEvent(nodeName(g.node), paused ? "pause" : "resume", memberName(nodeName(g.node), member));
    holdChanged(g, member, wasHeld);
}

void EngineImpl::setIsolated(GroupRt &g, std::uint32_t member, bool isolated) {
    // Cut off from every bus, a consumer can neither fetch, acknowledge nor heartbeat: it
    // holds its work exactly as a paused one does, and is evicted after session_timeout.
    Member &m = g.members[member];
    if (m.isolated == isolated || !m.up)
        return;
    const bool wasHeld = m.paused || m.isolated;
    m.isolated = isolated;
    logEvent(nodeName(g.node), isolated ? "isolated" : "reconnected",
             memberName(nodeName(g.node), member));
    holdChanged(g, member, wasHeld);
}

// A member is held while paused or isolated; only the change between held and free matters.
void EngineImpl::holdChanged(GroupRt &g, std::uint32_t member, bool wasHeld) {
    Member &m = g.members[member];
    const std::uint32_t group = static_cast<std::uint32_t>(&g - m_groups.data());
    const bool held = m.paused || m.isolated;
    if (held == wasHeld)
        return;
    if (held) {
        if (!g.cursors.empty())
            startSilence(group, member);
        return;
    }
    ++m.silenceEpoch;
    for (std::uint32_t h : m.handlers) {
        Handler &handler = m_handlers[h];
        if (handler.deferred) {
            handler.deferred = false;
            m_events.push(m_now, kHandlerStep, h, handler.epoch);
        }
    }
    if (!m.inGroup) {
        m.inGroup = true;
        startRebalance(group, "member " + std::to_string(member) + " rejoined");
        return;
    }
    kickGroup(group);
}

void EngineImpl::startSilence(std::uint32_t group, std::uint32_t member) {
    Member &m = m_groups[group].members[member];
    ++m.silenceEpoch;
    const Time at = m_now + m_groups[group].spec->sessionTimeout;
    if (at <= m_end)
        m_events.push(at, kSessionCheck, group, (std::uint64_t{m.silenceEpoch} << 32) | member);
}

void EngineImpl::onSessionCheck(std::uint32_t group, std::uint64_t payload) {
    GroupRt &g = m_groups[group];
    const auto member = static_cast<std::uint32_t>(payload & 0xffffffffU);
    Member &m = g.members[member];
    if (m.silenceEpoch != static_cast<std::uint32_t>(payload >> 32) || !m.inGroup)
        return;
    m.inGroup = false;
    logEvent(nodeName(g.node), "evicted",
             memberName(nodeName(g.node), member) + " missed heartbeats for session_timeout");
    startRebalance(group, "member " + std::to_string(member) + " evicted");
}

void EngineImpl::startRebalance(std::uint32_t group, const std::string &reason) {
    GroupRt &g = m_groups[group];
    if (g.cursors.empty())
        return;
    ++g.rebalances;
    ++g.rebalanceEpoch;
    g.rebalancing = true;
    commitHealthyOwners(g);
    logEvent(nodeName(g.node), "rebalance_started", reason);
    m_events.push(m_now + g.spec->rebalanceTime, kRebalanceEnd, group, g.rebalanceEpoch);
}

void EngineImpl::onRebalanceEnd(std::uint32_t group, std::uint64_t epoch) {
    GroupRt &g = m_groups[group];
    if (epoch != g.rebalanceEpoch || !g.rebalancing)
        return;
    commitHealthyOwners(g); // what finished during the rebalance, before handing over
    const std::vector<int> owners = assignCursors(g);
    const auto members = std::count_if(g.members.begin(), g.members.end(),
                                       [](const Member &m) { return m.inGroup; });

    std::ostringstream moves;
    int moved = 0;
    for (Member &m : g.members)
        m.cursors.clear();
    for (std::uint32_t i = 0; i < g.cursors.size(); ++i) {
        Cursor &c = g.cursors[i];
        const int owner = owners[i];
        const bool lost = owner >= 0 && g.members[static_cast<std::size_t>(owner)].lostState;
        if (owner != c.owner) {
            moves << (moved++ ? " " : "") << nodeName(m_topicNode[c.topic]) << "[" << c.partition
                  << "]:" << c.owner << "->" << owner;
        }
        if (owner != c.owner || lost) {
            // The new owner starts from the last committed offset: what lies below `ended` is
            // replayed (duplicates); what lies between `ended` and the commit was never
            // processed and is skipped (at-most-once).
            c.owner = owner;
            ++c.generation;
            c.busy = false;
            c.done = c.fetched = c.committed;
            if (c.committed > c.ended) {
                const std::int64_t skipped = c.committed - c.ended;
                m_ledger.skipped += skipped;
                g.skipped += skipped;
                c.ended = c.committed;
            }
            expireBehind(c);
        }
        if (owner >= 0)
            g.members[static_cast<std::size_t>(owner)].cursors.push_back(i);
    }
    for (Member &m : g.members)
        if (m.up)
            m.lostState = false;
    g.rebalancing = false;
    logEvent(nodeName(g.node), "rebalance_done",
             std::to_string(members) + " members; moved " + std::to_string(moved) +
                 (moved ? ": " + moves.str() : ""));
    kickGroup(group);
}

// Graceful: members that can still reach the coordinator commit what they processed.
void EngineImpl::commitHealthyOwners(GroupRt &g) {
    for (Cursor &c : g.cursors) {
        if (c.owner < 0)
            continue;
        const Member &m = g.members[static_cast<std::size_t>(c.owner)];
        if (m.up && !m.paused && !m.isolated && !m.lostState)
            c.committed = std::max(c.committed, c.done);
    }
}

void EngineImpl::kickGroup(std::uint32_t group) {
    GroupRt &g = m_groups[group];
    for (Member &m : g.members) {
        if (!m.up || m.paused || m.isolated)
            continue;
        for (std::uint32_t h : m.handlers)
            if (m_handlers[h].state == Handler::State::Idle)
                tryStartWork(h);
    }
}

void EngineImpl::wakeReadersOf(std::uint32_t node) {
    const NodeRef ref = m_nodes[node];
    if (ref.kind == model::NodeKind::Topic) {
        for (const auto &[group, first] : m_topics[ref.index].readers)
            kickGroup(group);
    } else if (ref.kind == model::NodeKind::Queue) {
        for (std::uint32_t group : m_queues[ref.index].groups)
            kickGroup(group);
    }
}

} // namespace eventbench::sim
