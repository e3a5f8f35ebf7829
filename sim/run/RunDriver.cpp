#include "sim/run/RunDriver.h"

#include <algorithm>
#include <cassert>

#include "sim/engine/Engine.h"

namespace eventbench::sim {

namespace {

using Clock = std::chrono::steady_clock;

// How long a paused run sleeps between looks at its inbox when no command wakes it.
constexpr auto kPausedWait = std::chrono::milliseconds(100);

double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

} // namespace

RunDriver::RunDriver(const model::Scenario &scenario, RunPace pace, std::shared_ptr<RunInbox> inbox)
    : m_started(Clock::now()), m_owner(std::this_thread::get_id()), m_pace(pace),
      m_sampleEvery(scenario.sampleEvery),
      m_inbox(inbox ? std::move(inbox) : std::make_shared<RunInbox>()),
      m_engine(std::make_unique<Engine>(scenario)) {
    m_anchorWall = m_started;
}

RunDriver::~RunDriver() = default;

void RunDriver::checkOwner() const {
    // Only the owning thread may touch the engine: it is not thread-safe, and commands from
    // other threads have the inbox.
    assert(isOwnerThread() && "RunDriver used from a thread that does not own it");
}

RunInfo RunDriver::info() const {
    checkOwner();
    return RunInfo{m_engine->seriesNames(), m_sampleEvery, m_engine->endTime()};
}

bool RunDriver::finished() const {
    checkOwner();
    return m_engine->finished();
}

model::SimTime RunDriver::now() const {
    checkOwner();
    return m_engine->now();
}

model::SimTime RunDriver::endTime() const {
    checkOwner();
    return m_engine->endTime();
}

std::size_t RunDriver::sampleCount() const {
    checkOwner();
    return m_engine->sampleCount();
}

bool RunDriver::run(RunObserver *observer) {
    checkOwner();
    RunObserver nobody;
    RunObserver &obs = observer ? *observer : nobody;
    m_anchorWall = Clock::now();
    m_anchorSim = m_engine->now();
    while (!m_engine->finished()) {
        RunInbox::Commands commands = m_inbox->drain();
        if (commands.stop)
            return false;
        if (commands.settings)
            applySettings(commands, &obs);
        // Faults go to the engine outside the inbox's lock: senders never wait for it.
        if (!commands.faults.empty())
            applyFaults(std::move(commands.faults), &obs);

        if (commands.step) {
            stepSlice(&obs);
            continue;
        }
        if (m_paused) {
            obs.onSlice(*this, false);
            m_inbox->waitForCommand(kPausedWait);
            continue;
        }
        if (m_speed <= 0) {
            flatSlice();
            obs.onSlice(*this, false);
            continue;
        }
        const auto sliceStart = Clock::now();
        pacedSlice();
        obs.onSlice(*this, false);
        const auto spent = Clock::now() - sliceStart;
        if (spent < m_pace.tick)
            m_inbox->waitForCommand(
                std::chrono::duration_cast<std::chrono::milliseconds>(m_pace.tick - spent));
    }
    return true;
}

void RunDriver::applySettings(const RunInbox::Commands &commands, RunObserver *observer) {
    const bool wasPaused = m_paused;
    m_speed = commands.speed;
    m_paused = commands.paused;
    if (wasPaused != m_paused)
        observer->onPaused(m_paused);
    m_anchorWall = Clock::now();
    m_anchorSim = m_engine->now();
}

void RunDriver::applyFaults(std::vector<model::Fault> faults, RunObserver *observer) {
    for (model::Fault &f : faults) {
        const bool accepted = m_engine->injectFault(f);
        f.at = std::max(f.at, m_engine->now());
        observer->onFault(f, accepted);
    }
}

void RunDriver::stepSlice(RunObserver *observer) {
    const model::SimTime every = std::max<model::SimTime>(m_sampleEvery, 1);
    const model::SimTime next = (m_engine->now() / every + 1) * every;
    m_engine->advanceTo(std::min(next, m_engine->endTime()));
    m_inbox->pauseAfterStep();
    observer->onSlice(*this, true);
}

void RunDriver::flatSlice() {
    if (m_pace.blockEvents == 0) {
        m_engine->runToEnd();
        return;
    }
    const auto sliceStart = Clock::now();
    do {
        // No event left before the end: the rest of the run is only time passing.
        if (m_engine->advanceEvents(m_pace.blockEvents) == 0)
            m_engine->runToEnd();
    } while (!m_engine->finished() && Clock::now() - sliceStart < m_pace.sliceBudget);
}

void RunDriver::pacedSlice() {
    const model::SimTime now = m_engine->now();
    const auto target = m_anchorSim + model::SimTime(secondsSince(m_anchorWall) * m_speed * 1e9);
    // At most a tenth of a wall second of simulated time per slice keeps slices short.
    const auto cap = now + model::SimTime(m_speed * 0.1 * 1e9);
    if (target > now)
        m_engine->advanceTo(std::min({target, cap, m_engine->endTime()}));
    // When the engine cannot keep up, drop the debt instead of racing to catch up.
    if (target - m_engine->now() > model::SimTime(m_speed * 0.5 * 1e9)) {
        m_anchorWall = Clock::now();
        m_anchorSim = m_engine->now();
    }
}

bool RunDriver::hasNews() const {
    checkOwner();
    return m_engine->sampleCount() != m_samplesSeen || m_engine->now() != m_seenNow;
}

model::SampleSnapshot RunDriver::takeSnapshot() {
    checkOwner();
    model::SampleSnapshot snapshot = m_engine->snapshotSince(m_samplesSeen, m_eventsSeen);
    m_samplesSeen += snapshot.times.size();
    m_eventsSeen += snapshot.newEvents.size();
    m_seenNow = snapshot.now;
    return snapshot;
}

model::RunReport RunDriver::takeReport(SeriesIn where) {
    checkOwner();
    model::RunReport report = m_engine->takeReport(where);
    report.wallSeconds = secondsSince(m_started);
    return report;
}

} // namespace eventbench::sim
