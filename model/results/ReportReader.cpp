#include "model/results/ReportReader.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "model/results/CsvLine.h"

namespace eventbench::model {

namespace {

/// One CSV file of a report: its rows after the header, or a diagnostic.
class CsvFile {
  public:
    CsvFile(const std::filesystem::path &path, const std::string &header, Diagnostics *diags)
        : m_file(path.string()), m_diags(diags) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        m_lines = csvLinesOf(text.str());
        if (!in || m_lines.empty() || m_lines[0] != header)
            fail(1, 1,
                 "not a report's file (cannot be read, or its header is not '" + header + "')");
    }
    bool ok() const { return m_ok; }
    std::size_t rows() const { return m_ok ? m_lines.size() - 1 : 0; }
    /// Row `r` (0-based, after the header) with exactly 4 fields; false (reported) otherwise.
    bool row(std::size_t r, std::vector<CsvField> *f) {
        if (!splitCsvLine(m_lines[r + 1], f) || f->size() != 4)
            return fail(static_cast<int>(r) + 2, 1, "expected 4 fields");
        return true;
    }
    std::optional<double> number(std::size_t r, const CsvField &f) {
        double v = 0;
        const auto end = f.text.data() + f.text.size();
        const auto res = std::from_chars(f.text.data(), end, v);
        if (f.text.empty() || res.ec != std::errc() || res.ptr != end) {
            fail(static_cast<int>(r) + 2, f.column, "not a number: '" + f.text + "'");
            return std::nullopt;
        }
        return v;
    }
    bool fail(int line, int column, const std::string &message) {
        Diagnostic d;
        d.file = m_file;
        d.where.line = line;
        d.where.column = column;
        d.message = message;
        m_diags->push_back(d);
        m_ok = false;
        return false;
    }

  private:
    std::string m_file;
    Diagnostics *m_diags;
    std::vector<std::string> m_lines;
    bool m_ok = true;
};

bool readTimeseries(CsvFile &csv, RunReport &report) {
    std::unordered_map<std::string, std::size_t> index;
    std::vector<CsvField> f;
    for (std::size_t r = 0; r < csv.rows(); ++r) {
        if (!csv.row(r, &f))
            return false;
        const auto time = csv.number(r, f[0]);
        const auto value = csv.number(r, f[3]);
        if (!time || !value)
            return false;
        if (report.sampleTimes.empty() || report.sampleTimes.back() != *time)
            report.sampleTimes.push_back(*time);
        const auto [it, fresh] =
            index.try_emplace(f[1].text + '\n' + f[2].text, report.series.size());
        if (fresh)
            report.series.push_back({f[1].text, f[2].text, {}});
        report.series[it->second].values.push_back(*value);
    }
    return csv.ok();
}

/// The run's own figure `metric` (`run,<metric>,value,...`) into `report`; false when it is
/// not one of them (a summary row such as run,warmup_s).
bool readRunFigure(const std::string &metric, const std::string &text, double value,
                   RunReport &report) {
    if (metric == "seed")
        report.seed = static_cast<std::uint64_t>(std::stoull(text));
    else if (metric == "sim_seconds")
        report.simSeconds = value;
    else if (metric == "wall_seconds")
        report.wallSeconds = value;
    else if (metric == "events")
        report.eventCount = static_cast<std::uint64_t>(std::stoull(text));
    else if (metric == "messages")
        report.messages = static_cast<std::uint64_t>(std::stoull(text));
    else
        return false;
    return true;
}

bool readSummary(CsvFile &csv, RunReport &report) {
    std::vector<CsvField> f;
    for (std::size_t r = 0; r < csv.rows(); ++r) {
        if (!csv.row(r, &f))
            return false;
        const bool runRow = f[0].text == "run" && f[2].text == "value";
        if (runRow && (f[1].text == "fingerprint" || f[1].text == "version" ||
                       f[1].text == "scenario_sha256")) {
            if (f[1].text == "fingerprint")
                report.fingerprint = std::stoull(f[3].text, nullptr, 16);
            else
                (f[1].text == "version" ? report.version : report.scenarioSha256) = f[3].text;
            continue;
        }
        const auto value = csv.number(r, f[3]);
        if (!value)
            return false;
        if (f[0].text == "expect") {
            report.expectations.push_back(
                {f[1].text, f[2].text == "pass", *value, !std::isnan(*value)});
        } else if (!runRow || !readRunFigure(f[1].text, f[3].text, *value, report)) {
            report.summary.push_back({f[0].text, f[1].text, f[2].text, *value});
        }
    }
    return csv.ok();
}

bool readEvents(CsvFile &csv, RunReport &report) {
    std::vector<CsvField> f;
    for (std::size_t r = 0; r < csv.rows(); ++r) {
        if (!csv.row(r, &f))
            return false;
        const auto time = csv.number(r, f[0]);
        if (!time)
            return false;
        report.events.push_back(
            {static_cast<SimTime>(std::llround(*time * 1e9)), f[1].text, f[2].text, f[3].text});
    }
    return csv.ok();
}

} // namespace

std::optional<RunReport> readReport(const std::string &dir, Diagnostics *diags) {
    const std::filesystem::path root(dir);
    RunReport report;
    try {
        CsvFile series(root / "timeseries.csv", "time_s,node,metric,value", diags);
        CsvFile summary(root / "summary.csv", "node,metric,stat,value", diags);
        CsvFile events(root / "events.csv", "time_s,node,event,detail", diags);
        if (!series.ok() || !summary.ok() || !events.ok() || !readTimeseries(series, report) ||
            !readSummary(summary, report) || !readEvents(events, report))
            return std::nullopt;
    } catch (const std::exception &) { // stoull on a damaged seed, count or fingerprint
        Diagnostic d;
        d.file = (root / "summary.csv").string();
        d.message = "a run figure is not a whole number";
        diags->push_back(d);
        return std::nullopt;
    }
    report.readUnaccounted();
    return report;
}

} // namespace eventbench::model
