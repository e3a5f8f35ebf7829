#include "app/commands/RunsCommand.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/commands/RunExports.h"
#include "app/print/DiagnosticPrinter.h"
#include "app/print/SummaryPrinter.h"
#include "app/print/TextTable.h"
#include "model/catalogue/KnobCatalogue.h"
#include "model/results/CsvLine.h"
#include "model/results/ReportWriter.h"
#include "model/yaml/ScenarioLoader.h"

namespace eventbench::app {

namespace {

using model::StoredRun;

std::string statusText(const StoredRun &r) {
    return r.verdict.empty() ? r.status : r.status + " (" + r.verdict + ")";
}

std::string wallText(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", s);
    return buf;
}

int listRuns(const model::ResultsStore &store, const CommandLine &cmd) {
    model::Diagnostics diags;
    const std::vector<StoredRun> runs = store.listRuns(cmd.scenarioFilter, &diags);
    if (!diags.empty()) {
        printDiagnostics(diags);
        return 3;
    }
    if (cmd.format == CommandLine::Format::Csv) {
        std::printf("id,scenario,seed,started_at,ended_at,status,verdict,wall_seconds,"
                    "sim_seconds,samples,events,messages,fingerprint,options,source,kind\n");
        for (const auto &r : runs)
            std::printf("%lld,%s,%llu,%s,%s,%s,%s,%s,%s,%lld,%llu,%llu,%s,%s,%s,%s\n",
                        static_cast<long long>(r.id), model::csvField(r.scenario).c_str(),
                        static_cast<unsigned long long>(r.seed), r.startedAt.c_str(),
                        r.endedAt.c_str(), r.status.c_str(), r.verdict.c_str(),
                        model::formatValue(r.wallSeconds).c_str(),
                        model::formatValue(r.simSeconds).c_str(), static_cast<long long>(r.samples),
                        static_cast<unsigned long long>(r.events),
                        static_cast<unsigned long long>(r.messages), r.fingerprint.c_str(),
                        model::csvField(r.options).c_str(), r.source.c_str(), r.kind.c_str());
        return 0;
    }
    if (runs.empty()) {
        if (cmd.scenarioFilter.empty())
            std::printf("no runs recorded in %s\n", cmd.dbFile.c_str());
        else
            std::printf("no runs of scenario '%s' recorded in %s\n", cmd.scenarioFilter.c_str(),
                        cmd.dbFile.c_str());
        return 0;
    }
    TextTable table({"ID", "KIND", "SCENARIO", "SEED", "STARTED", "STATUS", "WALL_S", "SIM_S",
                     "SAMPLES", "FINGERPRINT", "OPTIONS"});
    for (const auto &r : runs)
        table.addRow({std::to_string(r.id), r.kind, r.scenario, std::to_string(r.seed), r.startedAt,
                      statusText(r), wallText(r.wallSeconds), model::formatValue(r.simSeconds),
                      std::to_string(r.samples), r.fingerprint.empty() ? "-" : r.fingerprint,
                      r.options});
    table.print(stdout, false);
    return 0;
}

int showRun(const model::ResultsStore &store, std::int64_t id, const CommandLine &cmd) {
    if (cmd.format == CommandLine::Format::Csv) {
        std::fprintf(stderr, "eventbench: runs show prints text; `runs export ID --out DIR` "
                             "writes the run's CSV files\n");
        return 2;
    }
    model::Diagnostics diags;
    const auto run = store.findRun(id, &diags);
    if (run && run->isSweep())
        return showSweep(store, *run, cmd);
    const auto report = run ? store.loadReport(id, &diags, false) : std::nullopt;
    if (!run || !report) {
        printDiagnostics(diags);
        return 2;
    }
    const StoredRun &r = *run;
    std::printf("run %lld in %s\n", static_cast<long long>(r.id), cmd.dbFile.c_str());
    TextTable context({"", ""});
    context.addRow({"scenario", r.scenario});
    context.addRow({"status", statusText(r)});
    context.addRow({"seed", std::to_string(r.seed)});
    context.addRow({"options", r.options.empty() ? "-" : r.options});
    context.addRow({"source", r.source});
    context.addRow({"started", r.startedAt});
    context.addRow({"ended", r.endedAt.empty() ? "-" : r.endedAt});
    context.addRow({"wall", wallText(r.wallSeconds) + " s"});
    context.addRow({"simulated", model::formatValue(r.simSeconds) + " s"});
    context.addRow({"events", r.ended() ? std::to_string(r.events) : "-"});
    context.addRow({"messages", r.ended() ? std::to_string(r.messages) : "-"});
    context.addRow({"samples", std::to_string(r.samples)});
    context.addRow({"fingerprint", r.fingerprint.empty() ? "-" : r.fingerprint});
    context.addRow({"unaccounted", !r.ended() ? "-"
                                   : report->unaccountedMeasured
                                       ? std::to_string(report->unaccounted)
                                       : "not measured"});
    context.print(stdout, false);
    if (!r.ended()) {
        std::printf("\nno summary: the run %s after %lld samples\n",
                    r.status == "running" ? "is still running" : "was interrupted",
                    static_cast<long long>(r.samples));
        return 0;
    }
    std::printf("\nsummary\n");
    TextTable summary({"NODE", "METRIC", "STAT", "VALUE"});
    for (const auto &s : report->summary)
        summary.addRow({s.node, s.metric, s.stat, SummaryPrinter::formatValue(s.value)});
    summary.print(stdout, false);
    if (!report->expectations.empty()) {
        std::printf("\nexpectations\n");
        for (const auto &x : report->expectations)
            std::printf("%s  %s  (measured %s)\n", x.pass ? "PASS" : "FAIL", x.text.c_str(),
                        x.known ? SummaryPrinter::formatValue(x.measured).c_str() : "n/a");
    }
    return 0;
}

/// The CSV files of a stored run into --out DIR: all of them for a run that ended, what it
/// recorded (samples, events) for one that did not.
int exportCsv(const StoredRun &run, const model::RunReport &report, const CommandLine &cmd) {
    const std::int64_t id = run.id;
    if (run.ended()) {
        const model::Diagnostics diags =
            model::writeReport(cmd.outDir, report, /*partitions=*/false);
        if (!diags.empty()) {
            printDiagnostics(diags);
            return 2;
        }
        std::printf("exported run %lld to %s: timeseries.csv, summary.csv, events.csv\n",
                    static_cast<long long>(id), cmd.outDir.c_str());
        return 0;
    }
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(cmd.outDir, ec);
    using Writer = void (*)(std::ostream &, const model::RunReport &);
    const std::pair<const char *, Writer> files[] = {{"timeseries.csv", model::writeTimeseriesCsv},
                                                     {"events.csv", model::writeEventsCsv}};
    for (const auto &[name, write] : files) {
        const fs::path path = fs::path(cmd.outDir) / name;
        std::ofstream f(path, std::ios::binary | std::ios::trunc);
        if (f)
            write(f, report);
        if (!f) {
            model::Diagnostic d;
            d.file = path.string();
            d.message = "cannot write the report";
            printDiagnostics({d});
            return 2;
        }
    }
    std::printf("exported run %lld to %s: timeseries.csv, events.csv (the run was %s after %lld "
                "samples: no summary.csv)\n",
                static_cast<long long>(id), cmd.outDir.c_str(), run.status.c_str(),
                static_cast<long long>(run.samples));
    return 0;
}

/// The overrides of the options a run was recorded with (`--seed 5 --set a.b=4`, space
/// separated), as `run` makes them.
std::vector<std::string> overridesOf(const std::string &options) {
    std::vector<std::string> words, overrides;
    std::istringstream in(options);
    for (std::string w; in >> w;)
        words.push_back(w);
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        if (words[i] == "--seed")
            overrides.push_back(std::string(model::knob_key::kSeed) + "=" + words[++i]);
        else if (words[i] == "--duration")
            overrides.push_back(std::string(model::knob_key::kDuration) + "=" + words[++i]);
        else if (words[i] == "--set")
            overrides.push_back(words[++i]);
    }
    return overrides;
}

int exportRun(const model::ResultsStore &store, std::int64_t id, const CommandLine &cmd) {
    model::Diagnostics diags;
    const auto run = store.findRun(id, &diags);
    if (run && run->isSweep())
        return exportSweep(store, *run, cmd);
    const auto report = run ? store.loadReport(id, &diags) : std::nullopt;
    if (!run || !report) {
        printDiagnostics(diags);
        return 2;
    }
    if (!cmd.outDir.empty())
        if (const int code = exportCsv(*run, *report, cmd); code != 0)
            return code;
    if (cmd.metricsOut.empty() && cmd.reportFile.empty())
        return 0;
    // The scenario as run gives the nodes' kinds and what each consumer reads: the file the
    // command line recorded with its --seed, --duration and --set applied again.
    const std::string text = store.scenarioText(id);
    const std::string name = "run " + std::to_string(id);
    model::LoadResult loaded = model::loadScenarioText(text, name, overridesOf(run->options));
    if (!loaded.scenario || model::hasErrors(loaded.diagnostics))
        loaded = model::loadScenarioText(text, name);
    const model::Scenario *scenario =
        loaded.scenario && !model::hasErrors(loaded.diagnostics) ? &*loaded.scenario : nullptr;
    if (!writeRunExports(cmd, *report, scenario, store.nodeKinds(id)))
        return 2;
    for (const std::string *file : {&cmd.metricsOut, &cmd.reportFile})
        if (!file->empty())
            std::printf("exported run %lld to %s\n", static_cast<long long>(id), file->c_str());
    return 0;
}

int deleteRun(model::ResultsStore &store, std::int64_t id) {
    model::Diagnostics diags;
    const auto run = store.findRun(id, &diags);
    if (!run || !store.deleteRun(id, &diags)) {
        printDiagnostics(diags);
        return 2;
    }
    std::printf("deleted %s %lld (%s, seed %llu, %s)\n", run->kind.c_str(),
                static_cast<long long>(id), run->scenario.c_str(),
                static_cast<unsigned long long>(run->seed), run->startedAt.c_str());
    return 0;
}

} // namespace

int runsCommand(const CommandLine &cmd) {
    model::ResultsStore store;
    // Only delete writes; the other actions read a store even when it is write-protected.
    const model::Diagnostics diags = store.open(
        cmd.dbFile, cmd.runsAction == "delete" ? model::ResultsStore::OpenMode::MustExist
                                               : model::ResultsStore::OpenMode::ReadOnly);
    if (!diags.empty()) {
        printDiagnostics(diags);
        return 2;
    }
    std::vector<std::int64_t> ids;
    for (const auto &id : cmd.runIds)
        ids.push_back(std::stoll(id)); // the parser checked: 1 to 9 digits
    if (cmd.runsAction == "list")
        return listRuns(store, cmd);
    if (cmd.runsAction == "show")
        return showRun(store, ids.at(0), cmd);
    if (cmd.runsAction == "export")
        return exportRun(store, ids.at(0), cmd);
    if (cmd.runsAction == "compare")
        return compareRuns(store, ids.at(0), ids.at(1), cmd.format, stdout);
    if (cmd.runsAction == "delete")
        return deleteRun(store, ids.at(0));
    std::fprintf(stderr, "eventbench: unknown runs action '%s'\n", cmd.runsAction.c_str());
    return 2;
}

} // namespace eventbench::app
