#include "app/commands/SweepCommand.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>

#include "app/commands/MemoryCheck.h"
#include "app/commands/Sharding.h"
#include "app/commands/SweepResults.h"
#include "app/print/DiagnosticPrinter.h"
#include "app/print/ReplicationPrinter.h"
#include "model/catalogue/MetricCatalogue.h"
#include "model/results/ReplicationStats.h"
#include "model/scenario/ExpectationParser.h"
#include "model/scenario/SweepPlan.h"
#include "model/yaml/ScenarioLoader.h"
#include "model/yaml/ScenarioWriter.h"
#include "sim/run/BatchRunner.h"

namespace eventbench::app {

namespace {

/// Diagnostics of a load with `--set` overrides followed by --vary assignments: those that
/// come from an assignment name --vary and the option it belongs to.
model::Diagnostics asVary(model::Diagnostics diags, const std::vector<std::string> &assignments,
                          const std::vector<std::string> &specs) {
    for (auto &d : diags) {
        if (d.file != "--set")
            continue;
        for (std::size_t i = 0; i < assignments.size(); ++i) {
            const std::string prefix = "in '" + assignments[i] + "': ";
            if (d.message.rfind(prefix, 0) == 0) {
                d.file = "--vary";
                d.message = "in '" + assignments[i] + "' (of --vary " + specs[i] +
                            "): " + d.message.substr(prefix.size());
                break;
            }
        }
    }
    return diags;
}

model::Diagnostic varyProblem(const std::string &message) {
    model::Diagnostic d;
    d.file = "--vary";
    d.message = message;
    return d;
}

/// Loads the scenario with the --set overrides and `assignments`; prints the problems.
std::optional<model::Scenario> loadWith(const CommandLine &cmd,
                                        const std::vector<std::string> &assignments,
                                        const std::vector<std::string> &specs) {
    std::vector<std::string> overrides = cmd.overrides;
    overrides.insert(overrides.end(), assignments.begin(), assignments.end());
    model::LoadResult loaded = model::loadScenarioFile(cmd.file, overrides);
    model::Diagnostics diags = asVary(loaded.diagnostics, assignments, specs);
    if (model::hasErrors(diags)) {
        // A problem the file reports at its own position still comes from the values.
        const bool named = std::any_of(diags.begin(), diags.end(),
                                       [](const auto &d) { return d.file == "--vary"; });
        if (!named) {
            std::string text;
            for (const auto &a : assignments)
                text += (text.empty() ? "" : ", ") + a;
            diags.insert(diags.begin(),
                         varyProblem("the scenario is not valid with " + text + ":"));
        }
        printDiagnostics(diags);
        return std::nullopt;
    }
    if (!fitsMemoryBudget(cmd.file, overrides, *loaded.scenario))
        return std::nullopt;
    return std::move(loaded.scenario);
}

/// The stdout table: one line per combination with the varied values and, per expectation,
/// the mean ± half-width of its figure and the verdict on the mean.
void printTable(const model::SweepPlan &plan, const model::Scenario &base,
                const std::vector<model::ReplicationStats> &stats,
                const std::vector<std::vector<model::RunReport::ExpectationResult>> &verdicts) {
    std::vector<std::string> header{"#"};
    for (const auto &k : plan.knobs)
        header.push_back(k.path);
    std::vector<std::pair<std::string, std::string>> consumers; // no expectations: latencies
    const std::string latency = model::metricDef(model::MetricId::ConsumerLatency).name;
    if (base.expectations.empty())
        for (const auto &n : base.nodes)
            if (n.kind == model::NodeKind::Consumer)
                consumers.emplace_back(n.id, "mean(" + n.id + "." + latency + ")");
    for (const auto &e : base.expectations)
        header.push_back(e.text);
    for (const auto &c : consumers)
        header.push_back(c.second);

    std::vector<std::vector<std::string>> rows;
    for (std::size_t c = 0; c < stats.size(); ++c) {
        std::vector<std::string> row{std::to_string(c + 1)};
        for (const auto &v : plan.values(c))
            row.push_back(v);
        for (std::size_t i = 0; i < base.expectations.size(); ++i) {
            const auto &e = base.expectations[i];
            const auto ci = stats[c].figure(e.node, e.metric, model::statName(e.stat));
            row.push_back((ci.n ? ReplicationPrinter::meanText(ci) : std::string("-")) +
                          (i < verdicts[c].size() && verdicts[c][i].pass ? "  PASS" : "  FAIL"));
        }
        for (const auto &[node, label] : consumers)
            row.push_back(
                ReplicationPrinter::meanText(stats[c].figure(node, latency, "mean"), true));
        rows.push_back(std::move(row));
    }
    std::vector<std::size_t> width(header.size());
    for (std::size_t i = 0; i < header.size(); ++i) {
        width[i] = header[i].size();
        for (const auto &r : rows)
            width[i] = std::max(width[i], r[i].size());
    }
    auto line = [&](const std::vector<std::string> &cells) {
        std::string text;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            // Pad by bytes, except that '±' takes two bytes and one column.
            const auto extra =
                static_cast<std::size_t>(std::count(cells[i].begin(), cells[i].end(), '\xc2'));
            text += cells[i];
            if (i + 1 < cells.size())
                text += std::string(width[i] + 2 + extra - cells[i].size(), ' ');
        }
        std::printf("%s\n", text.c_str());
    };
    line(header);
    for (const auto &r : rows)
        line(r);
}

/// Every combination's scenario, in the plan's order, after each varied value was checked on
/// its own (so that a bad one is named alone); nullopt when one is bad (reported).
std::optional<std::vector<model::Scenario>> loadCombinations(const CommandLine &cmd,
                                                             const model::SweepPlan &plan) {
    for (const auto &k : plan.knobs)
        for (const auto &v : k.values)
            if (!loadWith(cmd, {k.path + "=" + v}, {k.spec}))
                return std::nullopt;
    std::vector<std::string> specs;
    for (const auto &k : plan.knobs)
        specs.push_back(k.spec);
    std::vector<model::Scenario> scenarios;
    scenarios.reserve(plan.combinations());
    for (std::size_t c = 0; c < plan.combinations(); ++c) {
        auto s = loadWith(cmd, plan.overrides(c), specs);
        if (!s)
            return std::nullopt;
        scenarios.push_back(std::move(*s));
    }
    return scenarios;
}

bool createReportDirectory(const std::string &outDir) {
    std::error_code ec;
    std::filesystem::create_directories(outDir, ec);
    if (ec || !std::filesystem::is_directory(outDir)) {
        model::Diagnostic d;
        d.file = outDir;
        d.message = "cannot create the report directory" +
                    (ec ? ": " + ec.message() : std::string(": not a directory"));
        printDiagnostics({d});
        return false;
    }
    return true;
}

} // namespace

namespace {

model::ShardManifest sweepManifest(const model::SweepPlan &plan, const model::Scenario &base,
                                   std::size_t reps, model::ShardId shard) {
    model::ShardManifest m;
    m.command = "sweep";
    for (const auto &k : plan.knobs) {
        std::string values;
        for (const auto &v : k.values)
            values += (values.empty() ? "" : ",") + v;
        m.varies.push_back(k.path + "=" + values);
    }
    m.combinations = plan.combinations();
    m.replications = reps;
    m.seed = base.seed;
    m.shard = shard;
    return m;
}

} // namespace

int sweepCommand(const CommandLine &cmd) {
    std::optional<model::ShardId> shard;
    if (!cmd.shard.empty() && !(shard = resolveShard(cmd.shard)))
        return 2;
    const auto base = loadWith(cmd, {}, {});
    if (!base)
        return 2;
    model::Diagnostics planProblems;
    const model::SweepPlan plan = model::SweepPlan::parse(cmd.varies, &planProblems);
    if (!planProblems.empty()) {
        printDiagnostics(planProblems);
        return 2;
    }
    const auto loaded = loadCombinations(cmd, plan);
    if (!loaded)
        return 2;
    const std::vector<model::Scenario> &scenarios = *loaded;
    const std::size_t combos = plan.combinations();
    const auto reps = static_cast<std::size_t>(cmd.replications);
    const std::vector<model::Scenario> jobs = sim::BatchRunner::replications(scenarios, reps);
    // A bad --db fails before anything is run or written.
    SweepDb db;
    if (!db.open(cmd))
        return 2;
    if (!cmd.outDir.empty() && !createReportDirectory(cmd.outDir))
        return 2;
    if (db.active())
        db.describe(*base, model::writeScenarioYaml(*base), plan, reps);

    std::optional<ShardWriter> writer;
    if (shard)
        writer.emplace(cmd.outDir, sweepManifest(plan, *base, reps, *shard), *base);
    const std::size_t mine = shard ? shardJobCount(*shard, jobs.size()) : jobs.size();
    const bool progress = !cmd.quiet && isatty(STDERR_FILENO);
    if (!shard)
        printSweepStart(cmd, combos, reps);
    SweepOutcome outcome;
    outcome.stats.resize(combos);
    std::size_t done = 0;
    const auto start = std::chrono::steady_clock::now();
    runJobs(jobs, shard, [&](std::size_t job, model::RunReport &&report) {
        if (writer)
            writer->add(job, report);
        else
            outcome.stats[sim::BatchRunner::pointOf(job, reps)].add(report);
        if (report.unaccounted != 0 || report.orderViolations != 0)
            ++outcome.broken;
        // Only the first run that stopped is named: the others stopped for the same reason.
        outcome.stopped = (!outcome.stopped && reportStopped(cmd.file, report)) || outcome.stopped;
        if (progress)
            std::fprintf(stderr, "\r\033[Ksweep: %zu/%zu runs done", ++done, mine);
    });
    if (progress)
        std::fprintf(stderr, "\r\033[K");
    outcome.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (writer)
        return writer->close(outcome.broken, outcome.stopped, outcome.wall, cmd.quiet);
    return finishSweep(cmd, plan, *base, scenarios, outcome, &db);
}

void printSweepStart(const CommandLine &cmd, std::size_t combinations, std::size_t replications) {
    if (!cmd.quiet)
        std::printf("sweep: %zu combinations x %zu replications = %zu runs\n\n", combinations,
                    replications, combinations * replications);
    std::fflush(stdout);
}

int finishSweep(const CommandLine &cmd, const model::SweepPlan &plan, const model::Scenario &base,
                const std::vector<model::Scenario> &scenarios, const SweepOutcome &outcome,
                SweepDb *db) {
    const std::size_t combos = plan.combinations();
    const auto &stats = outcome.stats;
    std::vector<std::vector<model::RunReport::ExpectationResult>> verdicts;
    std::size_t passing = 0;
    for (std::size_t c = 0; c < combos; ++c) {
        verdicts.push_back(stats[c].judge(scenarios[c], false));
        passing += std::all_of(verdicts.back().begin(), verdicts.back().end(),
                               [](const auto &v) { return v.pass; });
    }

    int exitCode = outcome.stopped ? 2 : 0;
    const std::size_t reps = stats.empty() ? 1 : stats.front().count();
    const model::StoredSweep sweep = model::StoredSweep::of(plan, reps, stats, verdicts);
    if (!cmd.outDir.empty() && !writeSweepCsv(cmd.outDir, sweep))
        exitCode = 2;
    // A sweep whose runs stopped early or broke the ledger is reported, not recorded.
    if (db && db->active() && !outcome.stopped && !outcome.broken &&
        !db->record(sweep, outcome.wall))
        exitCode = 3;

    printTable(plan, base, stats, verdicts);
    if (!cmd.quiet)
        std::printf("\n%zu of %zu combinations pass every expectation  wall %.3fs\n", passing,
                    combos, outcome.wall);
    std::fflush(stdout);
    if (outcome.broken) {
        std::fprintf(stderr,
                     "eventbench: internal error: %zu runs have ledger.unaccounted or "
                     "per-partition order violations not 0 (a simulator bug)\n",
                     outcome.broken);
        return 3;
    }
    if (exitCode)
        return exitCode;
    return passing == combos ? 0 : 1;
}

} // namespace eventbench::app
