#pragma once
// The metric names of SPEC §5 per node kind, in report order, and whether each is a counter
// (reported per interval and as a total) or a gauge (value at the sample).
#include <string>
#include <vector>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

struct MetricInfo {
    const char *name;
    enum class Type { Counter, Gauge, Latency } type;
};

/// Metrics a node of this kind reports, in the order the report lists them.
const std::vector<MetricInfo> &metricsOf(NodeKind kind);
/// The ledger's figures: obligations, completed, ..., unaccounted.
const std::vector<std::string> &ledgerFigures();
/// The metric of that name for that kind, or nullptr.
const MetricInfo *findMetric(NodeKind kind, const std::string &name);

} // namespace eventbench::model
