#include "app/print/NodeFigureTable.h"

#include <algorithm>
#include <iterator>
#include <span>

#include "model/catalogue/MetricCatalogue.h"
#include "model/scenario/ExpectationParser.h"

namespace eventbench::app {

namespace {

// `produced 120  depth final 3  latency mean 4.2ms  p99 9.8ms`.
std::string figures(std::span<const model::MetricDef> metrics, const std::string &node,
                    NodeFigureTable::Runs runs, const NodeFigureTable::Formatter &format) {
    using S = model::Expectation::Stat;
    std::string text;
    for (const model::MetricDef &m : metrics) {
        if (runs == NodeFigureTable::Runs::Replicated && !m.table.replications)
            continue;
        const bool duration = m.unit == model::MetricUnit::Seconds;
        const S stats[] = {m.table.first, m.table.second};
        for (std::size_t i = 0; i < std::size(stats); ++i) {
            if (stats[i] == S::None)
                continue;
            const std::string statText = model::statName(stats[i]);
            const std::string name = m.name;
            const std::string label = stats[i] == S::Total ? name
                                      : i == 0             ? name + " " + statText
                                                           : statText;
            text +=
                (text.empty() ? "" : "  ") + label + " " + format(node, m.name, statText, duration);
        }
    }
    return text;
}

} // namespace

void NodeFigureTable::print(std::FILE *out, const model::Scenario &scenario, const char *heading,
                            Runs runs, const Formatter &format) {
    std::size_t width = 6;
    for (const auto &n : scenario.nodes)
        width = std::max(width, n.id.size());
    const int w = static_cast<int>(width);
    std::fprintf(out, "%-*s  %-8s  %s\n", w, "NODE", "KIND", heading);
    for (const auto &n : scenario.nodes)
        std::fprintf(out, "%-*s  %-8s  %s\n", w, n.id.c_str(), model::toString(n.kind),
                     figures(model::metricsOf(n.kind), n.id, runs, format).c_str());
    const std::string ledger = figures(model::ledgerMetrics(), "ledger", runs, format);
    std::fprintf(out, "%-*s  %-8s  %s\n\n", w, "ledger", "", ledger.c_str());
}

} // namespace eventbench::app
