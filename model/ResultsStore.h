#pragma once
// The SQLite results store (SPEC §6 `--db`): one database file that records finished runs,
// their summary, samples, events and expectation verdicts. Owns one SQLite connection; use
// from one thread at a time. Schema version 1 (PRAGMA user_version).
#include <cstdint>
#include <optional>
#include <string>

#include "Diagnostic.h"
#include "RunReport.h"

struct sqlite3;

namespace eventbench::model {

/// What a run was started with, recorded beside its report in the `runs` table.
struct RunRecord {
    std::string scenarioText; // the scenario file as read
    std::string options;      // the command-line options as given (space separated)
    std::string startedAt;    // ISO 8601 UTC, e.g. 2024-05-01T12:00:00Z
    std::string status;       // pass | fail | error
};

class ResultsStore {
  public:
    static constexpr int kSchemaVersion = 1;

    ResultsStore() = default;
    ~ResultsStore();
    ResultsStore(const ResultsStore &) = delete;
    ResultsStore &operator=(const ResultsStore &) = delete;

    /// Opens the store at `path`, creating it (and its tables) when missing. Refuses, without
    /// modifying it, a file that is not a SQLite database, a SQLite database that is not a
    /// results store, or a store with a newer schema. Errors name the file.
    Diagnostics open(const std::string &path);
    bool isOpen() const { return m_db != nullptr; }
    void close();

    /// Records one finished run in a single transaction; returns the new run id, or nullopt
    /// with `diags` filled (the store is left as it was).
    std::optional<std::int64_t> recordRun(const RunReport &report, const RunRecord &record,
                                          Diagnostics *diags);

    /// The run's fingerprint as written to the store and the reports: 16 lowercase hex digits.
    static std::string formatFingerprint(std::uint64_t fingerprint);

  private:
    Diagnostic error(const std::string &message) const;
    bool exec(const char *sql, std::string *error);
    bool createSchema(std::string *error);

    sqlite3 *m_db = nullptr;
    std::string m_path;
};

} // namespace eventbench::model
