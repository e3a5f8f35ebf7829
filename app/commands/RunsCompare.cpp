// `eventbench runs compare A B`: both runs' figures side by side (run figures, every summary
// row, every expectation) with the difference B - A and the ratio B / A; rows that differ are
// marked (text) or flagged (`changed` column in CSV).
#include <optional>
#include <string>
#include <vector>

#include "app/commands/RunsCommand.h"
#include "app/print/DiagnosticPrinter.h"
#include "app/print/SummaryPrinter.h"
#include "app/print/TextTable.h"
#include "model/results/CsvLine.h"
#include "model/results/ReportWriter.h"
#include "model/store/ResultsStoreCompare.h"

namespace eventbench::app {

namespace {

std::string textOf(const std::optional<double> &v, const std::optional<std::string> &t,
                   bool exact) {
    if (t)
        return *t;
    if (!v)
        return exact ? "" : "-";
    return exact ? model::formatValue(*v) : SummaryPrinter::formatValue(*v);
}

std::string signedText(const std::optional<double> &v, bool exact) {
    if (!v)
        return exact ? "" : "-";
    const std::string s = exact ? model::formatValue(*v) : SummaryPrinter::formatValue(*v);
    return *v > 0 ? "+" + s : s;
}

std::string ratioText(const std::optional<double> &v, bool exact) {
    if (!v)
        return exact ? "" : "-";
    if (exact)
        return model::formatValue(*v);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", *v);
    return buf;
}

std::string describe(const model::StoredRun &r) {
    std::string s = r.scenario + "  seed " + std::to_string(r.seed) + "  " + r.startedAt + "  " +
                    r.status + (r.verdict.empty() ? "" : " (" + r.verdict + ")");
    return r.options.empty() ? s : s + "  " + r.options;
}

} // namespace

int compareRuns(const model::ResultsStore &store, std::int64_t idA, std::int64_t idB,
                CommandLine::Format format, std::FILE *out) {
    model::Diagnostics diags;
    const auto ra = store.findRun(idA, &diags);
    const auto rb = store.findRun(idB, &diags);
    const auto a = ra ? store.loadReport(idA, &diags, false) : std::nullopt;
    const auto b = rb ? store.loadReport(idB, &diags, false) : std::nullopt;
    if (!a || !b) {
        printDiagnostics(diags);
        return 2;
    }
    const std::vector<model::ComparedFigure> rows = model::compareRuns(*ra, *a, *rb, *b);
    if (format == CommandLine::Format::Csv) {
        std::fprintf(out, "node,metric,stat,a,b,diff,ratio,changed\n");
        for (const auto &f : rows)
            std::fprintf(out, "%s,%s,%s,%s,%s,%s,%s,%d\n", model::csvField(f.node).c_str(),
                         model::csvField(f.metric).c_str(), model::csvField(f.stat).c_str(),
                         textOf(f.a, f.textA, true).c_str(), textOf(f.b, f.textB, true).c_str(),
                         signedText(f.diff(), true).c_str(), ratioText(f.ratio(), true).c_str(),
                         f.changed() ? 1 : 0);
        return 0;
    }
    const std::string nameA = "run " + std::to_string(idA);
    const std::string nameB = "run " + std::to_string(idB);
    std::fprintf(out, "%s  %s\n%s  %s\n\n", nameA.c_str(), describe(*ra).c_str(), nameB.c_str(),
                 describe(*rb).c_str());
    TextTable table({"NODE", "METRIC", "STAT", nameA, nameB, "DIFF", "RATIO"}, true);
    std::size_t changed = 0;
    for (const auto &f : rows) {
        changed += f.changed() ? 1 : 0;
        table.addRow({f.node, f.metric, f.stat, textOf(f.a, f.textA, false),
                      textOf(f.b, f.textB, false), f.numeric() ? signedText(f.diff(), false) : "",
                      f.numeric() ? ratioText(f.ratio(), false) : ""},
                     f.changed());
    }
    table.print(out, TextTable::colourFor(out));
    std::fprintf(out, "\n%zu of %zu figures differ (marked *)\n", changed, rows.size());
    return 0;
}

} // namespace eventbench::app
