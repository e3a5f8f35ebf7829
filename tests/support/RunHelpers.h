#pragma once
// Runs a scenario text through the loader and the engine and reads figures from its report.
#include <string>

#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::testing {

/// Loads `yaml`; a load error throws std::runtime_error with the diagnostics (QFAIL cannot
/// return a value).
model::Scenario scenarioFromText(const std::string &yaml);
/// scenarioFromText, run to the end.
model::RunReport runScenarioText(const std::string &yaml);
/// The summary figure (node, metric, stat); NaN when absent.
double figure(const model::RunReport &r, const std::string &node, const std::string &metric,
              const std::string &stat = "total");
/// Erlang C: probability of waiting in M/M/c with arrival rate lambda and service rate mu.
double erlangC(int c, double lambda, double mu);

} // namespace eventbench::testing
