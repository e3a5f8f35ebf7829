#pragma once
// The head of a partition log that no reader will read again (below every reader's position):
// only what retention (stamp, size) and the late-append check (id, key, late flag) still need,
// in 16 bytes a record (ARCHITECTURE: compact records). Stamps and ids are stored as deltas
// from the previous record; the rare delta that does not fit goes to a per-block side list.
// Once no live message has an id as low as a block's ids (forgetIdsBelow), no late append
// can be newer than them, and the block keeps only stamps and sizes: 8 bytes a record; or,
// when its records will never be popped (keepAfter: retention cannot reach them before the
// run ends), only their count, merged with the counted records before it: nothing a record.
// A FIFO: append at the back, retention pops at the front, the late check scans from the
// back. Blocks come from a BlockPool (or the heap). Owned by one PartitionLog; single-threaded;
// move-only.
#include <algorithm>
#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

#include "sim/broker/BlockPool.h"
#include "sim/kernel/Time.h"

namespace eventbench::sim {

class ColdLog {
  public:
    /// One record as the cold log gives it back.
    struct Record {
        Time stamp;
        std::uint64_t id;
        std::uint32_t key;
        std::uint32_t size;
        bool late;
    };

    ColdLog() = default;
    ColdLog(const ColdLog &) = delete;
    ColdLog &operator=(const ColdLog &) = delete;
    ColdLog(ColdLog &&other) noexcept { swap(other); }
    ColdLog &operator=(ColdLog &&other) noexcept {
        ColdLog gone;
        gone.swap(other);
        swap(gone);
        return *this;
    }
    ~ColdLog();

    /// Where blocks come from from now on (null: the heap); only while empty.
    void usePool(BlockPool *pool) { m_pool = pool; }
    /// Promises that no record stamped after `stamp` will be popped (by default any may be);
    /// only while empty.
    void keepAfter(Time stamp) { m_keepAfter = stamp; }

    void push_back(const Record &r) {
        pushEach(1, [&r](std::size_t) { return r; });
    }
    /// push_back(at(i)) for each i in [0, n), the last block's state kept in registers while
    /// records fit it with small deltas (the archive's usual run).
    template <class At> void pushEach(std::size_t n, At at);
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    Time frontStamp() const { return m_blocks.front().firstStamp; }
    /// The front record's size; not for a record kept after keepAfter's stamp.
    std::uint32_t frontSize() const;
    /// Not for a record kept after keepAfter's stamp.
    void pop_front();

    /// Calls visit(id, key, late) for each record from the newest to the oldest while it
    /// returns true, stopping before the first record whose ids were forgotten: all of those
    /// are below the floor, so no late append (whose id is at least the floor) is older.
    template <class Visit> void scanBack(Visit visit) const;

    /// Promises that no message with an id below `floor` will be appended any more; full
    /// blocks whose ids are all below it drop ids and keys (and stamps and sizes too when
    /// they are kept after keepAfter's stamp).
    void forgetIdsBelow(std::uint64_t floor);

    /// Bytes held by blocks and side lists.
    std::size_t memoryBytes() const;

  private:
    static constexpr std::uint32_t kBlock = 1024;
    static constexpr std::uint32_t kLateBit = 0x80000000U;
    static constexpr std::uint32_t kFarStamp = 0x7fffffffU; // delta in farStamps
    static constexpr std::int32_t kFarId = INT32_MIN;       // delta in farIds

    struct Entry {
        std::uint32_t stampDelta; // from the previous record; kLateBit marks a late record
        std::int32_t idDelta;     // id minus the previous record's id
        std::uint32_t key;
        std::uint32_t size;
    };
    struct Stamped { // an Entry without id and key
        std::uint32_t stampDelta;
        std::uint32_t size;
    };
    static constexpr std::size_t kBlockBytes = kBlock * sizeof(Entry);
    static constexpr std::size_t kStampedBytes = kBlock * sizeof(Stamped);
    // A block holds entries, or stamped records, or neither: then only counts records.
    struct Block {
        Entry *entries = nullptr;   // kBlock, filled from 0 to count; owned by the ColdLog
        Stamped *stamped = nullptr; // instead of entries once the ids are forgotten
        std::uint64_t count = 0;    // more than kBlock only in a counting block
        std::uint64_t head = 0;     // entries before it were popped
        Time firstStamp = 0;        // stamp of entry `head`
        Time lastStamp = 0;         // stamp of entry count - 1
        std::uint64_t lastId = 0;   // id of entry count - 1
        std::uint64_t maxId = 0;
        std::vector<Time> farStamps;       // deltas that did not fit, in order
        std::size_t farStampsRead = 0;     // consumed by pops
        std::vector<std::uint64_t> farIds; // deltas that did not fit, in order
        std::uint32_t stampDelta(std::uint64_t i) const {
            return (entries ? entries[i].stampDelta : stamped[i].stampDelta) & ~kLateBit;
        }
    };

    void swap(ColdLog &other) noexcept {
        m_blocks.swap(other.m_blocks);
        std::swap(m_size, other.m_size);
        std::swap(m_pool, other.m_pool);
        std::swap(m_firstWithIds, other.m_firstWithIds);
        std::swap(m_keepAfter, other.m_keepAfter);
    }
    void pushSlow(const Record &r);
    void releaseStorage(Block &b);
    void dropStamps(std::size_t index);

    std::deque<Block> m_blocks;
    std::size_t m_size = 0;
    BlockPool *m_pool = nullptr;
    std::size_t m_firstWithIds = 0; // blocks before it have forgotten their ids
    Time m_keepAfter = kTimeNever;  // records stamped after it are never popped
};

template <class At> void ColdLog::pushEach(std::size_t n, At at) {
    std::size_t i = 0;
    while (i < n) {
        Block *b = m_blocks.empty() ? nullptr : &m_blocks.back();
        if (!b || !b->entries || b->count == 0 || b->count == kBlock) {
            pushSlow(at(i++)); // a new block, or its first record
            continue;
        }
        Entry *entries = b->entries;
        std::uint64_t count = b->count, lastId = b->lastId, maxId = b->maxId;
        Time lastStamp = b->lastStamp;
        const std::size_t stop = i + std::min<std::size_t>(n - i, kBlock - count);
        for (; i < stop; ++i) {
            const Record r = at(i);
            const auto stampGap = static_cast<std::uint64_t>(r.stamp - lastStamp);
            const auto idGap = static_cast<std::int64_t>(r.id - lastId);
            if (stampGap >= kFarStamp || idGap <= kFarId || idGap > INT32_MAX)
                break;
            entries[count++] = {static_cast<std::uint32_t>(stampGap) | (r.late ? kLateBit : 0),
                                static_cast<std::int32_t>(idGap), r.key, r.size};
            lastStamp = r.stamp;
            lastId = r.id;
            maxId = std::max(maxId, r.id);
        }
        m_size += count - b->count;
        b->count = count;
        b->lastStamp = lastStamp;
        b->lastId = lastId;
        b->maxId = maxId;
        if (i < stop)
            pushSlow(at(i++)); // a delta that needs a side list
    }
}

template <class Visit> void ColdLog::scanBack(Visit visit) const {
    for (auto block = m_blocks.rbegin(); block != m_blocks.rend() && block->entries; ++block) {
        std::uint64_t id = block->lastId;
        std::size_t far = block->farIds.size();
        for (std::uint64_t i = block->count; i-- > block->head;) {
            const Entry &e = block->entries[i];
            if (!visit(id, e.key, (e.stampDelta & kLateBit) != 0))
                return;
            id -= e.idDelta == kFarId
                      ? block->farIds[--far]
                      : static_cast<std::uint64_t>(static_cast<std::int64_t>(e.idDelta));
        }
    }
}

} // namespace eventbench::sim
