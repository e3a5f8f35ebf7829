#include "model/scenario/Diagnostic.h"

namespace eventbench::model {

std::string Diagnostic::format() const {
    std::string out = file;
    // A position inside a --set value's text would point into the file at the wrong place.
    if (where.line > 0 && where.origin < 0) {
        out += ':' + std::to_string(where.line);
        if (where.column > 0)
            out += ':' + std::to_string(where.column);
    }
    out += severity == Severity::Error ? ": error: " : ": warning: ";
    out += message;
    return out;
}

} // namespace eventbench::model
