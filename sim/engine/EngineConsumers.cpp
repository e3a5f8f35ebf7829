// Consumer groups: how handlers take messages from partitions and queues, process them with
// failures, retries, store writes and follow-ups, and end each message's obligation.
#include <algorithm>
#include <cmath>

#include "sim/engine/EngineImpl.h"
#include "sim/kernel/FastRound.h"

namespace eventbench::sim {

namespace {
std::uint64_t idleEntry(std::uint32_t handler, std::uint32_t epoch) {
    return (std::uint64_t{epoch} << 32) | handler;
}
} // namespace

bool EngineImpl::isIdleEntry(std::uint64_t entry) const {
    const Handler &h = m_handlers[entry & 0xffffffffU];
    return h.state == Handler::State::Idle &&
           h.idleEpoch == static_cast<std::uint32_t>(entry >> 32);
}

void EngineImpl::goIdle(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    h.state = Handler::State::Idle;
    h.source = Handler::Source::None;
    ++h.idleEpoch;
    GroupRt &g = m_groups[h.group];
    Member &m = g.members[h.member];
    if (!m.up || m.paused || m.isolated)
        return;
    const std::uint64_t entry = idleEntry(hi, h.idleEpoch);
    const std::size_t bound = 4 * m_handlers.size() + 16;
    if (!m.cursors.empty()) {
        if (m.idle.size() > bound)
            std::erase_if(m.idle, [this](std::uint64_t e) { return !isIdleEntry(e); });
        m.idle.push_back(entry);
    }
    for (std::uint32_t qi : g.queues) {
        auto &waiting = m_queues[qi].waiting;
        if (waiting.size() > bound)
            std::erase_if(waiting, [this](std::uint64_t e) { return !isIdleEntry(e); });
        waiting.push_back(entry);
    }
}

void EngineImpl::flushBusy(GroupRt &g) {
    g.busyIntegral +=
        static_cast<double>(g.busyHandlers) * static_cast<double>(m_now - g.lastBusyChange) / 1e9;
    g.lastBusyChange = m_now;
}

void EngineImpl::setBusy(GroupRt &g, bool busy) {
    flushBusy(g);
    g.busyHandlers += busy ? 1 : -1;
}

void EngineImpl::tryStartWork(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group];
    Member &m = g.members[h.member];
    if (!m.up || m.paused || m.isolated) {
        h.state = Handler::State::Idle;
        return;
    }
    for (;;) {
        if (!h.batch.empty()) {
            h.lease = h.batch.front();
            h.batch.pop_front();
            h.source = Handler::Source::Queue;
            h.message = h.lease.message;
            if (deliver(hi))
                return;
            continue;
        }
        const std::size_t n = m.cursors.size() + g.queues.size();
        bool got = false;
        for (std::size_t i = 0; i < n && !got; ++i) {
            const std::size_t idx = (m.roundRobin + i) % n;
            got = idx < m.cursors.size() ? takeFromCursor(h, m.cursors[idx])
                                         : takeFromQueue(h, g.queues[idx - m.cursors.size()]);
            if (got)
                m.roundRobin = static_cast<std::uint32_t>(idx + 1);
        }
        if (!got) {
            goIdle(hi);
            return;
        }
        if (deliver(hi))
            return;
    }
}

bool EngineImpl::takeFromCursor(Handler &h, std::uint32_t ci) {
    GroupRt &g = m_groups[h.group];
    Cursor &c = g.cursors[ci];
    // A rebalance stops the group's partitions only; its queues keep being served.
    if (c.busy || g.rebalancing || m_topics[c.topic].outage)
        return false;
    const PartitionLog &log = logOf(c);
    if (c.done < log.startOffset()) {
        expireBehind(c);
        c.done = log.startOffset();
        c.fetched = std::max(c.fetched, c.done);
    }
    if (c.done >= log.endOffset())
        return false;
    if (g.spec->commit == model::ConsumerSpec::Commit::BeforeProcess && c.done >= c.fetched) {
        // At-most-once: the poll's whole batch is committed before any of it is processed.
        c.fetched = std::min(log.endOffset(), c.done + g.spec->maxPollRecords);
        c.committed = c.fetched;
    }
    c.busy = true;
    h.cursorGeneration = c.generation;
    h.source = Handler::Source::Partition;
    h.cursor = ci;
    h.offset = c.done;
    h.message = log.at(c.done);
    return true;
}

bool EngineImpl::takeFromQueue(Handler &h, std::uint32_t qi) {
    QueueRt &q = m_queues[qi];
    if (q.outage)
        return false;
    const bool got = q.queue->receive(m_now, h.lease);
    // One receive of `batch` messages: all leased now, processed one after another.
    QueueLease more;
    for (int i = 1; got && i < m_groups[h.group].spec->batch && q.queue->receive(m_now, more); ++i)
        h.batch.push_back(more);
    drainDeadLetters(qi);
    if (!got)
        return false;
    h.source = Handler::Source::Queue;
    h.queue = qi;
    h.message = h.lease.message;
    return true;
}

bool EngineImpl::alreadyCompleted(GroupRt &g, std::uint64_t id) {
    return g.completedIds.contains(id);
}

bool EngineImpl::suppressible(GroupRt &g, std::uint64_t id) {
    if (!g.spec->dedupWindow)
        return true;
    const Time window = *g.spec->dedupWindow;
    while (!g.completedOrder.empty() && m_now - g.completedOrder.front().first > window) {
        auto it = g.completedAt.find(g.completedOrder.front().second);
        if (it != g.completedAt.end() && it->second == g.completedOrder.front().first)
            g.completedAt.erase(it);
        g.completedOrder.pop_front();
    }
    return g.completedAt.count(id) > 0;
}

void EngineImpl::rememberCompleted(GroupRt &g, std::uint64_t id) {
    g.completedIds.insert(id);
    if (g.spec->idempotent && g.spec->dedupWindow) {
        g.completedAt[id] = m_now;
        g.completedOrder.emplace_back(m_now, id);
    }
}

bool EngineImpl::deliver(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group];
    ++g.received;
    setBusy(g, true);
    if (h.source == Handler::Source::Partition) {
        // Per-partition order: a delivery never jumps over an offset that was neither
        // delivered before nor ended (replays going back are redeliveries, which is allowed).
        Cursor &c = g.cursors[h.cursor];
        if (h.offset > std::max(c.ended, c.highestDelivered + 1))
            ++m_orderViolations;
        c.highestDelivered = std::max(c.highestDelivered, h.offset);
    }
    // Within a partition first deliveries follow appends, so a key's order breaks exactly where
    // the log flagged it (retried or delayed publishes); replays of completed ids don't count.
    if ((h.message.flags & Message::kOutOfOrder) && !alreadyCompleted(g, h.message.id))
        ++g.outOfOrder;
    if (alreadyCompleted(g, h.message.id)) {
        ++g.duplicates;
        if (g.spec->idempotent && suppressible(g, h.message.id)) {
            ++g.duplicatesSuppressed;
            endMessage(hi, &Ledger::completed);
            return false;
        }
    }
    h.attempt = 1;
    startAttempt(hi);
    return true;
}

void EngineImpl::startAttempt(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group];
    h.state = Handler::State::Service;
    auto service = static_cast<Time>(llroundExact(g.service.sample(g.rng) * g.slow));
    if (h.attempt == 1) {
        // The edge from the bus delays the message on its way to the handler.
        const std::uint32_t bus = h.source == Handler::Source::Partition
                                      ? m_topicNode[g.cursors[h.cursor].topic]
                                      : m_queueNode[h.queue];
        for (const Outlet &in : g.inputs)
            if (in.target == bus)
                service += edgeDelay(in, g.rng);
    }
    m_events.push(m_now + service, kHandlerStep, hi, h.epoch);
}

void EngineImpl::onHandlerStep(std::uint32_t hi, std::uint64_t epoch) {
    Handler &h = m_handlers[hi];
    if (epoch != h.epoch)
        return;
    const Member &member = m_groups[h.group].members[h.member];
    if (member.paused || member.isolated) {
        h.deferred = true; // resumes when the member does
        return;
    }
    switch (h.state) {
    case Handler::State::Service:
        afterService(hi);
        break;
    case Handler::State::Backoff:
        startAttempt(hi);
        break;
    case Handler::State::StoreWrite:
        finishStoreWrite(hi);
        break;
    default:
        break;
    }
}

void EngineImpl::afterService(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group];
    const model::ConsumerSpec &spec = *g.spec;
    bool fails = h.message.poisoned();
    if (!fails && !spec.accepts.empty())
        fails = std::find(spec.accepts.begin(), spec.accepts.end(),
                          static_cast<int>(h.message.schemaVersion)) == spec.accepts.end();
    if (!fails && spec.failure > 0)
        fails = g.rng.bernoulli(spec.failure);
    if (fails) {
        ++g.failed;
        if (h.attempt < spec.retry.maxAttempts) {
            ++g.retries;
            const double backoff = static_cast<double>(spec.retry.backoff) *
                                   std::pow(spec.retry.multiplier, h.attempt - 1);
            ++h.attempt;
            h.state = Handler::State::Backoff;
            m_events.push(m_now + static_cast<Time>(llroundExact(backoff)), kHandlerStep, hi,
                          h.epoch);
            return;
        }
        exhausted(hi);
        tryStartWork(hi);
        return;
    }
    if (!g.stores.empty()) {
        h.storeStep = 0;
        requestStoreWrite(hi);
        return;
    }
    complete(hi);
    tryStartWork(hi);
}

void EngineImpl::requestStoreWrite(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    StoreRt &s = m_stores[m_groups[h.group].stores[h.storeStep]];
    if (s.capacity && s.active >= *s.capacity) {
        h.state = Handler::State::StoreWait;
        s.waiters.emplace_back(hi, h.epoch);
        return;
    }
    ++s.active;
    h.state = Handler::State::StoreWrite;
    const auto write = static_cast<Time>(llroundExact(s.writeTime.sample(s.rng))) +
                       edgeDelay(m_groups[h.group].storeEdges[h.storeStep], s.rng);
    m_events.push(m_now + write, kHandlerStep, hi, h.epoch);
}

void EngineImpl::releaseStoreSlot(StoreRt &s) {
    --s.active;
    while (!s.waiters.empty()) {
        const auto [w, epoch] = s.waiters.front();
        s.waiters.pop_front();
        if (m_handlers[w].state == Handler::State::StoreWait && m_handlers[w].epoch == epoch) {
            requestStoreWrite(w);
            return;
        }
    }
}

void EngineImpl::finishStoreWrite(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group];
    StoreRt &s = m_stores[g.stores[h.storeStep]];
    ++s.writes;
    if (!s.written.insert(h.message.id))
        ++s.duplicateWrites;
    releaseStoreSlot(s);
    if (++h.storeStep < g.stores.size()) {
        requestStoreWrite(hi);
        return;
    }
    complete(hi);
    tryStartWork(hi);
}

void EngineImpl::complete(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group];
    ++g.processed;
    const double latency = static_cast<double>(m_now - h.message.origin) / 1e9;
    if (m_now >= m_scenario.warmup)
        g.latency.record(latency);
    g.latencyInterval.record(latency);
    rememberCompleted(g, h.message.id);
    for (const Outlet &o : g.followUps) {
        const double whole = std::floor(o.ratio);
        int copies = static_cast<int>(whole);
        if (o.ratio > whole && g.rng.bernoulli(o.ratio - whole))
            ++copies;
        for (int i = 0; i < copies; ++i) {
            Message f = h.message;
            f.id = ++m_nextMessageId;
            f.causation = h.message.id;
            f.eventType = g.eventType;
            f.flags = 0;
            send(o, f, g.rng);
        }
    }
    endMessage(hi, &Ledger::completed);
}

void EngineImpl::exhausted(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group];
    if (g.deadLetter >= 0) {
        ++g.deadLettered;
        deliverToBus(static_cast<std::uint32_t>(g.deadLetter), h.message);
        endMessage(hi, &Ledger::deadLettered);
    } else if (h.source == Handler::Source::Partition) {
        ++g.discarded;
        endMessage(hi, &Ledger::discarded);
    } else {
        // Unacknowledged: the queue's redelivery and max_receive_count decide its fate.
        const std::uint32_t qi = h.queue;
        m_queues[qi].queue->release(h.lease, m_now);
        endMessage(hi, nullptr);
        wakeQueue(qi);
    }
}

void EngineImpl::endMessage(std::uint32_t hi, std::int64_t Ledger::*outcome) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group];
    if (h.source == Handler::Source::Partition) {
        Cursor &c = g.cursors[h.cursor];
        if (outcome && h.offset >= c.ended) {
            ++(m_ledger.*outcome);
            c.ended = h.offset + 1;
        }
        // A handler whose partition moved meanwhile is a zombie: its position and commits
        // are rejected, as Kafka rejects commits from an evicted member's old generation.
        if (c.generation == h.cursorGeneration) {
            c.busy = false;
            if (c.done == h.offset)
                c.done = h.offset + 1;
            if (g.spec->commit == model::ConsumerSpec::Commit::AfterEach &&
                !m_topics[c.topic].outage)
                c.committed = std::max(c.committed, c.done);
        }
        expireBehind(c);
    } else if (h.source == Handler::Source::Queue && outcome && !m_queues[h.queue].outage) {
        // During an outage the acknowledgement is lost: the lease ends and it is redelivered.
        m_queues[h.queue].queue->ack(h.lease, m_now, outcome);
    }
    h.source = Handler::Source::None;
    h.state = Handler::State::Idle;
    setBusy(g, false);
}

void EngineImpl::wakeCursorOwner(std::uint32_t group, std::uint32_t cursor) {
    GroupRt &g = m_groups[group];
    const Cursor &c = g.cursors[cursor];
    if (c.owner < 0 || g.rebalancing)
        return;
    Member &m = g.members[static_cast<std::size_t>(c.owner)];
    if (m.paused || m.isolated)
        return;
    const PartitionLog &log = logOf(c);
    // A handler that finds no work re-lists itself, so stop once the partition is served.
    for (std::size_t tries = m.idle.size();
         tries > 0 && m.up && !c.busy && c.done < log.endOffset() && !m.idle.empty(); --tries) {
        const std::uint64_t entry = m.idle.back();
        m.idle.pop_back();
        if (isIdleEntry(entry))
            tryStartWork(static_cast<std::uint32_t>(entry & 0xffffffffU));
    }
}

void EngineImpl::onCommitTick(std::uint32_t group) {
    GroupRt &g = m_groups[group];
    for (Cursor &c : g.cursors) {
        if (c.owner < 0 || m_topics[c.topic].outage || g.rebalancing)
            continue;
        const Member &m = g.members[static_cast<std::size_t>(c.owner)];
        if (m.up && !m.paused && !m.lostState)
            c.committed = std::max(c.committed, c.done);
    }
    g.lastCommit = m_now;
    const Time next = m_now + g.spec->commitInterval;
    if (next <= m_end)
        m_events.push(next, kCommitTick, group, 0);
}

void EngineImpl::expireBehind(Cursor &c) {
    const PartitionLog &log = logOf(c);
    // A record a handler already holds is not lost to retention: it ends when processed.
    const std::int64_t limit = c.busy ? std::min(log.startOffset(), c.done) : log.startOffset();
    if (c.ended < limit) {
        m_ledger.expired += limit - c.ended;
        c.ended = limit;
    }
}

void EngineImpl::onRetention(std::uint32_t topic, int partition) {
    for (const auto &[group, firstCursor] : m_topics[topic].readers)
        expireBehind(m_groups[group].cursors[firstCursor + static_cast<std::uint32_t>(partition)]);
}

} // namespace eventbench::sim
