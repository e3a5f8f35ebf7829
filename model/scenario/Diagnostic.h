#pragma once
// A problem found in user input, reported as `FILE:LINE:COL: error: message`
// (README.md#exit-codes).
#include <string>
#include <vector>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

struct Diagnostic {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    std::string file;
    SourcePos where;
    std::string message;
    std::string nodeId; // the node it concerns, when there is one (for editor badges)

    /// `FILE:LINE:COL: error: message` (line/col omitted when unknown).
    std::string format() const;
};

using Diagnostics = std::vector<Diagnostic>;

inline bool hasErrors(const Diagnostics &d) {
    for (const auto &x : d)
        if (x.severity == Diagnostic::Severity::Error)
            return true;
    return false;
}

} // namespace eventbench::model
