#pragma once
// Conversion of the entries of a scenario's `edges:`, `faults:` and `expect:`
// (scenarios/README.md#edges to #expectations) from YamlNode to model values. Part of the scenario
// loader; problems go to the FieldReader's diagnostics. Whether the named nodes exist is the
// validator's business.
#include <optional>

#include "model/scenario/Scenario.h"
#include "model/yaml/FieldReader.h"
#include "model/yaml/YamlReader.h"

namespace eventbench::model {

/// `- a -> b` or `- {from: a, to: b, latency: .., filter: .., binding: .., ratio: ..}`;
/// nullopt when from/to cannot be read.
std::optional<Edge> loadEdge(FieldReader &reader, const YamlNode &item);
/// `- {at: 2m, for: 30s, crash: inventory, instances: 1}` and the other kinds; nullopt when
/// it has no usable kind or time.
std::optional<Fault> loadFault(FieldReader &reader, const YamlNode &item);
/// `- max(inventory.lag) < 5000`; nullopt on a syntax error (reported inside the text).
std::optional<Expectation> loadExpectation(FieldReader &reader, const YamlNode &item);

/// Splits `A -> B` into trimmed ids; nullopt unless both are non-empty and there is one arrow.
std::optional<std::pair<std::string, std::string>> splitArrow(std::string_view text);

} // namespace eventbench::model
