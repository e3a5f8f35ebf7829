#include "app/commands/MemoryCheck.h"

#include <cstdio>

#include "app/commands/RunRecording.h"
#include "app/print/DiagnosticPrinter.h"
#include "model/capacity/MemoryEstimate.h"
#include "sim/kernel/MemoryBudget.h"

namespace eventbench::app {

bool fitsMemoryBudget(const std::string &file, const std::vector<std::string> &overrides,
                      const model::Scenario &scenario) {
    const model::Diagnostics diags =
        model::checkMemoryBudget(scenario, sim::MemoryBudget::limit(), readFile(file), overrides);
    printDiagnostics(diags);
    return !model::hasErrors(diags);
}

bool reportStopped(const model::RunReport &report) {
    if (report.stopped.empty())
        return false;
    std::fflush(stdout);
    std::fprintf(stderr, "eventbench: %s\n", report.stopped.c_str());
    return true;
}

} // namespace eventbench::app
