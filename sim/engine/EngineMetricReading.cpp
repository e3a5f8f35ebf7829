// The reading of every sampled metric from the engine's state: one case per MetricId
// (EngineImpl's part of the metric catalogue).
#include <cassert>
#include <limits>

#include "sim/engine/EngineImpl.h"

namespace eventbench::sim {

/// A statistic of a latency histogram (mean, percentiles, extremes).
double histogramStat(const LogLinearHistogram &h, model::Expectation::Stat stat) {
    using S = model::Expectation::Stat;
    switch (stat) {
    case S::Mean:
        return h.mean();
    case S::P50:
        return h.quantile(0.5);
    case S::P95:
        return h.quantile(0.95);
    case S::P99:
        return h.quantile(0.99);
    case S::Max:
        return h.max();
    case S::Min:
        return h.min();
    default:
        return kNaN;
    }
}

namespace {

double producerMetric(const ProducerRt &p, model::MetricId metric) {
    using M = model::MetricId;
    switch (metric) {
    case M::ProducerProduced:
        return static_cast<double>(p.produced);
    case M::ProducerPublished:
        return static_cast<double>(p.published);
    case M::ProducerPublishFailed:
        return static_cast<double>(p.publishFailed);
    case M::ProducerPublishRetries:
        return static_cast<double>(p.publishRetries);
    case M::ProducerBuffered:
        return static_cast<double>(p.buffered);
    default:
        assert(false && "not a metric of this kind");
        return 0;
    }
}

double storeMetric(const StoreRt &st, model::MetricId metric) {
    using M = model::MetricId;
    switch (metric) {
    case M::StoreWrites:
        return static_cast<double>(st.writes);
    case M::StoreWriteFailed:
        return static_cast<double>(st.writeFailed);
    case M::StoreDuplicateWrites:
        return static_cast<double>(st.duplicateWrites);
    default:
        assert(false && "not a metric of this kind");
        return 0;
    }
}

double retainedOf(const TopicRt &t) {
    std::size_t retained = 0;
    for (const PartitionLog &log : t.partitions)
        retained += log.retained();
    return static_cast<double>(retained);
}
} // namespace

// One case per MetricId and no default, so that the compiler names a metric nobody samples.
// Counters are returned as doubles; their totals stay far below 2^53, so exactly.
double EngineImpl::readMetric(const SeriesSource &s) {
    using M = model::MetricId;
    const auto n = [](std::int64_t v) { return static_cast<double>(v); };
    const auto at = [&] { return m_nodes[s.node].index; };
    switch (s.metric) {
    case M::ProducerProduced:
    case M::ProducerPublished:
    case M::ProducerPublishFailed:
    case M::ProducerPublishRetries:
    case M::ProducerBuffered:
        return producerMetric(m_producers[at()], s.metric);
    case M::TopicAppended:
        return n(m_topics[at()].appended);
    case M::TopicRetained:
        return retainedOf(m_topics[at()]);
    case M::TopicDeleted:
        return n(m_topics[at()].deleted);
    case M::QueueEnqueued:
    case M::QueueDepth:
    case M::QueueInFlight:
    case M::QueueRedelivered:
    case M::QueueDeadLettered:
    case M::QueueExpired:
    case M::QueueDropped:
    case M::QueueOldestAge:
        return readQueueMetric(s, *m_queues[at()].queue);
    case M::ExchangeRouted:
        return n(m_exchanges[at()].routed);
    case M::ExchangeUnroutable:
        return n(m_exchanges[at()].unroutableCount);
    case M::ConsumerReceived:
    case M::ConsumerProcessed:
    case M::ConsumerFailed:
    case M::ConsumerRetries:
    case M::ConsumerDeadLettered:
    case M::ConsumerDiscarded:
    case M::ConsumerDuplicates:
    case M::ConsumerDuplicatesSuppressed:
    case M::ConsumerSkipped:
    case M::ConsumerLag:
    case M::ConsumerLagTime:
    case M::ConsumerLatency:
    case M::ConsumerUtilization:
    case M::ConsumerInstancesUp:
    case M::ConsumerRebalances:
    case M::ConsumerOutOfOrder:
    case M::ConsumerWaited:
    case M::ConsumerBreakerState:
    case M::ConsumerBreakerOpened:
    case M::ConsumerRejected:
    case M::ConsumerReplayed:
    case M::ConsumerInstancesDesired:
        return readConsumerMetric(s, m_groups[at()]);
    case M::StoreWrites:
    case M::StoreWriteFailed:
    case M::StoreDuplicateWrites:
        return storeMetric(m_stores[at()], s.metric);
    case M::LedgerObligations:
        return n(m_ledger.obligations);
    case M::LedgerCompleted:
        return n(m_ledger.completed);
    case M::LedgerDeadLettered:
        return n(m_ledger.deadLettered);
    case M::LedgerDiscarded:
        return n(m_ledger.discarded);
    case M::LedgerExpired:
        return n(m_ledger.expired);
    case M::LedgerSkipped:
        return n(m_ledger.skipped);
    case M::LedgerPending:
        return n(pendingObligations());
    case M::LedgerUnaccounted:
        return n(m_ledger.unaccounted(pendingObligations()));
    }
    return 0;
}

double EngineImpl::readQueueMetric(const SeriesSource &s, MessageQueue &q) {
    using M = model::MetricId;
    const auto n = [](std::int64_t v) { return static_cast<double>(v); };
    switch (s.metric) {
    case M::QueueEnqueued:
        return n(q.counters().enqueued);
    case M::QueueDepth:
        return static_cast<double>(q.depth());
    case M::QueueInFlight:
        return static_cast<double>(q.inFlight());
    case M::QueueRedelivered:
        return n(q.counters().redelivered);
    case M::QueueDeadLettered:
        return n(q.counters().deadLettered);
    case M::QueueExpired:
        return n(q.counters().expired);
    case M::QueueDropped: {
        const QueueCounters &c = q.counters();
        return n(c.dropped + c.rejected);
    }
    case M::QueueOldestAge:
        return static_cast<double>(q.oldestAge(m_now)) / 1e9;
    default:
        assert(false && "not a metric of this kind");
        return 0;
    }
}

double EngineImpl::readConsumerMetric(const SeriesSource &s, const GroupRt &g) {
    using M = model::MetricId;
    const auto n = [](std::int64_t v) { return static_cast<double>(v); };
    switch (s.metric) {
    case M::ConsumerReceived:
        return n(g.received);
    case M::ConsumerProcessed:
        return n(g.processed);
    case M::ConsumerFailed:
        return n(g.failed);
    case M::ConsumerRetries:
        return n(g.retries);
    case M::ConsumerDeadLettered:
        return n(g.deadLettered);
    case M::ConsumerDiscarded:
        return n(g.discarded);
    case M::ConsumerDuplicates:
        return n(g.duplicates);
    case M::ConsumerDuplicatesSuppressed:
        return n(g.duplicatesSuppressed);
    case M::ConsumerSkipped:
        return n(g.coordinator.skipped());
    case M::ConsumerLag:
        return consumerLag(g);
    case M::ConsumerLagTime:
        return consumerLagTime(g);
    case M::ConsumerLatency: {
        LogLinearHistogram both; // an interval that began during the warmup
        if (g.latencyEarly.count() > 0) {
            both = g.latencyEarly;
            both.merge(g.latencyInterval);
        }
        const LogLinearHistogram &h = both.count() > 0 ? both : g.latencyInterval;
        return h.count() == 0 ? kNaN : histogramStat(h, model::latencySeriesStats()[s.variant]);
    }
    case M::ConsumerUtilization: {
        const double interval = static_cast<double>(m_now - m_lastSample) / 1e9;
        std::size_t handlers = 0;
        for (std::uint32_t m = 0; m < g.members.size(); ++m)
            if (!g.coordinator.member(MemberIndex(m)).left)
                handlers += g.members[m].handlers.size();
        return interval > 0 && handlers > 0
                   ? g.busyIntegral / (interval * static_cast<double>(handlers))
                   : 0.0;
    }
    case M::ConsumerInstancesUp:
        return n(g.coordinator.membersUp());
    case M::ConsumerRebalances:
        return n(g.coordinator.rebalances());
    case M::ConsumerOutOfOrder:
        return n(g.outOfOrder);
    case M::ConsumerWaited:
        return n(g.waited);
    case M::ConsumerBreakerState:
        return g.breaker ? static_cast<double>(g.breaker->state()) : 0.0;
    case M::ConsumerBreakerOpened:
        return g.breaker ? n(g.breaker->opened()) : 0.0;
    case M::ConsumerRejected:
        return n(g.rejected);
    case M::ConsumerReplayed:
        return n(g.replayed);
    case M::ConsumerInstancesDesired:
        return n(g.desired);
    default:
        assert(false && "not a metric of this kind");
        return 0;
    }
}

} // namespace eventbench::sim
