// `eventbench runs show ID` and `runs export ID --out DIR` of a sweep recorded by `sweep --db`
// or `merge --db` (issue 17): its context and one line per combination; its sweep.csv, byte
// for byte what `sweep --out` wrote.
#include <filesystem>
#include <string>

#include "app/commands/RunsCommand.h"
#include "app/commands/SweepResults.h"
#include "app/print/DiagnosticPrinter.h"
#include "app/print/TextTable.h"

namespace eventbench::app {

namespace {

std::string verdictText(const model::StoredSweep::Combination &c) {
    if (c.expectations == 0)
        return "-";
    if (c.failed == 0)
        return "PASS";
    return "FAIL (" + std::to_string(c.failed) + " of " + std::to_string(c.expectations) + ")";
}

} // namespace

int showSweep(const model::ResultsStore &store, const model::StoredRun &run,
              const CommandLine &cmd) {
    model::Diagnostics diags;
    const auto sweep = store.loadSweep(run.id, &diags);
    if (!sweep) {
        printDiagnostics(diags);
        return 2;
    }
    const std::size_t combos = sweep->combinations.size();
    std::printf("sweep %lld in %s\n", static_cast<long long>(run.id), cmd.dbFile.c_str());
    char wall[32];
    std::snprintf(wall, sizeof wall, "%.3f s", run.wallSeconds);
    TextTable context({"", ""});
    context.addRow({"scenario", run.scenario});
    context.addRow({"status", run.status + (run.verdict.empty() ? "" : " (" + run.verdict + ")")});
    context.addRow({"seed", std::to_string(run.seed)});
    context.addRow({"options", run.options.empty() ? "-" : run.options});
    context.addRow({"source", run.source});
    context.addRow({"started", run.startedAt});
    context.addRow({"ended", run.endedAt.empty() ? "-" : run.endedAt});
    context.addRow({"wall", wall});
    context.addRow({"combinations", std::to_string(combos)});
    context.addRow({"replications", std::to_string(sweep->replications)});
    context.addRow({"runs", std::to_string(combos * sweep->replications)});
    context.print(stdout, false);
    std::printf("\ncombinations (figures: runs export %lld --out DIR writes sweep.csv)\n",
                static_cast<long long>(run.id));
    std::vector<std::string> header{"#"};
    header.insert(header.end(), sweep->paths.begin(), sweep->paths.end());
    header.push_back("EXPECTATIONS");
    TextTable table(header);
    for (std::size_t c = 0; c < combos; ++c) {
        std::vector<std::string> row{std::to_string(c + 1)};
        const auto &combination = sweep->combinations[c];
        for (std::size_t k = 0; k < sweep->paths.size(); ++k)
            row.push_back(k < combination.values.size() ? combination.values[k] : "");
        row.push_back(verdictText(combination));
        table.addRow(std::move(row));
    }
    table.print(stdout, false);
    return 0;
}

int exportSweep(const model::ResultsStore &store, const model::StoredRun &run,
                const CommandLine &cmd) {
    if (!cmd.metricsOut.empty() || !cmd.reportFile.empty()) {
        model::Diagnostic d;
        d.file = cmd.dbFile;
        d.message = "run " + std::to_string(run.id) +
                    " is a sweep: --metrics-out and --report export one run; --out DIR writes "
                    "its sweep.csv";
        printDiagnostics({d});
        return 2;
    }
    model::Diagnostics diags;
    const auto sweep = store.loadSweep(run.id, &diags);
    if (!sweep) {
        printDiagnostics(diags);
        return 2;
    }
    std::error_code ec;
    std::filesystem::create_directories(cmd.outDir, ec);
    if (!writeSweepCsv(cmd.outDir, *sweep))
        return 2;
    std::printf("exported sweep %lld to %s: sweep.csv\n", static_cast<long long>(run.id),
                cmd.outDir.c_str());
    return 0;
}

} // namespace eventbench::app
