#pragma once
// The exchange routing rules (see scenarios/README.md, exchange edges): SNS subscription filter
// policies on a message's attributes and RabbitMQ binding patterns on its routing key. The one
// copy, used by the simulator's exchanges and the capacity model's message classes. Pure
// functions, no allocation; safe from any thread.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// A message's attributes, name -> value (the first entry wins if a name repeats).
using AttributeValues = std::vector<std::pair<std::string, std::string>>;

/// AWS SNS semantics: AND across the policy's attribute names, OR across the conditions of
/// one name. Exact: string equality, or numeric equality when both sides parse as numbers.
/// Prefix: starts with. AnythingBut: present and equal (as Exact) to none of the values.
/// Numeric: the value parses as a number and every (op, bound) holds; op in = < <= > >=.
/// Exists: presence (true) or absence (false). A missing attribute fails every condition
/// but exists:false; a name with no conditions never matches; an empty policy matches all.
bool filterPolicyMatches(const FilterPolicy &policy, const AttributeValues &attributes);

/// RabbitMQ binding-key matching (topic exchange; a key without wildcards is a
/// direct-exchange exact match). Matches `routingKey` against `pattern`, both split into words
/// on '.'. A pattern word "*" matches exactly one word and "#" zero or more words; any other
/// word (including "a*") matches only itself. The empty string has zero words, so "#" matches
/// "" and "*" does not. Worst case O(words(pattern) * words(routingKey)) word comparisons.
bool bindingPatternMatches(std::string_view pattern, std::string_view routingKey);

} // namespace eventbench::model
