#pragma once
// Reads the external fact files of tests/data/external (see its README): CSV tables whose
// leading `#` lines are comments and whose first other line is the header, and YAML files
// read with the project's own YAML reader. For the external-truth tests.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/yaml/YamlReader.h"

namespace eventbench::testing {

/// One CSV row, column name -> text (no quoting: the fact files have no commas in fields
/// except the last column, which takes the rest of the line).
using FactRow = std::map<std::string, std::string>;

#ifdef EVENTBENCH_SOURCE_DIR
/// The path of a file in tests/data/external (the test executables know the source tree).
inline std::string externalFactPath(const std::string &name) {
    return std::string(EVENTBENCH_SOURCE_DIR) + "/tests/data/external/" + name;
}
#endif
/// The rows of a fact CSV at `path`; throws std::runtime_error when it cannot be read.
std::vector<FactRow> readFactCsv(const std::string &path);
/// The YAML tree of a fact file at `path`; throws std::runtime_error when it cannot be read
/// or parsed.
model::YamlNode readFactYaml(const std::string &path);
/// A node written back as one-line YAML flow text (plain scalars where YAML allows).
std::string flowYaml(const model::YamlNode &node);

} // namespace eventbench::testing
