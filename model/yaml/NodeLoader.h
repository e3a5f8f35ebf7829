#pragma once
// Conversion of the entries of a scenario's `nodes:` (scenarios/README.md#nodes) from YamlNode to
// Node. Part of the scenario loader; problems go to the FieldReader's diagnostics and the node is
// still returned when its kind is known.
#include <optional>

#include "model/catalogue/KnobCatalogue.h"
#include "model/scenario/Scenario.h"
#include "model/yaml/FieldReader.h"
#include "model/yaml/YamlReader.h"

namespace eventbench::model {

/// One `id: {kind: ..., knobs...}` entry; nullopt when its kind is missing or unknown.
std::optional<Node> loadNode(FieldReader &reader, const YamlNode &key, const YamlNode &value);

} // namespace eventbench::model
