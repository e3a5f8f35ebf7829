#include "ValidateCommand.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "CapacityAnalysis.h"
#include "DiagnosticPrinter.h"
#include "SummaryPrinter.h"
#include "model/ScenarioLoader.h"

namespace eventbench::app {

namespace {

std::string rate(double perSecond) {
    return SummaryPrinter::formatValue(std::round(perSecond * 100) / 100) + "/s";
}

void printCapacity(const model::Scenario &s) {
    const auto rows = analyseCapacity(s);
    if (rows.empty())
        return;
    std::size_t width = 8;
    for (const auto &r : rows)
        width = std::max(width, r.node.size());
    const int w = static_cast<int>(width);
    std::printf("\ncapacity (mean rates over the run; faults ignored, filters assumed to "
                "match):\n");
    std::printf("%-*s  %-8s  %12s  %12s  %12s  %11s\n", w, "NODE", "KIND", "IN", "PEAK IN",
                "CAPACITY", "UTILIZATION");
    for (const auto &r : rows) {
        char util[32] = "-";
        if (r.capacity > 0)
            std::snprintf(util, sizeof util, "%.1f%%", 100 * r.utilization());
        const std::string cap = r.capacity > 0 ? rate(r.capacity) : "unlimited";
        std::printf("%-*s  %-8s  %12s  %12s  %12s  %11s\n", w, r.node.c_str(), r.kind.c_str(),
                    rate(r.inRate).c_str(), rate(r.peakRate).c_str(), cap.c_str(), util);
    }
    for (const auto &r : rows) {
        if (r.capacity <= 0)
            continue;
        if (r.inRate >= r.capacity)
            std::printf("warning: %s is overloaded on average (%.0f%%): its backlog will grow "
                        "for the whole run\n",
                        r.node.c_str(), 100 * r.utilization());
        else if (r.peakRate > r.capacity)
            std::printf("note: %s is overloaded at peak rate; it falls behind during bursts\n",
                        r.node.c_str());
    }
}

} // namespace

int validateCommand(const CommandLine &cmd) {
    model::LoadResult loaded = model::loadScenarioFile(cmd.file, cmd.overrides);
    printDiagnostics(loaded.diagnostics);
    if (!loaded.scenario || model::hasErrors(loaded.diagnostics))
        return 2;
    const model::Scenario &s = *loaded.scenario;
    std::printf("%s: ok: scenario '%s', %zu nodes, %zu edges, %zu faults, %zu expectations\n",
                cmd.file.c_str(), s.name.c_str(), s.nodes.size(), s.edges.size(), s.faults.size(),
                s.expectations.size());
    printCapacity(s);
    std::fflush(stdout);
    return 0;
}

} // namespace eventbench::app
