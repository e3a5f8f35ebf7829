// Opening the results store: the checks that refuse foreign, damaged, newer or unwritable files
// before anything is written to them (README.md#results-store), then the preparation (journal
// mode, schema creation or migration) for a store opened for writing.
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "model/store/ResultsStore.h"

namespace eventbench::model {

namespace {

/// A non-empty file that does not start with SQLite's magic header is not a database; we
/// check before SQLite touches it so that such a file is never modified.
bool looksLikeSqlite(const std::filesystem::path &path, bool mustExist, std::string *why) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        if (mustExist)
            *why = "no such results store";
        return !mustExist;
    }
    if (std::filesystem::is_directory(path, ec)) {
        *why = "a directory, not a results store";
        return false;
    }
    if (!std::filesystem::is_regular_file(path, ec)) {
        *why = "not a regular file, not a results store";
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

/// Whether a run could be recorded at `path`: the file (when it exists) and its directory
/// (SQLite creates its journal files there) must be writable. Root passes this for any mode
/// bits, but not for an immutable file; SQLite's own read-only fallback is checked after
/// opening.
bool writable(const std::filesystem::path &path, std::string *why) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && access(path.c_str(), W_OK) != 0) {
        *why = "the results store is not writable (" + std::string(std::strerror(errno)) +
               "); a run cannot be recorded in it";
        return false;
    }
    std::filesystem::path dir = path.parent_path();
    if (dir.empty())
        dir = ".";
    if (access(dir.c_str(), W_OK | X_OK) != 0) {
        *why = "the directory of the results store is not writable (" +
               std::string(std::strerror(errno)) + "); a run cannot be recorded there";
        return false;
    }
    return true;
}

/// `path` as an SQLite URI that reads the file as immutable (no locks, no -shm file): how a
/// write-protected store in a write-protected directory can still be listed.
std::string immutableUri(const std::string &path) {
    std::string uri = "file:";
    for (const char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
            uri += buf;
        } else {
            uri += c;
        }
    }
    return uri + "?immutable=1";
}

std::int64_t fileBytes(const std::string &path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    return ec ? -1 : static_cast<std::int64_t>(size);
}

} // namespace

Diagnostics ResultsStore::open(const std::string &path, OpenMode mode) {
    close();
    m_path = path;
    const bool readOnly = mode == OpenMode::ReadOnly;
    std::string why;
    if (!looksLikeSqlite(path, mode != OpenMode::CreateIfMissing, &why))
        return {error(why)};
    if (!readOnly && !writable(path, &why))
        return {error(why)};
    const int flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    // No -wal beside it: no connection has the store open, so a reader need not create the
    // -wal and -shm files (which would stay beside a refused file).
    std::error_code ec;
    const bool quiet = readOnly && !std::filesystem::exists(path + "-wal", ec);
    if (quiet ? !m_db.open(immutableUri(path), flags | SQLITE_OPEN_URI, &why)
              : !m_db.open(path, flags, &why))
        return {error("cannot open results store: " + why)};
    if (!readOnly && m_db.isReadOnly()) {
        close();
        return {error("the results store is read-only (write-protected or immutable); a run "
                      "cannot be recorded in it")};
    }
    if (readOnly && m_db.queryInt("PRAGMA user_version", -1) < 0) {
        // A WAL store whose directory cannot hold the -shm file: read it as immutable.
        m_db.close();
        if (!m_db.open(immutableUri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, &why))
            return {error("cannot open results store: " + why)};
    }
    if (readOnly) {
        // An older schema is read through its migration, which needs to write once.
        const std::int64_t version = m_db.queryInt("PRAGMA user_version", -1);
        const std::int64_t objects = m_db.queryInt("SELECT count(*) FROM sqlite_master", -1);
        if ((version > 0 && version < kSchemaVersion) || (version == 0 && objects == 0)) {
            Diagnostics diags = open(path, OpenMode::MustExist);
            if (!diags.empty() && version > 0)
                diags.front().message += " (a store of schema version " + std::to_string(version) +
                                         " is upgraded before it is read)";
            return diags;
        }
    }
    Diagnostics diags = checkAndPrepare(readOnly);
    if (!diags.empty()) {
        close();
        return diags;
    }
    // Record what a reader sees of runs whose process is gone, where the store allows it
    // (best effort: a read-only store still reports them as interrupted).
    if (readOnly && !orphanedRuns().empty() && writable(path, &why)) {
        ResultsStore writer;
        writer.open(path, OpenMode::MustExist);
    }
    return {};
}

Diagnostics ResultsStore::checkAndPrepare(bool readOnly) {
    // Several CLI runs may write one store: wait for each other's short transactions.
    m_db.exec("PRAGMA busy_timeout = 10000");

    // Several processes may create a new store at once: one wins, the others see a lock
    // (rollback-journal lock upgrades fail at once rather than wait) and try again.
    Diagnostics diags;
    for (int attempt = 0; attempt < 200; ++attempt) {
        diags = checkAndPrepareOnce(readOnly);
        const std::string why = diags.empty() ? std::string() : diags.front().message;
        if (diags.empty() ||
            (why.find("locked") == std::string::npos && why.find("busy") == std::string::npos))
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return diags;
}

Diagnostics ResultsStore::checkIntact() const {
    const std::int64_t bytes = fileBytes(m_path);
    if (bytes < 0 || bytes > kQuickCheckBytes)
        return {};
    SqliteDb::Statement check(m_db, "PRAGMA quick_check(5)");
    std::string problems;
    bool ok = check.ok();
    while (check.next()) {
        const std::string row = check.columnText(0);
        if (row == "ok")
            continue;
        ok = false;
        problems += (problems.empty() ? "" : "; ") + row;
    }
    if (ok && problems.empty())
        return {};
    if (problems.empty())
        problems = m_db.errorMessage();
    return {error("results store is damaged (PRAGMA quick_check: " + problems +
                  "); refusing to use it, the file is left as it is")};
}

Diagnostics ResultsStore::checkShape(std::int64_t version) const {
    // Every column this version reads and writes must be there (version 2: all but the nodes
    // table, which its migration adds; version 1: what its migration copies).
    static const struct {
        int from, to;
        const char *sql;
    } kShapes[] = {
        {1, 1,
         "SELECT id, scenario, scenario_text, seed, options, started_at, status, wall_seconds, "
         "fingerprint FROM runs"},
        {1, 1, "SELECT run_id, node, metric, time_s, value FROM samples"},
        {1, 1, "SELECT run_id, node, metric, stat, value FROM summary"},
        {1, 1, "SELECT run_id, time_s, node, event, detail FROM events"},
        {1, 1, "SELECT run_id, text, pass, measured FROM expectations"},
        {2, 5,
         "SELECT id, scenario, scenario_text, seed, options, source, started_at, ended_at, "
         "status, verdict, owner, wall_seconds, sim_seconds, events, messages, fingerprint "
         "FROM runs"},
        {2, 5, "SELECT run_id, idx, node, metric FROM series"},
        {2, 5, "SELECT run_id, sample, time_s, values_json FROM samples"},
        {2, 5, "SELECT run_id, idx, node, metric, stat, value FROM summary"},
        {2, 5, "SELECT run_id, idx, time_ns, time_s, node, event, detail FROM events"},
        {2, 5, "SELECT run_id, idx, text, pass, measured, known FROM expectations"},
        {3, 5, "SELECT run_id, idx, node, kind FROM nodes"},
        {4, 5, "SELECT version, scenario_sha256 FROM runs"},
        {5, 5, "SELECT kind FROM runs"},
        {5, 5, "SELECT run_id, replications FROM sweeps"},
        {5, 5, "SELECT run_id, idx, path FROM sweep_knobs"},
        {5, 5, "SELECT run_id, combination, expectations, failed FROM sweep_combinations"},
        {5, 5, "SELECT run_id, combination, knob, value FROM sweep_values"},
        {5, 5,
         "SELECT run_id, combination, idx, node, metric, stat, mean, ci95_low, ci95_high, n "
         "FROM sweep_figures"}};
    for (const auto &[from, to, sql] : kShapes) {
        if (version < from || version > to)
            continue;
        SqliteDb::Statement shape(m_db, sql);
        if (!shape.ok())
            return {error("results store is damaged: " + m_db.errorMessage())};
    }
    return {};
}

Diagnostics ResultsStore::checkAndPrepareOnce(bool readOnly) {
    // Read-only checks first: a database we refuse must be left exactly as it was. One read
    // transaction, so that a store another process is creating is seen before or after.
    m_db.exec("BEGIN");
    const std::int64_t version = m_db.queryInt("PRAGMA user_version", -1);
    const std::int64_t objects = m_db.queryInt("SELECT count(*) FROM sqlite_master", -1);
    const std::int64_t runsTables = m_db.queryInt(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'runs'", 0);
    const std::string readError = m_db.errorMessage();
    Diagnostics damage = version >= 0 && objects > 0 ? checkIntact() : Diagnostics{};
    if (damage.empty() && version > 0 && version <= kSchemaVersion && runsTables > 0)
        damage = checkShape(version);
    m_db.exec("COMMIT");
    if (version < 0 || objects < 0)
        return {error("cannot read results store: " + readError)};
    if (!damage.empty())
        return damage;
    if (version > kSchemaVersion)
        return {error("results store has schema version " + std::to_string(version) +
                      ", newer than this eventbench understands (" +
                      std::to_string(kSchemaVersion) + "); use a newer eventbench")};
    if (version == 0 && objects > 0)
        return {error("a SQLite database with other tables, not an eventbench results store")};
    if (version > 0 && runsTables == 0)
        return {error("results store is damaged: it has no runs table")};
    if (readOnly)
        return {};

    std::string err;
    if (version == 1 && !migrateFrom1(&err))
        return {error("cannot upgrade results store from schema version 1: " + err)};
    if (!upgradeFrom(version, &err))
        return {error("cannot upgrade results store from schema version " +
                      std::to_string(version) + ": " + err)};
    // synchronous=NORMAL in WAL mode: a commit survives the process being killed (what the
    // interrupted-run guarantee needs) without an fsync per batch of samples. Only now, after
    // every check: switching the journal mode rewrites the file's header.
    if (!m_db.exec("PRAGMA journal_mode = WAL", &err) ||
        !m_db.exec("PRAGMA synchronous = NORMAL", &err))
        return {error("cannot initialise results store: " + err)};
    if (version == 0 && !createSchema(&err))
        return {error("cannot initialise results store: " + err)};
    if (!m_db.exec("PRAGMA foreign_keys = ON", &err))
        return {error("cannot initialise results store: " + err)};
    markOrphansInterrupted();
    return {};
}

} // namespace eventbench::model
