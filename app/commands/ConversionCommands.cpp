#include "app/commands/ConversionCommands.h"

#include <cstdio>

#include "app/commands/TextFile.h"
#include "app/print/DiagnosticPrinter.h"
#include "model/formats/Conversions.h"
#include "model/yaml/ScenarioLoader.h"

namespace eventbench::app {

namespace {

int emit(const std::string &text, const std::string &outFile) {
    if (outFile.empty()) {
        std::fputs(text.c_str(), stdout);
        std::fflush(stdout);
        return 0;
    }
    return writeTextFile(outFile, text) ? 0 : 2;
}

} // namespace

int importCommand(const CommandLine &cmd) {
    const auto format = model::importFormatFromName(cmd.formatName);
    if (!format)
        return 2; // the parser accepts only known formats
    const model::ImportResult result = model::importFile(*format, cmd.file);
    printDiagnostics(result.diagnostics);
    if (!result.scenario)
        return 2;
    return emit(model::importedScenarioYaml(*result.scenario, *format, cmd.file), cmd.outFile);
}

int exportCommand(const CommandLine &cmd) {
    const model::LoadResult loaded = model::loadScenarioFile(cmd.file);
    if (!loaded.scenario) {
        printDiagnostics(loaded.diagnostics);
        return 2;
    }
    return emit(model::exportAsyncApi(*loaded.scenario), cmd.outFile);
}

} // namespace eventbench::app
