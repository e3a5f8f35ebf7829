#include "ResultsStore.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace eventbench::model {

namespace {

const char *const kSchema = R"sql(
CREATE TABLE runs(
    id INTEGER PRIMARY KEY,
    scenario TEXT NOT NULL,
    scenario_text TEXT NOT NULL,
    seed INTEGER NOT NULL,
    options TEXT NOT NULL,
    started_at TEXT NOT NULL,
    wall_seconds REAL NOT NULL,
    status TEXT NOT NULL,
    fingerprint TEXT NOT NULL);
CREATE TABLE summary(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    node TEXT NOT NULL, metric TEXT NOT NULL, stat TEXT NOT NULL, value REAL);
CREATE TABLE samples(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    time_s REAL NOT NULL, node TEXT NOT NULL, metric TEXT NOT NULL, value REAL);
CREATE TABLE events(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    time_s REAL NOT NULL, node TEXT NOT NULL, event TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE expectations(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    text TEXT NOT NULL, pass INTEGER NOT NULL, measured REAL);
CREATE INDEX summary_by_run ON summary(run_id);
CREATE INDEX samples_by_run ON samples(run_id, node, metric);
CREATE INDEX events_by_run ON events(run_id);
CREATE INDEX expectations_by_run ON expectations(run_id);
PRAGMA user_version = 1;
)sql";

/// One prepared statement, finalized on scope exit; step() resets it for the next row.
class Statement {
  public:
    Statement(sqlite3 *db, const char *sql) : m_db(db) {
        m_rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr);
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool ok() const { return m_rc == SQLITE_OK && m_stmt; }
    void bind(int i, const std::string &s) {
        sqlite3_bind_text(m_stmt, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    }
    void bind(int i, std::int64_t v) { sqlite3_bind_int64(m_stmt, i, v); }
    void bind(int i, double v) {
        if (std::isnan(v))
            sqlite3_bind_null(m_stmt, i);
        else
            sqlite3_bind_double(m_stmt, i, v);
    }
    void bindNull(int i) { sqlite3_bind_null(m_stmt, i); }
    /// Executes a statement that returns no rows; resets it for reuse.
    bool run() {
        m_rc = sqlite3_step(m_stmt);
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
        return m_rc == SQLITE_DONE;
    }
    /// Steps a query; true while it yields a row.
    bool next() { return sqlite3_step(m_stmt) == SQLITE_ROW; }
    std::int64_t columnInt(int i) const { return sqlite3_column_int64(m_stmt, i); }
    std::string errorMessage() const { return sqlite3_errmsg(m_db); }

  private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
    int m_rc = SQLITE_ERROR;
};

/// A non-empty file that does not start with SQLite's magic header is not a database; we
/// check before SQLite touches it so that such a file is never modified.
bool looksLikeSqlite(const std::filesystem::path &path, std::string *why) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return true;
    if (std::filesystem::is_directory(path, ec)) {
        *why = "a directory, not a results store";
        return false;
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        *why = "cannot be read: " + ec.message();
        return false;
    }
    if (size == 0)
        return true;
    std::array<char, 16> header{};
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        *why = "cannot be read";
        return false;
    }
    in.read(header.data(), header.size());
    if (in.gcount() != static_cast<std::streamsize>(header.size()) ||
        std::memcmp(header.data(), "SQLite format 3", 16) != 0) {
        *why = "not a SQLite database; refusing to use it as a results store";
        return false;
    }
    return true;
}

double seconds(SimTime t) {
    return static_cast<double>(t) / static_cast<double>(kNanosPerSecond);
}

} // namespace

ResultsStore::~ResultsStore() {
    close();
}

void ResultsStore::close() {
    if (m_db)
        sqlite3_close_v2(m_db);
    m_db = nullptr;
}

std::string ResultsStore::formatFingerprint(std::uint64_t fingerprint) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%016" PRIx64, fingerprint);
    return buf;
}

Diagnostic ResultsStore::error(const std::string &message) const {
    Diagnostic d;
    d.file = m_path;
    d.message = message;
    return d;
}

bool ResultsStore::exec(const char *sql, std::string *error) {
    char *msg = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &msg) == SQLITE_OK)
        return true;
    if (error)
        *error = msg ? msg : sqlite3_errmsg(m_db);
    sqlite3_free(msg);
    return false;
}

bool ResultsStore::createSchema(std::string *error) {
    if (!exec("BEGIN IMMEDIATE", error))
        return false;
    if (!exec(kSchema, error)) {
        exec("ROLLBACK", nullptr);
        return false;
    }
    return exec("COMMIT", error);
}

Diagnostics ResultsStore::open(const std::string &path) {
    close();
    m_path = path;
    std::string why;
    if (!looksLikeSqlite(path, &why))
        return {error(why)};

    if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        const std::string msg = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        close();
        return {error("cannot open results store: " + msg)};
    }
    sqlite3_busy_timeout(m_db, 5000);
    sqlite3_extended_result_codes(m_db, 1);

    // Read-only checks first: a database we refuse must be left exactly as it was.
    std::int64_t version = -1;
    std::int64_t objects = -1;
    std::int64_t runsTables = 0;
    {
        Statement uv(m_db, "PRAGMA user_version");
        if (uv.ok() && uv.next())
            version = uv.columnInt(0);
        Statement count(m_db, "SELECT count(*), "
                              "coalesce(sum(type = 'table' AND name = 'runs'), 0) "
                              "FROM sqlite_master");
        if (count.ok() && count.next()) {
            objects = count.columnInt(0);
            runsTables = count.columnInt(1);
        }
    }
    if (version < 0 || objects < 0) {
        const std::string msg = sqlite3_errmsg(m_db);
        close();
        return {error("cannot read results store: " + msg)};
    }
    if (version > kSchemaVersion) {
        close();
        return {error("results store has schema version " + std::to_string(version) +
                      ", newer than this eventbench understands (" +
                      std::to_string(kSchemaVersion) + ")")};
    }
    if (version == 0 && objects > 0) {
        close();
        return {error("a SQLite database with other tables, not an eventbench results store")};
    }
    if (version == kSchemaVersion && runsTables == 0) {
        close();
        return {error("results store is damaged: it has no runs table")};
    }

    std::string err;
    if (!exec("PRAGMA journal_mode = WAL", &err) || !exec("PRAGMA foreign_keys = ON", &err) ||
        (version == 0 && !createSchema(&err))) {
        close();
        return {error("cannot initialise results store: " + err)};
    }
    return {};
}

std::optional<std::int64_t> ResultsStore::recordRun(const RunReport &report,
                                                    const RunRecord &record, Diagnostics *diags) {
    auto fail = [&](const std::string &what) -> std::optional<std::int64_t> {
        const std::string msg = m_db ? sqlite3_errmsg(m_db) : "not open";
        if (m_db)
            exec("ROLLBACK", nullptr);
        if (diags)
            diags->push_back(error("cannot record the run (" + what + "): " + msg));
        return std::nullopt;
    };
    if (!m_db)
        return fail("store");
    std::string err;
    if (!exec("BEGIN IMMEDIATE", &err))
        return fail("begin");

    std::int64_t runId = 0;
    {
        Statement run(m_db, "INSERT INTO runs(scenario, scenario_text, seed, options, "
                            "started_at, wall_seconds, status, fingerprint) "
                            "VALUES(?,?,?,?,?,?,?,?)");
        if (!run.ok())
            return fail("runs");
        run.bind(1, report.scenario);
        run.bind(2, record.scenarioText);
        // SQLite integers are signed 64-bit; a seed above 2^63 keeps its bit pattern.
        run.bind(3, static_cast<std::int64_t>(report.seed));
        run.bind(4, record.options);
        run.bind(5, record.startedAt);
        run.bind(6, report.wallSeconds);
        run.bind(7, record.status);
        run.bind(8, formatFingerprint(report.fingerprint));
        if (!run.run())
            return fail("runs");
        runId = sqlite3_last_insert_rowid(m_db);
    }
    {
        Statement row(m_db, "INSERT INTO summary(run_id,node,metric,stat,value) "
                            "VALUES(?,?,?,?,?)");
        if (!row.ok())
            return fail("summary");
        auto put = [&](const std::string &node, const std::string &metric, const std::string &stat,
                       double value) {
            row.bind(1, runId);
            row.bind(2, node);
            row.bind(3, metric);
            row.bind(4, stat);
            row.bind(5, value);
            return row.run();
        };
        for (const auto &s : report.summary)
            if (!put(s.node, s.metric, s.stat, s.value))
                return fail("summary");
        const bool ok = put("run", "seed", "value", static_cast<double>(report.seed)) &&
                        put("run", "sim_seconds", "value", report.simSeconds) &&
                        put("run", "wall_seconds", "value", report.wallSeconds) &&
                        put("run", "events", "value", static_cast<double>(report.eventCount)) &&
                        put("run", "messages", "value", static_cast<double>(report.messages));
        if (!ok)
            return fail("summary");
    }
    {
        Statement row(m_db, "INSERT INTO samples(run_id,time_s,node,metric,value) "
                            "VALUES(?,?,?,?,?)");
        if (!row.ok())
            return fail("samples");
        for (const auto &series : report.series) {
            const std::size_t n = std::min(series.values.size(), report.sampleTimes.size());
            for (std::size_t i = 0; i < n; ++i) {
                row.bind(1, runId);
                row.bind(2, report.sampleTimes[i]);
                row.bind(3, series.node);
                row.bind(4, series.metric);
                row.bind(5, series.values[i]);
                if (!row.run())
                    return fail("samples");
            }
        }
    }
    {
        Statement row(m_db, "INSERT INTO events(run_id,time_s,node,event,detail) "
                            "VALUES(?,?,?,?,?)");
        if (!row.ok())
            return fail("events");
        for (const auto &e : report.events) {
            row.bind(1, runId);
            row.bind(2, seconds(e.time));
            row.bind(3, e.node);
            row.bind(4, e.event);
            row.bind(5, e.detail);
            if (!row.run())
                return fail("events");
        }
    }
    {
        Statement row(m_db, "INSERT INTO expectations(run_id,text,pass,measured) "
                            "VALUES(?,?,?,?)");
        if (!row.ok())
            return fail("expectations");
        for (const auto &x : report.expectations) {
            row.bind(1, runId);
            row.bind(2, x.text);
            row.bind(3, std::int64_t{x.pass ? 1 : 0});
            if (x.known)
                row.bind(4, x.measured);
            else
                row.bindNull(4);
            if (!row.run())
                return fail("expectations");
        }
    }
    if (!exec("COMMIT", &err))
        return fail("commit");
    return runId;
}

} // namespace eventbench::model
