#include "model/catalogue/MetricCatalogue.h"

#include <algorithm>
#include <array>

#include "model/scenario/ExpectationParser.h"

namespace eventbench::model {

namespace {

using M = MetricId;
using K = NodeKind;
using T = MetricType;
using U = MetricUnit;
using C = ChartGroup;
using R = MetricRole;
using S = Expectation::Stat;

// The summary statistics of each type; the ledger's figures are reported as totals only.
constexpr std::array kCounter = {S::Total, S::Final, S::Max, S::Min,
                                 S::Mean,  S::P50,   S::P95, S::P99};
constexpr std::array kGauge = {S::Final, S::Max, S::Min, S::Mean, S::P50, S::P95, S::P99};
constexpr std::array kLatency = {S::Mean, S::P50, S::P95, S::P99, S::Max, S::Min};
constexpr std::array kLedger = {S::Total};
constexpr std::array kLatencySeries = {S::Mean, S::P50, S::P95, S::P99};

// Node-table figures (TableFigures).
constexpr TableFigures kNoFigure{};
constexpr TableFigures kTotal{S::Total};
constexpr TableFigures kTotalInRunOnly{S::Total, S::None, false};

// Names that several kinds (or a kind and the ledger) share.
constexpr const char *kDeadLettered = "dead_lettered";
constexpr const char *kDiscarded = "discarded";
constexpr const char *kExpired = "expired";
constexpr const char *kSkipped = "skipped";

// The catalogue. Rows are in MetricId order, which within each kind is the report order.
// Columns: id, kind, name, type, unit, summary stats, chart, legend label (nullptr: the name),
// roles, node-table figures, description (scenarios/README.md documents each row).
// A bus's own figures are charted too, so that a selected bus fills its charts: a topic's
// retained records on the lag chart and its deletions on throughput; what a queue expired or
// dropped and what an exchange could not route on the dead-letter chart (losses as totals).
// clang-format off
constexpr MetricDef kMetrics[] = {
    {M::ProducerProduced, K::Producer, "produced", T::Counter, U::Messages, kCounter, C::None, nullptr, R::None, kTotal,
     "messages the producer created"},
    {M::ProducerPublished, K::Producer, "published", T::Counter, U::Messages, kCounter, C::Throughput, nullptr, R::Badge | R::ChartKey | R::Outflow, kTotal,
     "messages a bus accepted from it, retried publishes included"},
    {M::ProducerPublishFailed, K::Producer, "publish_failed", T::Counter, U::Messages, kCounter, C::Errors, nullptr, R::ChartKey, kNoFigure,
     "messages given up: attempts exhausted or the retry buffer full"},
    {M::ProducerPublishRetries, K::Producer, "publish_retries", T::Counter, U::Attempts, kCounter, C::None, nullptr, R::None, kNoFigure,
     "publish attempts after the first, while a bus was unavailable"},
    {M::ProducerBuffered, K::Producer, "buffered", T::Gauge, U::Messages, kGauge, C::Lag, nullptr, R::ChartKey, kNoFigure,
     "messages held in the retry buffer"},

    {M::TopicAppended, K::Topic, "appended", T::Counter, U::Messages, kCounter, C::Throughput, nullptr, R::Badge | R::ChartKey | R::Inflow, kTotal,
     "records appended to the log, over all partitions"},
    {M::TopicRetained, K::Topic, "retained", T::Gauge, U::Messages, kGauge, C::Lag, nullptr, R::ChartKey, kNoFigure,
     "records the log holds, over all partitions"},
    {M::TopicDeleted, K::Topic, "deleted", T::Counter, U::Messages, kCounter, C::Throughput, nullptr, R::None, kNoFigure,
     "records retention deleted, read or not"},

    {M::QueueEnqueued, K::Queue, "enqueued", T::Counter, U::Messages, kCounter, C::Throughput, nullptr, R::ChartKey | R::Inflow, kTotal,
     "messages the queue accepted"},
    {M::QueueDepth, K::Queue, "depth", T::Gauge, U::Messages, kGauge, C::Lag, nullptr, R::Badge | R::ChartKey, {S::Final},
     "messages waiting in the queue (visible or delayed), in flight excluded"},
    {M::QueueInFlight, K::Queue, "in_flight", T::Gauge, U::Messages, kGauge, C::Lag, nullptr, R::None, kNoFigure,
     "messages received and not yet acknowledged (hidden)"},
    {M::QueueRedelivered, K::Queue, "redelivered", T::Counter, U::Messages, kCounter, C::Errors, nullptr, R::ChartKey, kNoFigure,
     "messages made visible again after a failure or a visibility timeout"},
    {M::QueueDeadLettered, K::Queue, kDeadLettered, T::Counter, U::Messages, kCounter, C::DeadLetters, "dead-lettered", R::ChartKey, kTotal,
     "messages moved to dead_letter after max_receive_count receives"},
    {M::QueueExpired, K::Queue, kExpired, T::Counter, U::Messages, kCounter, C::DeadLetters, nullptr, R::None, kNoFigure,
     "messages deleted by ttl or retention before they were acknowledged"},
    {M::QueueDropped, K::Queue, "dropped", T::Counter, U::Messages, kCounter, C::DeadLetters, nullptr, R::None, kNoFigure,
     "messages max_length dropped (drop-head) or refused (reject-publish)"},
    {M::QueueOldestAge, K::Queue, "oldest_age", T::Gauge, U::Seconds, kGauge, C::LagTime, nullptr, R::ChartKey, kNoFigure,
     "age of the oldest message in the queue"},

    {M::ExchangeRouted, K::Exchange, "routed", T::Counter, U::Messages, kCounter, C::Throughput, nullptr, R::Badge | R::ChartKey | R::Inflow, kTotal,
     "copies the exchange sent along the edges that matched"},
    {M::ExchangeUnroutable, K::Exchange, "unroutable", T::Counter, U::Messages, kCounter, C::DeadLetters, nullptr, R::ChartKey, kTotal,
     "messages no edge matched (sent to unroutable, or dropped)"},

    {M::ConsumerReceived, K::Consumer, "received", T::Counter, U::Messages, kCounter, C::Throughput, "in", R::Inflow, kTotalInRunOnly,
     "deliveries to the group, redeliveries included"},
    {M::ConsumerProcessed, K::Consumer, "processed", T::Counter, U::Messages, kCounter, C::Throughput, "out", R::ChartKey | R::Outflow, kTotal,
     "messages processed successfully"},
    {M::ConsumerFailed, K::Consumer, "failed", T::Counter, U::Attempts, kCounter, C::Errors, nullptr, R::ChartKey, kNoFigure,
     "processing attempts that failed"},
    {M::ConsumerRetries, K::Consumer, "retries", T::Counter, U::Attempts, kCounter, C::Errors, nullptr, R::None, kNoFigure,
     "in-process attempts after the first"},
    {M::ConsumerDeadLettered, K::Consumer, kDeadLettered, T::Counter, U::Messages, kCounter, C::DeadLetters, "dead-lettered", R::ChartKey, kNoFigure,
     "messages sent to the consumer's dead_letter when attempts ran out"},
    {M::ConsumerDiscarded, K::Consumer, kDiscarded, T::Counter, U::Messages, kCounter, C::DeadLetters, nullptr, R::None, kNoFigure,
     "messages a topic consumer without dead_letter gave up on"},
    {M::ConsumerDuplicates, K::Consumer, "duplicates", T::Counter, U::Messages, kCounter, C::Errors, nullptr, R::ChartKey, kNoFigure,
     "deliveries of a message the group had already completed"},
    {M::ConsumerDuplicatesSuppressed, K::Consumer, "duplicates_suppressed", T::Counter, U::Messages, kCounter, C::None, nullptr, R::None, kNoFigure,
     "duplicates an idempotent consumer acknowledged without processing"},
    {M::ConsumerSkipped, K::Consumer, kSkipped, T::Counter, U::Messages, kCounter, C::None, nullptr, R::None, kNoFigure,
     "messages committed but never processed (lost by before_process on a crash)"},
    {M::ConsumerLag, K::Consumer, "lag", T::Gauge, U::Messages, kGauge, C::Lag, nullptr, R::Badge | R::ChartKey, {S::Max},
     "messages the group has not completed yet"},
    {M::ConsumerLagTime, K::Consumer, "lag_time", T::Gauge, U::Seconds, kGauge, C::LagTime, nullptr, R::ChartKey, kNoFigure,
     "age of the oldest message the group has not completed"},
    {M::ConsumerLatency, K::Consumer, "latency", T::Latency, U::Seconds, kLatency, C::Latency, nullptr, R::ChartKey, {S::Mean, S::P99},
     "end-to-end time from the first produce of the causal chain to the end of processing"},
    {M::ConsumerUtilization, K::Consumer, "utilization", T::Gauge, U::Ratio, kGauge, C::None, nullptr, R::None, kNoFigure,
     "share of the interval the group's handlers were busy"},
    {M::ConsumerInstancesUp, K::Consumer, "instances_up", T::Gauge, U::Instances, kGauge, C::Members, nullptr, R::None, kNoFigure,
     "members of the group that are up"},
    {M::ConsumerRebalances, K::Consumer, "rebalances", T::Counter, U::Events, kCounter, C::None, nullptr, R::None, kNoFigure,
     "rebalances of the group"},
    {M::ConsumerOutOfOrder, K::Consumer, "out_of_order", T::Counter, U::Messages, kCounter, C::None, nullptr, R::None, kNoFigure,
     "deliveries that broke their key's order (after retried or delayed publishes)"},
    {M::ConsumerWaited, K::Consumer, "waited", T::Counter, U::Messages, kCounter, C::None, nullptr, R::None, kNoFigure,
     "messages processed whose processing began later than they became available to the group"},
    {M::ConsumerBreakerState, K::Consumer, "breaker_state", T::Gauge, U::State, kGauge, C::Members, nullptr, R::None, kNoFigure,
     "the circuit breaker's state: 0 closed, 1 open, 2 half-open (0 without a breaker)"},
    {M::ConsumerBreakerOpened, K::Consumer, "breaker_opened", T::Counter, U::Events, kCounter, C::None, nullptr, R::None, kNoFigure,
     "times the circuit breaker opened"},
    {M::ConsumerRejected, K::Consumer, "rejected", T::Counter, U::Attempts, kCounter, C::Errors, nullptr, R::None, kNoFigure,
     "attempts the open circuit breaker failed at once (when_open: fail)"},
    {M::ConsumerReplayed, K::Consumer, "replayed", T::Counter, U::Messages, kCounter, C::None, nullptr, R::None, kNoFigure,
     "deliveries of records a replay fault set the group back over"},
    {M::ConsumerInstancesDesired, K::Consumer, "instances_desired", T::Gauge, U::Instances, kGauge, C::Members, nullptr, R::None, kNoFigure,
     "the member count the group is asked to have (scale faults, autoscale)"},

    {M::StoreWrites, K::Store, "writes", T::Counter, U::Messages, kCounter, C::Throughput, nullptr, R::Badge | R::ChartKey | R::Inflow, kTotal,
     "successful writes to the store"},
    {M::StoreWriteFailed, K::Store, "write_failed", T::Counter, U::Attempts, kCounter, C::Errors, nullptr, R::ChartKey, kTotal,
     "writes that failed (store failure, outage); each fails its consumer's attempt"},
    {M::StoreDuplicateWrites, K::Store, "duplicate_writes", T::Counter, U::Messages, kCounter, C::Errors, nullptr, R::ChartKey, kTotal,
     "writes of a message id the store already had"},

    {M::LedgerObligations, std::nullopt, "obligations", T::Counter, U::Obligations, kLedger, C::None, nullptr, R::None, kTotal,
     "one per message a bus accepted and consumer group reading that bus"},
    {M::LedgerCompleted, std::nullopt, "completed", T::Counter, U::Obligations, kLedger, C::None, nullptr, R::None, kTotal,
     "obligations ended by processing"},
    {M::LedgerDeadLettered, std::nullopt, kDeadLettered, T::Counter, U::Obligations, kLedger, C::None, nullptr, R::None, kTotal,
     "obligations ended by a dead letter"},
    {M::LedgerDiscarded, std::nullopt, kDiscarded, T::Counter, U::Obligations, kLedger, C::None, nullptr, R::None, kTotal,
     "obligations ended by a discard"},
    {M::LedgerExpired, std::nullopt, kExpired, T::Counter, U::Obligations, kLedger, C::None, nullptr, R::None, kTotal,
     "obligations ended by ttl or retention"},
    {M::LedgerSkipped, std::nullopt, kSkipped, T::Counter, U::Obligations, kLedger, C::None, nullptr, R::None, kTotal,
     "obligations committed but never processed"},
    {M::LedgerPending, std::nullopt, "pending", T::Gauge, U::Obligations, kLedger, C::None, nullptr, R::None, kTotal,
     "obligations not ended yet"},
    {M::LedgerUnaccounted, std::nullopt, "unaccounted", T::Gauge, U::Obligations, kLedger, C::None, nullptr, R::None, kTotal,
     "obligations minus all the others; must be 0 (else a simulator bug, or live: lost messages)"},
};
// clang-format on

static_assert(std::size(kMetrics) == kMetricCount, "one row per MetricId");

constexpr bool rowsInIdOrder() {
    for (std::size_t i = 0; i < std::size(kMetrics); ++i)
        if (static_cast<std::size_t>(kMetrics[i].id) != i)
            return false;
    return true;
}
static_assert(rowsInIdOrder(), "kMetrics[i] must describe MetricId i");

constexpr bool kindsContiguous() {
    // metricsOf returns a slice of the table: each kind's rows must be next to each other.
    for (std::size_t i = 1; i < std::size(kMetrics); ++i)
        for (std::size_t j = 0; j + 1 < i; ++j)
            if (kMetrics[j].kind == kMetrics[i].kind && kMetrics[i - 1].kind != kMetrics[i].kind)
                return false;
    return true;
}
static_assert(kindsContiguous(), "a kind's metrics must be consecutive rows");

std::span<const MetricDef> rowsOf(std::optional<NodeKind> kind) {
    const auto first = std::find_if(std::begin(kMetrics), std::end(kMetrics),
                                    [&](const MetricDef &m) { return m.kind == kind; });
    const auto last =
        std::find_if(first, std::end(kMetrics), [&](const MetricDef &m) { return m.kind != kind; });
    return {first, last};
}

} // namespace

std::span<const MetricDef> metricCatalogue() {
    return kMetrics;
}

const MetricDef &metricDef(MetricId id) {
    return kMetrics[static_cast<std::size_t>(id)];
}

std::span<const MetricDef> metricsOf(NodeKind kind) {
    return rowsOf(kind);
}

std::span<const MetricDef> ledgerMetrics() {
    return rowsOf(std::nullopt);
}

const std::vector<std::string> &ledgerFigures() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const MetricDef &m : ledgerMetrics())
            out.emplace_back(m.name);
        return out;
    }();
    return names;
}

const MetricDef *findMetric(NodeKind kind, std::string_view name) {
    for (const MetricDef &m : metricsOf(kind))
        if (name == m.name)
            return &m;
    return nullptr;
}

const MetricDef *metricWithRole(NodeKind kind, std::uint8_t role) {
    for (const MetricDef &m : metricsOf(kind))
        if (m.hasRole(role))
            return &m;
    return nullptr;
}

std::span<const Expectation::Stat> latencySeriesStats() {
    return kLatencySeries;
}

std::vector<std::string> seriesNamesOf(const MetricDef &m) {
    if (m.type != MetricType::Latency)
        return {m.name};
    std::vector<std::string> names;
    for (const S stat : kLatencySeries)
        names.push_back(stat == S::Mean ? std::string(m.name)
                                        : std::string(m.name) + "_" + statName(stat));
    return names;
}

std::string chartLabel(const MetricDef &m) {
    if (m.chartLabel)
        return m.chartLabel;
    std::string label = m.name;
    std::replace(label.begin(), label.end(), '_', ' ');
    return label;
}

const char *toString(MetricType type) {
    switch (type) {
    case MetricType::Counter:
        return "counter";
    case MetricType::Gauge:
        return "gauge";
    case MetricType::Latency:
        return "histogram";
    }
    return "";
}

const char *toString(MetricUnit unit) {
    switch (unit) {
    case MetricUnit::Messages:
        return "msg";
    case MetricUnit::Attempts:
        return "attempts";
    case MetricUnit::Seconds:
        return "s";
    case MetricUnit::Ratio:
        return "ratio";
    case MetricUnit::Instances:
        return "instances";
    case MetricUnit::Events:
        return "events";
    case MetricUnit::Obligations:
        return "msg per group";
    case MetricUnit::State:
        return "state";
    }
    return "";
}

NodeKind kindFromMetricNames(const std::vector<std::string> &names) {
    NodeKind best = NodeKind::Consumer;
    std::size_t bestMatches = 0;
    for (const NodeKind kind : {NodeKind::Producer, NodeKind::Topic, NodeKind::Queue,
                                NodeKind::Exchange, NodeKind::Consumer, NodeKind::Store}) {
        std::size_t matches = 0;
        for (const MetricDef &m : metricsOf(kind))
            for (const std::string &series : seriesNamesOf(m))
                matches += static_cast<std::size_t>(std::count(names.begin(), names.end(), series));
        if (matches > bestMatches) {
            best = kind;
            bestMatches = matches;
        }
    }
    return best;
}

} // namespace eventbench::model
