#include "sim/broker/ColdLog.h"

#include <cassert>

namespace eventbench::sim {

ColdLog::~ColdLog() {
    for (Block &b : m_blocks)
        releaseBlock(m_pool, b.entries, kBlockBytes);
}

void ColdLog::push_back(const Record &r) {
    if (m_blocks.empty() || m_blocks.back().count == kBlock) {
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
    ++m_size;
}

void ColdLog::pop_front() {
    assert(m_size > 0);
    Block &b = m_blocks.front();
    --m_size;
    if (++b.head == b.count) {
        // Only the last block can be partly filled, and then it was the only one.
        releaseBlock(m_pool, b.entries, kBlockBytes);
        m_blocks.pop_front();
        return;
    }
    const std::uint32_t delta = b.entries[b.head].stampDelta & ~kLateBit;
    b.firstStamp += delta == kFarStamp ? b.farStamps[b.farStampsRead++] : static_cast<Time>(delta);
}

std::size_t ColdLog::memoryBytes() const {
    std::size_t bytes = 0;
    for (const Block &b : m_blocks)
        bytes += sizeof(Block) + kBlockBytes + b.farStamps.capacity() * sizeof(Time) +
                 b.farIds.capacity() * sizeof(std::uint64_t);
    return bytes;
}

} // namespace eventbench::sim
