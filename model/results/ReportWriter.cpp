#include "model/results/ReportWriter.h"

#include "model/results/CsvLine.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <vector>

namespace eventbench::model {

namespace {

// Bytes gathered before handing them to the stream: large writes, bounded memory.
constexpr std::size_t kFlushBytes = 1 << 20;

void appendValue(std::string &out, double v) {
    char buf[64];
    if (std::isnan(v)) {
        out += "nan";
        return;
    }
    if (std::isinf(v)) {
        out += v > 0 ? "inf" : "-inf";
        return;
    }
    if (v == 0) { // also -0
        out += '0';
        return;
    }
    const double a = std::fabs(v);
    std::to_chars_result r;
    if (a < 1e16 && std::trunc(v) == v)
        r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
    else if (a >= 1e-5 && a < 1e16)
        r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    else
        r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    out.append(buf, r.ptr);
}

void appendUnsigned(std::string &out, std::uint64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

void flushIfLarge(std::ostream &os, std::string &buf) {
    if (buf.size() >= kFlushBytes) {
        os.write(buf.data(), static_cast<std::streamsize>(buf.size()));
        buf.clear();
    }
}

void flushAll(std::ostream &os, std::string &buf) {
    os.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    buf.clear();
}

void appendSeconds(std::string &out, SimTime ns) {
    appendValue(out, static_cast<double>(ns) / 1e9);
}

Diagnostic problem(const std::string &file, std::string message) {
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    d.file = file;
    d.message = std::move(message);
    return d;
}

} // namespace

std::string formatValue(double v) {
    std::string s;
    appendValue(s, v);
    return s;
}

void writeTimeseriesCsv(std::ostream &out, const RunReport &report) {
    std::string buf;
    buf.reserve(kFlushBytes + 4096);
    buf += "time_s,node,metric,value\n";
    // Everything but the value is the same text for every row of a series or a sample.
    std::vector<std::string> middles;
    middles.reserve(report.series.size());
    for (const auto &s : report.series) {
        std::string m = ",";
        appendCsvField(m, s.node);
        m += ',';
        appendCsvField(m, s.metric);
        m += ',';
        middles.push_back(std::move(m));
    }
    std::string time;
    // From the spool, a block of samples at a time (bounded memory whatever the run's length).
    const std::size_t rows =
        report.spool ? std::max<std::size_t>(1, (1u << 20) / (8 * (report.series.size() + 1)))
                     : report.sampleTimes.size();
    std::vector<std::vector<double>> block;
    for (std::size_t from = 0; from < report.sampleTimes.size(); from += rows) {
        if (report.spool)
            report.spool->read(0, report.series.size(), from, from + rows, block);
        for (std::size_t i = from; i < std::min(from + rows, report.sampleTimes.size()); ++i) {
            time.clear();
            appendValue(time, report.sampleTimes[i]);
            for (std::size_t k = 0; k < report.series.size(); ++k) {
                const auto &values = report.spool ? block[k] : report.series[k].values;
                const std::size_t at = report.spool ? i - from : i;
                if (at >= values.size())
                    continue;
                buf += time;
                buf += middles[k];
                appendValue(buf, values[at]);
                buf += '\n';
            }
            flushIfLarge(out, buf);
        }
    }
    flushAll(out, buf);
}

void writeSummaryCsv(std::ostream &out, const RunReport &report) {
    std::string buf;
    buf += "node,metric,stat,value\n";
    for (const auto &row : report.summary) {
        appendCsvField(buf, row.node);
        buf += ',';
        appendCsvField(buf, row.metric);
        buf += ',';
        appendCsvField(buf, row.stat);
        buf += ',';
        appendValue(buf, row.value);
        buf += '\n';
    }
    for (const auto &e : report.expectations) {
        buf += "expect,";
        appendCsvField(buf, e.text);
        buf += e.pass ? ",pass," : ",fail,";
        appendValue(buf, e.measured);
        buf += '\n';
    }
    buf += "run,seed,value,";
    appendUnsigned(buf, report.seed);
    buf += "\nrun,sim_seconds,value,";
    appendValue(buf, report.simSeconds);
    buf += "\nrun,wall_seconds,value,";
    appendValue(buf, report.wallSeconds);
    buf += "\nrun,events,value,";
    appendUnsigned(buf, report.eventCount);
    buf += "\nrun,messages,value,";
    appendUnsigned(buf, report.messages);
    buf += "\nrun,fingerprint,value,";
    static constexpr char kHex[] = "0123456789abcdef";
    for (int shift = 60; shift >= 0; shift -= 4)
        buf += kHex[(report.fingerprint >> shift) & 0xf];
    buf += '\n';
    // Provenance; a run recorded in a store before it was kept has none.
    if (!report.version.empty()) {
        buf += "run,version,value,";
        appendCsvField(buf, report.version);
        buf += "\nrun,scenario_sha256,value,";
        appendCsvField(buf, report.scenarioSha256);
        buf += '\n';
    }
    flushAll(out, buf);
}

void writeEventsCsv(std::ostream &out, const RunReport &report) {
    std::string buf;
    buf.reserve(std::min<std::size_t>(kFlushBytes, 64 * (report.events.size() + 1)));
    buf += "time_s,node,event,detail\n";
    for (const auto &e : report.events) {
        appendSeconds(buf, e.time);
        buf += ',';
        appendCsvField(buf, e.node);
        buf += ',';
        appendCsvField(buf, e.event);
        buf += ',';
        appendCsvField(buf, e.detail);
        buf += '\n';
        flushIfLarge(out, buf);
    }
    flushAll(out, buf);
}

void writePartitionsCsv(std::ostream &out, const RunReport &report) {
    std::string buf = "topic,partition,group,appended,lag_final,lag_max,owner_final\n";
    for (const auto &p : report.partitions) {
        appendCsvField(buf, p.topic);
        buf += ',' + std::to_string(p.partition) + ',';
        appendCsvField(buf, p.group);
        buf += ',' + std::to_string(p.appended) + ',';
        if (!p.group.empty())
            buf += std::to_string(p.lagFinal) + ',' + std::to_string(p.lagMax) + ',' +
                   std::to_string(p.ownerFinal);
        else
            buf += ",,";
        buf += '\n';
        flushIfLarge(out, buf);
    }
    flushAll(out, buf);
}

Diagnostics writeReport(const std::string &dir, const RunReport &report, bool partitions) {
    namespace fs = std::filesystem;
    Diagnostics diags;
    try {
        std::error_code ec;
        const fs::path base(dir);
        fs::create_directories(base, ec);
        if (!fs::is_directory(base)) {
            diags.push_back(problem(dir, "cannot create the report directory" +
                                             (ec ? ": " + ec.message() : std::string())));
            return diags;
        }
        using Writer = void (*)(std::ostream &, const RunReport &);
        const std::pair<const char *, Writer> files[] = {{"timeseries.csv", writeTimeseriesCsv},
                                                         {"summary.csv", writeSummaryCsv},
                                                         {"events.csv", writeEventsCsv},
                                                         {"partitions.csv", writePartitionsCsv}};
        for (const auto &[name, write] : files) {
            if (!partitions && write == writePartitionsCsv)
                continue;
            const fs::path path = base / name;
            std::ofstream f(path, std::ios::binary | std::ios::trunc);
            if (!f) {
                diags.push_back(problem(path.string(), std::string("cannot write the report: ") +
                                                           std::strerror(errno)));
                continue;
            }
            write(f, report);
            f.flush();
            if (!f)
                diags.push_back(problem(path.string(), "error while writing the report"));
        }
    } catch (const std::exception &e) {
        diags.push_back(problem(dir, std::string("cannot write the report: ") + e.what()));
    }
    return diags;
}

} // namespace eventbench::model
