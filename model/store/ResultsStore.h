#pragma once
// The SQLite results store (README.md#results-store): one database file that records every run,
// its samples and events as it goes, and its summary and expectation verdicts when it ends;
// read back by `eventbench runs` and the app's Runs panel. Owns one SQLite connection; use
// from one thread at a time. Several processes may write one file at once (WAL, busy timeout).
// A sweep (`sweep --db`, `merge --db`) is one entry of kind `sweep` with its figures
// (StoredSweep.h). Schema version 5 (PRAGMA user_version); versions 1 to 4 are migrated when
// opened.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/results/RunReport.h"
#include "model/results/SampleSnapshot.h"
#include "model/scenario/Diagnostic.h"
#include "model/scenario/Scenario.h"
#include "model/store/SqliteDb.h"
#include "model/store/StoredSweep.h"

namespace eventbench::model {

/// What a run was started with, recorded in `runs` when it starts.
struct RunRecord {
    std::string scenario; // the scenario's name
    std::uint64_t seed = 0;
    std::string scenarioText;   // the scenario file as run
    std::string options;        // the command-line options as given (space separated)
    std::string startedAt;      // ISO 8601 UTC, e.g. 2024-05-01T12:00:00Z
    std::string source = "cli"; // cli | app
    std::vector<std::pair<std::string, NodeKind>> nodes; // the scenario's nodes, in order

    /// The nodes of `scenario` with their kinds, as `nodes` holds them.
    static std::vector<std::pair<std::string, NodeKind>> nodesOf(const Scenario &scenario);
};

/// One recorded run as listed: the `runs` row plus how much was sampled.
struct StoredRun {
    std::int64_t id = 0;
    std::string scenario;
    std::uint64_t seed = 0;
    std::string options;
    std::string source;
    std::string startedAt;
    std::string endedAt;        // empty until the run ends
    std::string status;         // running | complete | failed | interrupted (see effectiveStatus)
    std::string verdict;        // pass | fail | error; empty until the run ends
    std::string fingerprint;    // 16 hex digits; empty until the run ends
    std::string version;        // eventbench's version that ran it; empty until it ends
    std::string scenarioSha256; // of the scenario as run; empty until it ends
    double wallSeconds = 0;     // so far, for a run that did not end
    double simSeconds = 0;      // simulated seconds: the run's, or the last sample's if unended
    std::uint64_t events = 0;
    std::uint64_t messages = 0;
    std::int64_t samples = 0; // sample instants recorded
    std::string kind = "run"; // run | sweep (a sweep: seed and scenario are its base's)
    bool isSweep() const { return kind == "sweep"; }
    bool ended() const { return status == "complete" || status == "failed"; }
};

class ResultsStore {
  public:
    static constexpr int kSchemaVersion = 5;
    /// Stores up to this size are checked with `PRAGMA quick_check` when opened.
    static constexpr std::int64_t kQuickCheckBytes = std::int64_t{64} << 20;
    /// CreateIfMissing and MustExist open for writing (a run, delete); ReadOnly (list, show,
    /// export, compare) never writes, so a write-protected store can be read.
    enum class OpenMode { CreateIfMissing, MustExist, ReadOnly };

    ResultsStore() = default;
    ResultsStore(const ResultsStore &) = delete;
    ResultsStore &operator=(const ResultsStore &) = delete;

    /// Opens the store at `path`, creating it (and its tables) when missing and allowed, and
    /// migrating an older schema. Refuses, without modifying it, a file that is not a SQLite
    /// database, a SQLite database that is not a results store (its tables lack our columns),
    /// a damaged one (`PRAGMA quick_check` fails; checked when the file is at most
    /// kQuickCheckBytes) or a store with a newer schema; for writing, also a store that cannot
    /// be written (read-only file or directory, immutable). Runs left `running` by a process
    /// that is gone are marked `interrupted` (in ReadOnly mode only when there are such runs
    /// and the store can be written, through a second, writing open). Errors name the file.
    Diagnostics open(const std::string &path, OpenMode mode = OpenMode::CreateIfMissing);
    bool isOpen() const { return m_db.isOpen(); }
    void close();
    const std::string &path() const { return m_path; }

    // ---- writing a run as it goes ----
    /// Inserts the run as `running`, owned by this process, with its series names; returns
    /// its id.
    std::optional<std::int64_t>
    beginRun(const RunRecord &record,
             const std::vector<std::pair<std::string, std::string>> &series, Diagnostics *diags);
    /// Appends the next samples and events of a run begun here (one transaction) and updates
    /// its wall seconds so far.
    bool appendBatch(std::int64_t runId, const SampleSnapshot &batch, double wallSeconds,
                     Diagnostics *diags);
    /// Ends a run begun here: writes the samples and events not yet appended, the summary,
    /// the expectations and the run figures; status `failed` for verdict `error`, else
    /// `complete`. One transaction.
    bool finishRun(std::int64_t runId, const RunReport &report, const std::string &verdict,
                   Diagnostics *diags);
    /// Ends a run begun here that stopped before its end (e.g. Stop in the app).
    bool interruptRun(std::int64_t runId, double wallSeconds, Diagnostics *diags);
    /// Replaces the scenario text of a run still being recorded (the app adds the faults
    /// injected into it as they are taken, so that the stored scenario re-runs it).
    bool updateScenarioText(std::int64_t runId, const std::string &text, Diagnostics *diags);
    /// beginRun + finishRun for a run already finished.
    std::optional<std::int64_t> recordRun(const RunReport &report, const RunRecord &record,
                                          const std::string &verdict, Diagnostics *diags);

    // ---- sweeps ----
    /// Records a finished sweep as one entry of kind `sweep`, `complete` with verdict pass
    /// when every combination passes (else fail): `record` is its base scenario (after --set,
    /// --seed, --duration) and options, `scenarioSha256` digests record.scenarioText. One
    /// transaction; returns its id.
    std::optional<std::int64_t> recordSweep(const RunRecord &record, const StoredSweep &sweep,
                                            double wallSeconds, const std::string &scenarioSha256,
                                            Diagnostics *diags);
    /// The sweep `id`; nullopt with an error naming the store when there is no such sweep.
    std::optional<StoredSweep> loadSweep(std::int64_t id, Diagnostics *diags) const;

    // ---- reading ----
    /// Every run, newest last; only `scenario`'s when it is not empty.
    std::vector<StoredRun> listRuns(const std::string &scenario, Diagnostics *diags) const;
    /// One run, or nullopt with an error naming the store when there is no such run.
    std::optional<StoredRun> findRun(std::int64_t id, Diagnostics *diags) const;
    /// The scenario text the run was started with.
    std::string scenarioText(std::int64_t id) const;
    /// The run's nodes and their kinds, in scenario order; empty for a run recorded without
    /// them (by schema version 2 or older).
    std::vector<std::pair<std::string, NodeKind>> nodeKinds(std::int64_t id) const;
    /// Everything recorded of a run as a report (what `run --out` wrote for it); for a run
    /// that did not end, only its series, samples and events; nullopt with an error for a
    /// sweep (loadSweep reads it). Without `samples` the series
    /// and sample times stay empty (a cheap read of the summary).
    std::optional<RunReport> loadReport(std::int64_t id, Diagnostics *diags,
                                        bool samples = true) const;
    /// Deletes a run (or a sweep) and all its rows; refuses a run still being recorded.
    bool deleteRun(std::int64_t id, Diagnostics *diags);

    /// The run's fingerprint as written to the store and the reports: 16 lowercase hex digits.
    static std::string formatFingerprint(std::uint64_t fingerprint);
    /// `running` for a run whose recording process is alive, `interrupted` when it is gone
    /// (SIGKILL, crash, power loss); the stored status otherwise.
    static std::string effectiveStatus(const std::string &status, const std::string &owner);

  private:
    struct Progress {
        std::size_t samples = 0;
        std::size_t events = 0;
        std::size_t series = 0;
    };

    Diagnostic error(const std::string &message) const;
    bool fail(Diagnostics *diags, const std::string &what) const;
    // ResultsStoreSchema.cpp
    Diagnostics checkAndPrepare(bool readOnly);
    Diagnostics checkAndPrepareOnce(bool readOnly);
    Diagnostics checkShape(std::int64_t version) const;
    Diagnostics checkIntact() const;
    bool createSchema(std::string *error);
    bool migrateFrom1(std::string *error);
    /// Schema steps that only add, from `version` (2 or 3) up to kSchemaVersion.
    bool upgradeFrom(std::int64_t version, std::string *error);
    /// One step of the schema that only adds: `sql` run on a store at version `from`.
    bool addToSchema(std::int64_t from, const std::string &sql, std::string *error);
    bool copySamplesFrom1();
    std::vector<std::int64_t> orphanedRuns() const;
    void markOrphansInterrupted();
    // ResultsStoreQueries.cpp
    void loadSamples(std::int64_t id, RunReport &report) const;
    void loadEnd(std::int64_t id, RunReport &report) const;
    // ResultsStoreWrite.cpp
    bool writeSeries(std::int64_t runId, Progress &progress,
                     const std::vector<std::pair<std::string, std::string>> &series);
    bool writeNodes(std::int64_t runId, const std::vector<std::pair<std::string, NodeKind>> &nodes);
    bool writeSamples(std::int64_t runId, Progress &progress, const std::vector<double> &times,
                      const std::vector<const std::vector<double> *> &values, std::size_t from);
    bool writeEvents(std::int64_t runId, Progress &progress,
                     const std::vector<RunReport::EventRow> &events, std::size_t from);
    bool writeEnd(std::int64_t runId, const RunReport &report, const std::string &verdict);
    // ResultsStoreSweeps.cpp
    bool writeSweepCombination(std::int64_t id, std::size_t c,
                               const StoredSweep::Combination &combination);

    SqliteDb m_db;
    std::string m_path;
    std::map<std::int64_t, Progress> m_progress; // runs begun through this connection
};

} // namespace eventbench::model
