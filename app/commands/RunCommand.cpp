#include "app/commands/RunCommand.h"

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/commands/MemoryCheck.h"
#include "app/commands/ReplicationCommand.h"
#include "app/commands/RunExports.h"
#include "app/commands/RunRecording.h"
#include "app/print/DiagnosticPrinter.h"
#include "app/print/ProgressMeter.h"
#include "app/print/StatsPrinter.h"
#include "app/print/SummaryPrinter.h"
#include "model/results/ReportWriter.h"
#include "model/yaml/ScenarioLoader.h"
#include "sim/run/RunDriver.h"

namespace eventbench::app {

namespace {

// Events per slice between progress refreshes: small enough to refresh ~10 times a second
// on slow runs, large enough that the clock read costs nothing.
constexpr std::uint64_t kSliceEvents = 20000;

/// Between slices: the progress line and the results store.
class Watch : public sim::RunObserver {
  public:
    Watch(ProgressMeter &meter, RunRecording &recording) : m_meter(meter), m_recording(recording) {}
    void onSlice(sim::RunDriver &driver, bool) override {
        m_meter.update(driver.now());
        m_recording.poll(driver);
    }

  private:
    ProgressMeter &m_meter;
    RunRecording &m_recording;
};

model::RunReport simulate(const model::Scenario &scenario, bool progress, RunRecording &recording) {
    // Nobody watching: the whole run in one slice.
    const bool watched = progress || recording.active();
    sim::RunDriver driver(scenario,
                          watched ? sim::RunPace::flatOut(kSliceEvents) : sim::RunPace::wholeRun());
    recording.start(driver.info(), scenario);
    {
        ProgressMeter meter(progress, driver.endTime());
        Watch watch(meter, recording);
        driver.run(&watch);
    }
    return driver.takeReport(sim::SeriesIn::Spool); // written out a block at a time
}

} // namespace

int runCommand(const CommandLine &cmd) {
    if (cmd.replications > 1 || !cmd.shard.empty())
        return replicationsCommand(cmd);
    model::LoadResult loaded = model::loadScenarioFile(cmd.file, cmd.overrides);
    printErrors(loaded.diagnostics);
    if (!loaded.scenario || model::hasErrors(loaded.diagnostics))
        return 2;
    const model::Scenario &scenario = *loaded.scenario;
    if (!fitsMemoryBudget(cmd.file, cmd.overrides, scenario))
        return 2;

    // Open the store before the run so that a bad --db fails fast, not after a long run.
    RunRecording recording;
    if (!recording.open(cmd))
        return 2;

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

    const bool progress = !cmd.quiet && isatty(STDERR_FILENO);
    model::RunReport report = simulate(scenario, progress, recording);

    const bool broken = report.unaccounted != 0 || report.orderViolations != 0;
    const bool stopped = !report.stopReason.empty();
    const bool pass = report.allExpectationsPass();
    // A run that stopped early judged nothing; its partial report is still written.
    int exitCode = broken ? 3 : (stopped ? 2 : (pass ? 0 : 1));

    if (!cmd.outDir.empty()) {
        const model::Diagnostics diags = model::writeReport(cmd.outDir, report);
        printDiagnostics(diags);
        if (model::hasErrors(diags) && exitCode != 3)
            exitCode = 2;
    }
    if (!writeRunExports(cmd, report, &scenario) && exitCode != 3)
        exitCode = 2;
    if (!recording.finish(report, broken || stopped ? "error" : (pass ? "pass" : "fail")))
        exitCode = 3;

    const SummaryPrinter printer(scenario, report);
    if (!cmd.quiet)
        printer.printTable(stdout);
    printer.printExpectations(stdout);
    if (!cmd.quiet)
        printer.printRunFigures(stdout);
    std::fflush(stdout);
    if (cmd.stats)
        printRunStats(stderr, report);
    reportStopped(cmd.file, report);

    if (broken)
        std::fprintf(stderr,
                     "eventbench: internal error: ledger.unaccounted = %lld, per-partition order "
                     "violations = %lld (both must be 0; this is a simulator bug)\n",
                     static_cast<long long>(report.unaccounted),
                     static_cast<long long>(report.orderViolations));
    return exitCode;
}

} // namespace eventbench::app
