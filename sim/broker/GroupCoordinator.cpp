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
      m_members(static_cast<std::size_t>(std::max(0, spec.startingInstances()))) {
    assert(m_members.size() < (std::size_t{1} << kTimerShift) && "member ids fit the payload");
    for (GroupMember &m : m_members)
        joinWithNewId(m);
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
    m_started = true;
    const bool earliest = m_spec->start == model::ConsumerSpec::Start::Earliest;
    for (Cursor &c : m_cursors) {
        // Kafka's auto.offset.reset, resolved now that the group first gets its partitions.
        const std::int64_t at = earliest ? c.log->startOffset() : c.log->endOffset();
        c.committed = c.done = c.fetched = c.ended = at;
        m_ledger->obligations += c.log->endOffset() - at;
    }
    const std::vector<int> owners = assign();
    bool owned = false;
    for (std::size_t c = 0; c < m_cursors.size(); ++c) {
        m_cursors[c].owner = owners[c];
        if (owners[c] >= 0) {
            GroupMember &m = m_members[static_cast<std::size_t>(owners[c])];
            m_cursors[c].ownerId = m.id;
            m.cursors.push_back(CursorIndex(c));
            owned = true;
        }
    }
    if (owned)
        m_listener->groupEvent(m_index, "assignment", assignmentText());
    const Time interval = m_spec->commitInterval;
    if (!m_cursors.empty() && m_spec->commit == model::ConsumerSpec::Commit::Auto && interval > 0 &&
        now + interval <= m_end)
        m_timers->wakeAt(now + interval, m_index.value, payload(Timer::CommitTick, 0));
}

std::string GroupCoordinator::memberName(MemberIndex member) const {
    return m_name + "#" + std::to_string(m_members[member.at()].id);
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
    if (m.left)
        return; // scaled away while down: nothing comes back
    m.up = true;
    ++m.silenceEpoch;
    // A restarted client joins with a new member id (its old one leaves with this rebalance).
    joinWithNewId(m);
    m_listener->groupEvent(m_index, "restart", memberName(member));
    if (!m_cursors.empty()) {
        m.inGroup = true;
        startRebalance("member #" + std::to_string(m.id) + " joined", now);
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
        // Evicted meanwhile: it joins again as a new member, with a new member id.
        m.inGroup = true;
        joinWithNewId(m);
        startRebalance("member #" + std::to_string(m.id) + " rejoined", now);
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
    startRebalance("member #" + std::to_string(m.id) + " evicted", now);
}

// ---- rebalances ----

void GroupCoordinator::startRebalance(const std::string &reason, Time now) {
    if (m_cursors.empty() || !m_started)
        return;
    m_rebalanceStart = now;
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
        const int ownerId = owner >= 0 ? m_members[static_cast<std::size_t>(owner)].id : -1;
        const bool lost = owner >= 0 && m_members[static_cast<std::size_t>(owner)].lostState;
        if (ownerId != c.ownerId) {
            moves << (moved++ ? " " : "") << m_subscriptions[c.subscription].name << "["
                  << c.partition << "]:" << c.ownerId << "->" << ownerId;
        }
        c.ownerId = ownerId;
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
    m_listener->groupEvent(m_index, "assignment", assignmentText());
    m_listener->groupReady(m_index);
}

// Owners per cursor for the members in the group, keeping previous owners per strategy. The
// assignors see partitions ordered by topic name and members ordered by id, as Kafka's do.
std::vector<int> GroupCoordinator::assign() const {
    const std::vector<std::size_t> order = cursorsByTopicName();
    std::vector<TopicPartitionRef> refs;
    std::vector<int> previous;
    int rank = -1;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const Cursor &c = m_cursors[order[k]];
        if (k == 0 || c.subscription != m_cursors[order[k - 1]].subscription)
            ++rank;
        refs.push_back({rank, c.partition});
        previous.push_back(c.ownerId);
    }
    const std::vector<int> slots = membersInKafkaOrder();
    std::vector<int> ids;
    for (int slot : slots)
        ids.push_back(m_members[static_cast<std::size_t>(slot)].id);
    AssignmentStrategy strategy = AssignmentStrategy::Range;
    if (m_spec->assignment == model::ConsumerSpec::Assignment::RoundRobin)
        strategy = AssignmentStrategy::RoundRobin;
    else if (m_spec->assignment == model::ConsumerSpec::Assignment::Sticky)
        strategy = AssignmentStrategy::Sticky;
    const std::vector<int> ownerIds = assignPartitions(strategy, refs, ids, previous);
    std::vector<int> owners(m_cursors.size(), -1);
    for (std::size_t k = 0; k < order.size(); ++k) {
        const auto at = std::find(ids.begin(), ids.end(), ownerIds[k]);
        if (at != ids.end())
            owners[order[k]] = slots[static_cast<std::size_t>(at - ids.begin())];
    }
    return owners;
}

std::vector<std::size_t> GroupCoordinator::cursorsByTopicName() const {
    std::vector<std::size_t> order(m_cursors.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Cursor &x = m_cursors[a];
        const Cursor &y = m_cursors[b];
        const std::string &nx = m_subscriptions[x.subscription].name;
        const std::string &ny = m_subscriptions[y.subscription].name;
        if (nx != ny)
            return nx < ny;
        return x.subscription != y.subscription ? x.subscription < y.subscription
                                                : x.partition < y.partition;
    });
    return order;
}

std::vector<int> GroupCoordinator::membersInKafkaOrder() const {
    std::vector<int> slots;
    for (int m = 0; m < static_cast<int>(m_members.size()); ++m)
        if (m_members[static_cast<std::size_t>(m)].inGroup)
            slots.push_back(m);
    // Kafka compares member ids as strings: "#10" comes before "#2" (the "#" is common).
    std::sort(slots.begin(), slots.end(), [&](int a, int b) {
        return std::to_string(m_members[static_cast<std::size_t>(a)].id) <
               std::to_string(m_members[static_cast<std::size_t>(b)].id);
    });
    return slots;
}

std::string GroupCoordinator::assignmentText() const {
    std::vector<std::vector<std::size_t>> mine(m_members.size());
    for (std::size_t i : cursorsByTopicName())
        if (m_cursors[i].owner >= 0)
            mine[static_cast<std::size_t>(m_cursors[i].owner)].push_back(i);
    std::string out;
    for (int slot : membersInKafkaOrder()) {
        const auto at = static_cast<std::size_t>(slot);
        out += out.empty() ? "#" : "; #";
        out += std::to_string(m_members[at].id);
        out += ' ';
        if (mine[at].empty())
            out += "-";
        for (std::size_t k = 0; k < mine[at].size(); ++k) {
            const Cursor &c = m_cursors[mine[at][k]];
            out += (k ? "," : "") + m_subscriptions[c.subscription].name + "[" +
                   std::to_string(c.partition) + "]";
        }
    }
    return out;
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
