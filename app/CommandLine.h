#pragma once
// The command line of README.md#command-line plus the commands of the results store and sweeps,
// parsed into plain values. Parsing only checks the shape of the command (commands, options, their
// values); scenario values such as `--seed` are turned into overrides and checked by the
// scenario loader.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/results/OpenMetricsWriter.h"

namespace eventbench::app {

struct CommandLine {
    enum class Command {
        Open,
        Run,
        Validate,
        Runs,
        Sweep,
        Merge,
        Live,
        Import,
        Export,
        Help,
        Version
    };
    enum class Format { Text, Csv };
    Command command = Command::Open;
    std::string file;                                 // may be empty for Open and Runs
    std::string outDir;                               // --out
    std::string metricsOut;                           // --metrics-out FILE: OpenMetrics text
    std::string reportFile;                           // --report FILE: the HTML report
    std::int64_t epoch = model::kDefaultEpochSeconds; // --epoch: OpenMetrics timestamps start
    std::string dbFile;                               // --db
    std::vector<std::string> overrides; // --set/--seed/--duration as PATH=VALUE, in order
    std::vector<std::string> options;   // --seed/--duration/--set as given (results store)
    bool quiet = false;                 // --quiet
    bool stats = false;                 // run --stats: events/s, messages/s, peak memory
    int replications = 1;               // run/sweep --replications N (seeds seed..seed+N-1)
    bool confidence = false;            // run --confidence: judge on the pessimistic CI bound
    Format format = Format::Text;       // validate/runs compare --format text|csv
    std::vector<std::string> varies;    // sweep --vary PATH=V1,V2,... in order
    std::string runsAction;             // runs: list | show | export | compare | delete
    std::vector<std::string> runIds;    // runs: the IDs after the action
    std::string scenarioFilter;         // runs list --scenario NAME
    std::uint64_t maxMemory = 0;        // --max-memory in bytes (0: the default budget)
    std::string shard;                  // run/sweep --shard I/N or slurm (empty: every job)
    std::vector<std::string> mergeDirs; // merge: the shard directories, in order given
    std::string amqpHost;               // live --amqp HOST:PORT
    int amqpPort = 0;
    std::string recordDir;  // live --record DIR: both runs as report directories and a store
    std::string formatName; // import: asyncapi | omb; export: asyncapi
    std::string outFile;    // import/export -o FILE (empty: standard output)
};

/// The parsed command line, or the usage error to print (then exit 2).
struct CommandLineResult {
    std::optional<CommandLine> command;
    std::string error;
};

/// Parses the arguments after the program name.
CommandLineResult parseCommandLine(const std::vector<std::string> &args);

/// The text printed by --help and, on stderr, after a usage error.
std::string usageText();

} // namespace eventbench::app
