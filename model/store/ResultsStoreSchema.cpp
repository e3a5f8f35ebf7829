// The results store's schema (version 5) and its migrations from versions 1 to 4. Opening and
// the checks that refuse foreign, damaged or newer files are in ResultsStoreOpen.cpp.
#include "model/store/ResultsStore.h"

#include <sqlite3.h>

#include <cmath>

#include "model/store/ResultsStoreJson.h"
#include "model/store/ResultsStoreOwner.h"

namespace eventbench::model {

namespace {

// Tables under their final names, prefixed by `%` which createTables replaces with "" for a
// new store or "new_" while migrating (the old tables still hold the names then).
const char *const kTables = R"sql(
CREATE TABLE %runs(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario TEXT NOT NULL,
    scenario_text TEXT NOT NULL,
    seed INTEGER NOT NULL,
    options TEXT NOT NULL,
    source TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL CHECK(status IN ('running', 'complete', 'failed', 'interrupted')),
    verdict TEXT CHECK(verdict IN ('pass', 'fail', 'error')),
    owner TEXT,
    wall_seconds REAL,
    sim_seconds REAL,
    events INTEGER,
    messages INTEGER,
    fingerprint TEXT,
    version TEXT,
    scenario_sha256 TEXT);
CREATE TABLE %series(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    node TEXT NOT NULL,
    metric TEXT NOT NULL,
    PRIMARY KEY(run_id, idx)) WITHOUT ROWID;
CREATE TABLE %samples(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    sample INTEGER NOT NULL,
    time_s REAL NOT NULL,
    values_json TEXT NOT NULL,
    PRIMARY KEY(run_id, sample)) WITHOUT ROWID;
CREATE TABLE %summary(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    node TEXT NOT NULL,
    metric TEXT NOT NULL,
    stat TEXT NOT NULL,
    value REAL,
    PRIMARY KEY(run_id, idx)) WITHOUT ROWID;
CREATE TABLE %events(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    time_ns INTEGER NOT NULL,
    time_s REAL NOT NULL,
    node TEXT NOT NULL,
    event TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY(run_id, idx)) WITHOUT ROWID;
CREATE TABLE %expectations(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    pass INTEGER NOT NULL,
    measured REAL,
    known INTEGER NOT NULL,
    PRIMARY KEY(run_id, idx)) WITHOUT ROWID;
)sql";

// Version 3 added each run's nodes with their kinds (runs recorded before have none).
const char *const kNodesTable = R"sql(
CREATE TABLE %nodes(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    node TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY(run_id, idx)) WITHOUT ROWID;
)sql";

// Version 5 added sweeps (issue 17): a sweep is a `runs` row of kind 'sweep' (so that list,
// show, export and delete treat it as one entry) with its knobs, each combination's values
// and verdict counts, and the figures of sweep.csv per combination. The step tolerates what
// it adds being there already (kind added only when missing, tables IF NOT EXISTS).
const char *const kKindColumn =
    "ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'run' CHECK(kind IN ('run', "
    "'sweep'));";
const char *const kSweepsFrom4 = R"sql(
CREATE TABLE IF NOT EXISTS sweeps(
    run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    replications INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sweep_knobs(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY(run_id, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sweep_combinations(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    combination INTEGER NOT NULL,
    expectations INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    PRIMARY KEY(run_id, combination)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sweep_values(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    combination INTEGER NOT NULL,
    knob INTEGER NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY(run_id, combination, knob)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sweep_figures(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    combination INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    node TEXT NOT NULL,
    metric TEXT NOT NULL,
    stat TEXT NOT NULL,
    mean REAL,
    ci95_low REAL,
    ci95_high REAL,
    n INTEGER NOT NULL,
    PRIMARY KEY(run_id, combination, idx)) WITHOUT ROWID;
PRAGMA user_version = 5;
)sql";

const char *const kIndexesAndViews = R"sql(
CREATE INDEX runs_by_scenario ON runs(scenario);
CREATE VIEW sample_values AS
    SELECT s.run_id, s.sample, s.time_s, r.node, r.metric, j.value
    FROM samples s JOIN json_each(s.values_json) j
    JOIN series r ON r.run_id = s.run_id AND r.idx = j.key;
PRAGMA user_version = 4;
)sql";

// Version 1 kept the run figures as `run,<figure>,value` summary rows, samples by name and
// the insertion order in rowids; version 2 orders everything by explicit indexes.
const char *const kCopyFrom1 = R"sql(
INSERT INTO new_runs(id, scenario, scenario_text, seed, options, source, started_at, status,
                     verdict, wall_seconds, sim_seconds, events, messages, fingerprint)
    SELECT id, scenario, scenario_text, seed, options, 'cli', started_at,
           CASE status WHEN 'error' THEN 'failed' ELSE 'complete' END,
           CASE WHEN status IN ('pass', 'fail', 'error') THEN status END,
           wall_seconds,
           (SELECT value FROM summary s WHERE s.run_id = runs.id AND s.node = 'run'
                AND s.metric = 'sim_seconds' AND s.stat = 'value'),
           (SELECT CAST(value AS INTEGER) FROM summary s WHERE s.run_id = runs.id
                AND s.node = 'run' AND s.metric = 'events' AND s.stat = 'value'),
           (SELECT CAST(value AS INTEGER) FROM summary s WHERE s.run_id = runs.id
                AND s.node = 'run' AND s.metric = 'messages' AND s.stat = 'value'),
           fingerprint
    FROM runs;
INSERT INTO new_series(run_id, idx, node, metric)
    SELECT run_id, row_number() OVER (PARTITION BY run_id ORDER BY first) - 1, node, metric
    FROM (SELECT run_id, node, metric, min(rowid) AS first FROM samples
          GROUP BY run_id, node, metric);
INSERT INTO new_summary(run_id, idx, node, metric, stat, value)
    SELECT run_id, row_number() OVER (PARTITION BY run_id ORDER BY rowid) - 1, node, metric,
           stat, value
    FROM summary
    WHERE NOT (node = 'run' AND stat = 'value'
               AND metric IN ('seed', 'sim_seconds', 'wall_seconds', 'events', 'messages'));
INSERT INTO new_events(run_id, idx, time_ns, time_s, node, event, detail)
    SELECT run_id, row_number() OVER (PARTITION BY run_id ORDER BY rowid) - 1,
           CAST(round(time_s * 1e9) AS INTEGER), time_s, node, event, detail
    FROM events;
INSERT INTO new_expectations(run_id, idx, text, pass, measured, known)
    SELECT run_id, row_number() OVER (PARTITION BY run_id ORDER BY rowid) - 1, text, pass,
           coalesce(measured, 0), measured IS NOT NULL
    FROM expectations;
)sql";

const char *const kReplace1 = R"sql(
DROP TABLE samples;
DROP TABLE summary;
DROP TABLE events;
DROP TABLE expectations;
DROP TABLE runs;
ALTER TABLE new_runs RENAME TO runs;
ALTER TABLE new_series RENAME TO series;
ALTER TABLE new_samples RENAME TO samples;
ALTER TABLE new_summary RENAME TO summary;
ALTER TABLE new_events RENAME TO events;
ALTER TABLE new_expectations RENAME TO expectations;
ALTER TABLE new_nodes RENAME TO nodes;
)sql";

std::string withPrefix(const char *tables, const char *prefix) {
    std::string sql;
    for (const char *p = tables; *p; ++p)
        (*p == '%') ? sql.append(prefix) : sql.append(1, *p);
    return sql;
}

std::string tablesWithPrefix(const char *prefix) {
    return withPrefix(kTables, prefix) + withPrefix(kNodesTable, prefix);
}

} // namespace

bool ResultsStore::createSchema(std::string *error) {
    SqliteDb::Transaction tx(m_db);
    if (!tx.began()) {
        *error = m_db.errorMessage();
        return false;
    }
    // Another process may have created it since we looked.
    if (m_db.queryInt("PRAGMA user_version", 0) != 0)
        return true;
    const std::string sql = tablesWithPrefix("") + kIndexesAndViews + kKindColumn + kSweepsFrom4;
    if (!m_db.exec(sql.c_str(), error))
        return false;
    if (!tx.commit()) {
        *error = m_db.errorMessage();
        return false;
    }
    return true;
}

bool ResultsStore::migrateFrom1(std::string *error) {
    // Tables are rebuilt (SQLite's recommended way to change a table): foreign keys must be
    // off outside the transaction while the parent table is replaced.
    if (!m_db.exec("PRAGMA foreign_keys = OFF", error))
        return false;
    SqliteDb::Transaction tx(m_db);
    if (!tx.began()) {
        *error = m_db.errorMessage();
        return false;
    }
    if (m_db.queryInt("PRAGMA user_version", 0) != 1)
        return true; // another process migrated it since we looked
    const std::string copy = tablesWithPrefix("new_") + kCopyFrom1;
    const std::string replace = std::string(kReplace1) + kIndexesAndViews;
    if (!m_db.exec(copy.c_str(), error))
        return false;
    if (!copySamplesFrom1()) {
        *error = m_db.errorMessage();
        return false;
    }
    if (!m_db.exec(replace.c_str(), error))
        return false;
    if (m_db.queryInt("SELECT count(*) FROM pragma_foreign_key_check", 0) != 0) {
        *error = "rows without their run";
        return false;
    }
    if (!tx.commit()) {
        *error = m_db.errorMessage();
        return false;
    }
    return true;
}

bool ResultsStore::upgradeFrom(std::int64_t version, std::string *error) {
    // 3, 4 and 5 only add (tables, columns): older runs keep no node kinds, no provenance, and
    // are of kind 'run'. migrateFrom1 leaves a version 4 store.
    if (version == 1)
        version = 4;
    if (version == 2 &&
        !addToSchema(2, withPrefix(kNodesTable, "") + "PRAGMA user_version = 3;", error))
        return false;
    if ((version == 2 || version == 3) &&
        !addToSchema(3,
                     "ALTER TABLE runs ADD COLUMN version TEXT; ALTER TABLE runs ADD COLUMN "
                     "scenario_sha256 TEXT; PRAGMA user_version = 4;",
                     error))
        return false;
    if (version < 2 || version > 4)
        return true;
    const bool hasKind =
        m_db.queryInt("SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'kind'", 0) > 0;
    return addToSchema(4, std::string(hasKind ? "" : kKindColumn) + kSweepsFrom4, error);
}

bool ResultsStore::addToSchema(std::int64_t from, const std::string &sql, std::string *error) {
    SqliteDb::Transaction tx(m_db);
    if (!tx.began()) {
        *error = m_db.errorMessage();
        return false;
    }
    if (m_db.queryInt("PRAGMA user_version", 0) != from)
        return true; // another process migrated it since we looked
    if (!m_db.exec(sql.c_str(), error))
        return false;
    if (!tx.commit()) {
        *error = m_db.errorMessage();
        return false;
    }
    return true;
}

bool ResultsStore::copySamplesFrom1() {
    // Version 1 had a row per sample and series; version 2 one row per sample instant.
    SqliteDb::Statement rows(m_db, "SELECT s.run_id, s.time_s, r.idx, s.value FROM samples s "
                                   "JOIN new_series r ON r.run_id = s.run_id "
                                   "AND r.node = s.node AND r.metric = s.metric "
                                   "ORDER BY s.run_id, s.time_s, r.idx");
    SqliteDb::Statement insert(m_db, "INSERT INTO new_samples(run_id, sample, time_s, "
                                     "values_json) VALUES(?, ?, ?, ?)");
    if (!rows.ok() || !insert.ok())
        return false;
    std::int64_t run = -1;
    std::int64_t sample = 0;
    double time = 0;
    std::vector<double> values;
    std::string json;
    auto flush = [&] {
        if (run < 0 || values.empty())
            return true;
        json.assign(1, '[');
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i > 0)
                json += ',';
            appendJsonNumber(json, values[i]);
        }
        json += ']';
        insert.bind(1, run);
        insert.bind(2, sample++);
        insert.bind(3, time);
        insert.bind(4, std::string_view(json));
        values.clear();
        return insert.run();
    };
    while (rows.next()) {
        const std::int64_t r = rows.columnInt(0);
        const double t = rows.columnDouble(1);
        if (r != run || t != time) {
            if (!flush())
                return false;
            if (r != run)
                sample = 0;
            run = r;
            time = t;
        }
        const auto idx = static_cast<std::size_t>(rows.columnInt(2));
        if (values.size() <= idx)
            values.resize(idx + 1, std::nan(""));
        values[idx] = rows.columnDouble(3);
    }
    return flush();
}

std::vector<std::int64_t> ResultsStore::orphanedRuns() const {
    std::vector<std::int64_t> gone;
    SqliteDb::Statement q(m_db, "SELECT id, coalesce(owner, '') FROM runs "
                                "WHERE status = 'running'");
    while (q.next())
        if (runOwnerState(q.columnText(1)) == OwnerState::Gone)
            gone.push_back(q.columnInt(0));
    return gone;
}

void ResultsStore::markOrphansInterrupted() {
    const std::vector<std::int64_t> gone = orphanedRuns();
    if (gone.empty())
        return;
    // Best effort: a read-only or busy store still reports them as interrupted when listed.
    SqliteDb::Transaction tx(m_db);
    SqliteDb::Statement mark(m_db, "UPDATE runs SET status = 'interrupted', owner = NULL "
                                   "WHERE id = ? AND status = 'running'");
    for (const std::int64_t id : gone) {
        mark.bind(1, id);
        mark.run();
    }
    tx.commit();
}

} // namespace eventbench::model
