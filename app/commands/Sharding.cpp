#include "app/commands/Sharding.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "app/commands/TextFile.h"
#include "app/print/DiagnosticPrinter.h"
#include "model/results/Sha256.h"
#include "model/yaml/ScenarioWriter.h"
#include "sim/run/BatchRunner.h"

namespace eventbench::app {

namespace {

model::Diagnostic shardProblem(const std::string &message) {
    model::Diagnostic d;
    d.file = "--shard";
    d.message = message;
    return d;
}

/// The whole number in environment variable `name`, or nullopt (`*set` tells whether it was
/// there at all).
std::optional<std::size_t> envNumber(const char *name, bool *set) {
    const char *v = std::getenv(name);
    *set = v && *v;
    if (!*set)
        return std::nullopt;
    const std::string text(v);
    if (text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return static_cast<std::size_t>(std::stoul(text));
}

} // namespace

std::optional<model::ShardId> resolveShard(const std::string &text) {
    if (text != "slurm") {
        const auto id = model::ShardId::parse(text);
        if (!id)
            printDiagnostics({shardProblem(
                "expected I/N with 0 <= I < N (e.g. 0/4) or slurm, got '" + text + "'")});
        return id;
    }
    bool haveId = false, haveCount = false, haveMin = false;
    const auto id = envNumber("SLURM_ARRAY_TASK_ID", &haveId);
    const auto count = envNumber("SLURM_ARRAY_TASK_COUNT", &haveCount);
    const auto min = envNumber("SLURM_ARRAY_TASK_MIN", &haveMin);
    if (!haveId || !haveCount) {
        printDiagnostics({shardProblem(
            "--shard slurm needs SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (run it as a task "
            "of a Slurm job array: sbatch --array=0-N ...), or give --shard I/N")});
        return std::nullopt;
    }
    if (!id || !count || (haveMin && !min)) {
        printDiagnostics({shardProblem("SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT and "
                                       "SLURM_ARRAY_TASK_MIN must be whole numbers")});
        return std::nullopt;
    }
    const std::size_t first = min.value_or(0);
    if (*count == 0 || *id < first || *id - first >= *count) {
        printDiagnostics({shardProblem(
            "task " + std::to_string(*id) + " of an array of " + std::to_string(*count) +
            " tasks from " + std::to_string(first) +
            " is not a shard: the array's indices must be contiguous (--array=0-" +
            std::to_string(*count == 0 ? 0 : *count - 1) + "); rerun one task with --shard I/N")});
        return std::nullopt;
    }
    return model::ShardId{*id - first, *count};
}

unsigned batchThreads() {
    bool set = false;
    const auto cpus = envNumber("SLURM_CPUS_PER_TASK", &set);
    if (cpus && *cpus > 0 && *cpus <= 4096)
        return static_cast<unsigned>(*cpus);
    return sim::BatchRunner::usableCpus();
}

std::size_t shardJobCount(model::ShardId shard, std::size_t total) {
    return total > shard.index ? (total - shard.index + shard.count - 1) / shard.count : 0;
}

void runJobs(const std::vector<model::Scenario> &jobs, const std::optional<model::ShardId> &shard,
             const std::function<void(std::size_t, model::RunReport &&)> &consume) {
    if (!shard) {
        sim::BatchRunner(batchThreads()).run(jobs, consume);
        return;
    }
    std::vector<model::Scenario> mine;
    std::vector<std::size_t> numbers;
    for (std::size_t k = 0; k < jobs.size(); ++k)
        if (shard->owns(k)) {
            mine.push_back(jobs[k]);
            numbers.push_back(k);
        }
    sim::BatchRunner(batchThreads()).run(mine, [&](std::size_t i, model::RunReport &&report) {
        consume(numbers[i], std::move(report));
    });
}

ShardWriter::ShardWriter(std::string outDir, model::ShardManifest manifest,
                         const model::Scenario &base)
    : m_outDir(std::move(outDir)), m_manifest(std::move(manifest)),
      m_scenarioYaml(model::writeScenarioYaml(base)), m_runs(model::shardRunsHeader()) {
    m_manifest.version = model::eventbenchVersion();
    m_manifest.scenarioSha256 = model::sha256Hex(m_scenarioYaml);
    m_manifest.jobs.clear();
    // A shard.csv from an earlier attempt goes at once: until the new one is written the
    // directory does not hold a complete shard.
    std::error_code ec;
    std::filesystem::remove(std::filesystem::path(m_outDir) / model::ShardManifest::kFile, ec);
}

void ShardWriter::add(std::size_t job, const model::RunReport &report) {
    m_manifest.jobs.push_back(job);
    m_manifest.runSeconds += report.wallSeconds;
    model::appendShardRun(m_runs, job, report);
}

int ShardWriter::close(std::size_t broken, bool stopped, double wallSeconds, bool quiet) {
    if (broken) {
        std::fprintf(stderr,
                     "eventbench: internal error: %zu runs have ledger.unaccounted or "
                     "per-partition order violations not 0 (a simulator bug); shard %s not "
                     "written\n",
                     broken, m_manifest.shard.text().c_str());
        return 3;
    }
    if (stopped) {
        std::fprintf(stderr, "eventbench: shard %s not written: a run stopped early\n",
                     m_manifest.shard.text().c_str());
        return 2;
    }
    m_manifest.wallSeconds = wallSeconds;
    const std::filesystem::path dir(m_outDir);
    if (!writeTextFile(dir / model::ShardManifest::kScenarioFile, m_scenarioYaml) ||
        !writeTextFile(dir / model::ShardManifest::kRunsFile, m_runs) ||
        !writeTextFile(dir / model::ShardManifest::kFile, m_manifest.write()))
        return 2;
    if (!quiet)
        std::printf("shard %s: %zu of %zu runs written to %s  %u thread%s  wall %.3fs\n",
                    m_manifest.shard.text().c_str(), m_manifest.jobs.size(), m_manifest.totalJobs(),
                    m_outDir.c_str(), batchThreads(), batchThreads() == 1 ? "" : "s", wallSeconds);
    std::fflush(stdout);
    return 0;
}

} // namespace eventbench::app
