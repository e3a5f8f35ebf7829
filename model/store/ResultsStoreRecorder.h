#pragma once
// Records one run into a ResultsStore while it runs, the same way for the CLI and the app:
// the run is inserted as `running` when it starts, its new samples and events are written in
// batches (one transaction each) every interval of wall time or every kBatchSamples samples,
// and its report when it ends. A run killed mid-way thus keeps every batch written so far. Borrows
// the store; use from the thread that owns the store.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/store/ResultsStore.h"

namespace eventbench::model {

class ResultsStoreRecorder {
  public:
    explicit ResultsStoreRecorder(ResultsStore &store,
                                  std::chrono::milliseconds interval = std::chrono::seconds(1));

    /// Inserts the run; false (with diagnostics) when the store refuses it.
    bool begin(const RunRecord &record,
               const std::vector<std::pair<std::string, std::string>> &series, Diagnostics *diags);
    /// Sample instants per batch at most (a fast run commits this often, not only once a
    /// second, so that little is pending at any time).
    static constexpr std::size_t kBatchSamples = 200;

    /// True when a batch should be written now: begun, not failed, and the interval elapsed
    /// or `samplesTaken` (the run's sample count so far) is kBatchSamples ahead.
    bool due(std::size_t samplesTaken) const;
    /// Where the next batch starts (the samples and events already written).
    std::size_t samplesWritten() const { return m_samples; }
    std::size_t eventsWritten() const { return m_events; }
    /// Writes the batch (samples from samplesWritten(), events from eventsWritten()) in one
    /// transaction and restarts the interval. After a failure nothing more is written.
    bool append(const SampleSnapshot &batch, Diagnostics *diags);
    /// Replaces the run's scenario text (ResultsStore::updateScenarioText).
    bool updateScenario(const std::string &text, Diagnostics *diags);
    /// Writes what is left and the report; the run becomes complete (or failed for `error`).
    bool finish(const RunReport &report, const std::string &verdict, Diagnostics *diags);
    /// The run stopped before its end: it stays in the store as interrupted.
    bool interrupt(Diagnostics *diags);

    std::optional<std::int64_t> runId() const { return m_runId; }
    bool failed() const { return m_failed; }
    /// Wall seconds since begin().
    double elapsedSeconds() const;

  private:
    ResultsStore &m_store;
    std::chrono::milliseconds m_interval;
    std::chrono::steady_clock::time_point m_started;
    std::chrono::steady_clock::time_point m_lastWrite;
    std::optional<std::int64_t> m_runId;
    std::size_t m_samples = 0;
    std::size_t m_events = 0;
    bool m_failed = false;
};

} // namespace eventbench::model
