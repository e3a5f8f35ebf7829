#include "RunCommand.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "DiagnosticPrinter.h"
#include "ProgressMeter.h"
#include "SummaryPrinter.h"
#include "model/ReportWriter.h"
#include "model/ResultsStore.h"
#include "model/ScenarioLoader.h"
#include "sim/engine/Engine.h"

namespace eventbench::app {

namespace {

// Events per slice between progress refreshes: small enough to refresh ~10 times a second
// on slow runs, large enough that the clock read costs nothing.
constexpr std::uint64_t kSliceEvents = 20000;

std::string utcNow() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string readFile(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string joined(const std::vector<std::string> &parts) {
    std::string s;
    for (const auto &p : parts)
        s += (s.empty() ? "" : " ") + p;
    return s;
}

model::RunReport simulate(const model::Scenario &scenario, bool progress) {
    const auto start = std::chrono::steady_clock::now();
    sim::Engine engine(scenario);
    {
        ProgressMeter meter(progress, engine.endTime());
        if (progress) {
            while (!engine.finished()) {
                if (engine.advanceEvents(kSliceEvents) == 0)
                    break;
                meter.update(engine.now());
            }
        }
        if (!engine.finished())
            engine.runToEnd();
    }
    model::RunReport report = engine.takeReport();
    report.wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

} // namespace

int runCommand(const CommandLine &cmd) {
    model::LoadResult loaded = model::loadScenarioFile(cmd.file, cmd.overrides);
    printDiagnostics(loaded.diagnostics);
    if (!loaded.scenario || model::hasErrors(loaded.diagnostics))
        return 2;
    const model::Scenario &scenario = *loaded.scenario;

    // Open the store before the run so that a bad --db fails fast, not after a long run.
    model::ResultsStore store;
    if (!cmd.dbFile.empty()) {
        const model::Diagnostics diags = store.open(cmd.dbFile);
        if (!diags.empty()) {
            printDiagnostics(diags);
            return 2;
        }
    }

    // Likewise create the report directory up front.
    if (!cmd.outDir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(cmd.outDir, ec);
        if (ec || !std::filesystem::is_directory(cmd.outDir)) {
            model::Diagnostic d;
            d.file = cmd.outDir;
            d.message = "cannot create the report directory" +
                        (ec ? ": " + ec.message() : std::string(": not a directory"));
            printDiagnostics({d});
            return 2;
        }
    }

    // The text as it was run, even if the file is edited during a long run.
    const std::string scenarioText = store.isOpen() ? readFile(cmd.file) : std::string();
    const std::string startedAt = utcNow();
    const bool progress = !cmd.quiet && isatty(STDERR_FILENO);
    model::RunReport report = simulate(scenario, progress);

    const bool broken = report.unaccounted != 0 || report.orderViolations != 0;
    const bool pass = report.allExpectationsPass();
    int exitCode = broken ? 3 : (pass ? 0 : 1);

    if (!cmd.outDir.empty()) {
        const model::Diagnostics diags = model::writeReport(cmd.outDir, report);
        printDiagnostics(diags);
        if (model::hasErrors(diags) && exitCode != 3)
            exitCode = 2;
    }
    if (store.isOpen()) {
        model::RunRecord record;
        record.scenarioText = scenarioText;
        record.options = joined(cmd.options);
        record.startedAt = startedAt;
        record.status = broken ? "error" : (pass ? "pass" : "fail");
        model::Diagnostics diags;
        if (!store.recordRun(report, record, &diags)) {
            printDiagnostics(diags);
            exitCode = 3;
        }
    }

    const SummaryPrinter printer(scenario, report);
    if (!cmd.quiet)
        printer.printTable(stdout);
    printer.printExpectations(stdout);
    if (!cmd.quiet)
        printer.printRunFigures(stdout);
    std::fflush(stdout);

    if (broken)
        std::fprintf(stderr,
                     "eventbench: internal error: ledger.unaccounted = %lld, per-partition order "
                     "violations = %lld (both must be 0; this is a simulator bug)\n",
                     static_cast<long long>(report.unaccounted),
                     static_cast<long long>(report.orderViolations));
    return exitCode;
}

} // namespace eventbench::app
