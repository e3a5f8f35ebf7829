#pragma once
// `eventbench import asyncapi|omb FILE [-o OUT.yaml]` and `eventbench export asyncapi FILE
// [-o OUT.yaml]` (README.md#importing-and-exporting): the converted text goes to OUT (or
// standard output), the diagnostics about the source to stderr as FILE:LINE:COL: warning|
// error: .... Returns 0 when converted (warnings allowed), 2 on bad input.
#include "app/CommandLine.h"

namespace eventbench::app {

int importCommand(const CommandLine &cmd);
int exportCommand(const CommandLine &cmd);

} // namespace eventbench::app
