#include "app/live/LiveCommand.h"

#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>

#include "app/commands/RunRecording.h"
#include "app/print/DiagnosticPrinter.h"
#include "app/print/TextTable.h"
#include "live/LiveComparison.h"
#include "live/LiveRun.h"
#include "live/LiveSupport.h"
#include "model/catalogue/MetricCatalogue.h"
#include "model/results/ReportWriter.h"
#include "model/yaml/ScenarioLoader.h"
#include "sim/run/RunDriver.h"

namespace eventbench::app {

namespace {

extern "C" void onInterrupt(int) {
    live::g_liveInterrupted.store(true);
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, std::abs(v) >= 100 || v == std::floor(v) ? "%.0f" : "%.2f", v);
    return buf;
}

/// Prints the side-by-side table; true when every figure agrees.
bool printComparison(const std::vector<live::ComparedFigure> &figures,
                     const live::LiveResult &result) {
    TextTable table({"NODE", "FIGURE", "LIVE", "SIMULATED", "BAND", "VERDICT"});
    bool all = true;
    for (const live::ComparedFigure &f : figures) {
        table.addRow({f.node, f.figure + " (" + f.unit + ")", number(f.live), number(f.simulated),
                      "+-" + number(f.allowed) + " (" + f.band + ")",
                      f.agrees ? "agree" : "DIFFER"},
                     !f.agrees);
        all = all && f.agrees;
    }
    const bool exact =
        !result.deadLettersChecked || result.deadLettersSent == result.deadLettersOnBroker;
    if (result.deadLettersChecked)
        table.addRow({"broker", "dead letters sent = held", std::to_string(result.deadLettersSent),
                      std::to_string(result.deadLettersOnBroker), "exact",
                      exact ? "agree" : "DIFFER"},
                     !exact);
    table.print(stdout, TextTable::colourFor(stdout));
    return all && exact;
}

/// Prints the live run's ledger line (`-` for a figure a live run does not measure); false, with
/// the reason on stderr, when messages went missing.
bool printLedger(const model::RunReport &live) {
    std::string line;
    for (const model::MetricDef &m : model::ledgerMetrics()) {
        const auto *row = live.find("ledger", m.name, "total");
        line += std::string("  ") + m.name + " " + (row ? number(row->value) : "-");
    }
    std::printf("ledger%s  (- not measured live)\n", line.c_str());
    if (!live.unaccountedMeasured || live.unaccounted == 0)
        return true;
    std::fprintf(stderr,
                 "eventbench: live: ledger.unaccounted = %lld (must be 0): messages published "
                 "were neither completed, dead-lettered nor held in a queue at the end\n",
                 static_cast<long long>(live.unaccounted));
    return false;
}

bool makeDirectory(const std::string &dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (!ec && std::filesystem::is_directory(dir))
        return true;
    model::Diagnostic d;
    d.file = dir;
    d.message = "cannot create the directory" + (ec ? ": " + ec.message() : std::string());
    printDiagnostics({d});
    return false;
}

} // namespace

int liveCommand(const CommandLine &cmd) {
    model::LoadResult loaded = model::loadScenarioFile(cmd.file, cmd.overrides);
    printErrors(loaded.diagnostics);
    if (!loaded.scenario || model::hasErrors(loaded.diagnostics))
        return 2;
    const model::Scenario &scenario = *loaded.scenario;
    if (const model::Diagnostics refused = live::checkLivePlayable(scenario); !refused.empty()) {
        printDiagnostics(refused);
        return 2;
    }
    if ((!cmd.outDir.empty() && !makeDirectory(cmd.outDir)) ||
        (!cmd.recordDir.empty() && !makeDirectory(cmd.recordDir)))
        return 2;

    const std::string startedAt = utcNow();
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const live::LiveResult result = live::runLive(scenario, cmd.amqpHost, cmd.amqpPort);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (!result.connected) {
        std::fprintf(stderr, "eventbench: live: cannot reach RabbitMQ at %s:%d: %s\n",
                     cmd.amqpHost.c_str(), cmd.amqpPort, result.error.c_str());
        return 2;
    }
    if (!result.teardownError.empty())
        std::fprintf(stderr,
                     "eventbench: live: could not delete everything declared under %s: %s (the "
                     "queues expire on their own 10 minutes after the run)\n",
                     result.prefix.c_str(), result.teardownError.c_str());
    if (result.interrupted) {
        std::fprintf(stderr,
                     "eventbench: live: interrupted; what the run declared under %s is "
                     "deleted\n",
                     result.prefix.c_str());
        return 130; // 128 + SIGINT, as a shell reports it
    }
    if (!result.error.empty()) {
        std::fprintf(stderr, "eventbench: live: the run on %s:%d broke down: %s\n",
                     cmd.amqpHost.c_str(), cmd.amqpPort, result.error.c_str());
        return 3;
    }

    sim::RunDriver driver(scenario, sim::RunPace::wholeRun());
    driver.run(nullptr);
    const model::RunReport simulated = driver.takeReport();

    int exitCode = 0;
    if (!cmd.outDir.empty()) {
        const model::Diagnostics diags = model::writeReport(cmd.outDir, result.report, false);
        printDiagnostics(diags);
        if (model::hasErrors(diags))
            exitCode = 2;
    }
    std::printf("live run of %s on %s:%d for %.0f s (names %s*), beside its simulation\n",
                scenario.name.c_str(), cmd.amqpHost.c_str(), cmd.amqpPort, result.report.simSeconds,
                result.prefix.c_str());
    const bool agree =
        printComparison(live::compareRuns(scenario, result.report, simulated), result);
    const bool balanced = printLedger(result.report);
    std::fflush(stdout);
    if (!cmd.recordDir.empty() &&
        !recordLiveRuns(cmd, scenario, result.report, simulated, agree && balanced, startedAt))
        exitCode = 2;
    // As for a simulated run, a ledger that does not balance is exit code 3, before all else.
    return !balanced ? 3 : exitCode != 0 ? exitCode : (agree ? 0 : 1);
}

} // namespace eventbench::app
