#include "app/print/ReplicationPrinter.h"

#include <algorithm>
#include <cmath>

#include "app/print/NodeFigureTable.h"
#include "app/print/SummaryPrinter.h"
#include "model/results/CsvLine.h"
#include "model/results/ReportWriter.h"
#include "model/scenario/ExpectationParser.h"

namespace eventbench::app {

namespace {} // namespace

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

void ReplicationPrinter::printTable(std::FILE *out) const {
    NodeFigureTable::print(
        out, m_scenario, "FIGURES (mean ± 95% half-width)", NodeFigureTable::Runs::Replicated,
        [this](const std::string &node, const std::string &metric, const std::string &stat,
               bool duration) {
            const model::ConfidenceInterval ci = m_stats.figure(node, metric, stat);
            return ci.n == 0 ? std::string("-") : meanText(ci, duration);
        });
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
        model::appendCsvField(buf, p);
        buf += ',';
    }
    return buf + "node,metric,stat,mean,ci95_low,ci95_high,n\n";
}

void ReplicationPrinter::appendCsvRows(std::string &buf, const std::vector<std::string> &prefix,
                                       const std::vector<model::ReplicationFigure> &figures) {
    std::string lead;
    for (const auto &p : prefix) {
        model::appendCsvField(lead, p);
        lead += ',';
    }
    for (const auto &f : figures) {
        buf += lead;
        model::appendCsvField(buf, f.node);
        buf += ',';
        model::appendCsvField(buf, f.metric);
        buf += ',';
        model::appendCsvField(buf, f.stat);
        for (double v : {f.ci.mean, f.ci.low, f.ci.high}) {
            buf += ',';
            buf += model::formatValue(v);
        }
        buf += ',' + std::to_string(f.ci.n) + '\n';
    }
}

} // namespace eventbench::app
