#pragma once
// The node table of `eventbench run` and `run --replications`: one line per node with the
// figures the metric catalogue puts in it (MetricDef::table), then the ledger's line. The
// caller formats each figure: a single run's value, or a mean ± half-width. Stateless.
#include <cstdio>
#include <functional>
#include <string>

#include "model/scenario/Scenario.h"

namespace eventbench::app {

class NodeFigureTable {
  public:
    /// Which run's table: a few figures are left out of the replications' table.
    enum class Runs { Single, Replicated };
    /// The text of one figure, `-` when the run does not have it; `duration` for seconds.
    using Formatter = std::function<std::string(const std::string &node, const std::string &metric,
                                                const std::string &stat, bool duration)>;

    /// `NODE  KIND  <heading>`, a line per node, the ledger's line and a blank line.
    static void print(std::FILE *out, const model::Scenario &scenario, const char *heading,
                      Runs runs, const Formatter &format);
};

} // namespace eventbench::app
