#include "sim/broker/ColdLog.h"

#include <algorithm>
#include <cassert>

namespace eventbench::sim {

void ColdLog::releaseStorage(Block &b) {
    releaseBlock(m_pool, b.entries, kBlockBytes);
    releaseBlock(m_pool, b.stamped, kStampedBytes);
    b.entries = nullptr;
    b.stamped = nullptr;
}

ColdLog::~ColdLog() {
    for (Block &b : m_blocks)
        releaseStorage(b);
}

void ColdLog::pushSlow(const Record &r) {
    if (m_blocks.empty() || !m_blocks.back().entries || m_blocks.back().count == kBlock) {
        Block &b = m_blocks.emplace_back();
        b.entries = static_cast<Entry *>(allocateBlock(m_pool, kBlockBytes));
        b.firstStamp = r.stamp;
        b.lastStamp = r.stamp;
        b.lastId = r.id;
    }
    Block &b = m_blocks.back();
    assert(r.stamp >= b.lastStamp && "ColdLog: stamps must not decrease");
    Entry e{0, 0, r.key, r.size};
    if (b.count > 0) {
        const auto stampGap = static_cast<std::uint64_t>(r.stamp - b.lastStamp);
        if (stampGap < kFarStamp) {
            e.stampDelta = static_cast<std::uint32_t>(stampGap);
        } else {
            e.stampDelta = kFarStamp;
            b.farStamps.push_back(static_cast<Time>(stampGap));
        }
        const std::uint64_t idGap = r.id - b.lastId; // modulo 2^64: may stand for a negative
        const auto signedGap = static_cast<std::int64_t>(idGap);
        if (signedGap > kFarId && signedGap <= INT32_MAX) {
            e.idDelta = static_cast<std::int32_t>(signedGap);
        } else {
            e.idDelta = kFarId;
            b.farIds.push_back(idGap);
        }
    }
    if (r.late)
        e.stampDelta |= kLateBit;
    b.entries[b.count++] = e;
    b.lastStamp = r.stamp;
    b.lastId = r.id;
    b.maxId = std::max(b.maxId, r.id);
    ++m_size;
}

std::uint32_t ColdLog::frontSize() const {
    const Block &b = m_blocks.front();
    assert((b.entries || b.stamped) && "ColdLog: a kept record has no size");
    return b.entries ? b.entries[b.head].size : b.stamped[b.head].size;
}

void ColdLog::pop_front() {
    assert(m_size > 0);
    Block &b = m_blocks.front();
    assert((b.entries || b.stamped) && "ColdLog: popping a record promised to stay");
    --m_size;
    if (++b.head == b.count) {
        // Only the last block can be partly filled, and then it was the only one.
        releaseStorage(b);
        m_blocks.pop_front();
        if (m_firstWithIds > 0)
            --m_firstWithIds;
        return;
    }
    const std::uint32_t delta = b.stampDelta(b.head);
    b.firstStamp += delta == kFarStamp ? b.farStamps[b.farStampsRead++] : static_cast<Time>(delta);
}

void ColdLog::forgetIdsBelow(std::uint64_t floor) {
    // Blocks are in append order, so their ids mostly grow: stop at the first one not ready.
    while (m_firstWithIds < m_blocks.size()) {
        Block &b = m_blocks[m_firstWithIds];
        if (b.count < kBlock || b.maxId >= floor)
            return;
        std::vector<std::uint64_t>().swap(b.farIds);
        if (b.firstStamp > m_keepAfter) {
            dropStamps(m_firstWithIds);
            continue;
        }
        b.stamped = static_cast<Stamped *>(allocateBlock(m_pool, kStampedBytes));
        for (std::uint64_t i = b.head; i < b.count; ++i)
            b.stamped[i] = {b.entries[i].stampDelta & ~kLateBit, b.entries[i].size};
        releaseBlock(m_pool, b.entries, kBlockBytes);
        b.entries = nullptr;
        ++m_firstWithIds;
    }
}

// The block at `index` keeps only its count (and its first stamp, which frontStamp shows to
// retention, which never reaches it); the counting block before it, if any, takes it over.
void ColdLog::dropStamps(std::size_t index) {
    Block &b = m_blocks[index];
    releaseStorage(b);
    std::vector<Time>().swap(b.farStamps);
    b.farStampsRead = 0;
    Block *before = index > 0 ? &m_blocks[index - 1] : nullptr;
    if (before && !before->entries && !before->stamped) {
        before->count += b.count - b.head;
        m_blocks.erase(m_blocks.begin() + static_cast<std::ptrdiff_t>(index));
        return;
    }
    ++m_firstWithIds;
}

std::size_t ColdLog::memoryBytes() const {
    std::size_t bytes = 0;
    for (const Block &b : m_blocks) {
        const std::size_t records = b.entries ? kBlockBytes : b.stamped ? kStampedBytes : 0;
        bytes += sizeof(Block) + records + b.farStamps.capacity() * sizeof(Time) +
                 b.farIds.capacity() * sizeof(std::uint64_t);
    }
    return bytes;
}

} // namespace eventbench::sim
