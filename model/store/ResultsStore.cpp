// The results store's life cycle of a run: begun as `running`, appended to in batches, and
// ended as complete, failed or interrupted; and its deletion. The schema and opening are in
// ResultsStoreSchema.cpp, the row writers in ResultsStoreWrite.cpp, the reads in
// ResultsStoreQueries.cpp.
#include "model/store/ResultsStore.h"

#include <cinttypes>
#include <cstdio>

#include "model/store/ResultsStoreOwner.h"

namespace eventbench::model {

std::vector<std::pair<std::string, NodeKind>> RunRecord::nodesOf(const Scenario &scenario) {
    std::vector<std::pair<std::string, NodeKind>> nodes;
    for (const Node &n : scenario.nodes)
        nodes.emplace_back(n.id, n.kind);
    return nodes;
}

void ResultsStore::close() {
    m_db.close();
    m_progress.clear();
}

std::string ResultsStore::formatFingerprint(std::uint64_t fingerprint) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%016" PRIx64, fingerprint);
    return buf;
}

std::string ResultsStore::effectiveStatus(const std::string &status, const std::string &owner) {
    if (status == "running" && runOwnerState(owner) == OwnerState::Gone)
        return "interrupted";
    return status;
}

Diagnostic ResultsStore::error(const std::string &message) const {
    Diagnostic d;
    d.file = m_path;
    d.message = message;
    return d;
}

bool ResultsStore::fail(Diagnostics *diags, const std::string &what) const {
    if (diags)
        diags->push_back(error(what + ": " + m_db.errorMessage()));
    return false;
}

std::optional<std::int64_t>
ResultsStore::beginRun(const RunRecord &record,
                       const std::vector<std::pair<std::string, std::string>> &series,
                       Diagnostics *diags) {
    SqliteDb::Transaction tx(m_db);
    if (!tx.began()) {
        fail(diags, "cannot record the run");
        return std::nullopt;
    }
    SqliteDb::Statement run(m_db, "INSERT INTO runs(scenario, scenario_text, seed, options, "
                                  "source, started_at, status, owner, wall_seconds) "
                                  "VALUES(?, ?, ?, ?, ?, ?, 'running', ?, 0)");
    run.bind(1, record.scenario);
    run.bind(2, record.scenarioText);
    // SQLite integers are signed 64-bit; a seed above 2^63 keeps its bit pattern.
    run.bind(3, static_cast<std::int64_t>(record.seed));
    run.bind(4, record.options);
    run.bind(5, record.source);
    run.bind(6, record.startedAt);
    run.bind(7, currentRunOwner());
    if (!run.run()) {
        fail(diags, "cannot record the run");
        return std::nullopt;
    }
    const std::int64_t id = m_db.lastInsertId();
    Progress progress;
    if (!writeNodes(id, record.nodes) || !writeSeries(id, progress, series) || !tx.commit()) {
        fail(diags, "cannot record the run");
        return std::nullopt;
    }
    m_progress[id] = progress;
    return id;
}

bool ResultsStore::appendBatch(std::int64_t runId, const SampleSnapshot &batch, double wallSeconds,
                               Diagnostics *diags) {
    const auto it = m_progress.find(runId);
    if (it == m_progress.end()) {
        if (diags)
            diags->push_back(error("run " + std::to_string(runId) + " is not being recorded"));
        return false;
    }
    Progress progress = it->second; // kept only if the transaction commits
    std::vector<const std::vector<double> *> columns;
    columns.reserve(batch.values.size());
    for (const auto &v : batch.values)
        columns.push_back(&v);
    SqliteDb::Transaction tx(m_db);
    SqliteDb::Statement wall(m_db, "UPDATE runs SET wall_seconds = ? WHERE id = ?");
    wall.bind(1, wallSeconds);
    wall.bind(2, runId);
    if (!tx.began() || !writeSamples(runId, progress, batch.times, columns, 0) ||
        !writeEvents(runId, progress, batch.newEvents, 0) || !wall.run() || !tx.commit())
        return fail(diags, "cannot record samples of run " + std::to_string(runId));
    it->second = progress;
    return true;
}

bool ResultsStore::finishRun(std::int64_t runId, const RunReport &report,
                             const std::string &verdict, Diagnostics *diags) {
    const auto it = m_progress.find(runId);
    if (it == m_progress.end()) {
        if (diags)
            diags->push_back(error("run " + std::to_string(runId) + " is not being recorded"));
        return false;
    }
    Progress progress = it->second;
    SqliteDb::Transaction tx(m_db);
    if (!tx.began())
        return fail(diags, "cannot record the end of run " + std::to_string(runId));
    std::vector<std::pair<std::string, std::string>> names;
    std::vector<const std::vector<double> *> columns;
    for (const auto &s : report.series) {
        names.emplace_back(s.node, s.metric);
        columns.push_back(&s.values);
    }
    // The batches came from the same sampler as the report; should the series ever differ,
    // the report is the truth and replaces what was appended.
    if (progress.series != names.size()) {
        SqliteDb::Statement drop(m_db, "DELETE FROM samples WHERE run_id = ?");
        drop.bind(1, runId);
        if (!drop.run() || !writeSeries(runId, progress, names))
            return fail(diags, "cannot record the end of run " + std::to_string(runId));
        progress.samples = 0;
    }
    // A spooled report: only the samples not recorded yet come back into memory.
    std::vector<std::vector<double>> tail;
    std::vector<double> tailTimes;
    std::size_t from = progress.samples;
    if (report.spool && progress.samples < report.sampleTimes.size()) {
        report.spool->read(0, names.size(), progress.samples, report.sampleTimes.size(), tail);
        tailTimes.assign(report.sampleTimes.begin() + static_cast<std::ptrdiff_t>(from),
                         report.sampleTimes.end());
        for (std::size_t s = 0; s < tail.size(); ++s)
            columns[s] = &tail[s];
        from = 0;
    }
    const std::vector<double> &times = report.spool ? tailTimes : report.sampleTimes;
    const bool ok = writeSamples(runId, progress, times, columns, from) &&
                    writeEvents(runId, progress, report.events, progress.events) &&
                    writeEnd(runId, report, verdict) && tx.commit();
    if (!ok)
        return fail(diags, "cannot record the end of run " + std::to_string(runId));
    m_progress.erase(it);
    return true;
}

bool ResultsStore::interruptRun(std::int64_t runId, double wallSeconds, Diagnostics *diags) {
    SqliteDb::Statement mark(m_db, "UPDATE runs SET status = 'interrupted', owner = NULL, "
                                   "wall_seconds = ? WHERE id = ? AND status = 'running'");
    mark.bind(1, wallSeconds);
    mark.bind(2, runId);
    m_progress.erase(runId);
    if (!mark.run())
        return fail(diags, "cannot record the end of run " + std::to_string(runId));
    return true;
}

bool ResultsStore::updateScenarioText(std::int64_t runId, const std::string &text,
                                      Diagnostics *diags) {
    SqliteDb::Statement set(m_db, "UPDATE runs SET scenario_text = ? WHERE id = ? AND "
                                  "status = 'running'");
    set.bind(1, text);
    set.bind(2, runId);
    if (!set.run() || m_db.changes() != 1)
        return fail(diags, "cannot record the scenario of run " + std::to_string(runId));
    return true;
}

std::optional<std::int64_t> ResultsStore::recordRun(const RunReport &report,
                                                    const RunRecord &record,
                                                    const std::string &verdict,
                                                    Diagnostics *diags) {
    std::vector<std::pair<std::string, std::string>> names;
    for (const auto &s : report.series)
        names.emplace_back(s.node, s.metric);
    const auto id = beginRun(record, names, diags);
    if (!id)
        return std::nullopt;
    if (!finishRun(*id, report, verdict, diags)) {
        // Leave no half-recorded run behind.
        SqliteDb::Statement drop(m_db, "DELETE FROM runs WHERE id = ?");
        drop.bind(1, *id);
        drop.run();
        m_progress.erase(*id);
        return std::nullopt;
    }
    return id;
}

bool ResultsStore::deleteRun(std::int64_t id, Diagnostics *diags) {
    const auto run = findRun(id, diags);
    if (!run)
        return false;
    if (run->status == "running") {
        if (diags)
            diags->push_back(
                error("run " + std::to_string(id) + " is still being recorded; stop it first"));
        return false;
    }
    SqliteDb::Statement drop(m_db, "DELETE FROM runs WHERE id = ?");
    drop.bind(1, id);
    if (!drop.run())
        return fail(diags, "cannot delete run " + std::to_string(id));
    return true;
}

} // namespace eventbench::model
