#include "app/CommandLine.h"

#include <algorithm>

#include "model/capacity/MemoryEstimate.h"
#include "model/catalogue/KnobCatalogue.h"
#include "model/results/OpenMetricsWriter.h"
#include "model/results/ShardFiles.h"

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

/// Which options a command accepts.
struct OptionSet {
    std::vector<std::string> flags;  // options without a value
    std::vector<std::string> valued; // options with a value
};

bool contains(const std::vector<std::string> &list, const std::string &x) {
    return std::find(list.begin(), list.end(), x) != list.end();
}

std::optional<int> positiveInt(const std::string &text) {
    if (text.empty() || text.size() > 9 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    const int n = std::stoi(text);
    return n > 0 ? std::optional<int>(n) : std::nullopt;
}

/// Applies one option with its value to `cmd`; returns a usage error or "".
std::string applyOption(CommandLine &cmd, const std::string &name, const std::string &value) {
    if (name == "--seed" || name == "--duration" || name == "--set") {
        cmd.options.push_back(name);
        cmd.options.push_back(value);
    }
    if (name == "--out") {
        cmd.outDir = value;
    } else if (name == "--metrics-out") {
        cmd.metricsOut = value;
    } else if (name == "--report") {
        cmd.reportFile = value;
    } else if (name == "--epoch") {
        const auto epoch = model::parseEpoch(value);
        if (!epoch)
            return "option --epoch needs a UTC time such as 2026-01-01T00:00:00Z or seconds "
                   "since 1970, got '" +
                   value + "'";
        cmd.epoch = *epoch;
    } else if (name == "--db") {
        cmd.dbFile = value;
    } else if (name == "--record") {
        cmd.recordDir = value;
    } else if (name == "--amqp") {
        const auto colon = value.rfind(':');
        const auto port =
            colon == std::string::npos ? std::nullopt : positiveInt(value.substr(colon + 1));
        if (!port || colon == 0 || *port > 65535)
            return "option --amqp needs HOST:PORT (e.g. 127.0.0.1:5672), got '" + value + "'";
        cmd.amqpHost = value.substr(0, colon);
        cmd.amqpPort = *port;
    } else if (name == "--seed") {
        cmd.overrides.push_back(std::string(model::knob_key::kSeed) + "=" + value);
    } else if (name == "--duration") {
        cmd.overrides.push_back(std::string(model::knob_key::kDuration) + "=" + value);
    } else if (name == "--set") {
        if (value.find('=') == std::string::npos)
            return "option --set needs PATH=VALUE, got '" + value + "'";
        cmd.overrides.push_back(value);
    } else if (name == "--vary") {
        const auto eq = value.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == value.size())
            return "option --vary needs PATH=V1,V2,..., got '" + value + "'";
        cmd.varies.push_back(value);
    } else if (name == "--replications") {
        const auto n = positiveInt(value);
        if (!n)
            return "option --replications needs a positive whole number, got '" + value + "'";
        cmd.replications = *n;
    } else if (name == "--format") {
        if (value == "text")
            cmd.format = CommandLine::Format::Text;
        else if (value == "csv")
            cmd.format = CommandLine::Format::Csv;
        else
            return "option --format takes text or csv, got '" + value + "'";
    } else if (name == "--shard") {
        if (value != "slurm" && !model::ShardId::parse(value))
            return "option --shard takes I/N with 0 <= I < N (e.g. --shard 0/4) or slurm, got '" +
                   value + "'";
        cmd.shard = value;
    } else if (name == "--scenario") {
        cmd.scenarioFilter = value;
    } else if (name == "-o" || name == "--output") {
        cmd.outFile = value;
    } else if (name == "--max-memory") {
        const auto bytes = model::parseMemorySize(value);
        if (!bytes)
            return "option --max-memory needs a size such as 512MiB or 4GB, got '" + value + "'";
        cmd.maxMemory = *bytes;
    }
    return {};
}

void applyFlag(CommandLine &cmd, const std::string &name) {
    if (name == "--quiet")
        cmd.quiet = true;
    else if (name == "--stats")
        cmd.stats = true;
    else if (name == "--confidence")
        cmd.confidence = true;
}

/// Parses the options and positional arguments after the command word (args[0]).
CommandLineResult parseCommandArgs(const std::vector<std::string> &args, CommandLine cmd,
                                   const OptionSet &allowed, std::vector<std::string> *positional) {
    bool onlyPositional = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (onlyPositional || !isOption(arg)) {
            positional->push_back(arg);
            continue;
        }
        if (arg == "--") {
            onlyPositional = true;
            continue;
        }
        std::string name;
        std::optional<std::string> value;
        splitInline(arg, &name, &value);
        if (contains(allowed.flags, name)) {
            if (value)
                return usageError("option " + name + " takes no value");
            applyFlag(cmd, name);
            continue;
        }
        if (!contains(allowed.valued, name))
            return usageError("unknown option '" + arg + "' for " + args[0]);
        if (!value) {
            if (i + 1 >= args.size())
                return usageError("option " + name + " needs a value");
            // `--out --quiet` is a forgotten value, not a directory named --quiet.
            if (isOption(args[i + 1]))
                return usageError("option " + name + " needs a value, found the option '" +
                                  args[i + 1] + "' (write " + name + "=" + args[i + 1] +
                                  " for a value that starts with '-')");
            value = args[++i];
        }
        if (value->empty())
            return usageError("option " + name + " needs a value");
        if (auto error = applyOption(cmd, name, *value); !error.empty())
            return usageError(error);
    }
    return {cmd, {}};
}

CommandLineResult oneFile(CommandLineResult parsed, const std::vector<std::string> &files,
                          const std::string &command) {
    if (!parsed.command)
        return parsed;
    if (files.empty())
        return usageError(command + " needs a scenario FILE");
    if (files.size() > 1)
        return usageError(command + " takes one scenario FILE, got '" + files[0] + "' and '" +
                          files[1] + "'");
    parsed.command->file = files[0];
    return parsed;
}

const std::vector<std::string> kScenarioOptions = {"--seed", "--duration", "--set", "--max-memory"};

std::vector<std::string> plus(std::vector<std::string> a, const std::vector<std::string> &b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

bool given(const std::vector<std::string> &args, const std::string &option) {
    return std::any_of(args.begin(), args.end(), [&](const std::string &a) {
        return a == option || a.rfind(option + "=", 0) == 0;
    });
}

/// A shard writes its share for `eventbench merge`: without --out it would be lost.
CommandLineResult checkShard(CommandLineResult parsed) {
    if (parsed.command && !parsed.command->shard.empty() && parsed.command->outDir.empty())
        return usageError("option --shard needs --out DIR (where the shard's files go)");
    return parsed;
}

CommandLineResult parseRun(const std::vector<std::string> &args) {
    CommandLine cmd;
    cmd.command = CommandLine::Command::Run;
    const OptionSet allowed{{"--quiet", "--stats", "--confidence"},
                            plus(kScenarioOptions, {"--out", "--db", "--replications", "--shard",
                                                    "--metrics-out", "--report", "--epoch"})};
    std::vector<std::string> files;
    auto parsed = oneFile(parseCommandArgs(args, cmd, allowed, &files), files, "run");
    if (parsed.command && parsed.command->confidence && parsed.command->replications < 2)
        return usageError("option --confidence needs --replications N with N >= 2");
    if (parsed.command && (parsed.command->replications > 1 || !parsed.command->shard.empty()) &&
        !(parsed.command->metricsOut.empty() && parsed.command->reportFile.empty()))
        return usageError("options --metrics-out and --report write one run: not with "
                          "--replications or --shard");
    if (parsed.command && !parsed.command->shard.empty() && !given(args, "--replications"))
        return usageError("option --shard needs --replications N (run shards replications)");
    return checkShard(parsed);
}

CommandLineResult parseMerge(const std::vector<std::string> &args) {
    CommandLine cmd;
    cmd.command = CommandLine::Command::Merge;
    const OptionSet allowed{{"--quiet", "--confidence"}, {"--out", "--db"}};
    std::vector<std::string> dirs;
    auto parsed = parseCommandArgs(args, cmd, allowed, &dirs);
    if (!parsed.command)
        return parsed;
    if (dirs.empty())
        return usageError("merge needs the shard directories: merge DIR... --out DIR");
    if (parsed.command->outDir.empty())
        return usageError("merge needs --out DIR (where the merged report goes)");
    parsed.command->mergeDirs = dirs;
    return parsed;
}

CommandLineResult parseLive(const std::vector<std::string> &args) {
    CommandLine cmd;
    cmd.command = CommandLine::Command::Live;
    const OptionSet allowed{{"--quiet"}, plus(kScenarioOptions, {"--amqp", "--out", "--record"})};
    std::vector<std::string> files;
    auto parsed = oneFile(parseCommandArgs(args, cmd, allowed, &files), files, "live");
    if (parsed.command && parsed.command->amqpHost.empty())
        return usageError("live needs --amqp HOST:PORT (the RabbitMQ to play the scenario on)");
    return parsed;
}

CommandLineResult parseSweep(const std::vector<std::string> &args) {
    CommandLine cmd;
    cmd.command = CommandLine::Command::Sweep;
    const OptionSet allowed{
        {"--quiet"},
        plus(kScenarioOptions, {"--out", "--db", "--replications", "--vary", "--shard"})};
    std::vector<std::string> files;
    auto parsed = oneFile(parseCommandArgs(args, cmd, allowed, &files), files, "sweep");
    if (parsed.command && parsed.command->varies.empty())
        return usageError("sweep needs at least one --vary PATH=V1,V2,...");
    if (parsed.command && !parsed.command->shard.empty() && !parsed.command->dbFile.empty())
        return usageError("options --shard and --db: a shard records nothing; give --db to "
                          "merge, which records the merged sweep");
    return checkShard(parsed);
}

CommandLineResult parseValidate(const std::vector<std::string> &args) {
    CommandLine cmd;
    cmd.command = CommandLine::Command::Validate;
    const OptionSet allowed{{}, plus(kScenarioOptions, {"--format"})};
    std::vector<std::string> files;
    return oneFile(parseCommandArgs(args, cmd, allowed, &files), files, "validate");
}

CommandLineResult parseRuns(const std::vector<std::string> &args) {
    CommandLine cmd;
    cmd.command = CommandLine::Command::Runs;
    const OptionSet allowed{
        {}, {"--db", "--out", "--format", "--scenario", "--metrics-out", "--report", "--epoch"}};
    std::vector<std::string> words;
    auto parsed = parseCommandArgs(args, cmd, allowed, &words);
    if (!parsed.command)
        return parsed;
    CommandLine &c = *parsed.command;
    if (words.empty())
        return usageError("runs needs an action: list, show, export, compare or delete");
    c.runsAction = words[0];
    c.runIds.assign(words.begin() + 1, words.end());
    struct Shape {
        const char *action;
        std::size_t ids;
    };
    static const Shape kShapes[] = {
        {"list", 0}, {"show", 1}, {"export", 1}, {"compare", 2}, {"delete", 1}};
    const auto shape = std::find_if(std::begin(kShapes), std::end(kShapes),
                                    [&](const Shape &s) { return c.runsAction == s.action; });
    if (shape == std::end(kShapes))
        return usageError("unknown runs action '" + c.runsAction +
                          "' (list, show, export, compare or delete)");
    if (c.runIds.size() != shape->ids)
        return usageError("runs " + c.runsAction + " takes " + std::to_string(shape->ids) +
                          (shape->ids == 1 ? " run ID" : " run IDs") + ", got " +
                          std::to_string(c.runIds.size()));
    for (const auto &id : c.runIds)
        if (!positiveInt(id))
            return usageError("a run ID is a positive whole number, got '" + id + "'");
    if (c.dbFile.empty())
        return usageError("runs needs --db FILE (the results store)");
    if (c.runsAction == "export" && c.outDir.empty() && c.metricsOut.empty() &&
        c.reportFile.empty())
        return usageError("runs export needs --out DIR, --metrics-out FILE or --report FILE");
    return parsed;
}

/// `import asyncapi|omb FILE [-o OUT]` and `export asyncapi FILE [-o OUT]`.
CommandLineResult parseConversion(const std::vector<std::string> &args, CommandLine::Command kind) {
    CommandLine cmd;
    cmd.command = kind;
    const bool isImport = kind == CommandLine::Command::Import;
    std::vector<std::string> words;
    auto parsed = parseCommandArgs(args, cmd, OptionSet{{}, {"-o", "--output"}}, &words);
    if (!parsed.command)
        return parsed; // the option's own error
    const std::string formats = isImport ? "asyncapi or omb" : "asyncapi";
    if (words.empty())
        return usageError(args[0] + " needs a format (" + formats + ") and a FILE");
    const std::string &format = words[0];
    if (format != "asyncapi" && !(isImport && format == "omb"))
        return usageError("unknown " + args[0] + " format '" + format + "' (" + formats + ")");
    parsed.command->formatName = format;
    words.erase(words.begin());
    if (words.empty())
        return usageError(args[0] + " " + format + " needs a FILE");
    return oneFile(parsed, words, args[0] + " " + format);
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
    if (first == "sweep")
        return parseSweep(args);
    if (first == "runs")
        return parseRuns(args);
    if (first == "merge")
        return parseMerge(args);
    if (first == "live")
        return parseLive(args);
    if (first == "import" || first == "export")
        return parseConversion(args, first == "import" ? CommandLine::Command::Import
                                                       : CommandLine::Command::Export);
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
  eventbench validate FILE [options]  check a scenario, print diagnostics and capacity analysis
  eventbench sweep FILE --vary PATH=V1,V2,... [--vary ...] [options]
                                      run every combination of the varied values
  eventbench merge DIR... --out DIR   join the shards of a sweep or of replications
  eventbench runs ACTION --db FILE    the results store: list | show ID | export ID --out DIR
                                      (or --metrics-out FILE, --report FILE)
                                      | compare ID ID | delete ID
  eventbench live FILE --amqp HOST:PORT [--duration D] [--out DIR] [--record DIR]
                                      play FILE on a real RabbitMQ, then beside its simulation
  eventbench import asyncapi|omb FILE [-o OUT.yaml]
                                      convert an AsyncAPI 2.6/3.0 document or an OpenMessaging
                                      Benchmark workload into a scenario (stdout without -o)
  eventbench export asyncapi FILE [-o OUT.yaml]
                                      write a scenario as an AsyncAPI 3.0 document
  eventbench --help | --version

Options for run (and, where they apply, sweep and validate):
  --out DIR            write timeseries.csv, summary.csv and events.csv into DIR
  --seed N             override the scenario's seed
  --duration D         override the scenario's duration (e.g. 90s, 10m)
  --set PATH=VALUE     override one value, e.g. --set nodes.inventory.instances=4 (repeatable)
  --metrics-out FILE   (run, runs export) write the samples as OpenMetrics text (Prometheus)
  --epoch T            OpenMetrics timestamps start at T (default 2026-01-01T00:00:00Z)
  --report FILE        (run, runs export) write one self-contained HTML report
  --db FILE            record the run (sweep, merge: the sweep or the replications) in a
                       SQLite results store (created when missing)
  --replications N     run seeds seed..seed+N-1 in parallel; report means with 95% intervals
  --confidence         judge expectations on the pessimistic end of the 95% interval
  --stats              print events per second, messages per second and peak memory
  --quiet              print only the PASS/FAIL lines (no table, no progress)
  --vary PATH=V1,V2    (sweep) the values of one knob to combine (repeatable)
  --shard I/N|slurm    (sweep, run --replications) run only jobs k with k mod N = I and
                       write them to --out for merge; slurm: I and N from the job array
  --format text|csv    (validate, runs compare) human text or CSV on stdout
  --scenario NAME      (runs list) only the runs of this scenario
  --amqp HOST:PORT     (live) the RabbitMQ to play the scenario on (user guest)
  --record DIR         (live) DIR/live and DIR/simulated report directories, and both runs
                       in the results store DIR/runs.db (open with the app's Runs panel)
  --max-memory SIZE    (run, sweep, validate) the memory budget, e.g. 512MiB or 4GB
                       (default: half of the physical memory)

Exit codes:
  0  every expectation holds
  1  an expectation failed
  2  bad input or usage (diagnostics name FILE:LINE:COL), or the memory budget reached
  3  internal error, including a non-zero ledger.unaccounted
  (live: 0 every figure agrees with the simulation, 1 one differs, 2 also no broker at
  --amqp, 3 the broker failed during the run or messages went missing, 130 interrupted)
)";
}

} // namespace eventbench::app
