// Metrics (SPEC §5): series sampled every sample_every, the summary after warmup, the ledger.
#include <algorithm>
#include <cmath>
#include <limits>

#include "model/capacity/CapacityModel.h"
#include "sim/engine/EngineImpl.h"
#include "sim/metrics/Mser5.h"

namespace eventbench::sim {

using model::MetricInfo;
using model::NodeKind;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const char *const kLatencyVariants[] = {"latency", "latency_p50", "latency_p95", "latency_p99"};
} // namespace

void EngineImpl::buildSeries() {
    for (std::uint32_t i = 0; i < m_scenario.nodes.size(); ++i) {
        const auto &metrics = model::metricsOf(m_scenario.nodes[i].kind);
        for (std::uint32_t m = 0; m < metrics.size(); ++m) {
            const int variants = metrics[m].type == MetricInfo::Type::Latency ? 4 : 1;
            for (int v = 0; v < variants; ++v) {
                m_sources.push_back({i, false, m, static_cast<std::uint8_t>(v), metrics[m].type});
                m_report.series.push_back({m_scenario.nodes[i].id,
                                           variants > 1 ? kLatencyVariants[v] : metrics[m].name,
                                           {}});
            }
        }
    }
    const auto &figures = model::ledgerFigures();
    for (std::uint32_t f = 0; f < figures.size(); ++f) {
        const bool gauge = figures[f] == "pending" || figures[f] == "unaccounted";
        m_sources.push_back(
            {0, true, f, 0, gauge ? MetricInfo::Type::Gauge : MetricInfo::Type::Counter});
        m_report.series.push_back({"ledger", figures[f], {}});
    }
    m_lastCounter.assign(m_sources.size(), 0);
}

std::vector<std::pair<std::string, std::string>> EngineImpl::seriesNames() const {
    std::vector<std::pair<std::string, std::string>> names;
    for (const auto &s : m_report.series)
        names.emplace_back(s.node, s.metric);
    return names;
}

std::int64_t EngineImpl::counterValue(const SeriesSource &s) const {
    if (s.ledger) {
        switch (s.metric) {
        case 0:
            return m_ledger.obligations;
        case 1:
            return m_ledger.completed;
        case 2:
            return m_ledger.deadLettered;
        case 3:
            return m_ledger.discarded;
        case 4:
            return m_ledger.expired;
        case 5:
            return m_ledger.skipped;
        default:
            return 0;
        }
    }
    const NodeRef ref = m_nodes[s.node];
    switch (ref.kind) {
    case NodeKind::Producer: {
        const ProducerRt &p = m_producers[ref.index];
        const std::int64_t v[] = {p.produced, p.published, p.publishFailed, p.publishRetries};
        return s.metric < 4 ? v[s.metric] : 0;
    }
    case NodeKind::Topic: {
        const TopicRt &t = m_topics[ref.index];
        return s.metric == 0 ? t.appended : t.deleted;
    }
    case NodeKind::Queue: {
        const QueueCounters &c = m_queues[ref.index].queue->counters();
        switch (s.metric) {
        case 0:
            return c.enqueued;
        case 3:
            return c.redelivered;
        case 4:
            return c.deadLettered;
        case 5:
            return c.expired;
        case 6:
            return c.dropped + c.rejected;
        default:
            return 0;
        }
    }
    case NodeKind::Exchange: {
        const ExchangeRt &x = m_exchanges[ref.index];
        return s.metric == 0 ? x.routed : x.unroutableCount;
    }
    case NodeKind::Consumer: {
        const GroupRt &g = m_groups[ref.index];
        const std::int64_t v[] = {g.received,
                                  g.processed,
                                  g.failed,
                                  g.retries,
                                  g.deadLettered,
                                  g.discarded,
                                  g.duplicates,
                                  g.duplicatesSuppressed,
                                  g.coordinator.skipped()};
        if (s.metric < 9)
            return v[s.metric];
        return s.metric == 14 ? g.coordinator.rebalances() : s.metric == 15 ? g.outOfOrder : 0;
    }
    case NodeKind::Store: {
        const StoreRt &st = m_stores[ref.index];
        return s.metric == 0 ? st.writes : st.duplicateWrites;
    }
    }
    return 0;
}

double EngineImpl::consumerLag(const GroupRt &g) const {
    std::int64_t lag = 0;
    for (const Cursor &c : g.coordinator.cursors()) {
        const PartitionLog &log = logOf(c);
        lag += log.endOffset() - std::max(c.committed, log.startOffset());
    }
    for (std::uint32_t q : g.queues)
        lag += m_queues[q].queue->live();
    return static_cast<double>(lag);
}

double EngineImpl::consumerLagTime(const GroupRt &g) {
    Time oldest = 0;
    for (const Cursor &c : g.coordinator.cursors()) {
        const PartitionLog &log = logOf(c);
        const std::int64_t first = std::max(c.ended, log.startOffset());
        if (first < log.endOffset())
            oldest = std::max(oldest, m_now - log.stampAt(first));
    }
    for (std::uint32_t q : g.queues)
        oldest = std::max(oldest, m_queues[q].queue->oldestAge(m_now));
    return static_cast<double>(oldest) / 1e9;
}

double EngineImpl::gaugeValue(const SeriesSource &s) {
    if (s.ledger) {
        const std::int64_t pending = pendingObligations();
        return static_cast<double>(s.metric == 6 ? pending : m_ledger.unaccounted(pending));
    }
    const NodeRef ref = m_nodes[s.node];
    switch (ref.kind) {
    case NodeKind::Producer:
        return static_cast<double>(m_producers[ref.index].buffered);
    case NodeKind::Topic: {
        std::size_t retained = 0;
        for (const PartitionLog &log : m_topics[ref.index].partitions)
            retained += log.retained();
        return static_cast<double>(retained);
    }
    case NodeKind::Queue: {
        MessageQueue &q = *m_queues[ref.index].queue;
        if (s.metric == 1)
            return static_cast<double>(q.depth());
        if (s.metric == 2)
            return static_cast<double>(q.inFlight());
        return static_cast<double>(q.oldestAge(m_now)) / 1e9;
    }
    case NodeKind::Consumer: {
        GroupRt &g = m_groups[ref.index];
        switch (s.metric) {
        case 9:
            return consumerLag(g);
        case 10:
            return consumerLagTime(g);
        case 11: {
            const LogLinearHistogram &h = g.latencyInterval;
            if (h.count() == 0)
                return kNaN;
            const double q[] = {0, 0.5, 0.95, 0.99};
            return s.variant == 0 ? h.mean() : h.quantile(q[s.variant]);
        }
        case 12: {
            const double interval = static_cast<double>(m_now - m_lastSample) / 1e9;
            std::size_t handlers = 0;
            for (const MemberWork &m : g.members)
                handlers += m.handlers.size();
            return interval > 0 && handlers > 0
                       ? g.busyIntegral / (interval * static_cast<double>(handlers))
                       : 0.0;
        }
        case 13:
            return static_cast<double>(g.coordinator.membersUp());
        default:
            return 0;
        }
    }
    default:
        return 0;
    }
}

std::int64_t EngineImpl::pendingObligations() const {
    std::int64_t pending = 0;
    for (const GroupRt &g : m_groups)
        for (const Cursor &c : g.coordinator.cursors()) {
            const PartitionLog &log = logOf(c);
            pending += log.endOffset() - c.ended; // includes a held record retention deleted
        }
    for (const QueueRt &q : m_queues)
        if (!q.groups.empty())
            pending += q.queue->live();
    return pending;
}

void EngineImpl::onSample() {
    for (GroupRt &g : m_groups)
        flushBusy(g);
    m_report.sampleTimes.push_back(static_cast<double>(m_now) / 1e9);
    for (std::size_t i = 0; i < m_sources.size(); ++i) {
        const SeriesSource &s = m_sources[i];
        double value;
        if (s.type == MetricInfo::Type::Counter) {
            const std::int64_t now = counterValue(s);
            value = static_cast<double>(now - m_lastCounter[i]);
            m_lastCounter[i] = now;
        } else {
            value = gaugeValue(s);
        }
        m_report.series[i].values.push_back(value);
    }
    if (m_scenario.warmupAuto) {
        // Keep each 5-sample batch of the first half apart so that the summary can drop the
        // batches MSER-5 chooses; from then on `latency` holds only the second half.
        const std::size_t k = m_report.sampleTimes.size() - 1;
        const Time se = m_scenario.sampleEvery;
        const std::size_t half =
            Mser5::maxTruncation(static_cast<std::size_t>((m_end + se - 1) / se));
        for (GroupRt &g : m_groups)
            if (k < half) {
                g.latencyBatches.resize(std::max(g.latencyBatches.size(), k / Mser5::kBatch + 1));
                g.latencyBatches[k / Mser5::kBatch].merge(g.latencyInterval);
                if (k + 1 == half)
                    g.latency.clear();
            }
    }
    for (GroupRt &g : m_groups) {
        g.latencyInterval.clear();
        g.busyIntegral = 0;
    }
    for (std::uint32_t t = 0; t < m_topics.size(); ++t) {
        TopicRt &topic = m_topics[t];
        for (int p = 0; p < static_cast<int>(topic.partitions.size()); ++p) {
            PartitionLog &log = topic.partitions[static_cast<std::size_t>(p)];
            if (const std::int64_t gone = log.enforceRetention(m_now, topic.spec->retention,
                                                               topic.spec->retentionBytes)) {
                topic.deleted += gone;
                onRetention(t, p);
            }
        }
    }
    for (QueueRt &q : m_queues)
        q.queue->sweep(m_now);
    houseKeeping();
    m_lastSample = m_now;
    // The sample at the end is taken by finishRun, after every event of that instant.
    const Time next = m_now + m_scenario.sampleEvery;
    if (next < m_end)
        m_events.push(next, kSample, 0, 0);
}

void EngineImpl::logEvent(const std::string &node, const std::string &event,
                          const std::string &detail) {
    m_report.events.push_back({m_now, node, event, detail});
}

SampleSnapshot EngineImpl::snapshotSince(std::size_t fromSample, std::size_t fromEvent) const {
    SampleSnapshot snap;
    snap.now = m_now;
    snap.firstSample = fromSample;
    const std::size_t n = m_report.sampleTimes.size();
    if (fromSample < n)
        snap.times.assign(m_report.sampleTimes.begin() + static_cast<std::ptrdiff_t>(fromSample),
                          m_report.sampleTimes.end());
    snap.values.reserve(m_report.series.size());
    for (const auto &s : m_report.series) {
        std::vector<double> v;
        if (fromSample < s.values.size())
            v.assign(s.values.begin() + static_cast<std::ptrdiff_t>(fromSample), s.values.end());
        snap.values.push_back(std::move(v));
    }
    if (fromEvent < m_report.events.size())
        snap.newEvents.assign(m_report.events.begin() + static_cast<std::ptrdiff_t>(fromEvent),
                              m_report.events.end());
    return snap;
}

namespace {
double nearestRank(const std::vector<double> &sorted, double q) {
    if (sorted.empty())
        return kNaN;
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}
} // namespace

void EngineImpl::buildSummary() {
    auto &rows = m_report.summary;
    const double warmup = static_cast<double>(m_scenario.warmup) / 1e9;
    std::size_t firstAfterWarmup = 0;
    while (firstAfterWarmup < m_report.sampleTimes.size() &&
           m_report.sampleTimes[firstAfterWarmup] <= warmup && warmup > 0)
        ++firstAfterWarmup;
    if (m_scenario.warmupAuto)
        firstAfterWarmup = Mser5::runTruncation(m_scenario, m_report);
    for (std::size_t i = 0; i < m_sources.size(); ++i) {
        const SeriesSource &s = m_sources[i];
        const auto &series = m_report.series[i];
        if (s.ledger)
            continue;
        if (s.type == MetricInfo::Type::Latency) {
            if (s.variant != 0)
                continue;
            const GroupRt &group = m_groups[m_nodes[s.node].index];
            LogLinearHistogram kept; // warmup auto: the batches after the truncation
            if (m_scenario.warmupAuto) {
                kept = group.latency;
                for (std::size_t b = firstAfterWarmup / Mser5::kBatch;
                     b < group.latencyBatches.size(); ++b)
                    kept.merge(group.latencyBatches[b]);
            }
            const LogLinearHistogram &h = m_scenario.warmupAuto ? kept : group.latency;
            const bool any = h.count() > 0;
            rows.push_back({series.node, series.metric, "mean", any ? h.mean() : kNaN});
            rows.push_back({series.node, series.metric, "p50", any ? h.quantile(0.5) : kNaN});
            rows.push_back({series.node, series.metric, "p95", any ? h.quantile(0.95) : kNaN});
            rows.push_back({series.node, series.metric, "p99", any ? h.quantile(0.99) : kNaN});
            rows.push_back({series.node, series.metric, "max", any ? h.max() : kNaN});
            rows.push_back({series.node, series.metric, "min", any ? h.min() : kNaN});
            continue;
        }
        std::vector<double> after;
        for (std::size_t k = firstAfterWarmup; k < series.values.size(); ++k)
            if (!std::isnan(series.values[k]))
                after.push_back(series.values[k]);
        if (s.type == MetricInfo::Type::Counter)
            rows.push_back(
                {series.node, series.metric, "total", static_cast<double>(m_lastCounter[i])});
        double sum = 0, lo = kNaN, hi = kNaN;
        for (double v : after) {
            sum += v;
            lo = std::isnan(lo) ? v : std::min(lo, v);
            hi = std::isnan(hi) ? v : std::max(hi, v);
        }
        rows.push_back({series.node, series.metric, "final", after.empty() ? kNaN : after.back()});
        rows.push_back({series.node, series.metric, "max", hi});
        rows.push_back({series.node, series.metric, "min", lo});
        rows.push_back({series.node, series.metric, "mean",
                        after.empty() ? kNaN : sum / static_cast<double>(after.size())});
        std::sort(after.begin(), after.end()); // once for the three ranks
        rows.push_back({series.node, series.metric, "p50", nearestRank(after, 0.5)});
        rows.push_back({series.node, series.metric, "p95", nearestRank(after, 0.95)});
        rows.push_back({series.node, series.metric, "p99", nearestRank(after, 0.99)});
    }
    // The capacity model's predictions beside the simulated figures (issue 4).
    const model::TopologyGraph topology(m_scenario);
    for (const auto &c : model::analyseCapacity(topology, {.suggestions = false}).consumers) {
        rows.push_back({c.node, "predicted_latency", "value", c.predictedLatency});
        rows.push_back({c.node, "predicted_utilization", "value", c.utilization});
    }
    const std::int64_t pending = pendingObligations();
    const std::int64_t figures[] = {m_ledger.obligations,
                                    m_ledger.completed,
                                    m_ledger.deadLettered,
                                    m_ledger.discarded,
                                    m_ledger.expired,
                                    m_ledger.skipped,
                                    pending,
                                    m_ledger.unaccounted(pending)};
    const auto &names = model::ledgerFigures();
    for (std::size_t f = 0; f < names.size(); ++f)
        rows.push_back({"ledger", names[f], "total", static_cast<double>(figures[f])});
    // Which warm-up the statistics above left out (fixed, or MSER-5's choice).
    rows.push_back({"run", "warmup_s", "value",
                    !m_scenario.warmupAuto  ? warmup
                    : firstAfterWarmup == 0 ? 0.0
                                            : m_report.sampleTimes[firstAfterWarmup - 1]});
    m_report.unaccounted = m_ledger.unaccounted(pending);
}

} // namespace eventbench::sim
