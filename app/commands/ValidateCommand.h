#pragma once
// `eventbench validate FILE [--set ..] [--format text|csv]` (README.md#command-line): prints the
// scenario's diagnostics (errors from the loader, warnings from the topology) on stderr as
// FILE:LINE:COL: error|warning: ..., and, when it has no error, the capacity analysis on
// stdout: an overview line and a readable table (text), or only the CSV (csv). Returns 0 when
// the scenario has no errors (warnings allowed), 2 otherwise.
#include "app/CommandLine.h"

namespace eventbench::app {

int validateCommand(const CommandLine &cmd);

} // namespace eventbench::app
