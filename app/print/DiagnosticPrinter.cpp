#include "app/print/DiagnosticPrinter.h"

#include <cstdio>

namespace eventbench::app {

void printDiagnostics(const model::Diagnostics &diagnostics) {
    for (const auto &d : diagnostics)
        std::fprintf(stderr, "%s\n", d.format().c_str());
    std::fflush(stderr);
}

void printErrors(const model::Diagnostics &diagnostics) {
    for (const auto &d : diagnostics)
        if (d.severity == model::Diagnostic::Severity::Error)
            std::fprintf(stderr, "%s\n", d.format().c_str());
    std::fflush(stderr);
}

} // namespace eventbench::app
