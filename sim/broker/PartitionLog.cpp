#include "sim/broker/PartitionLog.h"

#include <algorithm>
#include <cassert>

namespace eventbench::sim {

std::uint8_t PartitionLog::lateFlags(const Message &m) const {
    // Records appended in id order bound the search: behind the first one with a lower id,
    // only late records could be newer, and those are older than it. Archived records are
    // scanned the same way, after the others.
    const auto newer = [&m](std::uint64_t id, std::uint32_t key, bool late) {
        if (!late && id < m.id)
            return 0; // stop: not out of order
        if (key == m.key && id > m.id)
            return 1; // stop: out of order
        return 2;     // go on
    };
    int verdict = 2;
    for (std::int64_t o = endOffset() - 1; m.key != 0 && verdict == 2 && o >= hotStart(); --o) {
        const Record &r = record(o);
        verdict = newer(r.id, r.key, (flagsOf(r) & Message::kLateAppend) != 0);
    }
    if (m.key != 0 && verdict == 2)
        m_cold.scanBack([&](std::uint64_t id, std::uint32_t key, bool late) {
            verdict = newer(id, key, late);
            return verdict == 2;
        });
    return verdict == 1 ? Message::kLateAppend | Message::kOutOfOrder : Message::kLateAppend;
}

std::uint32_t PartitionLog::farCausation(const Message &m, std::int64_t offset) {
    m_farCausation.emplace(offset, m.causation);
    return kFarCausation;
}

void PartitionLog::rememberLate(std::int64_t offset, std::uint64_t id) {
    m_late.emplace_back(offset, id);
}

std::int64_t PartitionLog::trimHead(Time now, Time retention,
                                    std::optional<std::int64_t> maxBytes) {
    std::int64_t deleted = 0;
    while (!m_cold.empty()) {
        const bool tooOld = now - m_cold.frontStamp() >= retention;
        // Like Kafka, the newest record is never deleted for size alone.
        const bool tooBig = maxBytes && m_bytes > *maxBytes && retained() > 1;
        if (!tooOld && !tooBig)
            return deleted;
        m_bytes -= m_cold.frontSize();
        m_cold.pop_front();
        ++m_start;
        ++deleted;
    }
    while (!m_log.empty()) {
        const Record &head = m_log.front();
        const bool tooOld = now - head.stamp >= retention;
        const bool tooBig = maxBytes && m_bytes > *maxBytes && m_log.size() > 1;
        if (!tooOld && !tooBig)
            break;
        m_bytes -= head.size;
        popHot();
        ++m_start;
        ++deleted;
    }
    return deleted;
}

void PartitionLog::popHot() {
    const std::int64_t offset = hotStart();
    if (m_log.front().causationGap == kFarCausation)
        m_farCausation.erase(offset);
    while (!m_late.empty() && m_late.front().first <= offset)
        m_late.pop_front();
    m_log.pop_front();
}

void PartitionLog::forgetIdsBelow(std::uint64_t floor) {
    m_idFloor = std::max(m_idFloor, floor);
    m_cold.forgetIdsBelow(m_idFloor);
}

void PartitionLog::archiveBelow(std::int64_t offset) {
    offset = std::min(offset, endOffset());
    // Without far causations or late records to drop along, whole runs of records move.
    while (hotStart() < offset && m_farCausation.empty() && m_late.empty()) {
        const std::size_t n =
            std::min(m_log.frontRun(), static_cast<std::size_t>(offset - hotStart()));
        const Record *run = m_log.frontData();
        m_cold.pushEach(n, [run](std::size_t i) { return coldRecord(run[i]); });
        m_log.popFront(n);
    }
    while (hotStart() < offset) {
        const Record r = m_log.front();
        popHot();
        m_cold.push_back(coldRecord(r));
    }
}

std::uint64_t PartitionLog::minIdFrom(std::int64_t offset) const {
    std::uint64_t lowest = UINT64_MAX;
    // Records that are not late were appended in increasing id order: the first one from
    // `offset` on has the lowest id among them; late records are listed apart.
    assert((offset >= hotStart() || m_cold.empty()) && "PartitionLog: reading archived records");
    for (std::int64_t o = std::max(offset, hotStart()); o < endOffset(); ++o) {
        const Record &r = record(o);
        if (!(flagsOf(r) & Message::kLateAppend)) {
            lowest = r.id;
            break;
        }
    }
    for (auto it = m_late.rbegin(); it != m_late.rend() && it->first >= offset; ++it)
        lowest = std::min(lowest, it->second);
    return lowest;
}

} // namespace eventbench::sim
