#include "sim/broker/PartitionLog.h"

namespace eventbench::sim {

std::int64_t PartitionLog::append(const Message &m) {
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
