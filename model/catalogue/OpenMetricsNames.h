#pragma once
// The names a run's samples take in OpenMetrics text (README.md#openmetrics): where a Kafka or
// RabbitMQ exporter already names a figure (danielqsj/kafka_exporter, rabbitmq_prometheus), its
// family name and labels, so that existing Grafana panels work; every other metric of the
// metric catalogue as `eventbench_<kind>_<series>`. One table (OpenMetricsNames.cpp) read by
// model/results/OpenMetricsWriter. Constant data; any thread.
#include <span>
#include <string>

#include "model/catalogue/MetricCatalogue.h"

namespace eventbench::model {

/// When an exporter's name applies to a node's metric.
enum class ExporterScope : std::uint8_t {
    Any,          // every node of the metric's kind
    ReadsOneTopic // a consumer group that reads exactly one topic (a Kafka consumer group)
};

/// One metric that an exporter names: its family and the labels that hold the node's id
/// and, when the exporter has one, the bus it reads.
struct ExporterName {
    MetricId metric;
    ExporterScope scope;
    const char *family;
    const char *nodeLabel;
    const char *busLabel; // nullptr: none
};

/// The figures of partitions.csv that Kafka's exporter names per partition
/// (`kafka_consumergroup_lag{consumergroup, topic, partition}`, ...).
enum class PartitionFigure : std::uint8_t { GroupLag, GroupOffset, LogEndOffset };

/// One per-partition family: the figure, its family name, whether the group is a label, help.
struct PartitionFamily {
    PartitionFigure figure;
    const char *family;
    bool perGroup; // labelled {consumergroup, topic, partition}; else {topic, partition}
    const char *help;
};

/// The label names of the per-partition families.
struct PartitionLabels {
    static constexpr const char *kGroup = "consumergroup";
    static constexpr const char *kTopic = "topic";
    static constexpr const char *kPartition = "partition";
};

/// Every exporter name, in catalogue order.
std::span<const ExporterName> exporterNames();
/// The exporter name of `metric` for a node in `scope`, or nullptr.
const ExporterName *exporterName(MetricId metric, ExporterScope scope);
std::span<const PartitionFamily> partitionFamilies();

/// The label that holds the node's id in an `eventbench_*` family.
constexpr const char *kOpenMetricsNodeLabel = "node";
/// `eventbench_<kind>_<series>`, `eventbench_ledger_<figure>`, with `_seconds` for a metric in
/// seconds: the family name of a series that no exporter names (a counter's samples add
/// `_total`). `series` is one of seriesNamesOf(m).
std::string openMetricsFamily(const MetricDef &m, const std::string &series);

} // namespace eventbench::model
