#pragma once
// Writes a JSON value as block-style YAML: maps and lists indented by two, strings always
// double-quoted (JSON escapes are valid YAML), keys plain when that is unambiguous. What the
// AsyncAPI export prints. Pure function.
#include <string>

#include <nlohmann/json.hpp>

namespace eventbench::model {

std::string jsonToYaml(const nlohmann::ordered_json &value);

} // namespace eventbench::model
