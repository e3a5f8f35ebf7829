#pragma once
// What `run` and `runs export` write besides the CSV report: `--metrics-out FILE` (OpenMetrics
// text, README.md#openmetrics) and `--report FILE` (the HTML report, README.md#html-report).
// The HTML report draws with Qt offscreen: a QApplication on the offscreen platform is made
// for it when the process has none.
#include "app/CommandLine.h"
#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::app {

/// Writes the files the command line asks for; `scenario` may be null (a stored run whose
/// scenario no longer loads: `nodes` then gives the kinds). Prints problems; false when a
/// file could not be written.
bool writeRunExports(const CommandLine &cmd, const model::RunReport &report,
                     const model::Scenario *scenario,
                     const std::vector<std::pair<std::string, model::NodeKind>> &nodes = {});

} // namespace eventbench::app
