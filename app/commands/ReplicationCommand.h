#pragma once
// `eventbench run FILE --replications N [--confidence]` (issue 8): runs seeds seed..seed+N-1
// in parallel, writes each replication's report to DIR/rep-<seed>/ and the means with 95%
// Student t intervals to DIR/replications.csv, records every replication with --db, prints
// mean ± half-width and judges the expectations on the means (or, with --confidence, on the
// pessimistic bound). Exit codes as for `run`; 3 when any replication breaks the ledger.
#include "app/CommandLine.h"

namespace eventbench::app {

int replicationsCommand(const CommandLine &cmd);

} // namespace eventbench::app
