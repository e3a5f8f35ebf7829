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

/// A message's attributes, name -> value. A name that repeats is an SNS String.Array: its
/// entries are the array's elements.
using AttributeValues = std::vector<std::pair<std::string, std::string>>;

/// AWS SNS semantics: AND across the policy's attribute names, OR across the conditions of
/// one name. Exact: string equality, or numeric equality when both sides parse as numbers.
/// Prefix: starts with. AnythingBut: equal (as Exact) to none of the values.
/// AnythingButPrefix: does not start with the prefix. Numeric: the value parses as a number
/// and every (op, bound) holds; op in = < <= > >=. Exists: presence (true) or absence
/// (false). A condition other than exists holds for an array when it holds for any element
/// (so anything-but matches an array holding one value outside its list). A missing
/// attribute fails every condition but exists:false; a name with no conditions never
/// matches; an empty policy matches all.
bool filterPolicyMatches(const FilterPolicy &policy, const AttributeValues &attributes);

/// RabbitMQ binding-key matching (topic exchange; a key without wildcards is a
/// direct-exchange exact match). Matches `routingKey` against `pattern`, both split into words
/// on '.'. A pattern word "*" matches exactly one word and "#" zero or more words; any other
/// word (including "a*") matches only itself. The empty string has zero words, so "#" matches
/// "" and "*" does not. Worst case O(words(pattern) * words(routingKey)) word comparisons.
bool bindingPatternMatches(std::string_view pattern, std::string_view routingKey);

/// An edge's binding list: true when any of the patterns matches (the edge delivers one copy
/// however many match, as RabbitMQ does for a queue bound twice).
bool bindingMatches(const std::vector<std::string> &patterns, std::string_view routingKey);

} // namespace eventbench::model
