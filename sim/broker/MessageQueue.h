#pragma once
// An SQS/RabbitMQ-like queue (scenarios/README.md#nodes queue, #how-the-simulation-behaves):
// visibility-timeout leases, immediate or visibility redelivery, receive counts with
// max_receive_count dead-lettering, retention, delay, ttl, max_length with drop-head or
// reject-publish, and FIFO message groups with one message in flight per group and deduplication by
// id. Owned by the engine; "now" is passed in; timers go through a TimerSink; messages to
// dead-letter are left in deadLetterOut() for the engine.
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

#include "model/scenario/Scenario.h"
#include "sim/broker/Ledger.h"
#include "sim/broker/Message.h"
#include "sim/broker/TimerSink.h"

namespace eventbench::sim {

/// A received message and the lease that acknowledges it.
struct QueueLease {
    std::uint32_t entry = 0;
    std::uint32_t generation = 0;
    int receiveCount = 0;
    Time availableAt = 0; // when it last became visible (enqueued, delay ended, redelivered)
    Message message;
};

/// Counters of one queue (scenarios/README.md#metrics, queue row).
struct QueueCounters {
    std::int64_t enqueued = 0;
    std::int64_t redelivered = 0;
    std::int64_t deadLettered = 0;
    std::int64_t expired = 0;
    std::int64_t dropped = 0;
    std::int64_t deduplicated = 0;
    std::int64_t rejected = 0;
};

class MessageQueue {
  public:
    enum class EnqueueResult { Accepted, Deduplicated, Rejected };

    /// `tracked`: consumers read this queue, so accepted messages create obligations in `ledger`.
    MessageQueue(const model::QueueSpec &spec, std::uint32_t timerTarget, TimerSink *timers,
                 Ledger *ledger, bool tracked);

    EnqueueResult enqueue(const Message &m, Time now);
    /// Takes the next visible message under a new lease; false when none is visible.
    bool receive(Time now, QueueLease &out);
    /// Deletes the message if the lease still owns it (or it was not re-received since),
    /// ending its obligation with `outcome`. Returns true when this ack ended the message.
    bool ack(const QueueLease &lease, Time now, std::int64_t Ledger::*outcome = &Ledger::completed);
    /// Returns an unacknowledged message after a failed attempt: at once with `immediate`
    /// redelivery, otherwise when its visibility timeout ends.
    void release(const QueueLease &lease, Time now);
    /// Timer callback (delay ends, lease expires).
    void onTimer(std::uint64_t payload, Time now);
    /// Deletes messages past retention or ttl.
    void sweep(Time now);

    bool hasVisible() const { return m_readyCount > 0; }
    std::int64_t depth() const { return m_readyCount + m_delayedCount; }
    std::int64_t inFlight() const { return m_inFlightCount; }
    /// Messages not yet ended (for the ledger's pending figure).
    std::int64_t live() const { return m_readyCount + m_delayedCount + m_inFlightCount; }
    /// Age of the oldest stored message at `now` (0 when empty).
    Time oldestAge(Time now);
    const QueueCounters &counters() const { return m_counters; }
    std::vector<Message> &deadLetterOut() { return m_deadLetterOut; }
    /// The smallest id among the messages it still holds (UINT64_MAX when none); O(slots).
    std::uint64_t minLiveId() const;
    /// Entry slots, free or not (what minLiveId() scans).
    std::size_t slots() const { return m_entries.size(); }
    const model::QueueSpec &spec() const { return m_spec; }

  private:
    enum class State : std::uint8_t { Free, Delayed, Ready, InFlight };
    struct Entry {
        Message message;
        Time enqueuedAt = 0;
        Time readyAt = 0;              // when it last became visible
        std::uint32_t generation = 0;  // changes on every allocation and every lease
        std::uint32_t incarnation = 0; // changes on every allocation
        int receives = 0;
        State state = State::Free;
    };
    struct Group {
        std::deque<std::uint32_t> entries; // arrival order; the head is the only candidate
        bool inFlight = false;
        bool listed = false; // present in m_readyGroups
    };

    std::uint32_t allocate(const Message &m, Time now);
    void makeReady(std::uint32_t e, bool front, Time now);
    void remove(std::uint32_t e);
    bool expired(const Entry &e, Time now) const;
    bool popCandidate(std::uint32_t &e);
    void listGroupIfReady(std::uint32_t key, bool front);
    void dropHead(Time now);
    void expireDedup(Time now);
    void countLedger(std::int64_t Ledger::*outcome);
    void timerFor(std::uint32_t e, Time at);

    model::QueueSpec m_spec;
    std::uint32_t m_timerTarget;
    TimerSink *m_timers;
    Ledger *m_ledger;
    bool m_tracked;

    std::vector<Entry> m_entries;
    std::vector<std::uint32_t> m_free;
    std::deque<std::uint32_t> m_ready;       // standard queue: entry ids, lazily pruned
    std::deque<std::uint32_t> m_readyGroups; // FIFO queue: group keys
    std::unordered_map<std::uint32_t, Group> m_groups;
    std::deque<std::pair<std::uint32_t, std::uint32_t>>
        m_byAge; // (entry, incarnation), lazily pruned
    std::unordered_map<std::uint64_t, Time> m_dedup;
    std::deque<std::pair<Time, std::uint64_t>> m_dedupOrder;

    std::int64_t m_readyCount = 0;
    std::int64_t m_delayedCount = 0;
    std::int64_t m_inFlightCount = 0;
    QueueCounters m_counters;
    std::vector<Message> m_deadLetterOut;
};

} // namespace eventbench::sim
