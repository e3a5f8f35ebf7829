// The GroupCoordinator's replays (offset resets) and member-count changes (the scale fault and
// autoscale): see scenarios/README.md#faults and the consumer's `autoscale`.
#include <algorithm>

#include "model/scenario/Units.h"
#include "sim/broker/GroupCoordinator.h"

namespace eventbench::sim {

std::int64_t GroupCoordinator::readableFrom(const PartitionLog &log, std::optional<Time> since) {
    // Records moved to the archive can no longer be read: a replay reaches back to the first
    // one still whole (every record, for a group that keeps the log).
    std::int64_t lo = std::max(log.startOffset(), log.hotStart());
    if (!since)
        return lo;
    std::int64_t hi = log.endOffset();
    while (lo < hi) { // stamps grow with offsets: the first at or after `since`
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (log.stampAt(mid) < *since)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

std::int64_t GroupCoordinator::replay(std::optional<Time> since, Time now) {
    if (!m_started)
        return 0;
    std::int64_t reopened = 0;
    for (Cursor &c : m_cursors) {
        expireBehind(c);
        const std::int64_t to =
            readableFrom(*c.log, since ? std::optional<Time>(now - *since) : std::nullopt);
        if (to < c.ended) {
            // What had ended is owed again, and counts as replayed when it is read again.
            m_ledger->obligations += c.ended - to;
            reopened += c.ended - to;
            c.replayUntil = std::max(c.replayUntil, c.ended);
        } else if (to > c.ended) {
            // Reset forward, past records never processed (like --to-datetime ahead of lag).
            m_ledger->skipped += to - c.ended;
            m_skipped += to - c.ended;
        }
        c.ended = to;
        c.committed = c.done = c.fetched = to;
        c.busy = false;
        c.highestDelivered = std::min(c.highestDelivered, to - 1);
        ++c.generation;
    }
    m_listener->groupEvent(
        m_index, "replay",
        std::to_string(reopened) + " records to read again" +
            (since ? " (from " + model::formatDuration(*since) + " back)" : " (from earliest)"));
    m_listener->groupReady(m_index);
    return reopened;
}

int GroupCoordinator::memberCount() const {
    return static_cast<int>(std::count_if(m_members.begin(), m_members.end(),
                                          [](const GroupMember &m) { return !m.left; }));
}

std::vector<MemberIndex> GroupCoordinator::leaversFor(int count) const {
    std::vector<MemberIndex> in;
    for (std::uint32_t m = 0; m < m_members.size(); ++m)
        if (!m_members[m].left)
            in.push_back(MemberIndex(m));
    // The newest members (the highest member ids) leave first.
    std::sort(in.begin(), in.end(), [&](MemberIndex a, MemberIndex b) {
        return m_members[a.at()].id > m_members[b.at()].id;
    });
    const auto leave = static_cast<std::size_t>(std::max(0, static_cast<int>(in.size()) - count));
    in.resize(leave);
    return in;
}

std::vector<MemberIndex> GroupCoordinator::scaleTo(int count) {
    for (MemberIndex leaver : leaversFor(count)) {
        GroupMember &m = m_members[leaver.at()];
        // A graceful leave: what it processed is committed before it goes.
        for (CursorIndex ci : m.cursors) {
            Cursor &c = m_cursors[ci.at()];
            if (m.working() && !m.lostState && reachable(c))
                c.committed = std::max(c.committed, c.done);
        }
        m.left = true;
        m.up = m.inGroup = m.paused = m.isolated = false;
        ++m.silenceEpoch;
    }
    std::vector<MemberIndex> joined;
    for (int n = memberCount(); n < count; ++n) {
        joined.push_back(MemberIndex(static_cast<std::uint32_t>(m_members.size())));
        GroupMember &m = m_members.emplace_back();
        joinWithNewId(m);
    }
    return joined;
}

void GroupCoordinator::membershipChanged(const std::string &reason, Time now) {
    // Every join and leave of one instant makes one rebalance.
    if (m_rebalancing && m_rebalanceStart == now)
        return;
    if (m_started && !m_cursors.empty()) {
        startRebalance(reason, now);
        return;
    }
    m_listener->groupReady(m_index);
}

} // namespace eventbench::sim
