#pragma once
// The one entry of every conversion (README.md#importing-and-exporting), shared by the
// command line (`eventbench import|export`) and the app (File > Import, File > Export):
// which formats there are, converting a document into a scenario, and the scenario's text.
#include <optional>
#include <string>

#include "model/formats/ImportSupport.h"

namespace eventbench::model {

/// The formats `import` reads.
enum class ImportFormat { AsyncApi, Omb };

/// `asyncapi` or `omb`.
std::optional<ImportFormat> importFormatFromName(const std::string &name);
/// A human name for menus and messages ("AsyncAPI document", "OMB workload").
const char *importFormatLabel(ImportFormat format);

/// Converts the document at `path` into a scenario.
ImportResult importFile(ImportFormat format, const std::string &path);

/// The converted scenario as scenario YAML, headed by a comment naming its source.
std::string importedScenarioYaml(const Scenario &scenario, ImportFormat format,
                                 const std::string &source);

/// The scenario as an AsyncAPI 3.0.0 document (AsyncApiExport.h).
std::string exportAsyncApi(const Scenario &scenario);

} // namespace eventbench::model
