#pragma once
// Prints diagnostics to stderr, one `FILE:LINE:COL: error: message` line each
// (README.md#exit-codes).
#include "model/scenario/Diagnostic.h"

namespace eventbench::app {

void printDiagnostics(const model::Diagnostics &diagnostics);

/// Only the errors: `eventbench run` leaves warnings to `validate` (scenarios/README.md).
void printErrors(const model::Diagnostics &diagnostics);

} // namespace eventbench::app
