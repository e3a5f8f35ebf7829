#pragma once
// Parses expectations (scenarios/README.md#expectations) and judges them against a finished run's
// summary.
#include <optional>
#include <string>
#include <string_view>

#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// Parses `STAT(NODE.METRIC) OP VALUE` or `NODE.METRIC OP VALUE`. VALUE may carry a duration
/// unit (converted to seconds), a size unit (bytes) or a count suffix (`5k`). Checks only the
/// syntax; node and metric names are checked by the validator. On failure returns nullopt,
/// sets `error` and `errorOffset` (0-based character offset into `text`).
std::optional<Expectation> parseExpectation(std::string_view text, std::string *error,
                                            int *errorOffset);

/// The summary stat an expectation reads: its STAT, or `total` when it has none.
std::string statName(Expectation::Stat stat);

/// Judges every expectation of the scenario against report.summary and fills
/// report.expectations (a figure missing from the summary fails).
void evaluateExpectations(const Scenario &scenario, RunReport &report);

} // namespace eventbench::model
