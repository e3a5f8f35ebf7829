#include "app/commands/MergeCommand.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/commands/ReplicationCommand.h"
#include "app/commands/RunRecording.h"
#include "app/commands/SweepCommand.h"
#include "app/print/DiagnosticPrinter.h"
#include "model/results/ReportReader.h"
#include "model/results/Sha256.h"
#include "model/results/ShardFiles.h"
#include "model/store/ResultsStore.h"
#include "model/yaml/ScenarioLoader.h"
#include "sim/run/BatchRunner.h"

namespace eventbench::app {

namespace {

namespace fs = std::filesystem;

model::Diagnostic problem(const std::string &file, int line, const std::string &message) {
    model::Diagnostic d;
    d.file = file;
    d.where.line = line;
    d.where.column = line > 0 ? 1 : 0;
    d.message = message;
    return d;
}

std::optional<std::string> readText(const fs::path &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// One input directory, read and checked on its own.
struct Shard {
    std::string dir;
    std::string manifestFile;
    model::ShardManifest manifest;
    std::string scenarioYaml;
    std::vector<model::ShardRun> runs;
};

/// Whether `run` has the seed of its replication of a point seeded `seed`; reported if not.
bool seedFits(const model::ShardRun &run, std::uint64_t seed, const model::ShardManifest &m,
              const std::string &file, model::Diagnostics *diags) {
    if (run.seed == sim::BatchRunner::replicationSeed(seed, run.job % m.replications))
        return true;
    diags->push_back(problem(file, 0,
                             "job " + std::to_string(run.job) + " ran with seed " +
                                 std::to_string(run.seed) + ", not the batch's"));
    return false;
}

/// Reads `dir` as a shard; nullopt with the problems in `diags`.
std::optional<Shard> readShard(const std::string &dir, model::Diagnostics *diags) {
    const fs::path root(dir);
    Shard s;
    s.dir = dir;
    s.manifestFile = (root / model::ShardManifest::kFile).string();
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
        diags->push_back(problem(dir, 0, "not a directory"));
        return std::nullopt;
    }
    const auto manifestText = readText(s.manifestFile);
    if (!manifestText) {
        diags->push_back(problem(dir, 0,
                                 "not a complete shard: it has no shard.csv (the shard did not "
                                 "finish, or this is not a shard's --out; rerun that shard)"));
        return std::nullopt;
    }
    auto manifest = model::ShardManifest::parse(*manifestText, s.manifestFile, diags);
    if (!manifest)
        return std::nullopt;
    s.manifest = std::move(*manifest);
    const fs::path yamlPath = root / model::ShardManifest::kScenarioFile;
    const auto yaml = readText(yamlPath);
    if (!yaml || model::sha256Hex(*yaml) != s.manifest.scenarioSha256) {
        diags->push_back(
            problem(yamlPath.string(), 0,
                    yaml ? "does not match the scenario_sha256 of shard.csv" : "cannot be read"));
        return std::nullopt;
    }
    s.scenarioYaml = *yaml;
    const std::string runsFile = (root / model::ShardManifest::kRunsFile).string();
    const auto runsText = readText(runsFile);
    if (!runsText) {
        diags->push_back(problem(runsFile, 0, "cannot be read"));
        return std::nullopt;
    }
    auto runs = model::parseShardRuns(*runsText, runsFile, diags);
    if (!runs)
        return std::nullopt;
    std::vector<std::size_t> jobs;
    for (const auto &r : *runs)
        jobs.push_back(r.job);
    if (jobs != s.manifest.jobs) {
        diags->push_back(
            problem(runsFile, 0, "does not hold the runs of the jobs shard.csv lists"));
        return std::nullopt;
    }
    // A sweep may vary the seed: its runs' seeds are checked against each combination's.
    if (s.manifest.command == "replications")
        for (const auto &r : *runs)
            if (!seedFits(r, s.manifest.seed, s.manifest, runsFile, diags))
                return std::nullopt;
    s.runs = std::move(*runs);
    return s;
}

/// Checks that `shards` are the N shards of one batch, each once; diagnostics otherwise.
model::Diagnostics checkSet(const std::vector<Shard> &shards) {
    model::Diagnostics diags;
    const Shard &first = shards.front();
    std::map<std::size_t, const Shard *> byIndex;
    for (const auto &s : shards) {
        if (const auto diff = s.manifest.firstDifference(first.manifest)) {
            diags.push_back(problem(s.manifestFile, diff->first,
                                    "not a shard of the same " + first.manifest.command + " as " +
                                        first.manifestFile + ": " + diff->second));
            continue;
        }
        const auto [it, fresh] = byIndex.emplace(s.manifest.shard.index, &s);
        if (!fresh)
            diags.push_back(problem(s.manifestFile, 0,
                                    "shard " + s.manifest.shard.text() +
                                        " given twice: " + it->second->dir + " and " + s.dir));
    }
    if (!diags.empty())
        return diags;
    std::string missing;
    std::size_t count = 0;
    for (std::size_t i = 0; i < first.manifest.shard.count; ++i)
        if (!byIndex.count(i)) {
            missing += (missing.empty() ? "" : ", ") + std::to_string(i) + "/" +
                       std::to_string(first.manifest.shard.count);
            ++count;
        }
    if (count)
        diags.push_back(problem("merge", 0,
                                std::string(count == 1 ? "shard " : "shards ") + missing +
                                    (count == 1 ? " is" : " are") + " missing (given " +
                                    std::to_string(shards.size()) + " of " +
                                    std::to_string(first.manifest.shard.count) +
                                    "); rerun the missing task and merge again"));
    return diags;
}

/// The runs of every shard by job number.
std::vector<const model::ShardRun *> runsByJob(const std::vector<Shard> &shards) {
    std::vector<const model::ShardRun *> out(shards.front().manifest.totalJobs(), nullptr);
    for (const auto &s : shards)
        for (const auto &r : s.runs)
            out[r.job] = &r;
    return out;
}

double longestWall(const std::vector<Shard> &shards) {
    double wall = 0;
    for (const auto &s : shards)
        wall = std::max(wall, s.manifest.wallSeconds);
    return wall;
}

std::optional<model::Scenario> loadScenario(const Shard &shard,
                                            const std::vector<std::string> &overrides) {
    const std::string file = (fs::path(shard.dir) / model::ShardManifest::kScenarioFile).string();
    model::LoadResult loaded = model::loadScenarioText(shard.scenarioYaml, file, overrides);
    if (!loaded.scenario || model::hasErrors(loaded.diagnostics)) {
        printErrors(loaded.diagnostics);
        return std::nullopt;
    }
    return std::move(loaded.scenario);
}

bool makeOut(const std::string &dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) {
        printDiagnostics({problem(dir, 0, "cannot create the report directory")});
        return false;
    }
    return true;
}

int mergeSweep(const CommandLine &cmd, const std::vector<Shard> &shards) {
    const Shard &first = shards.front();
    model::Diagnostics diags;
    const model::SweepPlan plan = model::SweepPlan::parse(first.manifest.varies, &diags);
    if (!diags.empty() || plan.combinations() != first.manifest.combinations) {
        diags.push_back(problem(first.manifestFile, 0, "its vary rows do not make its sweep"));
        printDiagnostics(diags);
        return 2;
    }
    const auto base = loadScenario(first, {});
    if (!base)
        return 2;
    std::vector<model::Scenario> scenarios;
    for (std::size_t c = 0; c < plan.combinations(); ++c) {
        auto s = loadScenario(first, plan.overrides(c));
        if (!s)
            return 2;
        scenarios.push_back(std::move(*s));
    }
    SweepOutcome outcome;
    outcome.stats.resize(plan.combinations());
    const auto runs = runsByJob(shards);
    const std::size_t reps = first.manifest.replications;
    for (std::size_t job = 0; job < runs.size(); ++job) {
        const std::size_t c = sim::BatchRunner::pointOf(job, reps);
        if (!seedFits(*runs[job], scenarios[c].seed, first.manifest, first.manifestFile, &diags)) {
            printDiagnostics(diags);
            return 2;
        }
        outcome.stats[c].add(runs[job]->report);
    }
    outcome.wall = longestWall(shards);
    // Fail fast on a bad --db, before writing anything.
    SweepDb db;
    if (!db.open(cmd))
        return 2;
    if (db.active())
        db.describe(*base, first.scenarioYaml, plan, reps,
                    "(merged from " + std::to_string(shards.size()) + " shards)");
    if (!makeOut(cmd.outDir))
        return 2;
    printSweepStart(cmd, plan.combinations(), first.manifest.replications);
    return finishSweep(cmd, plan, *base, scenarios, outcome, &db);
}

/// Copies every replication's report directory (rep-SEED) of the shards into --out.
bool copyReports(const std::string &outDir, const std::vector<Shard> &shards) {
    for (const auto &s : shards)
        for (const auto &r : s.runs) {
            const std::string name = "rep-" + std::to_string(r.seed);
            std::error_code ec;
            const fs::path from = fs::path(s.dir) / name;
            if (!fs::is_directory(from, ec)) {
                printDiagnostics({problem(from.string(), 0, "missing: the shard is incomplete")});
                return false;
            }
            fs::copy(from, fs::path(outDir) / name,
                     fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
            if (ec) {
                printDiagnostics({problem(from.string(), 0, "cannot copy: " + ec.message())});
                return false;
            }
        }
    return true;
}

/// Records every replication, read back from its report in --out, in the results store.
bool recordReplications(model::ResultsStore &store, const CommandLine &cmd,
                        const model::Scenario &scenario, const std::vector<Shard> &shards) {
    model::RunRecord record;
    record.scenario = scenario.name;
    record.scenarioText = shards.front().scenarioYaml;
    record.options = "--replications " + std::to_string(shards.front().manifest.replications) +
                     " (merged from " + std::to_string(shards.size()) + " shards)";
    record.startedAt = utcNow();
    record.nodes = model::RunRecord::nodesOf(scenario);
    for (const auto *run : runsByJob(shards)) {
        model::Diagnostics diags;
        const std::string dir =
            (fs::path(cmd.outDir) / ("rep-" + std::to_string(run->seed))).string();
        auto report = model::readReport(dir, &diags);
        record.seed = run->seed;
        if (!report || !store.recordRun(*report, record,
                                        report->allExpectationsPass() ? "pass" : "fail", &diags)) {
            printDiagnostics(diags);
            return false;
        }
    }
    return true;
}

int mergeReplications(const CommandLine &cmd, const std::vector<Shard> &shards) {
    const auto scenario = loadScenario(shards.front(), {});
    if (!scenario)
        return 2;
    // Fail fast on a bad --db, before writing anything.
    model::ResultsStore store;
    if (!cmd.dbFile.empty()) {
        const model::Diagnostics diags = store.open(cmd.dbFile);
        printDiagnostics(diags);
        if (!diags.empty())
            return 2;
    }
    ReplicationOutcome outcome;
    for (const auto *run : runsByJob(shards))
        outcome.stats.add(run->report);
    for (const auto &s : shards)
        outcome.runSeconds += s.manifest.runSeconds;
    outcome.wall = longestWall(shards);
    if (!makeOut(cmd.outDir) || !copyReports(cmd.outDir, shards))
        return 2;
    if (store.isOpen() && !recordReplications(store, cmd, *scenario, shards))
        outcome.exitCode = 3;
    return finishReplications(cmd, *scenario, shards.front().manifest.replications, outcome);
}

} // namespace

int mergeCommand(const CommandLine &cmd) {
    model::Diagnostics diags;
    std::vector<Shard> shards;
    std::error_code ec;
    for (const auto &dir : cmd.mergeDirs) {
        if (fs::exists(cmd.outDir, ec) && fs::equivalent(dir, cmd.outDir, ec)) {
            diags.push_back(problem(dir, 0, "is also --out: merge into another directory"));
            continue;
        }
        if (auto s = readShard(dir, &diags))
            shards.push_back(std::move(*s));
    }
    if (diags.empty())
        diags = checkSet(shards);
    if (!diags.empty()) {
        printDiagnostics(diags);
        return 2;
    }
    if (shards.front().manifest.command == "sweep")
        return mergeSweep(cmd, shards);
    return mergeReplications(cmd, shards);
}

} // namespace eventbench::app
