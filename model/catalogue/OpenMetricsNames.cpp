#include "model/catalogue/OpenMetricsNames.h"

namespace eventbench::model {

namespace {

using M = MetricId;
using E = ExporterScope;

// The names of kafka_exporter (github.com/danielqsj/kafka_exporter) and of RabbitMQ's
// built-in Prometheus plugin (rabbitmq_prometheus, per-object metrics) for the figures that
// mean the same here: a queue's ready (depth) and unacknowledged (in flight) messages, and
// a Kafka consumer group's lag summed over partitions and its members.
// clang-format off
constexpr ExporterName kExporterNames[] = {
    {M::QueueDepth, E::Any, "rabbitmq_queue_messages_ready", "queue", nullptr},
    {M::QueueInFlight, E::Any, "rabbitmq_queue_messages_unacked", "queue", nullptr},
    {M::ConsumerLag, E::ReadsOneTopic, "kafka_consumergroup_lag_sum", "consumergroup", "topic"},
    {M::ConsumerInstancesUp, E::ReadsOneTopic, "kafka_consumergroup_members", "consumergroup", nullptr},
};

constexpr PartitionFamily kPartitionFamilies[] = {
    {PartitionFigure::GroupLag, "kafka_consumergroup_lag", true,
     "log end offset minus the group's committed offset, at the end of the run"},
    {PartitionFigure::GroupOffset, "kafka_consumergroup_current_offset", true,
     "the group's committed offset, at the end of the run"},
    {PartitionFigure::LogEndOffset, "kafka_topic_partition_current_offset", false,
     "the partition's log end offset (records appended), at the end of the run"},
};
// clang-format on

} // namespace

std::span<const ExporterName> exporterNames() {
    return kExporterNames;
}

const ExporterName *exporterName(MetricId metric, ExporterScope scope) {
    for (const ExporterName &e : kExporterNames)
        if (e.metric == metric && (e.scope == E::Any || e.scope == scope))
            return &e;
    return nullptr;
}

std::span<const PartitionFamily> partitionFamilies() {
    return kPartitionFamilies;
}

std::string openMetricsFamily(const MetricDef &m, const std::string &series) {
    std::string name = "eventbench_";
    name += m.kind ? toString(*m.kind) : "ledger";
    name += "_" + series;
    if (m.unit == MetricUnit::Seconds)
        name += "_seconds";
    return name;
}

} // namespace eventbench::model
