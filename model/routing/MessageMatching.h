#pragma once
// The exchange routing rules of SPEC §3.1 (SNS filter policies on attributes, RabbitMQ binding
// patterns on routing keys) for the model layer, which may not use the simulator's matchers:
// the same semantics, checked against them in tests/model/tst_capacity_model.cpp. Pure
// functions, safe from any thread.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// A message's attributes, name -> value (the first entry wins if a name repeats).
using AttributeValues = std::vector<std::pair<std::string, std::string>>;

/// AND across the policy's names, OR across one name's conditions; exact values compare as
/// numbers when both parse; a missing attribute fails every condition but exists:false; a
/// name with no conditions never matches; an empty policy matches everything.
bool filterPolicyMatches(const FilterPolicy &policy, const AttributeValues &attributes);

/// Words split on '.': "*" matches one word, "#" zero or more, other words themselves; the
/// empty key has zero words.
bool bindingPatternMatches(std::string_view pattern, std::string_view routingKey);

} // namespace eventbench::model
