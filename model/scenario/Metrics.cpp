#include "model/scenario/Metrics.h"

namespace eventbench::model {

namespace {
using T = MetricInfo::Type;
const std::vector<MetricInfo> kProducer = {{"produced", T::Counter},
                                           {"published", T::Counter},
                                           {"publish_failed", T::Counter},
                                           {"publish_retries", T::Counter},
                                           {"buffered", T::Gauge}};
const std::vector<MetricInfo> kTopic = {
    {"appended", T::Counter}, {"retained", T::Gauge}, {"deleted", T::Counter}};
const std::vector<MetricInfo> kQueue = {{"enqueued", T::Counter},      {"depth", T::Gauge},
                                        {"in_flight", T::Gauge},       {"redelivered", T::Counter},
                                        {"dead_lettered", T::Counter}, {"expired", T::Counter},
                                        {"dropped", T::Counter},       {"oldest_age", T::Gauge}};
const std::vector<MetricInfo> kExchange = {{"routed", T::Counter}, {"unroutable", T::Counter}};
const std::vector<MetricInfo> kConsumer = {
    {"received", T::Counter},      {"processed", T::Counter},
    {"failed", T::Counter},        {"retries", T::Counter},
    {"dead_lettered", T::Counter}, {"discarded", T::Counter},
    {"duplicates", T::Counter},    {"duplicates_suppressed", T::Counter},
    {"skipped", T::Counter},       {"lag", T::Gauge},
    {"lag_time", T::Gauge},        {"latency", T::Latency},
    {"utilization", T::Gauge},     {"instances_up", T::Gauge},
    {"rebalances", T::Counter},    {"out_of_order", T::Counter}};
const std::vector<MetricInfo> kStore = {{"writes", T::Counter}, {"duplicate_writes", T::Counter}};
} // namespace

const std::vector<MetricInfo> &metricsOf(NodeKind kind) {
    switch (kind) {
    case NodeKind::Producer:
        return kProducer;
    case NodeKind::Topic:
        return kTopic;
    case NodeKind::Queue:
        return kQueue;
    case NodeKind::Exchange:
        return kExchange;
    case NodeKind::Consumer:
        return kConsumer;
    case NodeKind::Store:
        return kStore;
    }
    return kStore;
}

const std::vector<std::string> &ledgerFigures() {
    static const std::vector<std::string> figures = {"obligations", "completed",  "dead_lettered",
                                                     "discarded",   "expired",    "skipped",
                                                     "pending",     "unaccounted"};
    return figures;
}

const MetricInfo *findMetric(NodeKind kind, const std::string &name) {
    for (const auto &m : metricsOf(kind))
        if (name == m.name)
            return &m;
    return nullptr;
}

} // namespace eventbench::model
