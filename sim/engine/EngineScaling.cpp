// Consumer groups that join late (`join_at`, `start`), replay faults, and member counts that
// change: the scale fault and `autoscale` (scenarios/README.md#faults and the consumer's knobs).
// The positions and the membership are the GroupCoordinator's; here are the handlers, the
// timers and the autoscaler's decisions.
#include <algorithm>
#include <cmath>

#include "sim/engine/EngineImpl.h"

namespace eventbench::sim {

bool EngineImpl::holdsLog(const GroupCoordinator &gc) const {
    return gc.started() || gc.spec().start == model::ConsumerSpec::Start::Earliest;
}

void EngineImpl::startGroups() {
    for (const model::Fault &f : m_scenario.faults)
        if (f.kind == model::Fault::Kind::Replay)
            if (const auto at = m_nodeIndex.find(f.target); at != m_nodeIndex.end())
                m_groups[m_nodes[at->second].index].coordinator.keepLog();
    for (std::uint32_t i = 0; i < m_groups.size(); ++i) {
        GroupRt &g = m_groups[i];
        g.desired = g.coordinator.memberCount();
        const Time joinAt = g.spec->joinAt;
        if (joinAt == 0) {
            startMembers(GroupIndex(i));
            g.coordinator.start(m_now);
            if (g.spec->autoscale)
                g.raws.emplace_back(m_now, g.desired);
            if (g.spec->autoscale && g.spec->autoscale->interval <= m_end)
                m_events.push(g.spec->autoscale->interval, kAutoscale, i, 0);
        } else if (joinAt <= m_end) {
            m_events.push(joinAt, kGroupJoin, i, 0);
        }
    }
}

// Every member's TLS handshake (if its buses ask for one) begins as the group starts.
void EngineImpl::startMembers(GroupIndex group) {
    for (std::uint32_t m = 0; m < m_groups[group.at()].members.size(); ++m)
        memberStarting(group, MemberIndex(m));
}

void EngineImpl::joinGroup(GroupIndex group) {
    GroupRt &g = m_groups[group.at()];
    startMembers(group);
    g.coordinator.start(m_now);
    logEvent(nodeName(g.node), "joined",
             std::string("start: ") +
                 (g.spec->start == model::ConsumerSpec::Start::Earliest ? "earliest" : "latest") +
                 ", lag " + std::to_string(static_cast<std::int64_t>(consumerLag(g))));
    if (g.spec->autoscale) {
        g.raws.emplace_back(m_now, g.desired);
        if (m_now + g.spec->autoscale->interval <= m_end)
            m_events.push(m_now + g.spec->autoscale->interval, kAutoscale, group.value, 0);
    }
    kickGroup(group);
}

void EngineImpl::replayGroup(GroupIndex group, std::optional<Time> since) {
    GroupRt &g = m_groups[group.at()];
    g.coordinator.keepLog();
    // The reset takes the group's partitions from under its handlers: what they hold is
    // dropped unprocessed and read again from the new position.
    for (const MemberWork &m : g.members)
        for (std::uint32_t h : m.handlers)
            if (m_handlers[h].source == Handler::Source::Partition)
                abandonWork(h);
    g.coordinator.replay(since, m_now);
}

int EngineImpl::membersAsked(const GroupRt &g) const {
    int starting = 0;
    for (const auto &[at, count] : g.starting)
        starting += count;
    return g.coordinator.memberCount() + starting;
}

int EngineImpl::scaleGroup(GroupIndex group, int count) {
    GroupRt &g = m_groups[group.at()];
    const int before = membersAsked(g);
    g.starting.clear(); // the fault sets the count now: nobody is still starting
    g.desired = count;
    logEvent(nodeName(g.node), "scaled",
             std::to_string(before) + " -> " + std::to_string(count) + " members (scale fault)");
    resizeGroup(group, count, "scaled to " + std::to_string(count) + " members");
    return before;
}

void EngineImpl::resizeGroup(GroupIndex group, int count, const std::string &reason) {
    GroupRt &g = m_groups[group.at()];
    if (count == g.coordinator.memberCount())
        return;
    std::vector<std::uint32_t> queues;
    for (const MemberIndex m : g.coordinator.leaversFor(count)) {
        for (std::uint32_t h : g.members[m.at()].handlers) {
            if (m_handlers[h].source == Handler::Source::Queue)
                queues.push_back(m_handlers[h].queue);
            abandonWork(h);
        }
        g.members[m.at()].idle.clear();
    }
    const std::vector<MemberIndex> joined = g.coordinator.scaleTo(count);
    for (const MemberIndex m : joined) {
        g.members.resize(std::max<std::size_t>(g.members.size(), m.at() + 1));
        for (int c = 0; c < g.spec->concurrency; ++c) {
            const auto h = static_cast<std::uint32_t>(m_handlers.size());
            Handler &handler = m_handlers.emplace_back();
            handler.group = group;
            handler.member = m;
            g.members[m.at()].handlers.push_back(h);
        }
        memberStarting(group, m);
    }
    g.coordinator.membershipChanged(reason, m_now);
    for (std::uint32_t q : queues)
        wakeQueue(q);
}

int EngineImpl::autoscaleRaw(const GroupRt &g) const {
    const model::AutoscaleSpec &a = *g.spec->autoscale;
    const double lag = consumerLag(g);
    const double raw = std::ceil(lag / static_cast<double>(a.targetLag));
    int count = static_cast<int>(std::clamp(raw, double(a.min), double(a.max)));
    // On topics, members beyond the partitions would sit idle: KEDA caps them there too.
    const auto partitions = static_cast<int>(g.coordinator.cursors().size());
    if (g.queues.empty() && partitions > 0)
        count = std::max(1, std::min(count, partitions));
    return count;
}

// Every `interval`: a higher count is asked for at once (the members join after `startup`);
// a lower one only when every raw count of the last `cooldown` was that low or lower.
void EngineImpl::autoscaleTick(GroupIndex group) {
    GroupRt &g = m_groups[group.at()];
    const model::AutoscaleSpec &a = *g.spec->autoscale;
    const int raw = autoscaleRaw(g);
    g.raws.emplace_back(m_now, raw);
    while (g.raws.front().first < m_now - a.cooldown)
        g.raws.pop_front();
    const int asked = membersAsked(g);
    int target = asked;
    if (raw > asked) {
        target = raw;
    } else {
        int highest = 0;
        for (const auto &[at, count] : g.raws)
            highest = std::max(highest, count);
        target = std::min(asked, highest);
    }
    if (target != asked) {
        g.desired = target;
        logEvent(nodeName(g.node), "scaled",
                 std::to_string(asked) + " -> " + std::to_string(target) + " members (lag " +
                     std::to_string(static_cast<std::int64_t>(consumerLag(g))) + ")");
        if (target > asked && a.startup > 0) {
            g.starting.emplace_back(m_now + a.startup, target - asked);
            m_events.push(m_now + a.startup, kMembersJoin, group.value, 0);
        } else if (target > asked) {
            resizeGroup(group, g.coordinator.memberCount() + target - asked, "autoscaled up");
        } else {
            // Members still starting are the newest: they are called off first.
            int drop = asked - target;
            while (drop > 0 && !g.starting.empty()) {
                const int k = std::min(drop, g.starting.back().second);
                drop -= k;
                if ((g.starting.back().second -= k) == 0)
                    g.starting.pop_back();
            }
            if (drop > 0)
                resizeGroup(group, g.coordinator.memberCount() - drop, "autoscaled down");
        }
    }
    if (m_now + a.interval <= m_end)
        m_events.push(m_now + a.interval, kAutoscale, group.value, 0);
}

void EngineImpl::startedMembersJoin(GroupIndex group) {
    GroupRt &g = m_groups[group.at()];
    int due = 0;
    while (!g.starting.empty() && g.starting.front().first <= m_now) {
        due += g.starting.front().second;
        g.starting.pop_front();
    }
    if (due > 0)
        resizeGroup(group, g.coordinator.memberCount() + due,
                    std::to_string(due) + " autoscaled members started");
}

} // namespace eventbench::sim
