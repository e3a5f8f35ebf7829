#pragma once
// `eventbench run --set PATH=VALUE`: edits a scenario's YamlNode tree before conversion, so
// that an override is checked exactly like the file's own text. Part of the scenario loader.
#include <string>

#include "model/yaml/FieldReader.h"
#include "model/yaml/YamlReader.h"

namespace eventbench::model {

/// Applies override number `index` (its text is `PATH=VALUE`) to `root`, a map. The new
/// nodes carry origin `index` so that later problems with them are reported as `--set`.
/// Returns false, with a diagnostic, for a malformed override or a path that leads nowhere.
bool applyOverride(YamlNode &root, int index, const std::string &text, FieldReader &reader);

} // namespace eventbench::model
