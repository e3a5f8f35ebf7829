#include "sim/broker/MessageQueue.h"

#include <algorithm>
#include <cassert>

namespace eventbench::sim {

namespace {
std::uint64_t timerPayload(std::uint32_t entry, std::uint32_t generation) {
    return (std::uint64_t{generation} << 32) | entry;
}
} // namespace

MessageQueue::MessageQueue(const model::QueueSpec &spec, std::uint32_t timerTarget,
                           TimerSink *timers, Ledger *ledger, bool tracked)
    : m_spec(spec), m_timerTarget(timerTarget), m_timers(timers), m_ledger(ledger),
      m_tracked(tracked) {}

void MessageQueue::countLedger(std::int64_t Ledger::*outcome) {
    if (m_tracked)
        ++(m_ledger->*outcome);
}

void MessageQueue::timerFor(std::uint32_t e, Time at) {
    m_timers->wakeAt(at, m_timerTarget, timerPayload(e, m_entries[e].generation));
}

bool MessageQueue::expired(const Entry &e, Time now) const {
    if (now - e.enqueuedAt >= m_spec.retention)
        return true;
    return m_spec.ttl && now - e.enqueuedAt >= *m_spec.ttl;
}

void MessageQueue::expireDedup(Time now) {
    while (!m_dedupOrder.empty() && now - m_dedupOrder.front().first >= m_spec.dedupWindow) {
        auto it = m_dedup.find(m_dedupOrder.front().second);
        if (it != m_dedup.end() && it->second == m_dedupOrder.front().first)
            m_dedup.erase(it);
        m_dedupOrder.pop_front();
    }
}

std::uint32_t MessageQueue::allocate(const Message &m, Time now) {
    std::uint32_t e;
    if (!m_free.empty()) {
        e = m_free.back();
        m_free.pop_back();
    } else {
        e = static_cast<std::uint32_t>(m_entries.size());
        m_entries.emplace_back();
    }
    Entry &entry = m_entries[e];
    entry.message = m;
    entry.message.stamp = now;
    entry.enqueuedAt = now;
    entry.receives = 0;
    ++entry.generation;
    ++entry.incarnation;
    m_byAge.emplace_back(e, entry.incarnation);
    if (m_spec.fifo) {
        Group &g = m_groups[m.key];
        g.entries.push_back(e);
    }
    return e;
}

MessageQueue::EnqueueResult MessageQueue::enqueue(const Message &m, Time now) {
    if (m_spec.fifo) {
        expireDedup(now);
        if (m_dedup.count(m.id)) {
            ++m_counters.deduplicated;
            return EnqueueResult::Deduplicated;
        }
        m_dedup.emplace(m.id, now);
        m_dedupOrder.emplace_back(now, m.id);
    }
    if (m_spec.maxLength && depth() >= *m_spec.maxLength) {
        if (m_spec.overflow == model::QueueSpec::Overflow::RejectPublish) {
            ++m_counters.rejected;
            return EnqueueResult::Rejected;
        }
        dropHead(now);
    }
    const std::uint32_t e = allocate(m, now);
    ++m_counters.enqueued;
    if (m_tracked)
        ++m_ledger->obligations;
    if (m_spec.delay > 0) {
        m_entries[e].state = State::Delayed;
        ++m_delayedCount;
        timerFor(e, now + m_spec.delay);
    } else {
        makeReady(e, false, now);
    }
    return EnqueueResult::Accepted;
}

void MessageQueue::makeReady(std::uint32_t e, bool front, Time now) {
    Entry &entry = m_entries[e];
    entry.state = State::Ready;
    entry.readyAt = now;
    ++m_readyCount;
    if (!m_spec.fifo) {
        if (front)
            m_ready.push_front(e);
        else
            m_ready.push_back(e);
        return;
    }
    listGroupIfReady(entry.message.key, front);
}

void MessageQueue::listGroupIfReady(std::uint32_t key, bool front) {
    Group &g = m_groups[key];
    if (g.listed || g.inFlight || g.entries.empty())
        return;
    if (m_entries[g.entries.front()].state != State::Ready)
        return;
    g.listed = true;
    if (front)
        m_readyGroups.push_front(key);
    else
        m_readyGroups.push_back(key);
}

void MessageQueue::remove(std::uint32_t e) {
    Entry &entry = m_entries[e];
    switch (entry.state) {
    case State::Ready:
        --m_readyCount;
        break;
    case State::Delayed:
        --m_delayedCount;
        break;
    case State::InFlight:
        --m_inFlightCount;
        break;
    case State::Free:
        assert(false && "removing a free queue entry");
        return;
    }
    if (m_spec.fifo) {
        auto it = m_groups.find(entry.message.key);
        assert(it != m_groups.end());
        Group &g = it->second;
        const bool wasHead = !g.entries.empty() && g.entries.front() == e;
        if (entry.state == State::InFlight)
            g.inFlight = false;
        std::erase(g.entries, e);
        if (wasHead)
            listGroupIfReady(entry.message.key, false);
        if (g.entries.empty() && !g.listed)
            m_groups.erase(it);
    }
    entry.state = State::Free;
    ++entry.generation;
    m_free.push_back(e);
}

bool MessageQueue::popCandidate(std::uint32_t &e) {
    if (!m_spec.fifo) {
        while (!m_ready.empty()) {
            e = m_ready.front();
            m_ready.pop_front();
            if (m_entries[e].state == State::Ready)
                return true;
        }
        return false;
    }
    while (!m_readyGroups.empty()) {
        const std::uint32_t key = m_readyGroups.front();
        m_readyGroups.pop_front();
        auto it = m_groups.find(key);
        if (it == m_groups.end())
            continue;
        Group &g = it->second;
        g.listed = false;
        if (g.inFlight || g.entries.empty() || m_entries[g.entries.front()].state != State::Ready) {
            if (g.entries.empty())
                m_groups.erase(it);
            continue;
        }
        e = g.entries.front();
        return true;
    }
    return false;
}

bool MessageQueue::receive(Time now, QueueLease &out) {
    std::uint32_t e;
    while (popCandidate(e)) {
        Entry &entry = m_entries[e];
        if (expired(entry, now)) {
            ++m_counters.expired;
            countLedger(&Ledger::expired);
            remove(e);
            continue;
        }
        if (m_spec.maxReceiveCount && entry.receives + 1 > *m_spec.maxReceiveCount) {
            ++m_counters.deadLettered;
            countLedger(&Ledger::deadLettered);
            m_deadLetterOut.push_back(entry.message);
            remove(e);
            continue;
        }
        if (entry.receives > 0)
            ++m_counters.redelivered;
        ++entry.receives;
        ++entry.generation;
        entry.state = State::InFlight;
        --m_readyCount;
        ++m_inFlightCount;
        if (m_spec.fifo)
            m_groups[entry.message.key].inFlight = true;
        timerFor(e, now + m_spec.visibilityTimeout);
        out.entry = e;
        out.generation = entry.generation;
        out.receiveCount = entry.receives;
        out.availableAt = entry.readyAt;
        out.message = entry.message;
        return true;
    }
    return false;
}

bool MessageQueue::ack(const QueueLease &lease, Time now, std::int64_t Ledger::*outcome) {
    (void)now;
    if (lease.entry >= m_entries.size())
        return false;
    Entry &entry = m_entries[lease.entry];
    // A lease that expired is still honoured while nobody has received the message again,
    // as SQS accepts a delete with the latest receipt handle.
    const bool owns = entry.generation == lease.generation &&
                      (entry.state == State::InFlight || entry.state == State::Ready);
    if (!owns)
        return false;
    countLedger(outcome);
    remove(lease.entry);
    return true;
}

void MessageQueue::release(const QueueLease &lease, Time now) {
    if (m_spec.redelivery != model::QueueSpec::Redelivery::Immediate)
        return;
    Entry &entry = m_entries[lease.entry];
    if (entry.generation != lease.generation || entry.state != State::InFlight)
        return;
    --m_inFlightCount;
    ++entry.generation; // cancels the pending lease timer
    if (m_spec.fifo)
        m_groups[entry.message.key].inFlight = false;
    makeReady(lease.entry, true, now);
}

void MessageQueue::onTimer(std::uint64_t payload, Time now) {
    const auto e = static_cast<std::uint32_t>(payload & 0xffffffffU);
    const auto generation = static_cast<std::uint32_t>(payload >> 32);
    if (e >= m_entries.size())
        return;
    Entry &entry = m_entries[e];
    if (entry.generation != generation)
        return;
    if (entry.state == State::Delayed) {
        --m_delayedCount;
        makeReady(e, false, now);
    } else if (entry.state == State::InFlight) {
        --m_inFlightCount;
        if (m_spec.fifo)
            m_groups[entry.message.key].inFlight = false;
        makeReady(e, false, now);
    }
}

void MessageQueue::dropHead(Time now) {
    (void)now;
    for (auto it = m_byAge.begin(); it != m_byAge.end(); ++it) {
        const Entry &entry = m_entries[it->first];
        if (entry.incarnation != it->second || entry.state == State::Free)
            continue;
        if (entry.state == State::InFlight)
            continue; // max_length counts messages waiting, like RabbitMQ's ready count
        ++m_counters.dropped;
        countLedger(&Ledger::discarded);
        remove(it->first);
        return;
    }
}

void MessageQueue::sweep(Time now) {
    // Oldest first; entries a consumer holds are stepped over (they expire when they next
    // become visible), so one held message does not shield the ones behind it.
    for (std::size_t i = 0; i < m_byAge.size();) {
        const auto [e, incarnation] = m_byAge[i];
        Entry &entry = m_entries[e];
        const bool stale = entry.incarnation != incarnation || entry.state == State::Free;
        if (!stale && !expired(entry, now))
            break;
        if (!stale && entry.state == State::InFlight) {
            ++i;
            continue;
        }
        if (!stale) {
            ++m_counters.expired;
            countLedger(&Ledger::expired);
            remove(e);
        }
        if (i == 0)
            m_byAge.pop_front();
        else
            m_byAge.erase(m_byAge.begin() + static_cast<std::ptrdiff_t>(i));
    }
    if (m_spec.fifo)
        expireDedup(now);
}

std::uint64_t MessageQueue::minLiveId() const {
    std::uint64_t lowest = UINT64_MAX;
    for (const Entry &e : m_entries)
        if (e.state != State::Free)
            lowest = std::min(lowest, e.message.id);
    for (const Message &m : m_deadLetterOut)
        lowest = std::min(lowest, m.id);
    return lowest;
}

Time MessageQueue::oldestAge(Time now) {
    while (!m_byAge.empty()) {
        const auto [e, incarnation] = m_byAge.front();
        const Entry &entry = m_entries[e];
        if (entry.incarnation == incarnation && entry.state != State::Free)
            return now - entry.enqueuedAt;
        m_byAge.pop_front();
    }
    return 0;
}

} // namespace eventbench::sim
