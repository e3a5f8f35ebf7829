#include "model/formats/Conversions.h"

#include "model/formats/AsyncApiExport.h"
#include "model/formats/AsyncApiImport.h"
#include "model/formats/OmbImport.h"
#include "model/yaml/ScenarioWriter.h"

namespace eventbench::model {

std::optional<ImportFormat> importFormatFromName(const std::string &name) {
    if (name == "asyncapi")
        return ImportFormat::AsyncApi;
    if (name == "omb")
        return ImportFormat::Omb;
    return std::nullopt;
}

const char *importFormatLabel(ImportFormat format) {
    switch (format) {
    case ImportFormat::AsyncApi:
        return "AsyncAPI document";
    case ImportFormat::Omb:
        return "OpenMessaging Benchmark workload";
    }
    return "document";
}

ImportResult importFile(ImportFormat format, const std::string &path) {
    try {
        switch (format) {
        case ImportFormat::AsyncApi:
            return importAsyncApiFile(path);
        case ImportFormat::Omb:
            return importOmbWorkloadFile(path);
        }
    } catch (const std::exception &e) {
        // Nothing above should throw; if it does, the input still must not crash the app.
        ImportLog log(path);
        log.error(SourcePos{}, std::string("internal error while converting: ") + e.what());
        return ImportResult{std::nullopt, log.take()};
    }
    return ImportResult{};
}

std::string importedScenarioYaml(const Scenario &scenario, ImportFormat format,
                                 const std::string &source) {
    std::string line;
    for (const char c : source)
        line += (c == '\n' || c == '\r') ? ' ' : c;
    return std::string("# Converted from the ") + importFormatLabel(format) + " " + line +
           " by eventbench import.\n# Rates and service times the source does not give are "
           "defaults (see the import's warnings).\n" +
           writeScenarioYaml(scenario);
}

std::string exportAsyncApi(const Scenario &scenario) {
    return exportAsyncApiYaml(scenario);
}

} // namespace eventbench::model
