#pragma once
// The rules of scenarios/README.md that span several entries of a scenario: node ids, which edges
// are allowed, dead-letter and unroutable targets, fault targets and the names in expectations.
// Used by the loader after conversion and by the editor on every change; pure function.
#include <set>
#include <string>

#include "model/scenario/Diagnostic.h"
#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// Every problem found, positioned with Node/Edge/Fault/Expectation::where and
/// Scenario::fileName. Empty for a valid scenario.
Diagnostics validateScenario(const Scenario &s);
/// Same, but the ids in `unresolved` (nodes the loader could not convert) count as existing
/// nodes of unknown kind, so that they cause no follow-on errors.
Diagnostics validateScenario(const Scenario &s, const std::set<std::string> &unresolved);

/// True when `id` matches `[A-Za-z][A-Za-z0-9_.-]*`.
bool isValidNodeId(const std::string &id);

} // namespace eventbench::model
