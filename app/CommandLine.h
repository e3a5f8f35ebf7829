#pragma once
// The command line of SPEC §6, parsed into plain values. Parsing only checks the shape of
// the command (commands, options, their values); scenario values such as `--seed` are
// turned into overrides and checked by the scenario loader.
#include <optional>
#include <string>
#include <vector>

namespace eventbench::app {

struct CommandLine {
    enum class Command { Open, Run, Validate, Help, Version };
    Command command = Command::Open;
    std::string file;                   // may be empty for Open
    std::string outDir;                 // --out
    std::string dbFile;                 // --db
    std::vector<std::string> overrides; // --set/--seed/--duration as PATH=VALUE, in order
    std::vector<std::string> options;   // --seed/--duration/--set as given (results store)
    bool quiet = false;                 // --quiet
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
