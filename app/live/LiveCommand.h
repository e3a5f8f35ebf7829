#pragma once
// `eventbench live FILE --amqp HOST:PORT [--duration D] [--out DIR] [--record DIR]`
// (README.md, "Checked against a real RabbitMQ"): refuses what a RabbitMQ cannot play (exit 2,
// before connecting), plays the scenario on the broker, simulates it, prints both side by side with
// a verdict per figure and its ledger, and writes the live run's report. Exit code: 0 every figure
// agrees, 1 one differs, 2 bad input or no broker, 3 the run broke down midway (the broker went
// away) or its ledger.unaccounted is not 0 (messages went missing).
#include <string>

#include "app/CommandLine.h"
#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::app {

int liveCommand(const CommandLine &cmd);

/// `--record DIR`: DIR/live and DIR/simulated as report directories and both runs in the
/// results store DIR/runs.db (the live one with source `live`, verdict pass when it `agreed`
/// with the simulation and its ledger balanced); false after printing why. `startedAt`: when the
/// live run started (ISO 8601 UTC).
bool recordLiveRuns(const CommandLine &cmd, const model::Scenario &scenario,
                    const model::RunReport &live, const model::RunReport &simulated, bool agreed,
                    const std::string &startedAt);

} // namespace eventbench::app
