#pragma once
// Writes a run's samples as OpenMetrics text (README.md#openmetrics): one family per metric and
// series, named by model/catalogue/OpenMetricsNames (the Kafka and RabbitMQ exporters' names
// where they exist, `eventbench_*` otherwise), every family with `# HELP` and `# TYPE`,
// counters as running totals with `_total`, timestamps in seconds from an epoch, ending
// `# EOF`. What `promtool tsdb create-blocks-from openmetrics` loads. Pure functions over a
// RunReport; callable from any thread; the same report gives the same bytes.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "model/results/RunReport.h"
#include "model/scenario/Diagnostic.h"
#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// What the writer needs of one node: its kind and, for a consumer group that reads exactly
/// one topic (a Kafka consumer group), that topic.
struct OpenMetricsNode {
    std::string id;
    NodeKind kind = NodeKind::Producer;
    std::string topic;
};

/// The scenario's nodes as the writer needs them, in scenario order.
std::vector<OpenMetricsNode> openMetricsNodes(const Scenario &scenario);

/// 2026-01-01T00:00:00Z: where the timestamps start unless `--epoch` says otherwise.
constexpr std::int64_t kDefaultEpochSeconds = 1767225600;
/// `2026-01-01T00:00:00Z` (or without the `Z`, or a date alone), or whole seconds since
/// 1970-01-01 UTC; nullopt for anything else.
std::optional<std::int64_t> parseEpoch(const std::string &text);

/// The OpenMetrics text of `report`. Nodes of the report missing from `nodes` (a stored run
/// without its scenario) get the kind their series' names suggest. Per-partition families
/// come from the report's partition rows (none for a run read back from the results store).
void writeOpenMetrics(std::ostream &out, const RunReport &report,
                      const std::vector<OpenMetricsNode> &nodes,
                      std::int64_t epochSeconds = kDefaultEpochSeconds);
/// The same into `path`; an unwritable file comes back as a diagnostic; never throws.
Diagnostics writeOpenMetricsFile(const std::string &path, const RunReport &report,
                                 const std::vector<OpenMetricsNode> &nodes,
                                 std::int64_t epochSeconds = kDefaultEpochSeconds);

/// A label value or HELP text escaped as OpenMetrics asks (`\\`, `\"`, `\n`).
std::string openMetricsEscape(const std::string &text);

} // namespace eventbench::model
