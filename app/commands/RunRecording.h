#pragma once
// `eventbench run --db FILE`: records the run in the results store while it runs, feeding a
// model::ResultsStoreRecorder from the run driver's snapshots (a batch at most once a second), so
// that a run killed mid-way stays in the store as interrupted with its samples so far. Does
// nothing when no store was given. Owns the store connection for the run.
#include <memory>
#include <string>

#include "app/CommandLine.h"
#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"
#include "model/store/ResultsStore.h"
#include "model/store/ResultsStoreRecorder.h"

namespace eventbench::sim {
class RunDriver;
struct RunInfo;
} // namespace eventbench::sim

namespace eventbench::app {

/// The current UTC time as ISO 8601 (`2026-01-01T00:00:00Z`): when a recorded run started.
std::string utcNow();
/// The bytes of the file at `path` (empty when it cannot be read): the scenario text a run
/// records.
std::string readFile(const std::string &path);

class RunRecording {
  public:
    /// Opens `cmd.dbFile` (when given) and reads the scenario text as it is now; false after
    /// printing the problem (the caller exits 2).
    bool open(const CommandLine &cmd);
    bool active() const { return m_store.isOpen(); }
    /// The run starts: inserts it as running with its series.
    void start(const sim::RunInfo &info, const model::Scenario &scenario);
    /// Between slices of the run: takes the new samples and events from the driver's snapshot
    /// cursor and writes them when a batch is due.
    void poll(sim::RunDriver &driver);
    /// The run ended with `verdict` (pass, fail or error); false after printing the problem
    /// (the caller exits 3).
    bool finish(const model::RunReport &report, const std::string &verdict);

  private:
    model::ResultsStore m_store;
    std::unique_ptr<model::ResultsStoreRecorder> m_recorder;
    model::RunRecord m_record;
    bool m_ok = true;
};

} // namespace eventbench::app
