#include "live/LiveRecorder.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/catalogue/MetricCatalogue.h"
#include "model/scenario/ExpectationParser.h"

namespace eventbench::live {

namespace {

using model::Expectation;
using model::NodeKind;

const double kNaN = std::nan("");

/// The counters a live run keeps per node kind; anything else of the catalogue it cannot see.
const std::vector<std::string> &countersOf(NodeKind kind) {
    static const std::vector<std::string> producer{"produced", "published"};
    static const std::vector<std::string> queue{"redelivered", "dead_lettered"};
    static const std::vector<std::string> consumer{"received", "processed", "failed", "retries",
                                                   "dead_lettered"};
    static const std::vector<std::string> none;
    return kind == NodeKind::Producer   ? producer
           : kind == NodeKind::Queue    ? queue
           : kind == NodeKind::Consumer ? consumer
                                        : none;
}

double quantile(std::vector<double> v, double q) {
    if (v.empty())
        return kNaN;
    std::sort(v.begin(), v.end());
    const auto rank = std::size_t(std::ceil(q * double(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

double statOf(Expectation::Stat s, const std::vector<double> &v) {
    if (v.empty())
        return s == Expectation::Stat::Total ? 0 : kNaN;
    switch (s) {
    case Expectation::Stat::Total:
        return std::accumulate(v.begin(), v.end(), 0.0);
    case Expectation::Stat::Final:
        return v.back();
    case Expectation::Stat::Max:
        return *std::max_element(v.begin(), v.end());
    case Expectation::Stat::Min:
        return *std::min_element(v.begin(), v.end());
    case Expectation::Stat::Mean:
        return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    case Expectation::Stat::P50:
        return quantile(v, 0.50);
    case Expectation::Stat::P95:
        return quantile(v, 0.95);
    case Expectation::Stat::P99:
        return quantile(v, 0.99);
    case Expectation::Stat::None:
        break;
    }
    return kNaN;
}

std::string queueOf(const model::Scenario &s, const std::string &consumer) {
    for (const model::Edge &e : s.edges)
        if (e.to == consumer)
            return e.from;
    return {};
}

} // namespace

LiveRecorder::LiveRecorder(const model::Scenario &scenario, LiveTally &tally)
    : m_scenario(scenario), m_tally(tally) {
    for (const model::Node &n : scenario.nodes)
        addColumns(n);
    m_report.scenario = scenario.name;
    m_report.seed = scenario.seed;
}

void LiveRecorder::addColumns(const model::Node &n) {
    for (const std::string &c : countersOf(n.kind))
        m_tally.add(n.id, c);
    for (const model::MetricDef &m : model::metricsOf(n.kind)) {
        const std::string name = m.name;
        Column col{n.id, name, Column::Source::Counter, 0, {}, 0};
        const auto &counters = countersOf(n.kind);
        if (std::find(counters.begin(), counters.end(), name) != counters.end()) {
            col.counter = m_tally.add(n.id, name);
        } else if (n.kind == NodeKind::Queue && name == "in_flight") {
            col.source = Column::Source::Gauge;
            col.counter = m_tally.add(n.id, name);
        } else if (n.kind == NodeKind::Queue && name == "depth") {
            col.source = Column::Source::Depth;
            col.queue = n.id;
        } else if (n.kind == NodeKind::Consumer && name == "lag") {
            col.source = Column::Source::Lag;
            col.queue = queueOf(m_scenario, n.id);
            col.counter = m_tally.add(col.queue, "in_flight");
        } else if (n.kind == NodeKind::Consumer && name == "latency") {
            const std::vector<std::string> series = model::seriesNamesOf(m);
            for (std::size_t i = 0; i < series.size(); ++i)
                m_columns.push_back({n.id, series[i], Column::Source::Latency, 0, {}, int(i)});
            continue;
        } else {
            continue;
        }
        m_columns.push_back(std::move(col));
    }
    for (const Column &c : m_columns)
        if (c.node == n.id)
            m_report.series.push_back({c.node, c.metric, {}});
}

double LiveRecorder::value(const Column &c, const std::vector<std::int64_t> &counts,
                           const std::map<std::string, std::int64_t> &depth,
                           const std::map<std::string, std::vector<double>> &latency) const {
    switch (c.source) {
    case Column::Source::Counter:
        return double(counts[c.counter] - m_last[c.counter]);
    case Column::Source::Gauge:
        return double(counts[c.counter]);
    case Column::Source::Depth:
        return depth.count(c.queue) ? double(depth.at(c.queue)) : kNaN;
    case Column::Source::Lag:
        return (depth.count(c.queue) ? double(depth.at(c.queue)) : 0) + double(counts[c.counter]);
    case Column::Source::Latency: {
        const auto it = latency.find(c.node);
        if (it == latency.end() || it->second.empty())
            return kNaN;
        static constexpr Expectation::Stat kStats[] = {
            Expectation::Stat::Mean, Expectation::Stat::P50, Expectation::Stat::P95,
            Expectation::Stat::P99};
        return statOf(kStats[c.latencyStat], it->second);
    }
    }
    return kNaN;
}

void LiveRecorder::sample(double seconds, const std::map<std::string, std::int64_t> &depth) {
    if (m_last.empty())
        m_last.assign(m_tally.size(), 0);
    std::map<std::string, std::vector<double>> latency;
    for (const model::Node &n : m_scenario.nodes) {
        if (n.kind != NodeKind::Consumer)
            continue;
        const auto fresh = m_tally.latencies(n.id, m_latencySeen[n.id]);
        m_latencySeen[n.id] += fresh.size();
        for (const LatencySample &s : fresh) {
            latency[n.id].push_back(s.seconds);
            if (s.at * 1e9 >= double(m_scenario.warmup))
                m_latencyAll[n.id].push_back(s.seconds);
        }
    }
    // Each counter is read once: the threads go on counting while this runs, and an increment
    // between a second read and the first would be in no interval.
    std::vector<std::int64_t> counts(m_tally.size());
    for (std::size_t i = 0; i < counts.size(); ++i)
        counts[i] = m_tally.value(i);
    m_report.sampleTimes.push_back(seconds);
    for (std::size_t i = 0; i < m_columns.size(); ++i)
        m_report.series[i].values.push_back(value(m_columns[i], counts, depth, latency));
    m_last = std::move(counts);
}

void LiveRecorder::summarise(model::RunReport &r) const {
    const double warmup = double(m_scenario.warmup) / 1e9;
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        const Column &c = m_columns[i];
        const model::NodeKind kind = m_scenario.findNode(c.node)->kind;
        const model::MetricDef *def = model::findMetric(kind, c.metric);
        if (!def)
            continue; // latency_p50 and its kind: summarised by `latency`
        std::vector<double> all, after;
        for (std::size_t k = 0; k < r.sampleTimes.size(); ++k) {
            const double v = r.series[i].values[k];
            if (std::isnan(v))
                continue;
            all.push_back(v);
            if (r.sampleTimes[k] > warmup)
                after.push_back(v);
        }
        if (c.source == Column::Source::Latency) {
            const auto it = m_latencyAll.find(c.node);
            after = it == m_latencyAll.end() ? std::vector<double>{} : it->second;
        }
        for (const Expectation::Stat s : def->stats)
            r.summary.push_back({c.node, c.metric, model::statName(s),
                                 statOf(s, s == Expectation::Stat::Total ? all : after)});
    }
}

model::RunReport LiveRecorder::finish(double wallSeconds) {
    model::RunReport r = m_report;
    summarise(r);
    r.simSeconds = r.sampleTimes.empty() ? 0 : r.sampleTimes.back();
    r.wallSeconds = wallSeconds;
    for (std::size_t i = 0; i < m_tally.size(); ++i)
        if (m_tally.name(i).second == "produced")
            r.messages += std::uint64_t(m_tally.value(i));
    return r;
}

} // namespace eventbench::live
