#include "sim/broker/PartitionLog.h"

#include <algorithm>

namespace eventbench::sim {

std::int64_t PartitionLog::append(Message m) {
    if (m.id < m_maxId) {
        m.flags |= Message::kLateAppend;
        // Records appended in id order bound the search: behind the first one with a lower id,
        // only late records could be newer, and those are older than it.
        for (std::int64_t o = endOffset() - 1; m.key != 0 && o >= m_start; --o) {
            const Message &r = at(o);
            if (!(r.flags & Message::kLateAppend) && r.id < m.id)
                break;
            if (r.key == m.key && r.id > m.id) {
                m.flags |= Message::kOutOfOrder;
                break;
            }
        }
    }
    m_maxId = std::max(m_maxId, m.id);
    m_log.push_back(m);
    m_bytes += m.size;
    return endOffset() - 1;
}

std::int64_t PartitionLog::enforceRetention(Time now, Time retention,
                                            std::optional<std::int64_t> maxBytes) {
    std::int64_t deleted = 0;
    while (!m_log.empty()) {
        const Message &head = m_log.front();
        const bool tooOld = now - head.stamp >= retention;
        // Like Kafka, the newest record is never deleted for size alone.
        const bool tooBig = maxBytes && m_bytes > *maxBytes && m_log.size() > 1;
        if (!tooOld && !tooBig)
            break;
        m_bytes -= head.size;
        m_log.pop_front();
        ++m_start;
        ++deleted;
    }
    return deleted;
}

} // namespace eventbench::sim
