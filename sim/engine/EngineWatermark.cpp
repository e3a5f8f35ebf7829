// Keeps memory flat over long runs: records every reader of a partition is past move to its
// compact archive, and the per-group and per-store id sets and the archives forget the ids
// below the smallest id any live message still has (those can never be delivered, written or
// appended again).
#include <algorithm>

#include "sim/engine/EngineImpl.h"

namespace eventbench::sim {

void EngineImpl::houseKeeping() {
    for (TopicRt &t : m_topics)
        for (std::size_t p = 0; p < t.partitions.size(); ++p)
            archiveRead(t, p);
    forgetDeadIds();
}

// Readers read at or past min(committed, done) and look at the stamp of `ended` (lag_time);
// all three only move up, except `done`, which moves back to `committed` at most.
std::int64_t EngineImpl::readFloor(const TopicRt &t, std::size_t partition) const {
    std::int64_t floor = t.partitions[partition].endOffset();
    for (const auto &[group, first] : t.readers) {
        const GroupCoordinator &gc = m_groups[group.at()].coordinator;
        if (!holdsLog(gc))
            continue;
        const Cursor &c = gc.cursor(CursorIndex(first.at() + partition));
        floor = std::min({floor, c.committed, c.done, c.ended});
        if (gc.keepsLog()) // it may replay: every retained record stays readable
            floor = std::min(floor, t.partitions[partition].startOffset());
    }
    return floor;
}

void EngineImpl::archiveRead(TopicRt &t, std::size_t partition) {
    t.partitions[partition].archiveBelow(readFloor(t, partition));
}

// Every message that can still reach a handler is somewhere below: in a partition at or past
// a reader's position, in a queue, in transit, in a producer's retry buffer or unacknowledged
// window, or in a handler's hands. New messages get ids above m_messages.lastId. A partition
// nobody reads hands out nothing; records below every reader's position are never read again
// (positions only move back to the committed offset, and commits never move back).
std::uint64_t EngineImpl::liveIdFloor(std::uint64_t *cost) const {
    std::uint64_t floor = m_messages.lastId + 1;
    std::uint64_t scanned = 0;
    for (const TopicRt &t : m_topics) {
        if (t.readers.empty())
            continue;
        for (std::size_t p = 0; p < t.partitions.size(); ++p) {
            std::int64_t from = INT64_MAX;
            for (const auto &[group, first] : t.readers) {
                const GroupCoordinator &gc = m_groups[group.at()].coordinator;
                if (!holdsLog(gc))
                    continue;
                const Cursor &c = gc.cursor(CursorIndex(first.at() + p));
                from = std::min({from, c.committed, c.done});
                if (gc.keepsLog()) // what it may replay: what was not archived before it kept
                    from = std::min(
                        from, std::max(t.partitions[p].startOffset(), t.partitions[p].hotStart()));
            }
            floor = std::min(floor, t.partitions[p].minIdFrom(from));
            scanned += t.readers.size() + 1;
        }
    }
    for (const QueueRt &q : m_queues) {
        floor = std::min(floor, q.queue->minLiveId());
        scanned += q.queue->slots();
    }
    for (const auto &[node, m] : m_transit)
        if (node != kFreeTransit)
            floor = std::min(floor, m.id);
    scanned += m_transit.size();
    floor = std::min(floor, m_producers.minLiveId(&scanned));
    for (const Handler &h : m_handlers) {
        if (h.state != Handler::State::Idle || h.source != Handler::Source::None)
            floor = std::min(floor, h.message.id);
        for (const QueueLease &l : h.batch)
            floor = std::min(floor, l.message.id);
        scanned += 1 + h.batch.size();
    }
    *cost = scanned;
    return floor;
}

void EngineImpl::forgetDeadIds() {
    // The scan costs about as much as a few events per item; spacing the scans by four
    // times their cost in events keeps them a small share of any run.
    if (m_eventCount < m_floorAfterEvents)
        return;
    std::uint64_t cost = 0;
    const std::uint64_t floor = liveIdFloor(&cost);
    m_floorAfterEvents = m_eventCount + 4 * cost;
    for (GroupRt &g : m_groups)
        g.completedIds.forgetBelow(floor);
    for (StoreRt &s : m_stores)
        s.written.forgetBelow(floor);
    // What is appended from now on is live now or new: archived ids below can go too.
    for (TopicRt &t : m_topics)
        for (PartitionLog &log : t.partitions)
            log.forgetIdsBelow(floor);
}

} // namespace eventbench::sim
