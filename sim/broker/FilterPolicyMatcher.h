#pragma once
// Evaluates an SNS subscription filter policy (model::FilterPolicy) against a message's
// attributes, for exchange edges. Pure function, no allocation; safe from any thread.
#include "model/scenario/Scenario.h"

#include <string>
#include <utility>
#include <vector>

namespace eventbench::sim {

/// A message's attributes, name -> value (the first entry wins if a name repeats).
using AttributeList = std::vector<std::pair<std::string, std::string>>;

/// AWS SNS semantics: AND across the policy's attribute names, OR across the conditions of
/// one name. Exact: string equality, or numeric equality when both sides parse as numbers.
/// Prefix: starts with. AnythingBut: present and equal (as Exact) to none of the values.
/// Numeric: the value parses as a number and every (op, bound) holds; op in = < <= > >=.
/// Exists: presence (true) or absence (false). A missing attribute fails every condition
/// but exists:false; a name with no conditions never matches; an empty policy matches all.
bool filterMatches(const model::FilterPolicy &policy, const AttributeList &attributes);

} // namespace eventbench::sim
