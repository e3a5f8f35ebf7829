// Store writes: a processed message is written to each store the consumer has an edge to, in
// edge order, each write waiting for a free slot of the store's `capacity`. A write fails
// with the store's `failure` probability after its write_time, or at once during an outage;
// a failed write fails the consumer's attempt (scenarios/README.md#store).
#include "sim/engine/EngineImpl.h"
#include "sim/kernel/FastRound.h"

namespace eventbench::sim {

void EngineImpl::requestStoreWrite(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    StoreRt &s = m_stores[m_groups[h.group.at()].stores[h.storeStep]];
    if (s.outage) {
        ++s.writeFailed;
        ++m_groups[h.group.at()].failed;
        attemptFailed(hi);
        return;
    }
    if (s.capacity && s.active >= *s.capacity) {
        h.state = Handler::State::StoreWait;
        s.waiters.emplace_back(hi, h.epoch);
        return;
    }
    ++s.active;
    h.state = Handler::State::StoreWrite;
    const auto write = static_cast<Time>(llroundExact(s.writeTime.sample(s.rng) * s.slow)) +
                       edgeDelay(m_groups[h.group.at()].storeEdges[h.storeStep], s.rng);
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
    GroupRt &g = m_groups[h.group.at()];
    StoreRt &s = m_stores[g.stores[h.storeStep]];
    // A write still running when an outage begins fails when it ends.
    if (s.outage || (s.failure > 0 && s.rng.bernoulli(s.failure))) {
        ++s.writeFailed;
        ++g.failed;
        releaseStoreSlot(s);
        attemptFailed(hi);
        return;
    }
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

void EngineImpl::setStoreOutage(std::uint32_t store, bool outage) {
    m_stores[store].outage = outage;
}

} // namespace eventbench::sim
