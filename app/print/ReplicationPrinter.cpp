#include "app/print/ReplicationPrinter.h"

#include <algorithm>
#include <cmath>

#include "app/print/SummaryPrinter.h"
#include "model/results/ReportWriter.h"
#include "model/scenario/ExpectationParser.h"
#include "model/scenario/Metrics.h"

namespace eventbench::app {

namespace {

void appendField(std::string &buf, const std::string &text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        buf += text;
        return;
    }
    buf += '"';
    for (char c : text) {
        if (c == '"')
            buf += '"';
        buf += c;
    }
    buf += '"';
}

} // namespace

std::string ReplicationPrinter::meanText(const model::ConfidenceInterval &ci, bool duration) {
    auto text = [duration](double v) {
        return duration ? SummaryPrinter::formatSeconds(v) : SummaryPrinter::formatValue(v);
    };
    const double half = ci.halfWidth();
    if (ci.n < 2 || std::isnan(half) || half == 0)
        return text(ci.mean);
    // An uncertainty needs no more than three digits.
    std::string halfText;
    if (duration) {
        halfText = SummaryPrinter::formatSeconds(half);
    } else {
        char buf[64];
        std::snprintf(buf, sizeof buf, std::fabs(half) >= 100 ? "%.0f" : "%.3g", half);
        halfText = buf;
    }
    return text(ci.mean) + " ± " + halfText;
}

std::string ReplicationPrinter::figure(const std::string &node, const char *metric,
                                       const char *stat, const char *label, bool duration) const {
    const model::ConfidenceInterval ci = m_stats.figure(node, metric, stat);
    return std::string(label) + " " + (ci.n == 0 ? std::string("-") : meanText(ci, duration));
}

std::string ReplicationPrinter::figures(const model::Node &node) const {
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
        parts = {figure(id, "processed", "total", "processed"), figure(id, "lag", "max", "lag max"),
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

void ReplicationPrinter::printTable(std::FILE *out) const {
    std::size_t width = 6;
    for (const auto &n : m_scenario.nodes)
        width = std::max(width, n.id.size());
    const int w = static_cast<int>(width);
    std::fprintf(out, "%-*s  %-8s  %s\n", w, "NODE", "KIND", "FIGURES (mean ± 95% half-width)");
    for (const auto &n : m_scenario.nodes)
        std::fprintf(out, "%-*s  %-8s  %s\n", w, n.id.c_str(), model::toString(n.kind),
                     figures(n).c_str());
    std::string ledger;
    for (const auto &f : model::ledgerFigures())
        ledger += (ledger.empty() ? "" : "  ") + figure("ledger", f.c_str(), "total", f.c_str());
    std::fprintf(out, "%-*s  %-8s  %s\n\n", w, "ledger", "", ledger.c_str());
}

void ReplicationPrinter::printExpectations(
    std::FILE *out, const std::vector<model::RunReport::ExpectationResult> &results,
    bool pessimistic) const {
    const auto &expectations = m_scenario.expectations;
    for (std::size_t i = 0; i < results.size() && i < expectations.size(); ++i) {
        const auto &x = results[i];
        const auto &e = expectations[i];
        const model::ConfidenceInterval ci =
            m_stats.figure(e.node, e.metric, model::statName(e.stat));
        std::string detail;
        if (ci.n == 0) {
            detail = "not measured";
        } else {
            const std::string mean = "mean " + meanText(ci) + ", n " + std::to_string(ci.n);
            const bool upper =
                e.op == model::Expectation::Op::Less || e.op == model::Expectation::Op::LessEq;
            const bool lower = e.op == model::Expectation::Op::Greater ||
                               e.op == model::Expectation::Op::GreaterEq;
            if (pessimistic && (upper || lower))
                detail = std::string(upper ? "upper" : "lower") + " bound " +
                         SummaryPrinter::formatValue(x.measured) + "; " + mean;
            else
                detail = mean;
        }
        std::fprintf(out, "%s  %s  (%s)\n", x.pass ? "PASS" : "FAIL", x.text.c_str(),
                     detail.c_str());
    }
}

std::string ReplicationPrinter::csvHeader(const std::vector<std::string> &prefix) {
    std::string buf;
    for (const auto &p : prefix) {
        appendField(buf, p);
        buf += ',';
    }
    return buf + "node,metric,stat,mean,ci95_low,ci95_high,n\n";
}

void ReplicationPrinter::appendCsvRows(std::string &buf, const std::vector<std::string> &prefix,
                                       const std::vector<model::ReplicationFigure> &figures) {
    std::string lead;
    for (const auto &p : prefix) {
        appendField(lead, p);
        lead += ',';
    }
    for (const auto &f : figures) {
        buf += lead;
        appendField(buf, f.node);
        buf += ',';
        appendField(buf, f.metric);
        buf += ',';
        appendField(buf, f.stat);
        for (double v : {f.ci.mean, f.ci.low, f.ci.high}) {
            buf += ',';
            buf += model::formatValue(v);
        }
        buf += ',' + std::to_string(f.ci.n) + '\n';
    }
}

} // namespace eventbench::app
