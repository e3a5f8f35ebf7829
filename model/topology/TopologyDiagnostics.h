#pragma once
// What the topology graph tells about a scenario before it runs (scenarios/README.md#edges): edges
// and dead-letter/unroutable references that are not allowed, cycles that make messages circle or
// multiply (errors), and flow problems such as a bus nobody reads (warnings). Pure functions.
#include <set>
#include <string>

#include "model/scenario/Diagnostic.h"
#include "model/scenario/Scenario.h"
#include "model/topology/TopologyGraph.h"

namespace eventbench::model {

/// Every graph-based finding, errors and warnings, each positioned at its node or edge in
/// Scenario::fileName and carrying the node id. Order: references, edges, cycles, then one
/// flow warning per node in file order. Never throws.
Diagnostics topologyDiagnostics(const TopologyGraph &g);
/// Same, but the ids in `unresolved` (nodes the loader could not convert) count as existing
/// nodes of unknown kind: they cause no error, and no warning is given at all (the picture
/// is incomplete). Used by validateScenario.
Diagnostics topologyDiagnostics(const TopologyGraph &g, const std::set<std::string> &unresolved);

/// validateScenario(s) (its errors) followed by the warnings of topologyDiagnostics: all that
/// an editor or `eventbench validate` shows for a scenario.
Diagnostics scenarioDiagnostics(const Scenario &s);

} // namespace eventbench::model
