#pragma once
// One partition of a topic: an append-only log addressed by offset, trimmed from the head by
// retention (time and bytes). Owned by its Topic; "now" is always passed in.
#include <cstdint>
#include <deque>
#include <optional>

#include "sim/broker/Message.h"

namespace eventbench::sim {

class PartitionLog {
public:
    /// Appends and returns the new record's offset. Flags a record appended after a newer
    /// message (a higher id) as late, and as out of order when that newer message has its key.
    std::int64_t append(Message m);
    std::int64_t startOffset() const { return m_start; }
    std::int64_t endOffset() const { return m_start + static_cast<std::int64_t>(m_log.size()); }
    bool holds(std::int64_t offset) const { return offset >= m_start && offset < endOffset(); }
    const Message &at(std::int64_t offset) const { return m_log[offset - m_start]; }
    std::int64_t retainedBytes() const { return m_bytes; }
    std::size_t retained() const { return m_log.size(); }

    /// Deletes from the head every record older than `retention` at `now` and, when
    /// `maxBytes` is set, the oldest records until the partition fits. Returns how many.
    std::int64_t enforceRetention(Time now, Time retention, std::optional<std::int64_t> maxBytes);

private:
    std::deque<Message> m_log;
    std::int64_t m_start = 0;
    std::int64_t m_bytes = 0;
    std::uint64_t m_maxId = 0;
};

} // namespace eventbench::sim
