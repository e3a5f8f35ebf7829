#pragma once
// Entry point of the desktop app (README.md#command-line `eventbench [FILE]`), called by
// app/main.cpp.
#include <string>

namespace eventbench::ui {

/// Creates the QApplication and the main window, opens `file` when it is not empty (a file
/// with errors leaves an empty canvas and shows its diagnostics) and runs the event loop.
/// Returns the application's exit code.
int runDesktopApp(int argc, char **argv, const std::string &file);

} // namespace eventbench::ui
