#include "app/commands/TextFile.h"

#include <fstream>

#include "app/print/DiagnosticPrinter.h"

namespace eventbench::app {

bool writeTextFile(const std::filesystem::path &path, const std::string &text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (out)
        return true;
    model::Diagnostic d;
    d.file = path.string();
    d.message = "cannot write the file";
    printDiagnostics({d});
    return false;
}

} // namespace eventbench::app
