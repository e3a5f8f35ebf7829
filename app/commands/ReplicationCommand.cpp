#include "app/commands/ReplicationCommand.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

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

} // namespace

int replicationsCommand(const CommandLine &cmd) {
    model::LoadResult loaded = model::loadScenarioFile(cmd.file, cmd.overrides);
    printDiagnostics(loaded.diagnostics);
    if (!loaded.scenario || model::hasErrors(loaded.diagnostics))
        return 2;
    const model::Scenario &scenario = *loaded.scenario;
    const auto n = static_cast<std::size_t>(cmd.replications);

    // Fail fast on a bad --db or --out, not after a long set of runs.
    model::ResultsStore store;
    if (!cmd.dbFile.empty()) {
        const model::Diagnostics diags = store.open(cmd.dbFile);
        if (!diags.empty()) {
            printDiagnostics(diags);
            return 2;
        }
    }
    if (!cmd.outDir.empty() && !makeDirectory(cmd.outDir))
        return 2;

    const std::string scenarioText = store.isOpen() ? readFile(cmd.file) : std::string();
    std::string options;
    for (const auto &o : cmd.options)
        options += o + " ";
    options += "--replications " + std::to_string(n);
    const std::string startedAt = utcNow();

    const std::vector<model::Scenario> jobs = sim::BatchRunner::replications({scenario}, n);

    model::ReplicationStats stats;
    std::vector<std::uint64_t> brokenSeeds;
    double runSeconds = 0;
    int exitCode = 0;
    const auto start = std::chrono::steady_clock::now();
    {
        const ReplicationProgress progress(!cmd.quiet && isatty(STDERR_FILENO), n);
        sim::BatchRunner().run(jobs, [&](std::size_t i, model::RunReport &&report) {
            stats.add(report);
            runSeconds += report.wallSeconds;
            const bool broken = report.unaccounted != 0 || report.orderViolations != 0;
            if (broken)
                brokenSeeds.push_back(report.seed);
            if (!cmd.outDir.empty()) {
                const std::string dir =
                    (std::filesystem::path(cmd.outDir) / ("rep-" + std::to_string(report.seed)))
                        .string();
                const model::Diagnostics diags = model::writeReport(dir, report);
                printDiagnostics(diags);
                if (model::hasErrors(diags))
                    exitCode = 2;
            }
            if (store.isOpen()) {
                model::RunRecord record;
                record.scenario = scenario.name;
                record.seed = report.seed;
                record.scenarioText = scenarioText;
                record.options = options;
                record.startedAt = startedAt;
                record.nodes = model::RunRecord::nodesOf(scenario);
                const char *verdict =
                    broken ? "error" : (report.allExpectationsPass() ? "pass" : "fail");
                model::Diagnostics diags;
                if (!store.recordRun(report, record, verdict, &diags)) {
                    printDiagnostics(diags);
                    exitCode = 3;
                }
            }
            progress.show(i + 1);
        });
    }
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const std::vector<model::ReplicationFigure> figures = stats.figures();
    if (!cmd.outDir.empty()) {
        std::string csv = ReplicationPrinter::csvHeader({});
        ReplicationPrinter::appendCsvRows(csv, {}, figures);
        const std::string path = (std::filesystem::path(cmd.outDir) / "replications.csv").string();
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << csv;
        out.flush();
        if (!out) {
            printDiagnostics({fileProblem(path, "cannot write the file")});
            exitCode = std::max(exitCode, 2);
        }
    }

    const auto results = stats.judge(scenario, cmd.confidence);
    bool pass = true;
    for (const auto &r : results)
        pass = pass && r.pass;

    const ReplicationPrinter printer(scenario, stats);
    if (!cmd.quiet)
        printer.printTable(stdout);
    printer.printExpectations(stdout, results, cmd.confidence);
    if (!cmd.quiet)
        std::printf("\nreplications: %zu  seeds %llu..%llu  events %s  messages %s  wall %.3fs "
                    "(runs %.3fs)\n",
                    n, static_cast<unsigned long long>(scenario.seed),
                    static_cast<unsigned long long>(
                        sim::BatchRunner::replicationSeed(scenario.seed, n - 1)),
                    ReplicationPrinter::meanText(stats.figure("run", "events", "value")).c_str(),
                    ReplicationPrinter::meanText(stats.figure("run", "messages", "value")).c_str(),
                    wall, runSeconds);
    std::fflush(stdout);

    if (!brokenSeeds.empty()) {
        std::string seeds;
        for (auto s : brokenSeeds)
            seeds += (seeds.empty() ? "" : ", ") + std::to_string(s);
        std::fprintf(stderr,
                     "eventbench: internal error: ledger.unaccounted or per-partition order "
                     "violations are not 0 in the replications with seed %s (a simulator bug)\n",
                     seeds.c_str());
        return 3;
    }
    if (exitCode != 0)
        return exitCode;
    return pass ? 0 : 1;
}

} // namespace eventbench::app
