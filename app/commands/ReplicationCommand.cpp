#include "app/commands/ReplicationCommand.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <sstream>

#include "app/commands/MemoryCheck.h"
#include "app/commands/RunRecording.h"
#include "app/commands/Sharding.h"
#include "app/commands/TextFile.h"
#include "app/print/DiagnosticPrinter.h"
#include "app/print/ReplicationPrinter.h"
#include "app/print/SummaryPrinter.h"
#include "model/results/ReplicationStats.h"
#include "model/results/ReportWriter.h"
#include "model/store/ResultsStore.h"
#include "model/yaml/ScenarioLoader.h"
#include "sim/run/BatchRunner.h"

namespace eventbench::app {

namespace {

model::Diagnostic fileProblem(const std::string &file, const std::string &message) {
    model::Diagnostic d;
    d.file = file;
    d.message = message;
    return d;
}

bool makeDirectory(const std::string &dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir)) {
        printDiagnostics(
            {fileProblem(dir, "cannot create the report directory" +
                                  (ec ? ": " + ec.message() : std::string(": not a directory")))});
        return false;
    }
    return true;
}

/// "replication k/N" on stderr, rewritten in place (only on a terminal, without --quiet).
class ReplicationProgress {
  public:
    ReplicationProgress(bool enabled, std::size_t total) : m_enabled(enabled), m_total(total) {
        show(0);
    }
    ~ReplicationProgress() {
        if (m_enabled)
            std::fprintf(stderr, "\r\033[K");
    }
    void show(std::size_t done) const {
        if (m_enabled)
            std::fprintf(stderr, "\r\033[Kreplications: %zu/%zu done", done, m_total);
    }

  private:
    bool m_enabled;
    std::size_t m_total;
};

bool openStore(model::ResultsStore &store, const std::string &file) {
    const model::Diagnostics diags = store.open(file);
    printDiagnostics(diags);
    return diags.empty();
}

/// What every replication's record in the results store shares.
model::RunRecord recordTemplate(const CommandLine &cmd, const model::Scenario &scenario,
                                std::size_t n) {
    model::RunRecord record;
    record.scenario = scenario.name;
    record.scenarioText = readFile(cmd.file);
    for (const auto &o : cmd.options)
        record.options += o + " ";
    record.options += "--replications " + std::to_string(n);
    record.startedAt = utcNow();
    record.nodes = model::RunRecord::nodesOf(scenario);
    return record;
}

/// One replication's CSV report in `outDir`/rep-SEED; false (reported) when it failed.
bool writeReplicationReport(const std::string &outDir, const model::RunReport &report) {
    const std::string dir =
        (std::filesystem::path(outDir) / ("rep-" + std::to_string(report.seed))).string();
    const model::Diagnostics diags = model::writeReport(dir, report);
    printDiagnostics(diags);
    return !model::hasErrors(diags);
}

/// `replications.csv` in `outDir`; false (reported) when it cannot be written.
bool writeReplicationsCsv(const std::string &outDir,
                          const std::vector<model::ReplicationFigure> &figures) {
    std::string csv = ReplicationPrinter::csvHeader({});
    ReplicationPrinter::appendCsvRows(csv, {}, figures);
    return writeTextFile(std::filesystem::path(outDir) / "replications.csv", csv);
}

void printRunsLine(const model::Scenario &scenario, const model::ReplicationStats &stats,
                   std::size_t n, double wall, double runSeconds) {
    std::printf(
        "\nreplications: %zu  seeds %llu..%llu  events %s  messages %s  wall %.3fs "
        "(runs %.3fs)\n",
        n, static_cast<unsigned long long>(scenario.seed),
        static_cast<unsigned long long>(sim::BatchRunner::replicationSeed(scenario.seed, n - 1)),
        ReplicationPrinter::meanText(stats.figure("run", "events", "value")).c_str(),
        ReplicationPrinter::meanText(stats.figure("run", "messages", "value")).c_str(), wall,
        runSeconds);
}

void reportBrokenSeeds(const std::vector<std::uint64_t> &brokenSeeds) {
    std::string seeds;
    for (auto s : brokenSeeds)
        seeds += (seeds.empty() ? "" : ", ") + std::to_string(s);
    std::fprintf(stderr,
                 "eventbench: internal error: ledger.unaccounted or per-partition order "
                 "violations are not 0 in the replications with seed %s (a simulator bug)\n",
                 seeds.c_str());
}

// A run that broke the ledger or stopped early judged nothing.
const char *verdictOf(const model::RunReport &report, bool broken) {
    if (broken || !report.stopReason.empty())
        return "error";
    return report.allExpectationsPass() ? "pass" : "fail";
}

model::ShardManifest replicationsManifest(const model::Scenario &scenario, std::size_t n,
                                          model::ShardId shard) {
    model::ShardManifest m;
    m.command = "replications";
    m.replications = n;
    m.seed = scenario.seed;
    m.shard = shard;
    return m;
}

} // namespace

int replicationsCommand(const CommandLine &cmd) {
    std::optional<model::ShardId> shard;
    if (!cmd.shard.empty() && !(shard = resolveShard(cmd.shard)))
        return 2;
    model::LoadResult loaded = model::loadScenarioFile(cmd.file, cmd.overrides);
    printDiagnostics(loaded.diagnostics);
    if (!loaded.scenario || model::hasErrors(loaded.diagnostics) ||
        !fitsMemoryBudget(cmd.file, cmd.overrides, *loaded.scenario))
        return 2;
    const model::Scenario &scenario = *loaded.scenario;
    const auto n = static_cast<std::size_t>(cmd.replications);

    // Fail fast on a bad --db or --out, not after a long set of runs.
    model::ResultsStore store;
    if (!cmd.dbFile.empty() && !openStore(store, cmd.dbFile))
        return 2;
    if (!cmd.outDir.empty() && !makeDirectory(cmd.outDir))
        return 2;

    const model::RunRecord recordBase =
        store.isOpen() ? recordTemplate(cmd, scenario, n) : model::RunRecord();

    const std::vector<model::Scenario> jobs = sim::BatchRunner::replications({scenario}, n);
    std::optional<ShardWriter> writer;
    if (shard)
        writer.emplace(cmd.outDir, replicationsManifest(scenario, n, *shard), scenario);

    ReplicationOutcome outcome;
    const auto start = std::chrono::steady_clock::now();
    {
        const ReplicationProgress progress(!cmd.quiet && isatty(STDERR_FILENO),
                                           shard ? shardJobCount(*shard, n) : n);
        std::size_t done = 0;
        runJobs(jobs, shard, [&](std::size_t job, model::RunReport &&report) {
            if (writer)
                writer->add(job, report);
            else
                outcome.stats.add(report);
            outcome.runSeconds += report.wallSeconds;
            const bool broken = report.unaccounted != 0 || report.orderViolations != 0;
            if (broken)
                outcome.brokenSeeds.push_back(report.seed);
            const std::string seed = "seed " + std::to_string(report.seed) + ": ";
            if (reportStopped(cmd.file, report, seed))
                outcome.stopped = true;
            if (!cmd.outDir.empty() && !writeReplicationReport(cmd.outDir, report))
                outcome.exitCode = 2;
            if (store.isOpen()) {
                model::RunRecord record = recordBase;
                record.seed = report.seed;
                model::Diagnostics diags;
                if (!store.recordRun(report, record, verdictOf(report, broken), &diags)) {
                    printDiagnostics(diags);
                    outcome.exitCode = 3;
                }
            }
            progress.show(++done);
        });
    }
    outcome.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (writer) {
        const int closed =
            writer->close(outcome.brokenSeeds.size(), outcome.stopped, outcome.wall, cmd.quiet);
        return closed ? closed : outcome.exitCode;
    }
    return finishReplications(cmd, scenario, n, outcome);
}

int finishReplications(const CommandLine &cmd, const model::Scenario &scenario, std::size_t n,
                       const ReplicationOutcome &outcome) {
    int exitCode = outcome.stopped ? std::max(outcome.exitCode, 2) : outcome.exitCode;
    const model::ReplicationStats &stats = outcome.stats;
    const std::vector<model::ReplicationFigure> figures = stats.figures();
    if (!cmd.outDir.empty() && !writeReplicationsCsv(cmd.outDir, figures))
        exitCode = std::max(exitCode, 2);

    const auto results = stats.judge(scenario, cmd.confidence);
    bool pass = true;
    for (const auto &r : results)
        pass = pass && r.pass;

    const ReplicationPrinter printer(scenario, stats);
    if (!cmd.quiet)
        printer.printTable(stdout);
    printer.printExpectations(stdout, results, cmd.confidence);
    if (!cmd.quiet)
        printRunsLine(scenario, stats, n, outcome.wall, outcome.runSeconds);
    std::fflush(stdout);

    if (!outcome.brokenSeeds.empty()) {
        reportBrokenSeeds(outcome.brokenSeeds);
        return 3;
    }
    if (exitCode != 0)
        return exitCode;
    return pass ? 0 : 1;
}

} // namespace eventbench::app
