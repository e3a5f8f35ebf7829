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
    GroupRt &g = m_groups[h.group.at()];
    if (!g.coordinator.member(h.member).working())
        return;
    MemberWork &m = g.members[h.member.at()];
    const std::uint64_t entry = idleEntry(hi, h.idleEpoch);
    const std::size_t bound = 4 * m_handlers.size() + 16;
    if (!g.coordinator.member(h.member).cursors.empty()) {
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
    // A handler that ends a message and takes the next at the same instant adds nothing (+0.0
    // to a sum of non-negative terms): skip the division.
    if (m_now == g.lastBusyChange)
        return;
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
    GroupRt &g = m_groups[h.group.at()];
    const GroupMember &m = g.coordinator.member(h.member);
    if (!m.working() || !g.coordinator.started()) {
        h.state = Handler::State::Idle;
        return;
    }
    MemberWork &work = g.members[h.member.at()];
    for (;;) {
        // Not yet connected (TLS), or the breaker stops taking messages: the handler waits
        // to be kicked when that ends.
        if (m_now < work.connectedAt || !breakerTakesWork(g)) {
            h.state = Handler::State::Idle;
            return;
        }
        if (!h.batch.empty()) {
            h.lease = h.batch.front();
            h.batch.pop_front();
            h.source = Handler::Source::Queue;
            h.message = h.lease.message;
        } else if (!takeNext(h, g, m, work)) {
            goIdle(hi);
            return;
        }
        if (deliver(hi))
            return;
    }
}

bool EngineImpl::takeNext(Handler &h, GroupRt &g, const GroupMember &m, MemberWork &work) {
    const std::size_t n = m.cursors.size() + g.queues.size();
    // Where the round-robin look starts (roundRobin % n), with a division only when the
    // member's inputs changed since it was set.
    std::size_t start = work.roundRobin;
    if (start >= n)
        start = start == n || n == 0 ? 0 : start % n;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t idx = start + i < n ? start + i : start + i - n;
        if (idx < m.cursors.size() ? takeFromCursor(h, m.cursors[idx])
                                   : takeFromQueue(h, g.queues[idx - m.cursors.size()])) {
            work.roundRobin = static_cast<std::uint32_t>(idx + 1);
            return true;
        }
    }
    return false;
}

bool EngineImpl::takeFromCursor(Handler &h, CursorIndex ci) {
    GroupCoordinator &coordinator = m_groups[h.group.at()].coordinator;
    GroupCoordinator::Fetch fetch;
    if (!coordinator.fetch(ci, fetch))
        return false;
    h.cursorGeneration = fetch.generation;
    h.source = Handler::Source::Partition;
    h.cursor = ci;
    h.offset = fetch.offset;
    const PartitionLog &log = logOf(coordinator.cursor(ci));
    log.read(fetch.offset, h.message);
    // The next record is read when this one is done, a service time later: by then it is in
    // the cache instead of a miss on the delivery's path.
    log.prefetch(fetch.offset + 1);
    return true;
}

bool EngineImpl::takeFromQueue(Handler &h, std::uint32_t qi) {
    QueueRt &q = m_queues[qi];
    if (q.outage)
        return false;
    const bool got = q.queue->receive(m_now, h.lease);
    // One receive of `batch` messages: all leased now, processed one after another.
    QueueLease more;
    for (int i = 1; got && i < m_groups[h.group.at()].spec->batch && q.queue->receive(m_now, more);
         ++i)
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

void EngineImpl::rememberCompletedAt(GroupRt &g, std::uint64_t id) {
    g.completedAt[id] = m_now;
    g.completedOrder.emplace_back(m_now, id);
}

bool EngineImpl::deliver(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group.at()];
    ++g.received;
    setBusy(g, true);
    // A record a replay set the group back over is replayed, not a duplicate.
    const bool replayed = h.source == Handler::Source::Partition &&
                          h.offset < g.coordinator.cursor(h.cursor).replayUntil;
    // Within a partition first deliveries follow appends, so a key's order breaks exactly where
    // the log flagged it (retried or delayed publishes); replays of completed ids don't count.
    if ((h.message.flags & Message::kOutOfOrder) && !replayed && !alreadyCompleted(g, h.message.id))
        ++g.outOfOrder;
    if (replayed) {
        ++g.replayed;
        if (g.spec->idempotent && alreadyCompleted(g, h.message.id) &&
            suppressible(g, h.message.id)) {
            ++g.duplicatesSuppressed;
            endMessage(hi, &Ledger::completed);
            return false;
        }
    } else if (alreadyCompleted(g, h.message.id)) {
        ++g.duplicates;
        if (g.spec->idempotent && suppressible(g, h.message.id)) {
            ++g.duplicatesSuppressed;
            endMessage(hi, &Ledger::completed);
            return false;
        }
    }
    // Available to the group: appended to its partition, or visible in its queue.
    const Time available =
        h.source == Handler::Source::Partition ? h.message.stamp : h.lease.availableAt;
    h.waited = m_now > available;
    h.attempt = 1;
    startAttempt(hi);
    return true;
}

const Outlet *EngineImpl::inputOf(const Handler &h, const GroupRt &g) const {
    if (g.inputs.size() == 1)
        return g.inputs.data();
    const std::uint32_t bus = h.source == Handler::Source::Partition
                                  ? m_topicNode[g.coordinator.cursor(h.cursor).topic.at()]
                                  : m_queueNode[h.queue];
    const Outlet *input = nullptr;
    for (const Outlet &in : g.inputs)
        if (in.target == bus)
            input = &in;
    return input;
}

void EngineImpl::startAttempt(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group.at()];
    if (!admitAttempt(h, g, hi))
        return;
    h.state = Handler::State::Service;
    const Outlet *input = inputOf(h, g);
    double slow = g.slow;
    if (input && input->overhead > 0)
        slow *= 1 + input->overhead;
    auto service = static_cast<Time>(llroundExact(g.service.sample(g.rng) * slow));
    // The edge from the bus delays the message on its way to the handler.
    if (h.attempt == 1 && input)
        service += edgeDelay(*input, g.rng);
    m_events.push(m_now + service, kHandlerStep, hi, h.epoch);
    g.rng.lookAhead();
}

void EngineImpl::onHandlerStep(std::uint32_t hi, std::uint64_t epoch) {
    Handler &h = m_handlers[hi];
    if (epoch != h.epoch)
        return;
    if (m_groups[h.group.at()].coordinator.member(h.member).held()) {
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
    case Handler::State::Rejected:
        attemptFailed(hi);
        break;
    default:
        break;
    }
}

void EngineImpl::afterService(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group.at()];
    const model::ConsumerSpec &spec = *g.spec;
    bool fails = h.message.poisoned();
    if (!fails && !spec.accepts.empty())
        fails = std::find(spec.accepts.begin(), spec.accepts.end(),
                          static_cast<int>(h.message.schemaVersion)) == spec.accepts.end();
    if (!fails && spec.failure > 0)
        fails = g.rng.bernoulli(spec.failure);
    if (fails) {
        ++g.failed;
        attemptFailed(hi);
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

// A failed attempt (counted in `failed` by its cause, or `rejected`): another attempt after
// the backoff, or the message's attempts are exhausted.
void EngineImpl::attemptFailed(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group.at()];
    const model::ConsumerSpec &spec = *g.spec;
    breakerOutcome(h, hi, true);
    if (h.attempt < spec.retry.maxAttempts) {
        ++g.retries;
        const double backoff = static_cast<double>(spec.retry.backoff) *
                               std::pow(spec.retry.multiplier, h.attempt - 1);
        ++h.attempt;
        h.state = Handler::State::Backoff;
        m_events.push(m_now + static_cast<Time>(llroundExact(backoff)), kHandlerStep, hi, h.epoch);
        return;
    }
    exhausted(hi);
    tryStartWork(hi);
}

void EngineImpl::complete(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group.at()];
    breakerOutcome(h, hi, false);
    ++g.processed;
    if (h.waited)
        ++g.waited;
    const double latency = static_cast<double>(m_now - h.message.origin) / 1e9;
    (m_now >= m_scenario.warmup ? g.latencyInterval : g.latencyEarly).record(latency);
    rememberCompleted(g, h.message.id);
    for (const Outlet &o : g.followUps) {
        const double whole = std::floor(o.ratio);
        int copies = static_cast<int>(whole);
        if (o.ratio > whole && g.rng.bernoulli(o.ratio - whole))
            ++copies;
        for (int i = 0; i < copies; ++i) {
            Message f = h.message;
            f.id = m_messages.newId();
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
    GroupRt &g = m_groups[h.group.at()];
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
    GroupRt &g = m_groups[h.group.at()];
    if (h.source == Handler::Source::Partition) {
        g.coordinator.finish(h.cursor, h.cursorGeneration, h.offset, outcome);
    } else if (h.source == Handler::Source::Queue && outcome && !m_queues[h.queue].outage) {
        // During an outage the acknowledgement is lost: the lease ends and it is redelivered.
        m_queues[h.queue].queue->ack(h.lease, m_now, outcome);
    }
    h.source = Handler::Source::None;
    h.state = Handler::State::Idle;
    setBusy(g, false);
}

void EngineImpl::wakeCursorOwner(GroupIndex group, CursorIndex cursor) {
    GroupRt &g = m_groups[group.at()];
    const Cursor &c = g.coordinator.cursor(cursor);
    // The usual append finds its partition's record in hand: nothing to wake.
    if (c.busy || c.owner < 0 || g.coordinator.rebalancing())
        return;
    const MemberIndex owner(static_cast<std::uint32_t>(c.owner));
    const GroupMember &m = g.coordinator.member(owner);
    if (m.held())
        return;
    MemberWork &work = g.members[owner.at()];
    const PartitionLog &log = logOf(c);
    // A handler that finds no work re-lists itself, so stop once the partition is served.
    for (std::size_t tries = work.idle.size();
         tries > 0 && m.up && !c.busy && c.done < log.endOffset() && !work.idle.empty(); --tries) {
        const std::uint64_t entry = work.idle.back();
        work.idle.pop_back();
        if (isIdleEntry(entry))
            tryStartWork(static_cast<std::uint32_t>(entry & 0xffffffffU));
    }
}

void EngineImpl::onRetention(std::uint32_t topic, int partition) {
    for (const auto &[group, firstCursor] : m_topics[topic].readers)
        m_groups[group.at()].coordinator.partitionTrimmed(
            CursorIndex(firstCursor.value + static_cast<std::uint32_t>(partition)));
}

} // namespace eventbench::sim
