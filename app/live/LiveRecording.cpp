#include <filesystem>

#include "app/commands/RunRecording.h"
#include "app/live/LiveCommand.h"
#include "app/print/DiagnosticPrinter.h"
#include "model/results/ReportWriter.h"
#include "model/store/ResultsStoreRecorder.h"

namespace eventbench::app {

namespace {

bool store(model::ResultsStore &db, const CommandLine &cmd, const model::Scenario &scenario,
           const model::RunReport &report, const std::string &source, const std::string &verdict,
           const std::string &startedAt) {
    model::RunRecord record;
    record.scenario = scenario.name;
    record.seed = scenario.seed;
    record.scenarioText = readFile(cmd.file);
    record.options = source == "live"
                         ? "live --amqp " + cmd.amqpHost + ":" + std::to_string(cmd.amqpPort)
                         : "simulated beside live";
    record.source = source;
    record.startedAt = startedAt;
    record.nodes = model::RunRecord::nodesOf(scenario);
    std::vector<std::pair<std::string, std::string>> series;
    model::SampleSnapshot all;
    all.times = report.sampleTimes;
    for (const auto &s : report.series) {
        series.emplace_back(s.node, s.metric);
        all.values.push_back(s.values);
    }
    all.newEvents = report.events;
    all.now = model::SimTime(report.simSeconds * 1e9);
    model::ResultsStoreRecorder recorder(db);
    model::Diagnostics diags;
    const bool ok = recorder.begin(record, series, &diags) && recorder.append(all, &diags) &&
                    recorder.finish(report, verdict, &diags);
    printDiagnostics(diags);
    return ok;
}

} // namespace

bool recordLiveRuns(const CommandLine &cmd, const model::Scenario &scenario,
                    const model::RunReport &live, const model::RunReport &simulated, bool agreed,
                    const std::string &startedAt) {
    const std::filesystem::path dir(cmd.recordDir);
    model::Diagnostics diags = model::writeReport((dir / "live").string(), live, false);
    const model::Diagnostics more = model::writeReport((dir / "simulated").string(), simulated);
    diags.insert(diags.end(), more.begin(), more.end());
    printDiagnostics(diags);
    if (model::hasErrors(diags))
        return false;
    model::ResultsStore db;
    if (const model::Diagnostics opened = db.open((dir / "runs.db").string()); !opened.empty()) {
        printDiagnostics(opened);
        return false;
    }
    // The simulated run is judged by the scenario's expectations, the live one by whether it
    // agreed with the simulation.
    return store(db, cmd, scenario, simulated, "cli",
                 simulated.allExpectationsPass() ? "pass" : "fail", startedAt) &&
           store(db, cmd, scenario, live, "live", agreed ? "pass" : "fail", startedAt);
}

} // namespace eventbench::app
