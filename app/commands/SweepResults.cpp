#include "app/commands/SweepResults.h"

#include <filesystem>

#include "app/commands/RunRecording.h"
#include "app/commands/TextFile.h"
#include "app/print/DiagnosticPrinter.h"
#include "app/print/ReplicationPrinter.h"
#include "model/results/Sha256.h"

namespace eventbench::app {

std::string sweepCsv(const model::StoredSweep &sweep) {
    std::string csv = ReplicationPrinter::csvHeader(sweep.paths);
    for (const auto &c : sweep.combinations)
        ReplicationPrinter::appendCsvRows(csv, c.values, c.figures);
    return csv;
}

bool writeSweepCsv(const std::string &outDir, const model::StoredSweep &sweep) {
    return writeTextFile(std::filesystem::path(outDir) / "sweep.csv", sweepCsv(sweep));
}

bool SweepDb::open(const CommandLine &cmd) {
    if (cmd.dbFile.empty())
        return true;
    const model::Diagnostics diags = m_store.open(cmd.dbFile);
    printDiagnostics(diags);
    m_record.startedAt = utcNow();
    return diags.empty();
}

void SweepDb::describe(const model::Scenario &base, const std::string &scenarioYaml,
                       const model::SweepPlan &plan, std::size_t replications,
                       const std::string &note) {
    m_record.scenario = base.name;
    m_record.seed = base.seed;
    m_record.scenarioText = scenarioYaml;
    m_record.nodes = model::RunRecord::nodesOf(base);
    m_record.source = "cli";
    std::string options;
    for (const auto &k : plan.knobs) {
        options += "--vary " + k.path + "=";
        for (std::size_t i = 0; i < k.values.size(); ++i)
            options += (i ? "," : "") + k.values[i];
        options += ' ';
    }
    m_record.options = options + "--replications " + std::to_string(replications) +
                       (note.empty() ? "" : " " + note);
    m_sha256 = model::sha256Hex(scenarioYaml);
}

bool SweepDb::record(const model::StoredSweep &sweep, double wallSeconds) {
    model::Diagnostics diags;
    if (m_store.recordSweep(m_record, sweep, wallSeconds, m_sha256, &diags))
        return true;
    printDiagnostics(diags);
    return false;
}

} // namespace eventbench::app
