#include "app/print/SummaryPrinter.h"

#include <algorithm>
#include <cmath>

#include "model/scenario/Metrics.h"
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

std::string SummaryPrinter::figure(const std::string &node, const char *metric, const char *stat,
                                   const char *label, bool duration) const {
    const auto *row = m_report.find(node, metric, stat);
    const std::string value =
        row ? (duration ? formatSeconds(row->value) : formatValue(row->value)) : "-";
    return std::string(label) + " " + value;
}

std::string SummaryPrinter::figures(const model::Node &node) const {
    using model::NodeKind;
    const std::string &id = node.id;
    std::vector<std::string> parts;
    switch (node.kind) {
    case NodeKind::Producer:
        parts = {figure(id, "produced", "total", "produced"),
                 figure(id, "published", "total", "published")};
        break;
    case NodeKind::Topic:
        parts = {figure(id, "appended", "total", "appended")};
        break;
    case NodeKind::Queue:
        parts = {figure(id, "enqueued", "total", "enqueued"),
                 figure(id, "depth", "final", "depth final"),
                 figure(id, "dead_lettered", "total", "dead_lettered")};
        break;
    case NodeKind::Exchange:
        parts = {figure(id, "routed", "total", "routed"),
                 figure(id, "unroutable", "total", "unroutable")};
        break;
    case NodeKind::Consumer:
        parts = {figure(id, "received", "total", "received"),
                 figure(id, "processed", "total", "processed"), figure(id, "lag", "max", "lag max"),
                 figure(id, "latency", "mean", "latency mean", true),
                 figure(id, "latency", "p99", "p99", true)};
        break;
    case NodeKind::Store:
        parts = {figure(id, "writes", "total", "writes"),
                 figure(id, "duplicate_writes", "total", "duplicate_writes")};
        break;
    }
    std::string text;
    for (const auto &p : parts)
        text += (text.empty() ? "" : "  ") + p;
    return text;
}

void SummaryPrinter::printTable(std::FILE *out) const {
    std::size_t width = 6;
    for (const auto &n : m_scenario.nodes)
        width = std::max(width, n.id.size());
    const int w = static_cast<int>(width);
    std::fprintf(out, "%-*s  %-8s  %s\n", w, "NODE", "KIND", "FIGURES");
    for (const auto &n : m_scenario.nodes)
        std::fprintf(out, "%-*s  %-8s  %s\n", w, n.id.c_str(), model::toString(n.kind),
                     figures(n).c_str());
    std::string ledger;
    for (const auto &f : model::ledgerFigures())
        ledger += (ledger.empty() ? "" : "  ") + figure("ledger", f.c_str(), "total", f.c_str());
    std::fprintf(out, "%-*s  %-8s  %s\n\n", w, "ledger", "", ledger.c_str());
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
