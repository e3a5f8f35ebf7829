#pragma once
// Reads a scenario file (scenarios/README.md) into a model::Scenario, applying `--set PATH=VALUE`
// overrides first, and reports every problem as a positioned Diagnostic (README.md#exit-codes).
// Pure functions; never throw and never abort, whatever the input.
#include <optional>
#include <string>
#include <vector>

#include "model/scenario/Diagnostic.h"
#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// What a load produced. `scenario` is set only when there is no error (warnings allowed).
struct LoadResult {
    std::optional<Scenario> scenario;
    Diagnostics diagnostics;
};

/// Loads from text; `fileName` is used in diagnostics and stored in Scenario::fileName.
/// `overrides` are `PATH=VALUE` strings (`nodes.inventory.instances=4`, `duration=5m`); the
/// VALUE is YAML. Problems with an override are reported with the file name `--set`.
LoadResult loadScenarioText(const std::string &text, const std::string &fileName,
                            const std::vector<std::string> &overrides = {});
/// Reads an input file (a scenario, or a document `import` converts) into `text` within the
/// loader's size bound; returns why it cannot, or "" on success.
std::string readScenarioFile(const std::string &path, std::string &text);
/// Loads a file; an unreadable file is a diagnostic.
LoadResult loadScenarioFile(const std::string &path,
                            const std::vector<std::string> &overrides = {});

} // namespace eventbench::model
