#include "model/results/ShardFiles.h"

#include <charconv>
#include <functional>
#include <map>

#include "model/results/CsvLine.h"
#include "model/results/ReportWriter.h"

namespace eventbench::model {

namespace {

Diagnostic problem(const std::string &file, int line, int column, const std::string &message) {
    Diagnostic d;
    d.file = file;
    d.where.line = line;
    d.where.column = column;
    d.message = message;
    return d;
}

template <typename T> std::optional<T> wholeNumber(const std::string &text) {
    T v{};
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size())
        return std::nullopt;
    return v;
}

std::optional<double> number(const std::string &text) {
    double v = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size())
        return std::nullopt;
    return v;
}

std::string jobsText(const std::vector<std::size_t> &jobs) {
    std::string out;
    for (auto j : jobs)
        out += (out.empty() ? "" : " ") + std::to_string(j);
    return out;
}

/// Applies one `key,value` row of shard.csv to `m`; `bad(column, message)` reports a problem
/// (column 0: the key's).
void readKey(ShardManifest &m, const std::string &key, const std::string &value,
             const std::function<void(int, const std::string &)> &bad, int col) {
    std::optional<std::size_t> n;
    if (key == "format") {
        if (value != ShardManifest::kFormat)
            bad(col, "unknown shard format '" + value + "' (this eventbench reads '" +
                         ShardManifest::kFormat + "')");
    } else if (key == "command") {
        if (value != "sweep" && value != "replications")
            bad(col, "command is sweep or replications, got '" + value + "'");
        m.command = value;
    } else if (key == "version") {
        m.version = value;
    } else if (key == "scenario_sha256") {
        m.scenarioSha256 = value;
    } else if (key == "vary") {
        m.varies.push_back(value);
    } else if (key == "combinations" || key == "replications") {
        if (!(n = wholeNumber<std::size_t>(value)) || *n == 0)
            bad(col, key + " needs a positive whole number, got '" + value + "'");
        else
            (key == "combinations" ? m.combinations : m.replications) = *n;
    } else if (key == "seed") {
        const auto s = wholeNumber<std::uint64_t>(value);
        if (!s)
            bad(col, "seed needs a whole number, got '" + value + "'");
        m.seed = s.value_or(0);
    } else if (key == "shard") {
        const auto s = ShardId::parse(value);
        if (!s)
            bad(col, "shard needs I/N with 0 <= I < N, got '" + value + "'");
        m.shard = s.value_or(ShardId{});
    } else if (key == "jobs") {
        std::size_t start = 0;
        while (start < value.size()) {
            auto sp = value.find(' ', start);
            sp = sp == std::string::npos ? value.size() : sp;
            const auto j = wholeNumber<std::size_t>(value.substr(start, sp - start));
            if (!j) {
                bad(col + static_cast<int>(start), "a job is a whole number");
                break;
            }
            m.jobs.push_back(*j);
            start = sp + 1;
        }
    } else if (key == "wall_seconds" || key == "run_seconds") {
        (key == "wall_seconds" ? m.wallSeconds : m.runSeconds) = number(value).value_or(0);
    } else {
        bad(0, "unknown key '" + key + "'");
    }
}

} // namespace

std::string ShardId::text() const {
    return std::to_string(index) + "/" + std::to_string(count);
}

std::optional<ShardId> ShardId::parse(const std::string &text) {
    const auto slash = text.find('/');
    if (slash == std::string::npos)
        return std::nullopt;
    const auto i = wholeNumber<std::size_t>(text.substr(0, slash));
    const auto n = wholeNumber<std::size_t>(text.substr(slash + 1));
    if (!i || !n || *n == 0 || *i >= *n || *n > 1000000)
        return std::nullopt;
    return ShardId{*i, *n};
}

std::vector<std::size_t> ShardManifest::expectedJobs() const {
    std::vector<std::size_t> out;
    for (std::size_t k = shard.index; k < totalJobs(); k += shard.count)
        out.push_back(k);
    return out;
}

std::string ShardManifest::write() const {
    std::string out = "key,value\n";
    auto row = [&](const std::string &key, const std::string &value) {
        out += key + ",";
        appendCsvField(out, value);
        out += '\n';
    };
    row("format", kFormat);
    row("command", command);
    row("version", version);
    row("scenario_sha256", scenarioSha256);
    for (const auto &v : varies)
        row("vary", v);
    row("combinations", std::to_string(combinations));
    row("replications", std::to_string(replications));
    row("seed", std::to_string(seed));
    row("shard", shard.text());
    row("jobs", jobsText(jobs));
    row("wall_seconds", formatValue(wallSeconds));
    row("run_seconds", formatValue(runSeconds));
    return out;
}

std::optional<ShardManifest> ShardManifest::parse(const std::string &text, const std::string &file,
                                                  Diagnostics *diags) {
    ShardManifest m;
    std::map<std::string, int> seen;
    const auto lines = csvLinesOf(text);
    std::vector<CsvField> f;
    const std::size_t before = diags->size();
    auto bad = [&](int line, int column, const std::string &message) {
        diags->push_back(problem(file, line, column, message));
    };
    if (lines.empty() || lines[0] != "key,value") {
        bad(1, 1, "not a shard's shard.csv (its first line is not 'key,value')");
        return std::nullopt;
    }
    for (std::size_t l = 1; l < lines.size(); ++l) {
        const int line = static_cast<int>(l) + 1;
        if (!splitCsvLine(lines[l], &f) || f.size() != 2) {
            bad(line, 1, "expected 'key,value'");
            continue;
        }
        const std::string &key = f[0].text;
        const std::string &value = f[1].text;
        const int col = f[1].column;
        if (key != "vary" && !seen.emplace(key, line).second) {
            bad(line, 1, "'" + key + "' given twice");
            continue;
        }
        readKey(
            m, key, value,
            [&](int column, const std::string &message) {
                bad(line, column ? column : 1, message);
            },
            col);
    }
    for (const char *key : {"format", "command", "version", "scenario_sha256", "combinations",
                            "replications", "seed", "shard", "jobs"})
        if (!seen.count(key))
            bad(static_cast<int>(lines.size()), 1, std::string("'") + key + "' is missing");
    if (diags->size() != before)
        return std::nullopt;
    if (m.jobs != m.expectedJobs()) {
        bad(seen["jobs"], 1,
            "the jobs are not those of shard " + m.shard.text() + " of " +
                std::to_string(m.totalJobs()) + " jobs (job k belongs to shard k mod " +
                std::to_string(m.shard.count) + ")");
        return std::nullopt;
    }
    return m;
}

std::optional<std::pair<int, std::string>>
ShardManifest::firstDifference(const ShardManifest &other) const {
    auto text = [](const std::vector<std::string> &v) {
        std::string out;
        for (const auto &s : v)
            out += (out.empty() ? "" : " ") + s;
        return out;
    };
    // Line numbers as write() lays shard.csv out.
    const int v = static_cast<int>(varies.size());
    const std::vector<std::tuple<int, std::string, std::string, std::string>> keys{
        {3, "command", command, other.command},
        {4, "version", version, other.version},
        {5, "scenario_sha256", scenarioSha256, other.scenarioSha256},
        {6, "vary", text(varies), text(other.varies)},
        {6 + v, "combinations", std::to_string(combinations), std::to_string(other.combinations)},
        {7 + v, "replications", std::to_string(replications), std::to_string(other.replications)},
        {8 + v, "seed", std::to_string(seed), std::to_string(other.seed)},
        {9 + v, "shard count", std::to_string(shard.count), std::to_string(other.shard.count)}};
    for (const auto &[line, key, mine, theirs] : keys)
        if (mine != theirs)
            return std::make_pair(line, key + " '" + mine + "' vs '" + theirs + "'");
    return std::nullopt;
}

std::string shardRunsHeader() {
    return "job,seed,node,metric,stat,value\n";
}

void appendShardRun(std::string &buf, std::size_t job, const RunReport &report) {
    const std::string prefix = std::to_string(job) + "," + std::to_string(report.seed) + ",";
    auto row = [&](const std::string &node, const std::string &metric, const std::string &stat,
                   double value) {
        buf += prefix;
        appendCsvField(buf, node);
        buf += ',';
        appendCsvField(buf, metric);
        buf += ',';
        appendCsvField(buf, stat);
        buf += ',';
        buf += formatValue(value);
        buf += '\n';
    };
    for (const auto &r : report.summary)
        row(r.node, r.metric, r.stat, r.value);
    row("run", "events", "value", static_cast<double>(report.eventCount));
    row("run", "messages", "value", static_cast<double>(report.messages));
}

std::optional<std::vector<ShardRun>> parseShardRuns(const std::string &text,
                                                    const std::string &file, Diagnostics *diags) {
    const auto lines = csvLinesOf(text);
    if (lines.empty() || lines[0] + "\n" != shardRunsHeader()) {
        diags->push_back(problem(file, 1, 1, "not a shard's runs file (wrong header)"));
        return std::nullopt;
    }
    std::vector<ShardRun> runs;
    std::vector<CsvField> f;
    for (std::size_t l = 1; l < lines.size(); ++l) {
        const int line = static_cast<int>(l) + 1;
        if (!splitCsvLine(lines[l], &f) || f.size() != 6) {
            diags->push_back(problem(file, line, 1, "expected job,seed,node,metric,stat,value"));
            return std::nullopt;
        }
        const auto job = wholeNumber<std::size_t>(f[0].text);
        const auto seed = wholeNumber<std::uint64_t>(f[1].text);
        const auto value = number(f[5].text);
        if (!job || !seed || !value) {
            const int col = !job ? f[0].column : !seed ? f[1].column : f[5].column;
            diags->push_back(problem(file, line, col, "not a number"));
            return std::nullopt;
        }
        if (runs.empty() || runs.back().job != *job) {
            if (!runs.empty() && runs.back().job > *job) {
                diags->push_back(problem(file, line, f[0].column, "jobs out of order"));
                return std::nullopt;
            }
            runs.emplace_back();
            runs.back().job = *job;
            runs.back().seed = *seed;
            runs.back().report.seed = *seed;
        }
        RunReport &r = runs.back().report;
        if (f[2].text == "run" && f[4].text == "value" &&
            (f[3].text == "events" || f[3].text == "messages")) {
            if (!(*value >= 0 && *value < 1.8e19)) {
                diags->push_back(problem(file, line, f[5].column, "not a count"));
                return std::nullopt;
            }
            (f[3].text == "events" ? r.eventCount : r.messages) =
                static_cast<std::uint64_t>(*value);
        } else {
            r.summary.push_back({f[2].text, f[3].text, f[4].text, *value});
        }
    }
    return runs;
}

} // namespace eventbench::model
