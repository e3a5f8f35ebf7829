// Metrics (scenarios/README.md#metrics): series sampled every sample_every, the summary after
// warmup, the ledger.
#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <tuple>

#include "model/capacity/CapacityModel.h"
#include "model/scenario/ExpectationParser.h"
#include "sim/engine/EngineImpl.h"
#include "sim/metrics/Mser5.h"

namespace eventbench::sim {

namespace {
const std::vector<Cursor> kNoCursors; // a group that has not joined yet reads nothing
} // namespace

using model::MetricType;
using model::NodeKind;

void EngineImpl::buildSeries() {
    auto add = [this](std::uint32_t node, const std::string &id, const model::MetricDef &m) {
        const std::vector<std::string> names = model::seriesNamesOf(m);
        for (std::size_t v = 0; v < names.size(); ++v) {
            m_sources.push_back({node, m.id, static_cast<std::uint8_t>(v), m.type});
            m_report.series.push_back({id, names[v], {}});
        }
    };
    for (std::uint32_t i = 0; i < m_scenario.nodes.size(); ++i)
        for (const model::MetricDef &m : model::metricsOf(m_scenario.nodes[i].kind))
            add(i, m_scenario.nodes[i].id, m);
    for (const model::MetricDef &m : model::ledgerMetrics())
        add(0, "ledger", m);
    m_lastCounter.assign(m_sources.size(), 0);
    m_row.assign(m_sources.size(), 0.0);
    // No larger than the run's samples: a short run does not clear and fault in 2 MiB.
    const auto samples =
        static_cast<std::size_t>(m_end / std::max<Time>(1, m_scenario.sampleEvery)) + 2;
    m_spool = std::make_shared<model::SampleSpool>(m_sources.size(),
                                                   model::SampleSpool::kChunkBytes, samples);
    m_report.spool = m_spool;
}

std::vector<std::pair<std::string, std::string>> EngineImpl::seriesNames() const {
    std::vector<std::pair<std::string, std::string>> names;
    for (const auto &s : m_report.series)
        names.emplace_back(s.node, s.metric);
    return names;
}

double EngineImpl::consumerLag(const GroupRt &g) const {
    std::int64_t lag = 0;
    for (const Cursor &c : g.coordinator.started() ? g.coordinator.cursors() : kNoCursors) {
        const PartitionLog &log = logOf(c);
        lag += log.endOffset() - std::max(c.committed, log.startOffset());
    }
    for (std::uint32_t q : g.queues)
        lag += m_queues[q].queue->live();
    return static_cast<double>(lag);
}

// Topics by name, partitions by number, the groups reading each by name.
std::vector<model::RunReport::PartitionRow> EngineImpl::partitionRows() const {
    std::vector<model::RunReport::PartitionRow> rows;
    for (std::uint32_t node = 0; node < m_nodes.size(); ++node) {
        if (m_nodes[node].kind != NodeKind::Topic)
            continue;
        const TopicRt &t = m_topics[m_nodes[node].index];
        const std::size_t partitions = t.partitions.size();
        for (std::size_t p = 0; p < partitions; ++p) {
            model::RunReport::PartitionRow row;
            row.topic = nodeName(node);
            row.partition = static_cast<int>(p);
            row.appended = t.partitions[p].endOffset();
            if (t.readers.empty())
                rows.push_back(row);
            for (std::size_t r = 0; r < t.readers.size(); ++r) {
                const GroupRt &g = m_groups[t.readers[r].first.at()];
                const Cursor &c = g.coordinator.cursor(
                    CursorIndex(t.readers[r].second.value + static_cast<std::uint32_t>(p)));
                row.group = nodeName(g.node);
                row.lagFinal = g.coordinator.started() ? partitionLag(c) : 0;
                row.lagMax = std::max(t.lagMax[r * partitions + p], row.lagFinal);
                row.ownerFinal = c.ownerId;
                rows.push_back(row);
            }
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
        return std::tie(a.topic, a.partition, a.group) < std::tie(b.topic, b.partition, b.group);
    });
    return rows;
}

double EngineImpl::consumerLagTime(const GroupRt &g) {
    Time oldest = 0;
    for (const Cursor &c : g.coordinator.started() ? g.coordinator.cursors() : kNoCursors) {
        const PartitionLog &log = logOf(c);
        const std::int64_t first = std::max(c.ended, log.startOffset());
        if (first < log.endOffset())
            oldest = std::max(oldest, m_now - log.stampAt(first));
    }
    for (std::uint32_t q : g.queues)
        oldest = std::max(oldest, m_queues[q].queue->oldestAge(m_now));
    return static_cast<double>(oldest) / 1e9;
}

std::int64_t EngineImpl::pendingObligations() const {
    std::int64_t pending = 0;
    for (const GroupRt &g : m_groups)
        for (const Cursor &c : g.coordinator.started() ? g.coordinator.cursors() : kNoCursors) {
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
        if (s.type == MetricType::Counter) {
            const auto now = static_cast<std::int64_t>(readMetric(s));
            value = static_cast<double>(now - m_lastCounter[i]);
            m_lastCounter[i] = now;
        } else {
            value = readMetric(s);
        }
        m_row[i] = value;
    }
    m_spool->append(m_row.data());
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
                g.latencyBatches[k / Mser5::kBatch].merge(g.latencyEarly);
                if (k + 1 == half) {
                    g.latencyInterval.clear();
                    g.latency.clear();
                }
            }
    }
    for (GroupRt &g : m_groups) {
        foldLatency(g);
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

void EngineImpl::foldLatency(GroupRt &g) {
    g.latency.merge(g.latencyInterval);
    g.latencyInterval.clear();
    g.latencyEarly.clear();
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
    if (m_spool)
        m_spool->read(0, m_spool->seriesCount(), fromSample, n, snap.values);
    if (fromEvent < m_report.events.size())
        snap.newEvents.assign(m_report.events.begin() + static_cast<std::ptrdiff_t>(fromEvent),
                              m_report.events.end());
    snap.partitions = partitionRows();
    return snap;
}

namespace {
double nearestRank(const std::vector<double> &sorted, double q) {
    if (sorted.empty())
        return kNaN;
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

/// A counter's or gauge's summary statistics over its samples from `first` on (NaN skipped).
struct SeriesStats {
    double total, final = kNaN, lo = kNaN, hi = kNaN, mean = kNaN;
    std::vector<double> sorted;

    SeriesStats(const std::vector<double> &values, std::size_t first, double runTotal)
        : total(runTotal) {
        for (std::size_t k = first; k < values.size(); ++k)
            if (!std::isnan(values[k]))
                sorted.push_back(values[k]);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
            lo = std::isnan(lo) ? v : std::min(lo, v);
            hi = std::isnan(hi) ? v : std::max(hi, v);
        }
        if (!sorted.empty()) {
            final = sorted.back();
            mean = sum / static_cast<double>(sorted.size());
        }
        std::sort(sorted.begin(), sorted.end()); // once for the three ranks
    }

    double get(model::Expectation::Stat stat) const {
        using S = model::Expectation::Stat;
        switch (stat) {
        case S::Total:
            return total;
        case S::Final:
            return final;
        case S::Max:
            return hi;
        case S::Min:
            return lo;
        case S::Mean:
            return mean;
        case S::P50:
            return nearestRank(sorted, 0.5);
        case S::P95:
            return nearestRank(sorted, 0.95);
        case S::P99:
            return nearestRank(sorted, 0.99);
        case S::None:
            break;
        }
        return kNaN;
    }
};
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
    // The series are read back from the spool a block at a time: the summary's memory is a
    // MiB or two whatever the run's length.
    const std::size_t block = m_spool->seriesPerBlock(1u << 20);
    // The capacity model's predictions beside the simulated figures (issue 4).
    const model::TopologyGraph topology(m_scenario);
    const auto predicted = model::analyseCapacity(topology, {.suggestions = false}).consumers;
    // Rows are large and many (a thousand nodes make 150,000): one allocation of the right
    // size, not the twice as much that growing would pass through.
    std::size_t count = rows.size() + 3 * predicted.size() + 1;
    for (const SeriesSource &s : m_sources)
        if (!model::metricDef(s.metric).isLedger() && s.variant == 0)
            count += model::metricDef(s.metric).stats.size();
    for (const model::MetricDef &m : model::ledgerMetrics())
        count += m.stats.size();
    rows.reserve(count);
    std::vector<std::vector<double>> values;
    std::size_t loaded = std::numeric_limits<std::size_t>::max(); // the block in `values`
    for (std::size_t i = 0; i < m_sources.size(); ++i) {
        const SeriesSource &s = m_sources[i];
        const auto &series = m_report.series[i];
        const model::MetricDef &def = model::metricDef(s.metric);
        if (def.isLedger() || s.variant != 0)
            continue;
        const auto row = [&](model::Expectation::Stat stat, double value) {
            rows.push_back({series.node, series.metric, model::statName(stat), value});
        };
        if (s.type == MetricType::Latency) {
            const GroupRt &group = m_groups[m_nodes[s.node].index];
            LogLinearHistogram kept; // warmup auto: the batches after the truncation
            if (m_scenario.warmupAuto) {
                kept = group.latency;
                for (std::size_t b = firstAfterWarmup / Mser5::kBatch;
                     b < group.latencyBatches.size(); ++b)
                    kept.merge(group.latencyBatches[b]);
            }
            const LogLinearHistogram &h = m_scenario.warmupAuto ? kept : group.latency;
            for (const auto stat : def.stats)
                row(stat, h.count() > 0 ? histogramStat(h, stat) : kNaN);
            continue;
        }
        if (loaded != i / block) {
            loaded = i / block;
            m_spool->read(loaded * block, block, 0, m_spool->sampleCount(), values);
        }
        const SeriesStats stats(values[i % block], firstAfterWarmup,
                                static_cast<double>(m_lastCounter[i]));
        for (const auto stat : def.stats)
            row(stat, stats.get(stat));
    }
    for (const auto &c : predicted) {
        rows.push_back({c.node, "predicted_latency", "value", c.predictedLatency});
        rows.push_back({c.node, "predicted_utilization", "value", c.utilization});
        rows.push_back({c.node, "predicted_wait_probability", "value", c.waitProbability});
    }
    for (const model::MetricDef &m : model::ledgerMetrics()) {
        const double value = readMetric({0, m.id, 0, m.type});
        for (const auto stat : m.stats)
            rows.push_back({"ledger", m.name, model::statName(stat), value});
    }
    // Which warm-up the statistics above left out (fixed, or MSER-5's choice).
    rows.push_back({"run", "warmup_s", "value",
                    !m_scenario.warmupAuto  ? warmup
                    : firstAfterWarmup == 0 ? 0.0
                                            : m_report.sampleTimes[firstAfterWarmup - 1]});
    m_report.unaccounted = m_ledger.unaccounted(pendingObligations());
}

} // namespace eventbench::sim
