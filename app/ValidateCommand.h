#pragma once
// `eventbench validate FILE` (SPEC §6): prints the scenario's diagnostics on stderr and, when
// it is valid, a one-line overview and the capacity analysis on stdout. Returns 0 when the
// scenario has no errors (warnings allowed), 2 otherwise.
#include "CommandLine.h"

namespace eventbench::app {

int validateCommand(const CommandLine &cmd);

} // namespace eventbench::app
