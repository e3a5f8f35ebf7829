#pragma once
// `--shard I/N` and `--shard slurm` of `sweep` and `run --replications` (issue 17,
// README.md#spreading-a-sweep-over-machines): which jobs of the batch this process runs (job k
// belongs to shard k mod N; seeds unchanged) and the files it leaves in --out for
// `eventbench merge` (model/results/ShardFiles.h). Used by SweepCommand and
// ReplicationCommand, on the thread that runs the command.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/results/RunReport.h"
#include "model/results/ShardFiles.h"
#include "model/scenario/Scenario.h"

namespace eventbench::app {

/// The share that --shard names: `I/N`, or `slurm`: I = SLURM_ARRAY_TASK_ID minus
/// SLURM_ARRAY_TASK_MIN (0 when unset), N = SLURM_ARRAY_TASK_COUNT. nullopt after printing
/// the problem (the caller exits 2).
std::optional<model::ShardId> resolveShard(const std::string &text);

/// The worker threads of a batch: SLURM_CPUS_PER_TASK inside a Slurm task that sets it (a
/// node's other CPUs belong to other tasks), otherwise the CPUs this process may use.
unsigned batchThreads();

/// Runs the jobs that `shard` owns (every job without a shard) on a sim::BatchRunner and
/// passes each report with its job number in `jobs`, in job order, on batchThreads()
/// threads.
void runJobs(const std::vector<model::Scenario> &jobs, const std::optional<model::ShardId> &shard,
             const std::function<void(std::size_t job, model::RunReport &&report)> &consume);
/// How many of `total` jobs `shard` owns.
std::size_t shardJobCount(model::ShardId shard, std::size_t total);

/// Collects a shard's runs and writes its files into the --out directory: scenario.yaml,
/// shard-runs.csv, and shard.csv last, so that a directory with a shard.csv holds a complete
/// shard.
class ShardWriter {
  public:
    /// `manifest` without its jobs and wall-clock figures; `base` the scenario after --set,
    /// --seed and --duration (what scenario_sha256 digests).
    ShardWriter(std::string outDir, model::ShardManifest manifest, const model::Scenario &base);
    void add(std::size_t job, const model::RunReport &report);
    /// The shard ends: with `broken` runs (ledger not balanced) or a run that `stopped`
    /// early it writes no shard.csv and returns 3 or 2; otherwise it writes the files and
    /// prints `shard I/N: J of T runs written to DIR` (unless `quiet`). The exit code.
    int close(std::size_t broken, bool stopped, double wallSeconds, bool quiet);

  private:
    std::string m_outDir;
    model::ShardManifest m_manifest;
    std::string m_scenarioYaml;
    std::string m_runs;
};

} // namespace eventbench::app
