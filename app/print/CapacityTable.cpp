#include "app/print/CapacityTable.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/print/SummaryPrinter.h"

namespace eventbench::app {

namespace {

std::string rate(double perSecond) {
    return SummaryPrinter::formatValue(std::round(perSecond * 100) / 100) + "/s";
}

std::string percent(double rho) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", 100 * rho);
    return buf;
}

std::string suggestion(const model::ConsumerCapacity &c) {
    if (c.suggestedInstances <= 0)
        return "none suffices";
    std::string s = std::to_string(c.suggestedInstances) +
                    (c.suggestedInstances == 1 ? " instance" : " instances");
    if (c.suggestedPartitions > 0)
        s += " x " + std::to_string(c.suggestedPartitions) +
             (c.suggestedPartitions == 1 ? " partition" : " partitions");
    return s;
}

// Plain numbers for machines: integers without a fraction, others with 9 significant digits.
std::string number(double v) {
    if (!std::isfinite(v))
        return "";
    char buf[64];
    if (std::trunc(v) == v && std::abs(v) < 1e15)
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else
        std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

// RFC 4180: quote a field with a comma, quote or line break.
std::string field(const std::string &s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos)
        return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"')
            q += '"';
        q += c;
    }
    return q + "\"";
}

} // namespace

void CapacityTable::printText(std::FILE *out) const {
    const auto &rows = m_report.consumers;
    if (rows.empty())
        return;
    const std::vector<std::string> header = {"CONSUMER",   "ARRIVALS", "PEAK", "SERVERS",
                                             "UTIL",       "P(WAIT)",  "WAIT", "LATENCY",
                                             "LAG GROWTH", "SUGGESTED"};
    std::vector<std::vector<std::string>> table{header};
    for (const auto &c : rows)
        table.push_back({c.node, rate(c.lambda), rate(c.peakLambda), std::to_string(c.servers),
                         percent(c.utilization), percent(c.waitProbability),
                         SummaryPrinter::formatSeconds(c.predictedWait),
                         SummaryPrinter::formatSeconds(c.predictedLatency),
                         c.lagGrowth > 0 ? "+" + rate(c.lagGrowth) : "-", suggestion(c)});
    std::vector<std::size_t> width(header.size(), 0);
    for (const auto &row : table)
        for (std::size_t i = 0; i < row.size(); ++i)
            width[i] = std::max(width[i], row[i].size());
    std::fprintf(out, "\ncapacity (steady state at the mean rates over the run; latency from "
                      "origin to completion):\n");
    for (const auto &row : table) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            // Names and the suggestion left-aligned, figures right-aligned.
            const bool left = i == 0 || i + 1 == row.size();
            const std::string pad(width[i] - row[i].size(), ' ');
            line += left ? row[i] + (i + 1 == row.size() ? "" : pad) : pad + row[i];
            if (i + 1 < row.size())
                line += "  ";
        }
        std::fprintf(out, "%s\n", line.c_str());
    }
    for (const auto &c : rows) {
        const double peakRho = c.lambda > 0 ? c.utilization * c.peakLambda / c.lambda : 0;
        if (c.overloaded)
            std::fprintf(out,
                         "warning: %s cannot keep up (%s busy at its busiest station): its lag "
                         "grows by %s; the latency shown is the mean over this run's length\n",
                         c.node.c_str(), percent(c.utilization).c_str(), rate(c.lagGrowth).c_str());
        else if (peakRho >= 1)
            std::fprintf(out,
                         "note: %s falls behind at the peak rate (%s busy); it catches up "
                         "when the rate drops\n",
                         c.node.c_str(), percent(peakRho).c_str());
    }
}

void CapacityTable::printCsv(std::FILE *out) const {
    std::fprintf(out, "%s\n", kCsvHeader);
    for (const auto &c : m_report.consumers) {
        const std::string row =
            field(c.node) + "," + number(c.lambda) + "," + number(c.peakLambda) + "," +
            number(static_cast<double>(c.servers)) + "," + number(c.utilization) + "," +
            number(c.waitProbability) + "," + number(c.predictedWait) + "," +
            number(c.predictedLatency) + "," + number(c.lagGrowth) + "," +
            (c.suggestedInstances > 0 ? number(c.suggestedInstances) : "") + "," +
            (c.suggestedPartitions > 0 ? number(c.suggestedPartitions) : "");
        std::fprintf(out, "%s\n", row.c_str());
    }
}

} // namespace eventbench::app
