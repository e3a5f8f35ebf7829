#pragma once
// `eventbench run FILE [options]` (README.md#command-line): loads and validates the scenario, runs
// it headless, writes the CSV report and the results store, prints the summary and returns the exit
// code (0 pass, 1 an expectation failed, 2 bad input, 3 internal error).
#include "app/CommandLine.h"

namespace eventbench::app {

int runCommand(const CommandLine &cmd);

} // namespace eventbench::app
