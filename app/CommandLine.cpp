#include "CommandLine.h"

#include <algorithm>

namespace eventbench::app {

namespace {

CommandLineResult just(CommandLine::Command command) {
    CommandLine cmd;
    cmd.command = command;
    return {cmd, {}};
}

CommandLineResult usageError(std::string message) {
    CommandLineResult r;
    r.error = std::move(message);
    return r;
}

bool isOption(const std::string &arg) {
    return arg.size() > 1 && arg[0] == '-';
}

/// Splits `--name=value` into its parts; `value` stays unset for `--name`.
void splitInline(const std::string &arg, std::string *name, std::optional<std::string> *value) {
    const auto eq = arg.find('=');
    if (arg.rfind("--", 0) == 0 && eq != std::string::npos) {
        *name = arg.substr(0, eq);
        *value = arg.substr(eq + 1);
    } else {
        *name = arg;
        value->reset();
    }
}

CommandLineResult parseRun(const std::vector<std::string> &args) {
    CommandLine cmd;
    cmd.command = CommandLine::Command::Run;
    bool onlyFiles = false;
    std::vector<std::string> files;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (onlyFiles || !isOption(arg)) {
            files.push_back(arg);
            continue;
        }
        if (arg == "--") {
            onlyFiles = true;
            continue;
        }
        std::string name;
        std::optional<std::string> value;
        splitInline(arg, &name, &value);
        if (name == "--quiet") {
            if (value)
                return usageError("option --quiet takes no value");
            cmd.quiet = true;
            continue;
        }
        static const char *const kValued[] = {"--out", "--seed", "--duration", "--set", "--db"};
        if (std::find_if(std::begin(kValued), std::end(kValued),
                         [&](const char *o) { return name == o; }) == std::end(kValued))
            return usageError("unknown option '" + arg + "'");
        if (!value) {
            if (i + 1 >= args.size())
                return usageError("option " + name + " needs a value");
            value = args[++i];
        }
        if (value->empty())
            return usageError("option " + name + " needs a value");
        if (name != "--out" && name != "--db") {
            cmd.options.push_back(name);
            cmd.options.push_back(*value);
        }
        if (name == "--out")
            cmd.outDir = *value;
        else if (name == "--db")
            cmd.dbFile = *value;
        else if (name == "--seed")
            cmd.overrides.push_back("seed=" + *value);
        else if (name == "--duration")
            cmd.overrides.push_back("duration=" + *value);
        else {
            if (value->find('=') == std::string::npos)
                return usageError("option --set needs PATH=VALUE, got '" + *value + "'");
            cmd.overrides.push_back(*value);
        }
    }
    if (files.empty())
        return usageError("run needs a scenario FILE");
    if (files.size() > 1)
        return usageError("run takes one scenario FILE, got '" + files[0] + "' and '" + files[1] +
                          "'");
    cmd.file = files[0];
    return {cmd, {}};
}

CommandLineResult parseValidate(const std::vector<std::string> &args) {
    CommandLine cmd;
    cmd.command = CommandLine::Command::Validate;
    std::vector<std::string> files;
    bool onlyFiles = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (!onlyFiles && args[i] == "--") {
            onlyFiles = true;
        } else if (!onlyFiles && isOption(args[i])) {
            return usageError("unknown option '" + args[i] + "' for validate");
        } else {
            files.push_back(args[i]);
        }
    }
    if (files.size() != 1)
        return usageError(files.empty() ? "validate needs a scenario FILE"
                                        : "validate takes one scenario FILE");
    cmd.file = files[0];
    return {cmd, {}};
}

} // namespace

CommandLineResult parseCommandLine(const std::vector<std::string> &args) {
    for (const auto &arg : args) {
        if (arg == "--")
            break;
        if (arg == "--help" || arg == "-h")
            return just(CommandLine::Command::Help);
    }
    if (args.empty())
        return just(CommandLine::Command::Open);
    const std::string &first = args[0];
    if (first == "--version") {
        if (args.size() > 1)
            return usageError("--version takes no arguments");
        return just(CommandLine::Command::Version);
    }
    if (first == "run")
        return parseRun(args);
    if (first == "validate")
        return parseValidate(args);
    if (isOption(first))
        return usageError("unknown option '" + first + "'");
    if (args.size() > 1)
        return usageError("unexpected argument '" + args[1] + "' (did you mean 'run " + first +
                          " ...'?)");
    CommandLine cmd;
    cmd.file = first;
    return {cmd, {}};
}

std::string usageText() {
    return R"(Usage:
  eventbench                          open the desktop app
  eventbench FILE                     open the desktop app on a scenario
                                      (without a display: run FILE headless)
  eventbench run FILE [options]       run a scenario headless
  eventbench validate FILE            check a scenario, print diagnostics and capacity analysis
  eventbench --help | --version

Options for run:
  --out DIR            write timeseries.csv, summary.csv and events.csv into DIR
  --seed N             override the scenario's seed
  --duration D         override the scenario's duration (e.g. 90s, 10m)
  --set PATH=VALUE     override one value, e.g. --set nodes.inventory.instances=4 (repeatable)
  --db FILE            record the run in a SQLite results store (created when missing)
  --quiet              print only the PASS/FAIL lines (no table, no progress)

Exit codes:
  0  every expectation holds
  1  an expectation failed
  2  bad input or usage (diagnostics name FILE:LINE:COL)
  3  internal error, including a non-zero ledger.unaccounted
)";
}

} // namespace eventbench::app
