// The memory budget's run-time half (README.md#memory-budget): every few thousand events the
// engine adds up what grows while a run goes — message storage (partition logs, cold logs and
// queue slots), pending events, messages in transit, producers' retry buffers, consumers'
// dedup memory, the samples and the event log — from counters it keeps anyway, and reports it
// to its MemoryShare. When the process's shares pass the limit the run stops where it is, as
// if it ended there (the ledger balances), with the node that holds the most named in
// RunReport::stopReason.
#include <cstdio>
#include <sstream>

#include "model/capacity/MemoryEstimate.h"
#include "model/scenario/Units.h"
#include "sim/engine/EngineImpl.h"

namespace eventbench::sim {

namespace {
// Events between looks: cheap (a pass over the producers, queues and groups) yet frequent
// enough that a run cannot outgrow its budget by much between two looks.
constexpr std::uint64_t kBudgetEvery = 8192;
constexpr std::size_t kQueueSlotBytes = sizeof(Message) + 32;
constexpr std::size_t kEventRowBytes = 128;

// The model's estimate (model/capacity/MemoryEstimate.h) must not count less than the engine
// holds per thing.
static_assert(sizeof(ProducerRt::Retry) <= model::memory_costs::kBufferedBytes,
              "a buffered message costs more than the estimate counts");
static_assert(sizeof(Handler) + 2 * sizeof(Event) <= model::memory_costs::kHandlerBytes,
              "a handler costs more than the estimate counts");

std::string simSeconds(Time t) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.3fs", static_cast<double>(t) / 1e9);
    return buf;
}
} // namespace

std::size_t EngineImpl::footprint() const {
    static_assert(sizeof(SeriesSource) + sizeof(model::RunReport::Series) + 2 * sizeof(double) <=
                      model::memory_costs::kSeriesBytes,
                  "a series costs more than the estimate counts");
    std::size_t bytes = m_blockPool.reservedBytes();
    bytes += m_events.size() * sizeof(Event);
    bytes += m_transit.capacity() * sizeof(m_transit[0]);
    for (const ProducerRt &p : m_producers)
        bytes += p.retryBuffer.size() * sizeof(ProducerRt::Retry);
    for (const QueueRt &q : m_queues)
        bytes += q.queue->slots() * kQueueSlotBytes;
    for (const GroupRt &g : m_groups)
        bytes += g.completedIds.memoryBytes() + g.completedOrder.size() * 16;
    for (const StoreRt &s : m_stores)
        bytes += s.written.memoryBytes();
    bytes += m_spool->memoryBytes() + m_report.sampleTimes.capacity() * sizeof(double);
    bytes += m_report.events.size() * kEventRowBytes;
    return bytes;
}

/// "topic 'orders' (1.2 GiB of retained messages)": whoever holds the most now.
std::string EngineImpl::largestHolder() const {
    std::string who = "the run's samples and event log";
    std::size_t most = m_spool->memoryBytes() + m_report.sampleTimes.capacity() * 8 +
                       m_report.events.size() * kEventRowBytes;
    std::string what = "of samples";
    auto consider = [&](std::size_t bytes, std::string name, const char *held) {
        if (bytes > most) {
            most = bytes;
            who = std::move(name);
            what = held;
        }
    };
    for (std::size_t t = 0; t < m_topics.size(); ++t) {
        std::size_t bytes = 0;
        for (const PartitionLog &log : m_topics[t].partitions)
            bytes += log.memoryBytes();
        consider(bytes, "topic '" + nodeName(m_topicNode[t]) + "'", "of retained messages");
    }
    for (std::size_t q = 0; q < m_queues.size(); ++q)
        consider(m_queues[q].queue->slots() * kQueueSlotBytes,
                 "queue '" + nodeName(m_queueNode[q]) + "'", "of queued messages");
    for (const ProducerRt &p : m_producers)
        for (const model::Node &n : m_scenario.nodes)
            if (&n.producer == p.spec)
                consider(p.retryBuffer.size() * sizeof(ProducerRt::Retry),
                         "producer '" + n.id + "'", "of buffered messages");
    for (const GroupRt &g : m_groups)
        consider(g.completedIds.memoryBytes() + g.completedOrder.size() * 16,
                 "consumer '" + nodeName(g.node) + "'", "of remembered message ids");
    consider(m_events.size() * sizeof(Event), "the pending events", "");
    consider(m_transit.capacity() * sizeof(m_transit[0]), "messages in transit", "");
    std::ostringstream out;
    out << who << " (" << model::formatMemory(static_cast<double>(most))
        << (what.empty() ? "" : " ") << what << ")";
    return out.str();
}

void EngineImpl::checkBudget() {
    m_budgetCheckAt = m_eventCount + kBudgetEvery;
    if (m_budget.update(footprint()) || m_finished)
        return;
    std::ostringstream why;
    why << "the run reached the memory budget of "
        << model::formatMemory(static_cast<double>(MemoryBudget::limit()))
        << " (--max-memory) at simulated time " << simSeconds(m_now) << ": " << largestHolder()
        << " grew the most; the run stopped there";
    m_report.stopReason = why.str();
    logEvent("run", "stopped", "memory budget reached");
    // The run ends here, as if this were its end: the last sample, the summary, the ledger.
    m_end = m_now;
    finishRun();
}

} // namespace eventbench::sim
