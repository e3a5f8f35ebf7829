#pragma once
// The files a shard of a sweep or of replications leaves in its --out directory (issue 17,
// README.md#spreading-a-sweep-over-machines), read back by `eventbench merge`: shard.csv says
// which batch and which share of it the directory holds, shard-runs.csv holds every run's
// figures exactly (shortest round-trip numbers), scenario.yaml the scenario as the writer
// writes it back. Pure functions over plain values; problems come back as diagnostics that
// name the file, line and column.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/results/RunReport.h"
#include "model/scenario/Diagnostic.h"

namespace eventbench::model {

/// Which share of a batch of jobs one process runs: job k belongs to shard k mod count.
struct ShardId {
    std::size_t index = 0;
    std::size_t count = 1;
    bool owns(std::size_t job) const { return job % count == index; }
    /// `I/N`, as --shard takes it.
    std::string text() const;
    /// `I/N` with 0 <= I < N; nullopt for anything else.
    static std::optional<ShardId> parse(const std::string &text);
};

/// What shard.csv records: the inputs of the batch (everything a merge compares) and the
/// share. The wall-clock figures are the shard's own and are never compared.
struct ShardManifest {
    static constexpr const char *kFormat = "eventbench-shard 1";
    static constexpr const char *kFile = "shard.csv";
    static constexpr const char *kRunsFile = "shard-runs.csv";
    static constexpr const char *kScenarioFile = "scenario.yaml";

    std::string command;             // "sweep" or "replications"
    std::string version;             // eventbench's version
    std::string scenarioSha256;      // of scenario.yaml (after --set, --seed, --duration)
    std::vector<std::string> varies; // sweep: each knob as PATH=V1,V2,... in --vary order
    std::size_t combinations = 1;    // 1 for replications
    std::size_t replications = 1;    // per combination
    std::uint64_t seed = 0;          // the first replication's seed
    ShardId shard;                   // this directory's share
    std::vector<std::size_t> jobs;   // the jobs it ran, ascending (k with k mod N == I)
    double wallSeconds = 0;          // the shard's wall time
    double runSeconds = 0;           // the sum of its runs' wall times

    std::size_t totalJobs() const { return combinations * replications; }
    /// The jobs `shard` owns out of totalJobs().
    std::vector<std::size_t> expectedJobs() const;
    /// shard.csv's text: `key,value` rows.
    std::string write() const;
    /// Reads shard.csv's text; problems name `file` and the line and column.
    static std::optional<ShardManifest> parse(const std::string &text, const std::string &file,
                                              Diagnostics *diags);
    /// The first input that differs from `other` as `key: 'mine' vs 'theirs'` with the line
    /// of shard.csv it is on, or nullopt when both are shards of the same batch.
    std::optional<std::pair<int, std::string>> firstDifference(const ShardManifest &other) const;
};

/// One run of a shard: its job number and the figures replications are computed from (the
/// summary rows, the events and the messages; see ReplicationStats::add).
struct ShardRun {
    std::size_t job = 0;
    std::uint64_t seed = 0;
    RunReport report; // summary, eventCount and messages only
};

/// shard-runs.csv's header, and the rows of one run appended to `buf`.
std::string shardRunsHeader();
void appendShardRun(std::string &buf, std::size_t job, const RunReport &report);
/// Reads shard-runs.csv's text into runs in file order; problems name `file`, line, column.
std::optional<std::vector<ShardRun>> parseShardRuns(const std::string &text,
                                                    const std::string &file, Diagnostics *diags);

} // namespace eventbench::model
