#pragma once
// One partition of a topic: an append-only log addressed by offset, trimmed from the head by
// retention (time and bytes). Owned by its Topic; "now" is always passed in. Records that a
// reader may still read are stored whole in 40 bytes (ARCHITECTURE: compact records in chunked
// storage): what messages share is interned as a shape, the causation as a gap below the id.
// Once every reader is past a record (archiveBelow), only what retention and the late-append
// check need is kept, in 16 bytes, and 8 once no live message is older (ColdLog), or nothing
// but a count when retention will not reach them before the run ends (keepAfter).
#include <algorithm>
#include <cassert>
#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>

#include "sim/broker/ChunkedRing.h"
#include "sim/broker/ColdLog.h"
#include "sim/broker/Message.h"
#include "sim/broker/MessageShapes.h"

namespace eventbench::sim {

class PartitionLog {
  public:
    /// Takes storage blocks from `pool` from now on (it must outlive the log); only while empty.
    void usePool(BlockPool *pool) {
        m_log.usePool(pool);
        m_cold.usePool(pool);
    }
    /// Promises that enforceRetention will not delete records stamped after `stamp` (the run
    /// ends before retention reaches them, and no byte limit applies); only while empty.
    void keepAfter(Time stamp) { m_cold.keepAfter(stamp); }
    /// Appends and returns the new record's offset. Flags a record appended after a newer
    /// message (a higher id) as late, and as out of order when that newer message has its key.
    std::int64_t append(const Message &m) { return append(m, m.stamp); }
    /// append() of `m` as accepted at `stamp` (its own stamp and kAppendPending ignored).
    std::int64_t append(const Message &m, Time stamp);
    std::int64_t startOffset() const { return m_start; }
    std::int64_t endOffset() const { return hotStart() + static_cast<std::int64_t>(m_log.size()); }
    bool holds(std::int64_t offset) const { return offset >= m_start && offset < endOffset(); }
    /// The message stored at `offset`, which must be held and not archived.
    Message at(std::int64_t offset) const {
        Message m;
        read(offset, m);
        return m;
    }
    /// at(), into `m` field by field (on every delivery's path: a whole-message copy from a
    /// temporary made the compiler reload its tail across two stores, a forwarding stall).
    void read(std::int64_t offset, Message &m) const;
    /// Hints that the record at `offset` will be read soon (a reader's next one); a no-op
    /// when it is not held or archived.
    void prefetch(std::int64_t offset) const {
        if (offset >= hotStart() && offset < endOffset())
            __builtin_prefetch(&record(offset));
    }
    /// When the record at `offset` (held and not archived) was appended.
    Time stampAt(std::int64_t offset) const { return record(offset).stamp; }
    std::int64_t retainedBytes() const { return m_bytes; }
    std::size_t retained() const { return m_cold.size() + m_log.size(); }

    /// Promises that no record below `offset` will be read again (at(), stampAt(),
    /// minIdFrom()): they are kept only for retention and the late-append check.
    void archiveBelow(std::int64_t offset);
    /// Promises that no message with an id below `floor` will be appended any more (every
    /// live message has a higher id): archived records below it drop their ids and keys.
    void forgetIdsBelow(std::uint64_t floor);
    /// The first offset that is held and not archived (endOffset() when none).
    std::int64_t hotStart() const { return m_start + static_cast<std::int64_t>(m_cold.size()); }

    /// Deletes from the head every record older than `retention` at `now` and, when
    /// `maxBytes` is set, the oldest records until the partition fits. Returns how many.
    std::int64_t enforceRetention(Time now, Time retention, std::optional<std::int64_t> maxBytes) {
        // On every append: usually the oldest record is young enough and the partition fits.
        if ((!maxBytes || m_bytes <= *maxBytes) &&
            (retained() == 0 ||
             now - (m_cold.empty() ? m_log.front().stamp : m_cold.frontStamp()) < retention))
            return 0;
        return trimHead(now, retention, maxBytes);
    }

    /// The smallest id of the records held at offsets >= `offset` (UINT64_MAX when none).
    std::uint64_t minIdFrom(std::int64_t offset) const;
    /// Bytes of record storage (for memory budgets and tests).
    std::size_t memoryBytes() const { return m_log.memoryBytes() + m_cold.memoryBytes(); }

  private:
    struct Record {
        std::uint64_t id;
        Time origin;
        Time stamp;
        std::uint32_t
            causationGap; // 0: none; kFarCausation: in m_farCausation; else id - causation
        std::uint32_t key;
        std::uint32_t size;
        std::uint32_t shapeAndFlags; // shape id, then the 3 stored flag bits on top
    };
    static_assert(sizeof(Record) == 40, "a stored record must stay 40 bytes");
    static constexpr std::uint32_t kFarCausation = UINT32_MAX;
    static constexpr unsigned kFlagShift = 29;
    static constexpr std::uint8_t kStoredFlags =
        Message::kPoison | Message::kLateAppend | Message::kOutOfOrder;

    const Record &record(std::int64_t offset) const {
        return m_log[static_cast<std::size_t>(offset - hotStart())];
    }
    void popHot();
    /// The flags of a message appended after one with a higher id: late, and out of order
    /// when a newer record has its key.
    std::uint8_t lateFlags(const Message &m) const;
    /// Keeps a causation too far below the id for a record's gap; returns the gap's marker.
    std::uint32_t farCausation(const Message &m, std::int64_t offset);
    void rememberLate(std::int64_t offset, std::uint64_t id);
    std::int64_t trimHead(Time now, Time retention, std::optional<std::int64_t> maxBytes);
    static std::uint8_t flagsOf(const Record &r) {
        return static_cast<std::uint8_t>(r.shapeAndFlags >> kFlagShift);
    }
    /// What the archive keeps of a record.
    static ColdLog::Record coldRecord(const Record &r) {
        return {r.stamp, r.id, r.key, r.size, (flagsOf(r) & Message::kLateAppend) != 0};
    }

    ColdLog m_cold;               // offsets m_start .. hotStart()
    ChunkedRing<Record, 9> m_log; // offsets hotStart() .. endOffset()
    MessageShapes m_shapes;
    std::unordered_map<std::int64_t, std::uint64_t> m_farCausation; // by offset (rare)
    std::deque<std::pair<std::int64_t, std::uint64_t>> m_late; // (offset, id) of late hot records
    std::int64_t m_start = 0;
    std::int64_t m_bytes = 0;
    std::uint64_t m_maxId = 0;
    std::uint64_t m_idFloor = 0; // appends have ids at least this (forgetIdsBelow)
};

// On every message's path: inline (the rare cases out of line).
inline std::int64_t PartitionLog::append(const Message &m, Time stamp) {
    auto flags = static_cast<std::uint8_t>(m.flags & ~Message::kAppendPending);
    assert(m.id >= m_idFloor && "PartitionLog: appending an id promised not to come");
    if (m.id < m_maxId)
        flags |= lateFlags(m);
    assert(!(flags & ~kStoredFlags) && "PartitionLog: a flag that is not stored");
    m_maxId = std::max(m_maxId, m.id);
    const std::int64_t offset = endOffset();
    std::uint32_t gap = 0;
    if (m.causation != 0)
        gap = m.causation < m.id && m.id - m.causation < kFarCausation
                  ? static_cast<std::uint32_t>(m.id - m.causation)
                  : farCausation(m, offset);
    if (flags & Message::kLateAppend)
        rememberLate(offset, m.id);
    const std::uint32_t shape = m_shapes.intern(m);
    m_log.push_back({m.id, m.origin, stamp, gap, m.key, m.size,
                     shape | static_cast<std::uint32_t>(flags & kStoredFlags) << kFlagShift});
    m_bytes += m.size;
    return offset;
}

inline void PartitionLog::read(std::int64_t offset, Message &m) const {
    assert(holds(offset) && offset >= hotStart());
    const Record &r = record(offset);
    m.id = r.id;
    if (r.causationGap == kFarCausation)
        m.causation = m_farCausation.at(offset);
    else
        m.causation = r.causationGap != 0 ? r.id - r.causationGap : 0;
    m.origin = r.origin;
    m.stamp = r.stamp;
    m.key = r.key;
    m.size = r.size;
    m_shapes.apply(r.shapeAndFlags & ((std::uint32_t{1} << kFlagShift) - 1), m);
    m.flags = flagsOf(r);
}

} // namespace eventbench::sim
