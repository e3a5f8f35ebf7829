// Reading the results store back: the list of runs, one run, and a run's whole report (what
// `runs export` writes and the app reopens).
#include "model/store/ResultsStore.h"

#include <cmath>
#include <cstdlib>

#include "model/store/ResultsStoreJson.h"

namespace eventbench::model {

namespace {

const char *const kRunColumns =
    "SELECT id, scenario, seed, options, source, started_at, coalesce(ended_at, ''), status, "
    "coalesce(verdict, ''), coalesce(fingerprint, ''), coalesce(wall_seconds, 0), sim_seconds, "
    "coalesce(events, 0), coalesce(messages, 0), coalesce(owner, ''), "
    "(SELECT coalesce(max(sample) + 1, 0) FROM samples WHERE run_id = runs.id), "
    "(SELECT time_s FROM samples WHERE run_id = runs.id ORDER BY sample DESC LIMIT 1), "
    "coalesce(version, ''), coalesce(scenario_sha256, ''), kind "
    "FROM runs ";

StoredRun runFromRow(const SqliteDb::Statement &q) {
    StoredRun r;
    r.id = q.columnInt(0);
    r.scenario = q.columnText(1);
    r.seed = static_cast<std::uint64_t>(q.columnInt(2));
    r.options = q.columnText(3);
    r.source = q.columnText(4);
    r.startedAt = q.columnText(5);
    r.endedAt = q.columnText(6);
    r.status = ResultsStore::effectiveStatus(q.columnText(7), q.columnText(14));
    r.verdict = q.columnText(8);
    r.fingerprint = q.columnText(9);
    r.wallSeconds = q.columnDouble(10);
    r.simSeconds =
        q.columnIsNull(11) ? (q.columnIsNull(16) ? 0 : q.columnDouble(16)) : q.columnDouble(11);
    r.events = static_cast<std::uint64_t>(q.columnInt(12));
    r.messages = static_cast<std::uint64_t>(q.columnInt(13));
    r.samples = q.columnInt(15);
    r.version = q.columnText(17);
    r.scenarioSha256 = q.columnText(18);
    r.kind = q.columnText(19);
    return r;
}

} // namespace

std::vector<StoredRun> ResultsStore::listRuns(const std::string &scenario,
                                              Diagnostics *diags) const {
    std::vector<StoredRun> runs;
    const std::string sql =
        std::string(kRunColumns) + (scenario.empty() ? "" : "WHERE scenario = ? ") + "ORDER BY id";
    SqliteDb::Statement q(m_db, sql.c_str());
    if (!q.ok()) {
        fail(diags, "cannot read the results store");
        return runs;
    }
    if (!scenario.empty())
        q.bind(1, scenario);
    while (q.next())
        runs.push_back(runFromRow(q));
    return runs;
}

std::optional<StoredRun> ResultsStore::findRun(std::int64_t id, Diagnostics *diags) const {
    const std::string sql = std::string(kRunColumns) + "WHERE id = ?";
    SqliteDb::Statement q(m_db, sql.c_str());
    if (!q.ok()) {
        fail(diags, "cannot read the results store");
        return std::nullopt;
    }
    q.bind(1, id);
    if (q.next()) {
        StoredRun run = runFromRow(q);
        while (q.next()) {
        }
        return run;
    }
    if (diags)
        diags->push_back(error("no run " + std::to_string(id) + " in this results store"));
    return std::nullopt;
}

std::string ResultsStore::scenarioText(std::int64_t id) const {
    SqliteDb::Statement q(m_db, "SELECT scenario_text FROM runs WHERE id = ?");
    q.bind(1, id);
    std::string text;
    while (q.next())
        text = q.columnText(0);
    return text;
}

std::vector<std::pair<std::string, NodeKind>> ResultsStore::nodeKinds(std::int64_t id) const {
    SqliteDb::Statement q(m_db, "SELECT node, kind FROM nodes WHERE run_id = ? ORDER BY idx");
    q.bind(1, id);
    std::vector<std::pair<std::string, NodeKind>> nodes;
    while (q.next())
        if (const auto kind = nodeKindFromString(q.columnText(1)))
            nodes.emplace_back(q.columnText(0), *kind);
    return nodes;
}

std::optional<RunReport> ResultsStore::loadReport(std::int64_t id, Diagnostics *diags,
                                                  bool samples) const {
    const auto run = findRun(id, diags);
    if (!run)
        return std::nullopt;
    if (run->isSweep()) {
        if (diags)
            diags->push_back(error("run " + std::to_string(id) +
                                   " is a sweep: it has figures per combination, not a run's "
                                   "report (runs show, runs export --out DIR)"));
        return std::nullopt;
    }
    RunReport report;
    report.scenario = run->scenario;
    report.seed = run->seed;
    report.simSeconds = run->simSeconds;
    report.wallSeconds = run->wallSeconds;
    report.eventCount = run->events;
    report.messages = run->messages;
    report.fingerprint = std::strtoull(run->fingerprint.c_str(), nullptr, 16);
    report.version = run->version;
    report.scenarioSha256 = run->scenarioSha256;

    if (samples)
        loadSamples(id, report);
    loadEnd(id, report);
    return report;
}

void ResultsStore::loadSamples(std::int64_t id, RunReport &report) const {
    SqliteDb::Statement series(m_db, "SELECT node, metric FROM series WHERE run_id = ? "
                                     "ORDER BY idx");
    series.bind(1, id);
    while (series.next())
        report.series.push_back({series.columnText(0), series.columnText(1), {}});

    SqliteDb::Statement samples(m_db, "SELECT sample, time_s, values_json FROM samples "
                                      "WHERE run_id = ? ORDER BY sample");
    samples.bind(1, id);
    const double nan = std::nan("");
    std::vector<double> row;
    while (samples.next()) {
        const auto k = static_cast<std::size_t>(samples.columnInt(0));
        if (!parseJsonNumbers(samples.columnText(2), row))
            row.clear();
        if (report.sampleTimes.size() <= k)
            report.sampleTimes.resize(k + 1, nan);
        report.sampleTimes[k] = samples.columnDouble(1);
        for (std::size_t s = 0; s < row.size() && s < report.series.size(); ++s) {
            auto &values = report.series[s].values;
            if (values.size() < k) // a gap (never written by eventbench): keep positions
                values.resize(k, nan);
            values.push_back(row[s]);
        }
    }
}

void ResultsStore::loadEnd(std::int64_t id, RunReport &report) const {
    SqliteDb::Statement summary(m_db, "SELECT node, metric, stat, value FROM summary "
                                      "WHERE run_id = ? ORDER BY idx");
    summary.bind(1, id);
    while (summary.next())
        report.summary.push_back({summary.columnText(0), summary.columnText(1),
                                  summary.columnText(2), summary.columnDouble(3)});
    report.readUnaccounted();

    SqliteDb::Statement events(m_db, "SELECT time_ns, node, event, detail FROM events "
                                     "WHERE run_id = ? ORDER BY idx");
    events.bind(1, id);
    while (events.next())
        report.events.push_back({events.columnInt(0), events.columnText(1), events.columnText(2),
                                 events.columnText(3)});

    SqliteDb::Statement expect(m_db, "SELECT text, pass, measured, known FROM expectations "
                                     "WHERE run_id = ? ORDER BY idx");
    expect.bind(1, id);
    while (expect.next())
        report.expectations.push_back({expect.columnText(0), expect.columnInt(1) != 0,
                                       expect.columnDouble(2), expect.columnInt(3) != 0});
}

} // namespace eventbench::model
