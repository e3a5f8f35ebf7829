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

bool reportStopped(const std::string &file, const model::RunReport &report,
                   const std::string &prefix) {
    if (report.stopReason.empty())
        return false;
    std::fflush(stdout);
    model::Diagnostic d;
    d.file = file;
    d.message = prefix + report.stopReason;
    printDiagnostics({d});
    return true;
}

} // namespace eventbench::app
