#pragma once
// A YAML document as JSON values for JSON Schema validation: scalars typed by the YAML 1.2
// core schema (plain `true`/`false`, null, whole and real numbers; quoted and block scalars
// stay strings), maps as objects, lists as arrays. Validators report where they failed as a
// path of keys and indexes; yamlAtPath finds the node of the document it names, for the
// position.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/yaml/YamlReader.h"

namespace eventbench::model {

nlohmann::json yamlToJson(const YamlNode &node);

/// The deepest node of `root` along `path` (map keys and list indexes as text), and how
/// many steps of the path it followed.
const YamlNode &yamlAtPath(const YamlNode &root, const std::vector<std::string> &path);

} // namespace eventbench::model
