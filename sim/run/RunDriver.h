#pragma once
// One run of a scenario, driven in slices: the one loop that advances an Engine for every
// front end (`eventbench run`, the replications and sweep points of BatchRunner, the app's
// live run). Between slices it drains its RunInbox (pause, resume, step, speed, faults, stop)
// and tells its RunObserver; the observer takes the new samples through the snapshot cursor,
// which hands out each sample and event exactly once.
//
// Threads: the thread that constructs a driver owns it and is the only one that may advance
// it or take snapshots and the report (asserted, like ns-3's DefaultSimulatorImpl); any thread
// may send commands through inbox().
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "model/results/RunReport.h"
#include "model/results/SampleSnapshot.h"
#include "model/scenario/Scenario.h"
#include "sim/engine/Engine.h"
#include "sim/run/RunInbox.h"

namespace eventbench::sim {

class Engine;
class RunDriver;

/// How a RunDriver cuts a run into slices.
struct RunPace {
    /// Flat out: events per engine call; 0 runs the whole run as one slice.
    std::uint64_t blockEvents = 20000;
    /// Flat out: engine calls per slice go on until this much wall time passed (0: one call).
    std::chrono::milliseconds sliceBudget{0};
    /// Paced (speed > 0): the wall time of one slice.
    std::chrono::milliseconds tick{16};

    /// Slices of `events` events, one engine call each (headless runs).
    static RunPace flatOut(std::uint64_t events) { return RunPace{events, {}, {}}; }
    /// The whole run as one slice (nobody watches it).
    static RunPace wholeRun() { return RunPace{0, {}, {}}; }
    /// The app's live run: short slices so Pause and Stop feel instant, ~60 paced ones a second.
    static RunPace interactive() {
        return RunPace{4096, std::chrono::milliseconds(25), std::chrono::milliseconds(16)};
    }
};

/// What a front end needs to know about a run before its first sample.
struct RunInfo {
    std::vector<std::pair<std::string, std::string>> seriesNames; // (node, metric), report order
    model::SimTime sampleEvery = 0;
    model::SimTime endTime = 0;
};

/// What a RunDriver tells its user as it goes; called on the driver's thread. Does nothing
/// unless overridden.
class RunObserver {
  public:
    virtual ~RunObserver() = default;
    /// After each slice. `forced`: after a step, or the run is paused at a new instant; a
    /// front end shows the state now rather than when convenient.
    virtual void onSlice(RunDriver &, bool /*forced*/) {}
    /// The run was paused or resumed by a command (a step ends paused).
    virtual void onPaused(bool /*paused*/) {}
    /// A fault from the inbox as scheduled (its `at` is when it starts), and whether the
    /// engine accepted it.
    virtual void onFault(const model::Fault &, bool /*accepted*/) {}
};

class RunDriver {
  public:
    /// Builds the engine (`scenario` must be valid; the engine may throw on a broken
    /// invariant). `inbox` may be shared with senders created earlier; nullptr makes one.
    explicit RunDriver(const model::Scenario &scenario, RunPace pace = {},
                       std::shared_ptr<RunInbox> inbox = nullptr);
    ~RunDriver();
    RunDriver(const RunDriver &) = delete;
    RunDriver &operator=(const RunDriver &) = delete;

    /// Any thread: where commands for this run go.
    RunInbox &inbox() const { return *m_inbox; }
    /// True on the thread that owns the driver.
    bool isOwnerThread() const { return std::this_thread::get_id() == m_owner; }

    // Owning thread only.
    RunInfo info() const;
    /// Advances slice by slice until the run ends (true) or a stop command came (false),
    /// calling `observer` (may be null) between slices.
    bool run(RunObserver *observer = nullptr);
    bool finished() const;
    model::SimTime now() const;
    model::SimTime endTime() const;
    std::size_t sampleCount() const;

    /// The snapshot cursor: samples and events handed out so far.
    std::size_t samplesSeen() const { return m_samplesSeen; }
    std::size_t eventsSeen() const { return m_eventsSeen; }
    /// Whether a snapshot now would bring new samples or a new simulated time.
    bool hasNews() const;
    /// Everything since the cursor; moves the cursor past it.
    model::SampleSnapshot takeSnapshot();

    /// The finished run's report with its wall time (from construction); once, when finished().
    /// `where`: as Engine::takeReport.
    model::RunReport takeReport(SeriesIn where = SeriesIn::Memory);

  private:
    void checkOwner() const;
    void applySettings(const RunInbox::Commands &commands, RunObserver *observer);
    void applyFaults(std::vector<model::Fault> faults, RunObserver *observer);
    void stepSlice(RunObserver *observer);
    void flatSlice();
    void pacedSlice();

    const std::chrono::steady_clock::time_point m_started;
    const std::thread::id m_owner;
    const RunPace m_pace;
    const model::SimTime m_sampleEvery;
    std::shared_ptr<RunInbox> m_inbox;
    std::unique_ptr<Engine> m_engine;

    double m_speed = 0;
    bool m_paused = false;
    // Pacing anchor: at m_anchorWall the simulation was at m_anchorSim.
    std::chrono::steady_clock::time_point m_anchorWall;
    model::SimTime m_anchorSim = 0;

    std::size_t m_samplesSeen = 0;
    std::size_t m_eventsSeen = 0;
    model::SimTime m_seenNow = -1;
};

} // namespace eventbench::sim
