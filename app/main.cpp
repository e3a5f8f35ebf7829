// eventbench: the desktop app, or with `run`/`validate` the headless command line
// (README.md#command-line).
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "app/CommandLine.h"
#include "app/commands/ConversionCommands.h"
#include "app/commands/MergeCommand.h"
#include "app/commands/RunCommand.h"
#include "app/commands/RunsCommand.h"
#include "app/commands/SweepCommand.h"
#include "app/commands/ValidateCommand.h"
#include "app/live/LiveCommand.h"
#include "model/capacity/MemoryEstimate.h"
#include "sim/kernel/MemoryBudget.h"
#include "ui/window/DesktopApp.h"

namespace {

using eventbench::app::CommandLine;

bool envSet(const char *name) {
    const char *v = std::getenv(name);
    return v && *v;
}

/// A window can be shown when X11 or Wayland is there, or Qt was told which platform to use
/// (e.g. QT_QPA_PLATFORM=offscreen).
bool hasDisplay() {
    return envSet("DISPLAY") || envSet("WAYLAND_DISPLAY") || envSet("QT_QPA_PLATFORM");
}

int usageError(const std::string &message) {
    std::fprintf(stderr, "eventbench: %s\n\n%s", message.c_str(),
                 eventbench::app::usageText().c_str());
    return 2;
}

int run(int argc, char **argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const auto parsed = eventbench::app::parseCommandLine(args);
    if (!parsed.command)
        return usageError(parsed.error);
    const CommandLine &cmd = *parsed.command;
    if (cmd.maxMemory > 0)
        eventbench::sim::MemoryBudget::setLimit(cmd.maxMemory);
    switch (cmd.command) {
    case CommandLine::Command::Help:
        std::fputs(eventbench::app::usageText().c_str(), stdout);
        return 0;
    case CommandLine::Command::Version:
        std::printf("eventbench %s\n", EVENTBENCH_VERSION);
        return 0;
    case CommandLine::Command::Run:
        return eventbench::app::runCommand(cmd);
    case CommandLine::Command::Validate:
        return eventbench::app::validateCommand(cmd);
    case CommandLine::Command::Sweep:
        return eventbench::app::sweepCommand(cmd);
    case CommandLine::Command::Merge:
        return eventbench::app::mergeCommand(cmd);
    case CommandLine::Command::Runs:
        return eventbench::app::runsCommand(cmd);
    case CommandLine::Command::Live:
        return eventbench::app::liveCommand(cmd);
    case CommandLine::Command::Import:
        return eventbench::app::importCommand(cmd);
    case CommandLine::Command::Export:
        return eventbench::app::exportCommand(cmd);
    case CommandLine::Command::Open:
        break;
    }
    if (hasDisplay())
        return eventbench::ui::runDesktopApp(argc, argv, cmd.file);
    if (cmd.file.empty())
        return usageError("no display to open the desktop app on (DISPLAY, WAYLAND_DISPLAY "
                          "and QT_QPA_PLATFORM are unset); give a scenario FILE to run it "
                          "headless");
    std::fprintf(stderr,
                 "eventbench: no display (DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM are "
                 "unset); running %s headless instead\n",
                 cmd.file.c_str());
    CommandLine headless = cmd;
    headless.command = CommandLine::Command::Run;
    return eventbench::app::runCommand(headless);
}

} // namespace

int main(int argc, char **argv) {
    // Never crash on the user: anything thrown is an internal error (exit 3).
    try {
        return run(argc, argv);
    } catch (const std::bad_alloc &) {
        // Memory ran out before the budget noticed (the estimate and the engine's counters
        // do not see every allocation): bad input, not a bug.
        std::fflush(stdout);
        std::fprintf(stderr,
                     "eventbench: out of memory (the memory budget is %s; --max-memory sets "
                     "it): the scenario needs more than this machine can give\n",
                     eventbench::model::formatMemory(
                         static_cast<double>(eventbench::sim::MemoryBudget::limit()))
                         .c_str());
        return 2;
    } catch (const std::exception &e) {
        std::fflush(stdout);
        std::fprintf(stderr, "eventbench: internal error: %s\n", e.what());
    } catch (...) {
        std::fflush(stdout);
        std::fprintf(stderr, "eventbench: internal error: unknown exception\n");
    }
    return 3;
}
