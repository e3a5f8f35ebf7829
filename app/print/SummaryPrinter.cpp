#include "app/print/SummaryPrinter.h"

#include <algorithm>
#include <cmath>

#include "app/print/NodeFigureTable.h"
#include "model/store/ResultsStore.h"

namespace eventbench::app {

std::string SummaryPrinter::formatValue(double v) {
    char buf[64];
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else
        std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

std::string SummaryPrinter::formatSeconds(double s) {
    if (std::isnan(s) || std::isinf(s))
        return formatValue(s);
    char buf[64];
    const double a = std::fabs(s);
    if (a == 0)
        return "0s";
    if (a < 1e-3)
        std::snprintf(buf, sizeof buf, "%.3gus", s * 1e6);
    else if (a < 1)
        std::snprintf(buf, sizeof buf, "%.3gms", s * 1e3);
    else
        std::snprintf(buf, sizeof buf, "%.4gs", s);
    return buf;
}

void SummaryPrinter::printTable(std::FILE *out) const {
    NodeFigureTable::print(out, m_scenario, "FIGURES", NodeFigureTable::Runs::Single,
                           [this](const std::string &node, const std::string &metric,
                                  const std::string &stat, bool duration) {
                               const auto *row = m_report.find(node, metric, stat);
                               if (!row)
                                   return std::string("-");
                               return duration ? formatSeconds(row->value)
                                               : formatValue(row->value);
                           });
}

void SummaryPrinter::printExpectations(std::FILE *out) const {
    for (const auto &x : m_report.expectations) {
        const std::string measured =
            x.known ? "measured " + formatValue(x.measured) : "not measured";
        std::fprintf(out, "%s  %s  (%s)\n", x.pass ? "PASS" : "FAIL", x.text.c_str(),
                     measured.c_str());
    }
}

void SummaryPrinter::printRunFigures(std::FILE *out) const {
    std::fprintf(out,
                 "\nrun: seed %llu  simulated %ss  events %llu  messages %llu  wall %.3fs  "
                 "fingerprint %s\n",
                 static_cast<unsigned long long>(m_report.seed),
                 formatValue(m_report.simSeconds).c_str(),
                 static_cast<unsigned long long>(m_report.eventCount),
                 static_cast<unsigned long long>(m_report.messages), m_report.wallSeconds,
                 model::ResultsStore::formatFingerprint(m_report.fingerprint).c_str());
}

} // namespace eventbench::app
