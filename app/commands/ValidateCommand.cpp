#include "app/commands/ValidateCommand.h"

#include <algorithm>
#include <cstdio>

#include "app/commands/RunRecording.h"
#include "app/print/CapacityTable.h"
#include "app/print/DiagnosticPrinter.h"
#include "model/capacity/CapacityModel.h"
#include "model/capacity/MemoryEstimate.h"
#include "model/topology/TopologyDiagnostics.h"
#include "model/topology/TopologyGraph.h"
#include "model/yaml/ScenarioLoader.h"
#include "sim/kernel/MemoryBudget.h"

namespace eventbench::app {

int validateCommand(const CommandLine &cmd) {
    model::LoadResult loaded = model::loadScenarioFile(cmd.file, cmd.overrides);
    model::Diagnostics diagnostics = loaded.diagnostics;
    if (!loaded.scenario || model::hasErrors(diagnostics)) {
        printDiagnostics(diagnostics);
        return 2;
    }
    const model::Scenario &s = *loaded.scenario;
    const model::TopologyGraph graph(s);
    // The loader already reports the topology's errors; add its warnings once each.
    for (const model::Diagnostic &d : model::topologyDiagnostics(graph)) {
        if (d.severity != model::Diagnostic::Severity::Warning)
            continue;
        const std::string text = d.format();
        if (std::none_of(diagnostics.begin(), diagnostics.end(),
                         [&](const model::Diagnostic &x) { return x.format() == text; }))
            diagnostics.push_back(d);
    }
    // What the scenario would need at run time, against the same budget `run` uses.
    const model::Diagnostics memory =
        model::checkMemoryBudget(s, sim::MemoryBudget::limit(), readFile(cmd.file), cmd.overrides);
    diagnostics.insert(diagnostics.end(), memory.begin(), memory.end());
    if (model::hasErrors(memory)) {
        printDiagnostics(diagnostics);
        return 2;
    }
    const model::CapacityReport report = model::analyseCapacity(graph);
    diagnostics.insert(diagnostics.end(), report.warnings.begin(), report.warnings.end());
    printDiagnostics(diagnostics);
    const CapacityTable table(report);
    if (cmd.format == CommandLine::Format::Csv) {
        table.printCsv(stdout);
    } else {
        std::printf("%s: ok: scenario '%s', %zu nodes, %zu edges, %zu faults, %zu expectations\n",
                    cmd.file.c_str(), s.name.c_str(), s.nodes.size(), s.edges.size(),
                    s.faults.size(), s.expectations.size());
        table.printText(stdout);
    }
    std::fflush(stdout);
    return 0;
}

} // namespace eventbench::app
