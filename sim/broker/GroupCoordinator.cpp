#include "sim/broker/GroupCoordinator.h"

#include <algorithm>
#include <cassert>
#include <sstream>

#include "sim/broker/Assignment.h"

namespace eventbench::sim {

GroupCoordinator::GroupCoordinator(const model::ConsumerSpec &spec, std::string name,
                                   GroupIndex index, TimerSink *timers, GroupListener *listener,
                                   Ledger *ledger, Time end)
    : m_spec(&spec), m_name(std::move(name)), m_index(index), m_timers(timers),
      m_listener(listener), m_ledger(ledger), m_end(end),
      m_members(static_cast<std::size_t>(std::max(0, spec.instances))) {
    assert(m_members.size() < (std::size_t{1} << kTimerShift) && "member ids fit the payload");
}

CursorIndex GroupCoordinator::subscribe(TopicIndex topic, std::string topicName,
                                        const std::vector<PartitionLog> &partitions) {
    const CursorIndex first(m_cursors.size());
    const auto subscription = static_cast<std::uint32_t>(m_subscriptions.size());
    m_subscriptions.push_back({topic, std::move(topicName), true});
    for (std::size_t p = 0; p < partitions.size(); ++p) {
        Cursor c;
        c.topic = topic;
        c.partition = static_cast<int>(p);
        c.log = &partitions[p];
        c.subscription = subscription;
        m_cursors.push_back(c);
    }
    return first;
}

void GroupCoordinator::start(Time now) {
    const std::vector<int> owners = assign();
    for (std::size_t c = 0; c < m_cursors.size(); ++c) {
        m_cursors[c].owner = owners[c];
        if (owners[c] >= 0)
            m_members[static_cast<std::size_t>(owners[c])].cursors.push_back(CursorIndex(c));
    }
    const Time interval = m_spec->commitInterval;
    if (!m_cursors.empty() && m_spec->commit == model::ConsumerSpec::Commit::Auto && interval > 0 &&
        now + interval <= m_end)
        m_timers->wakeAt(now + interval, m_index.value, payload(Timer::CommitTick, 0));
}

std::string GroupCoordinator::memberName(MemberIndex member) const {
    return m_name + "#" + std::to_string(member.value);
}

int GroupCoordinator::membersUp() const {
    return static_cast<int>(std::count_if(m_members.begin(), m_members.end(),
                                          [](const GroupMember &m) { return m.up; }));
}

void GroupCoordinator::setTopicReachable(TopicIndex topic, bool reachable) {
    for (Subscription &s : m_subscriptions)
        if (s.topic == topic)
            s.reachable = reachable;
}

// ---- membership ----

void GroupCoordinator::crash(MemberIndex member, Time now) {
    GroupMember &m = m_members[member.at()];
    m.up = false;
    m.paused = false;
    m.isolated = false;
    m.lostState = true;
    m_listener->groupEvent(m_index, "crash", memberName(member));
    if (!m_cursors.empty())
        startSilence(member, now);
}

void GroupCoordinator::restart(MemberIndex member, Time now) {
    GroupMember &m = m_members[member.at()];
    m.up = true;
    ++m.silenceEpoch;
    m_listener->groupEvent(m_index, "restart", memberName(member));
    if (!m_cursors.empty()) {
        // A restarted client joins with a new member id: always a rebalance.
        m.inGroup = true;
        startRebalance("member " + std::to_string(member.value) + " joined", now);
        return;
    }
    m_listener->groupReady(m_index);
}

void GroupCoordinator::setPaused(MemberIndex member, bool paused, Time now) {
    GroupMember &m = m_members[member.at()];
    if (m.paused == paused || !m.up)
        return;
    const bool wasHeld = m.held();
    m.paused = paused;
    m_listener->groupEvent(m_index, paused ? "pause" : "resume", memberName(member));
    holdChanged(member, wasHeld, now);
}

void GroupCoordinator::setIsolated(MemberIndex member, bool isolated, Time now) {
    // Cut off from every bus, a consumer can neither fetch, acknowledge nor heartbeat: it
    // holds its work exactly as a paused one does, and is evicted after session_timeout.
    GroupMember &m = m_members[member.at()];
    if (m.isolated == isolated || !m.up)
        return;
    const bool wasHeld = m.held();
    m.isolated = isolated;
    m_listener->groupEvent(m_index, isolated ? "isolated" : "reconnected", memberName(member));
    holdChanged(member, wasHeld, now);
}

// A member is held while paused or isolated; only the change between held and free matters.
void GroupCoordinator::holdChanged(MemberIndex member, bool wasHeld, Time now) {
    GroupMember &m = m_members[member.at()];
    const bool held = m.held();
    if (held == wasHeld)
        return;
    if (held) {
        if (!m_cursors.empty())
            startSilence(member, now);
        return;
    }
    ++m.silenceEpoch;
    m_listener->memberReleased(m_index, member);
    if (!m.inGroup) {
        m.inGroup = true;
        startRebalance("member " + std::to_string(member.value) + " rejoined", now);
        return;
    }
    m_listener->groupReady(m_index);
}

void GroupCoordinator::startSilence(MemberIndex member, Time now) {
    GroupMember &m = m_members[member.at()];
    ++m.silenceEpoch;
    const Time at = now + m_spec->sessionTimeout;
    if (at <= m_end)
        m_timers->wakeAt(at, m_index.value,
                         payload(Timer::SessionCheck, m.silenceEpoch, member.value));
}

void GroupCoordinator::onTimer(std::uint64_t p, Time now) {
    switch (timerOf(p)) {
    case Timer::CommitTick:
        onCommitTick(now);
        break;
    case Timer::SessionCheck:
        onSessionCheck(p, now);
        break;
    case Timer::RebalanceEnd:
        onRebalanceEnd(static_cast<std::uint32_t>(p >> 32), now);
        break;
    }
}

void GroupCoordinator::onSessionCheck(std::uint64_t p, Time now) {
    const MemberIndex member(static_cast<std::uint32_t>(p & ((1U << kTimerShift) - 1)));
    GroupMember &m = m_members[member.at()];
    if (m.silenceEpoch != static_cast<std::uint32_t>(p >> 32) || !m.inGroup)
        return;
    m.inGroup = false;
    m_listener->groupEvent(m_index, "evicted",
                           memberName(member) + " missed heartbeats for session_timeout");
    startRebalance("member " + std::to_string(member.value) + " evicted", now);
}

// ---- rebalances ----

void GroupCoordinator::startRebalance(const std::string &reason, Time now) {
    if (m_cursors.empty())
        return;
    ++m_rebalances;
    ++m_rebalanceEpoch;
    m_rebalancing = true;
    commitHealthyOwners();
    m_listener->groupEvent(m_index, "rebalance_started", reason);
    m_timers->wakeAt(now + m_spec->rebalanceTime, m_index.value,
                     payload(Timer::RebalanceEnd, m_rebalanceEpoch));
}

void GroupCoordinator::onRebalanceEnd(std::uint32_t epoch, Time) {
    if (epoch != m_rebalanceEpoch || !m_rebalancing)
        return;
    commitHealthyOwners(); // what finished during the rebalance, before handing over
    const std::vector<int> owners = assign();
    const auto members = std::count_if(m_members.begin(), m_members.end(),
                                       [](const GroupMember &m) { return m.inGroup; });

    std::ostringstream moves;
    int moved = 0;
    for (GroupMember &m : m_members)
        m.cursors.clear();
    for (std::size_t i = 0; i < m_cursors.size(); ++i) {
        Cursor &c = m_cursors[i];
        const int owner = owners[i];
        const bool lost = owner >= 0 && m_members[static_cast<std::size_t>(owner)].lostState;
        if (owner != c.owner) {
            moves << (moved++ ? " " : "") << m_subscriptions[c.subscription].name << "["
                  << c.partition << "]:" << c.owner << "->" << owner;
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
                m_ledger->skipped += skipped;
                m_skipped += skipped;
                c.ended = c.committed;
            }
            expireBehind(c);
        }
        if (owner >= 0)
            m_members[static_cast<std::size_t>(owner)].cursors.push_back(CursorIndex(i));
    }
    for (GroupMember &m : m_members)
        if (m.up)
            m.lostState = false;
    m_rebalancing = false;
    m_listener->groupEvent(m_index, "rebalance_done",
                           std::to_string(members) + " members; moved " + std::to_string(moved) +
                               (moved ? ": " + moves.str() : ""));
    m_listener->groupReady(m_index);
}

// Owners per cursor for the members in the group, keeping previous owners per strategy.
std::vector<int> GroupCoordinator::assign() const {
    std::vector<TopicPartitionRef> refs;
    std::vector<int> previous;
    for (const Cursor &c : m_cursors) {
        refs.push_back({static_cast<int>(c.subscription), c.partition});
        previous.push_back(c.owner);
    }
    std::vector<int> live;
    for (int m = 0; m < static_cast<int>(m_members.size()); ++m)
        if (m_members[static_cast<std::size_t>(m)].inGroup)
            live.push_back(m);
    AssignmentStrategy strategy = AssignmentStrategy::Range;
    if (m_spec->assignment == model::ConsumerSpec::Assignment::RoundRobin)
        strategy = AssignmentStrategy::RoundRobin;
    else if (m_spec->assignment == model::ConsumerSpec::Assignment::Sticky)
        strategy = AssignmentStrategy::Sticky;
    return assignPartitions(strategy, refs, live, previous);
}

// ---- commits and positions ----

// Graceful: members that can still reach the coordinator commit what they processed.
void GroupCoordinator::commitHealthyOwners() {
    for (Cursor &c : m_cursors) {
        if (c.owner < 0)
            continue;
        const GroupMember &m = m_members[static_cast<std::size_t>(c.owner)];
        if (m.working() && !m.lostState)
            c.committed = std::max(c.committed, c.done);
    }
}

void GroupCoordinator::onCommitTick(Time now) {
    for (Cursor &c : m_cursors) {
        if (c.owner < 0 || !reachable(c) || m_rebalancing)
            continue;
        const GroupMember &m = m_members[static_cast<std::size_t>(c.owner)];
        if (m.up && !m.paused && !m.lostState)
            c.committed = std::max(c.committed, c.done);
    }
    m_lastCommit = now;
    const Time next = now + m_spec->commitInterval;
    if (next <= m_end)
        m_timers->wakeAt(next, m_index.value, payload(Timer::CommitTick, 0));
}

} // namespace eventbench::sim
