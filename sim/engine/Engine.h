#pragma once
// The simulation of one run of a scenario: builds the broker core and actors from an
// immutable, validated scenario and advances simulated time. Single-threaded: one thread
// (the CLI's main thread or the GUI's worker) owns an Engine and calls everything on it.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/results/RunReport.h"
#include "model/results/SampleSnapshot.h"
#include "model/scenario/Scenario.h"

namespace eventbench::sim {

class EngineImpl;

/// Where a finished run's report keeps its series' values: loaded in the report, or in its
/// SampleSpool (a temporary file) to be read back a block at a time.
enum class SeriesIn { Memory, Spool };

/// New samples since a given sample index, as values (the one snapshot type, shared with
/// the results store and the GUI).
using SampleSnapshot = model::SampleSnapshot;

class Engine {
  public:
    /// `scenario` must have passed validation (no errors).
    explicit Engine(const model::Scenario &scenario);
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    /// Executes every event up to and including time `t` (clamped to the end of the run).
    void advanceTo(model::SimTime t);
    /// Executes at most `maxEvents` events; returns how many ran.
    std::uint64_t advanceEvents(std::uint64_t maxEvents);
    void runToEnd();
    bool finished() const;
    model::SimTime now() const;
    model::SimTime endTime() const;
    std::uint64_t eventCount() const;

    /// The fault API (scenarios/README.md#faults), for the GUI's context menu and tests. Schedules
    /// `fault` at max(fault.at, now()) and, when it has a duration (`for`), its revert that much
    /// later. Faults of the scenario file are scheduled the same way when the engine is built. The
    /// fault must be valid for the scenario (ScenarioValidator's fault rules); an invalid one
    /// is ignored and false is returned. Applied and reverted faults are logged as events.
    /// Examples: {kind Crash, target "inventory", instances 1, duration 30 s};
    /// {kind Outage, target "order-events"}; {kind Latency, target "a", edgeTo "b", add 50 ms}.
    bool injectFault(const model::Fault &fault);

    /// (node, metric) of every sampled series, in report order.
    std::vector<std::pair<std::string, std::string>> seriesNames() const;
    std::size_t sampleCount() const;
    /// Samples taken since `fromSample` and events logged since `fromEvent`.
    SampleSnapshot snapshotSince(std::size_t fromSample, std::size_t fromEvent) const;

    /// The finished run's report: series, summary (after warmup), events, expectation
    /// verdicts, ledger, fingerprint. Call once, when finished(). wallSeconds is left 0 for
    /// the caller to fill. `SeriesIn::Spool` leaves the series' values in report.spool (read
    /// back a block at a time: a long run's report stays small); `Memory` loads them.
    model::RunReport takeReport(SeriesIn where = SeriesIn::Memory);

  private:
    std::unique_ptr<EngineImpl> m_impl;
};

} // namespace eventbench::sim
