// How producers publish: straight to the bus when it is reachable, otherwise into a bounded
// retry buffer drained with backoff (SPEC §3.1 producer retry/buffer/idempotent, §3.4 outage).
#include <cmath>

#include "sim/engine/EngineImpl.h"

namespace eventbench::sim {

bool EngineImpl::busAvailable(std::uint32_t node) const {
    const NodeRef ref = m_nodes[node];
    switch (ref.kind) {
    case model::NodeKind::Topic:
        return !m_topics[ref.index].outage;
    case model::NodeKind::Queue:
        return !m_queues[ref.index].outage;
    case model::NodeKind::Exchange:
        return !m_exchanges[ref.index].outage;
    default:
        return true;
    }
}

void EngineImpl::publish(std::uint32_t producer, std::uint32_t outlet, const Message &m) {
    ProducerRt &p = m_producers[producer];
    const Outlet &o = p.outlets[outlet];
    // Behind a non-empty buffer new messages wait their turn, keeping the producer's order.
    if (p.isolated || !busAvailable(o.target) || p.bufferedPerOutlet[outlet] > 0) {
        bufferForRetry(producer, {m, outlet, 1, false});
        return;
    }
    ++p.published;
    send(o, m, p.rng);
    if (!p.spec->idempotent) {
        const Time window = p.spec->retry.backoff;
        while (!p.unacknowledged.empty() && m_now - p.unacknowledged.front().first > window)
            p.unacknowledged.pop_front();
        p.unacknowledged.push_back({m_now, {outlet, m}});
    }
}

void EngineImpl::bufferForRetry(std::uint32_t producer, ProducerRt::Retry retry) {
    ProducerRt &p = m_producers[producer];
    if (static_cast<std::int64_t>(p.retryBuffer.size()) >= p.spec->buffer) {
        ++p.publishFailed;
        return;
    }
    ++p.bufferedPerOutlet[retry.outlet];
    p.retryBuffer.push_back(retry);
    p.buffered = static_cast<std::int64_t>(p.retryBuffer.size());
    if (!p.retryScheduled) {
        p.retryScheduled = true;
        m_events.push(m_now + std::max<Time>(1, p.spec->retry.backoff), kPublishRetry, producer, 0);
    }
}

void EngineImpl::onPublishRetry(std::uint32_t producer) {
    ProducerRt &p = m_producers[producer];
    p.retryScheduled = false;
    std::deque<ProducerRt::Retry> waiting;
    waiting.swap(p.retryBuffer);
    std::vector<char> blocked(p.outlets.size(), 0);
    for (ProducerRt::Retry &r : waiting) {
        const Outlet &o = p.outlets[r.outlet];
        --p.bufferedPerOutlet[r.outlet];
        if (!blocked[r.outlet] && !p.isolated && busAvailable(o.target)) {
            ++p.publishRetries;
            ++p.published;
            send(o, r.message, p.rng);
            continue;
        }
        // Once one message to a bus cannot go, the later ones to it wait (in-order delivery);
        // each wait counts as an attempt, so max_attempts x backoff bounds how long it waits.
        blocked[r.outlet] = 1;
        ++p.publishRetries;
        if (++r.attempts >= p.spec->retry.maxAttempts) {
            ++p.publishFailed;
            continue;
        }
        ++p.bufferedPerOutlet[r.outlet];
        p.retryBuffer.push_back(r);
    }
    p.buffered = static_cast<std::int64_t>(p.retryBuffer.size());
    if (!p.retryBuffer.empty()) {
        p.retryScheduled = true;
        m_events.push(m_now + std::max<Time>(1, p.spec->retry.backoff), kPublishRetry, producer, 0);
    }
}

// Publishes sent within one backoff before the outage reached the bus, but their
// acknowledgements were lost: a non-idempotent producer sends them again when the bus is back,
// appending them twice. (An idempotent producer's retries are deduplicated by the broker.)
void EngineImpl::onOutageStart(std::uint32_t node) {
    for (std::uint32_t pi = 0; pi < m_producers.size(); ++pi) {
        ProducerRt &p = m_producers[pi];
        if (p.spec->idempotent || p.unacknowledged.empty())
            continue;
        const Time window = p.spec->retry.backoff;
        for (const auto &[at, sent] : p.unacknowledged)
            if (m_now - at <= window && p.outlets[sent.first].target == node)
                bufferForRetry(pi, {sent.second, sent.first, 1, true});
        p.unacknowledged.clear();
    }
}

} // namespace eventbench::sim
