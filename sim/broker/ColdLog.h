#pragma once
// The head of a partition log that no reader will read again (below every reader's position):
// only what retention (stamp, size) and the late-append check (id, key, late flag) still need,
// in 16 bytes a record (ARCHITECTURE: compact records). Stamps and ids are stored as deltas
// from the previous record; the rare delta that does not fit goes to a per-block side list.
// A FIFO: append at the back, retention pops at the front, the late check scans from the
// back. Blocks come from a BlockPool (or the heap). Owned by one PartitionLog; single-threaded;
// move-only.
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

    void push_back(const Record &r);
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    Time frontStamp() const { return m_blocks.front().firstStamp; }
    std::uint32_t frontSize() const {
        const Block &b = m_blocks.front();
        return b.entries[b.head].size;
    }
    void pop_front();

    /// Calls visit(id, key, late) for each record from the newest to the oldest while it
    /// returns true.
    template <class Visit> void scanBack(Visit visit) const;

    /// Bytes held by blocks and side lists.
    std::size_t memoryBytes() const;

private:
    static constexpr std::uint32_t kBlock = 1024;
    static constexpr std::uint32_t kLateBit = 0x80000000U;
    static constexpr std::uint32_t kFarStamp = 0x7fffffffU; // delta in farStamps
    static constexpr std::int32_t kFarId = INT32_MIN;        // delta in farIds

    struct Entry {
        std::uint32_t stampDelta; // from the previous record; kLateBit marks a late record
        std::int32_t idDelta;     // id minus the previous record's id
        std::uint32_t key;
        std::uint32_t size;
    };
    static constexpr std::size_t kBlockBytes = kBlock * sizeof(Entry);
    struct Block {
        Entry *entries = nullptr; // kBlock, filled from 0 to count; owned by the ColdLog
        std::uint32_t count = 0;
        std::uint32_t head = 0; // entries before it were popped
        Time firstStamp = 0;     // stamp of entries[head]
        Time lastStamp = 0;      // stamp of entries[count - 1]
        std::uint64_t lastId = 0; // id of entries[count - 1]
        std::vector<Time> farStamps;          // deltas that did not fit, in order
        std::size_t farStampsRead = 0;        // consumed by pops
        std::vector<std::uint64_t> farIds;    // deltas that did not fit, in order
    };

    void swap(ColdLog &other) noexcept {
        m_blocks.swap(other.m_blocks);
        std::swap(m_size, other.m_size);
        std::swap(m_pool, other.m_pool);
    }

    std::deque<Block> m_blocks;
    std::size_t m_size = 0;
    BlockPool *m_pool = nullptr;
};

template <class Visit> void ColdLog::scanBack(Visit visit) const {
    for (auto block = m_blocks.rbegin(); block != m_blocks.rend(); ++block) {
        std::uint64_t id = block->lastId;
        std::size_t far = block->farIds.size();
        for (std::uint32_t i = block->count; i-- > block->head;) {
            const Entry &e = block->entries[i];
            if (!visit(id, e.key, (e.stampDelta & kLateBit) != 0))
                return;
            id -= e.idDelta == kFarId ? block->farIds[--far]
                                      : static_cast<std::uint64_t>(static_cast<std::int64_t>(e.idDelta));
        }
    }
}

} // namespace eventbench::sim
