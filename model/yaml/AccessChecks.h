#pragma once
// The access control of buses (`acl`, scenarios/README.md#nodes): an edge that publishes to or
// consumes from a bus, or a consumer's dead_letter, that the bus's acl does not allow is an
// error at that edge or key; ids an acl names that are not nodes are errors at the acl.
// Moves inside the broker (exchange routing, unroutable, a queue's dead_letter) are not
// checked. Pure function; part of validateScenario.
#include "model/scenario/Diagnostic.h"
#include "model/scenario/Scenario.h"

namespace eventbench::model {

void checkAccess(const Scenario &s, Diagnostics &out);

} // namespace eventbench::model
