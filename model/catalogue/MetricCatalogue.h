#pragma once
// The metric catalogue: every metric a node kind reports and every figure of the run's
// ledger, one row each in one table (MetricCatalogue.cpp) that says its name, type, unit,
// summary statistics, live chart, key-figure roles, node-table figures and meaning. The
// engine's sampling, the validator, the printers, the charts, the badges and the results
// store read it. Adding a metric: a row here, its reading in sim/engine/EngineSampling.cpp,
// a line in scenarios/README.md. Constant data; any thread.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// One metric of one node kind, or one ledger figure. Within a kind the order is the report
/// order (timeseries.csv columns, summary.csv rows); the ledger's figures come last.
enum class MetricId : std::uint8_t {
    ProducerProduced,
    ProducerPublished,
    ProducerPublishFailed,
    ProducerPublishRetries,
    ProducerBuffered,
    TopicAppended,
    TopicRetained,
    TopicDeleted,
    QueueEnqueued,
    QueueDepth,
    QueueInFlight,
    QueueRedelivered,
    QueueDeadLettered,
    QueueExpired,
    QueueDropped,
    QueueOldestAge,
    ExchangeRouted,
    ExchangeUnroutable,
    ConsumerReceived,
    ConsumerProcessed,
    ConsumerFailed,
    ConsumerRetries,
    ConsumerDeadLettered,
    ConsumerDiscarded,
    ConsumerDuplicates,
    ConsumerDuplicatesSuppressed,
    ConsumerSkipped,
    ConsumerLag,
    ConsumerLagTime,
    ConsumerLatency,
    ConsumerUtilization,
    ConsumerInstancesUp,
    ConsumerRebalances,
    ConsumerOutOfOrder,
    ConsumerWaited,
    ConsumerBreakerState,
    ConsumerBreakerOpened,
    ConsumerRejected,
    ConsumerReplayed,
    ConsumerInstancesDesired,
    StoreWrites,
    StoreWriteFailed,
    StoreDuplicateWrites,
    LedgerObligations,
    LedgerCompleted,
    LedgerDeadLettered,
    LedgerDiscarded,
    LedgerExpired,
    LedgerSkipped,
    LedgerPending,
    LedgerUnaccounted,
};
constexpr std::size_t kMetricCount = static_cast<std::size_t>(MetricId::LedgerUnaccounted) + 1;

/// How a metric is sampled. A counter counts events per interval (its summary adds the run
/// total); a gauge is the value at the sample; a latency is a histogram of seconds, sampled
/// as the interval's mean and percentiles (one series each).
enum class MetricType : std::uint8_t { Counter, Gauge, Latency };

/// What a metric's values count or measure (a counter: per interval). Obligations are the
/// ledger's: one per message and consumer group reading its bus.
enum class MetricUnit : std::uint8_t {
    Messages,
    Attempts,
    Seconds,
    Ratio,
    Instances,
    Events,
    Obligations,
    State // a numbered state (a circuit breaker's)
};

/// The live chart a metric is drawn on (ui/charts); None: not charted.
enum class ChartGroup : std::uint8_t {
    Throughput,  // counters as msg/s: what enters and leaves each node
    Lag,         // messages waiting: lag, depth, in flight, buffered
    LagTime,     // age of the oldest waiting message
    Latency,     // end-to-end latency: mean and percentiles
    DeadLetters, // running totals of dead-lettered and discarded messages
    Errors,      // failures and duplicates as msg/s
    Members,     // a group's members: up, asked for (scaling), and its circuit breaker's state
    None
};
constexpr int kChartGroupCount = static_cast<int>(ChartGroup::None);

/// The key-figure roles of a metric (bits of MetricDef::roles).
struct MetricRole {
    enum : std::uint8_t {
        None = 0,
        Badge = 1,    // the node kind's key figure: its badge on the canvas
        ChartKey = 2, // still drawn when several nodes share its chart
        Inflow = 4,   // counts the messages that enter the node (edge thickness)
        Outflow = 8,  // counts the messages that leave the node (edge thickness)
    };
};

/// A metric's figures in the node table that `eventbench run` prints (and, unless
/// `replications` is false, `run --replications`): up to two summary statistics. A total is
/// labelled by the metric's name, a first other statistic by name and statistic (`lag max`),
/// a second by the statistic alone (`p99`).
struct TableFigures {
    Expectation::Stat first = Expectation::Stat::None;
    Expectation::Stat second = Expectation::Stat::None;
    bool replications = true;
};

/// One row of the catalogue.
struct MetricDef {
    MetricId id;
    std::optional<NodeKind> kind; // nullopt: a figure of the run's ledger
    const char *name;
    MetricType type;
    MetricUnit unit;
    std::span<const Expectation::Stat> stats; // its summary.csv rows, in order
    ChartGroup chart;
    const char *chartLabel; // legend text; nullptr: the name with spaces for underscores
    std::uint8_t roles;     // MetricRole bits
    TableFigures table;
    const char *description;

    bool hasRole(std::uint8_t role) const { return (roles & role) != 0; }
    bool isLedger() const { return !kind.has_value(); }
};

/// Every row, in MetricId order.
std::span<const MetricDef> metricCatalogue();
const MetricDef &metricDef(MetricId id);
/// The metrics a node of this kind reports, in report order.
std::span<const MetricDef> metricsOf(NodeKind kind);
/// The ledger's figures (obligations, completed, ..., unaccounted), in report order.
std::span<const MetricDef> ledgerMetrics();
/// The ledger's figure names, in report order.
const std::vector<std::string> &ledgerFigures();
/// The metric of that name for that kind, or nullptr.
const MetricDef *findMetric(NodeKind kind, std::string_view name);
/// The first metric of that kind with the MetricRole `role`, or nullptr.
const MetricDef *metricWithRole(NodeKind kind, std::uint8_t role);

/// The series a metric is sampled as, in report order: its name, or for a latency one per
/// entry of latencySeriesStats (`latency`, `latency_p50`, `latency_p95`, `latency_p99`).
std::vector<std::string> seriesNamesOf(const MetricDef &m);
/// What each series of a latency holds over the interval: mean, p50, p95, p99.
std::span<const Expectation::Stat> latencySeriesStats();
/// The latency series still drawn when several nodes share the latency chart.
constexpr Expectation::Stat kLatencyChartKey = Expectation::Stat::P99;
/// The legend text of a metric on its chart (`in flight`, `dead-lettered`, `out`).
std::string chartLabel(const MetricDef &m);

/// `counter`, `gauge`, `histogram`: the type column of scenarios/README.md.
const char *toString(MetricType type);
/// `msg`, `attempts`, `s`, ...: the unit column of scenarios/README.md.
const char *toString(MetricUnit unit);

/// For a run recorded without its nodes' kinds: the kind whose metrics best match the names
/// of one node's series (latency percentile series included); Consumer when none matches.
NodeKind kindFromMetricNames(const std::vector<std::string> &names);

} // namespace eventbench::model
