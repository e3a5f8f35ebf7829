#include "ui/live/RunWorker.h"

#include <QMutexLocker>
#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <algorithm>
#include <chrono>
#include <exception>
#include <optional>

namespace eventbench::ui {

namespace {

using Clock = std::chrono::steady_clock;

// How long one slice may run before the inbox is looked at again: short enough for Pause and
// Stop to feel instant, long enough to amortise the snapshot.
constexpr auto kSliceBudget = std::chrono::milliseconds(25);
// The pace of slices at a finite speed (about 60 per second).
constexpr auto kTick = std::chrono::milliseconds(16);
constexpr std::uint64_t kEventsPerCheck = 4096;

double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

} // namespace

RunWorker::RunWorker(model::Scenario scenario, double speed, bool startPaused, QObject *parent)
    : QThread(parent), m_scenario(std::move(scenario)) {
    m_inbox.speed = speed;
    m_inbox.paused = startPaused;
    qRegisterMetaType<RunInfo>();
    qRegisterMetaType<SnapshotPtr>();
    qRegisterMetaType<ReportPtr>();
    qRegisterMetaType<model::Fault>();
}

RunWorker::~RunWorker() {
    requestStop();
    wait();
}

void RunWorker::setSpeed(double speed) {
    QMutexLocker lock(&m_mutex);
    m_inbox.speed = speed;
    m_inbox.changed = true;
    m_wake.wakeAll();
}

void RunWorker::setPaused(bool paused) {
    QMutexLocker lock(&m_mutex);
    m_inbox.paused = paused;
    m_inbox.changed = true;
    m_wake.wakeAll();
}

void RunWorker::requestStep() {
    QMutexLocker lock(&m_mutex);
    m_inbox.steps++;
    m_inbox.changed = true;
    m_wake.wakeAll();
}

void RunWorker::requestStop() {
    QMutexLocker lock(&m_mutex);
    m_inbox.stop = true;
    m_wake.wakeAll();
}

void RunWorker::injectFault(const model::Fault &fault) {
    QMutexLocker lock(&m_mutex);
    m_inbox.faults.push_back(fault);
    m_inbox.changed = true;
    m_wake.wakeAll();
}

void RunWorker::applyFaults(sim::Engine &engine, std::vector<model::Fault> faults) {
    for (model::Fault &f : faults) {
        const bool accepted = engine.injectFault(f);
        f.at = std::max(f.at, engine.now());
        emit faultInjected(f, accepted);
    }
}

void RunWorker::snapshotConsumed() {
    m_consumed.store(true, std::memory_order_release);
}

void RunWorker::run() {
#ifdef Q_OS_LINUX
    // When the machine is busy, the window must win the CPU over the simulation: a lower
    // weight for this thread (QThread priorities do nothing under Linux's default policy).
    setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), 5);
#endif
    std::unique_ptr<sim::Engine> engine;
    try {
        engine = std::make_unique<sim::Engine>(m_scenario);
    } catch (const std::exception &e) {
        emit failed(QString::fromStdString(e.what()));
        return;
    }
    emit prepared(RunInfo{engine->seriesNames(), m_scenario.sampleEvery, engine->endTime()});
    const auto started = Clock::now();
    loop(*engine);
    // Whatever the GUI has not seen yet goes out now, consumed or not: it is the last one.
    publish(*engine, true);
    if (engine->finished()) {
        auto report = std::make_shared<model::RunReport>(engine->takeReport());
        report->wallSeconds = secondsSince(started);
        emit finishedRun(report);
    }
}

void RunWorker::loop(sim::Engine &engine) {
    const model::SimTime sampleEvery = std::max<model::SimTime>(m_scenario.sampleEvery, 1);
    double speed = 0;
    bool isPaused = false;
    std::optional<model::SimTime> stepTarget;
    // Pacing anchor: at `anchorWall` the simulation was at `anchorSim`.
    auto anchorWall = Clock::now();
    model::SimTime anchorSim = engine.now();

    while (!engine.finished()) {
        std::vector<model::Fault> faults;
        {
            QMutexLocker lock(&m_mutex);
            if (m_inbox.stop)
                return;
            faults.swap(m_inbox.faults);
            if (m_inbox.changed) {
                m_inbox.changed = false;
                const bool wasPaused = isPaused;
                speed = m_inbox.speed;
                isPaused = m_inbox.paused;
                if (m_inbox.steps > 0 && !stepTarget) {
                    m_inbox.steps--;
                    m_inbox.changed = m_inbox.steps > 0;
                    stepTarget =
                        std::min((engine.now() / sampleEvery + 1) * sampleEvery, engine.endTime());
                }
                if (wasPaused != isPaused)
                    emit paused(isPaused);
                anchorWall = Clock::now();
                anchorSim = engine.now();
            }
        }
        // Outside the lock: the GUI never waits for the engine.
        if (!faults.empty())
            applyFaults(engine, std::move(faults));

        if (stepTarget) {
            engine.advanceTo(*stepTarget);
            stepTarget.reset();
            {
                QMutexLocker lock(&m_mutex);
                m_inbox.paused = true;
                m_inbox.changed = true;
            }
            publish(engine, true);
            continue;
        }

        if (isPaused) {
            publish(engine, false);
            QMutexLocker lock(&m_mutex);
            if (!m_inbox.changed && !m_inbox.stop)
                m_wake.wait(&m_mutex, 100);
            continue;
        }

        const auto sliceStart = Clock::now();
        if (speed <= 0) {
            while (!engine.finished() && Clock::now() - sliceStart < kSliceBudget)
                engine.advanceEvents(kEventsPerCheck);
            publish(engine, false);
            continue;
        }

        const auto target = anchorSim + model::SimTime(secondsSince(anchorWall) * speed * 1e9);
        // At most a tenth of a wall second of simulated time per slice keeps slices short.
        const auto cap = engine.now() + model::SimTime(speed * 0.1 * 1e9);
        if (target > engine.now())
            engine.advanceTo(std::min({target, cap, engine.endTime()}));
        // When the engine cannot keep up, drop the debt instead of racing to catch up.
        if (target - engine.now() > model::SimTime(speed * 0.5 * 1e9)) {
            anchorWall = Clock::now();
            anchorSim = engine.now();
        }
        publish(engine, false);
        const auto spent = Clock::now() - sliceStart;
        if (spent < kTick) {
            QMutexLocker lock(&m_mutex);
            if (!m_inbox.changed && !m_inbox.stop)
                m_wake.wait(&m_mutex, ulong(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                kTick - spent)
                                                .count()));
        }
    }
}

void RunWorker::publish(sim::Engine &engine, bool force) {
    if (!force && !m_consumed.load(std::memory_order_acquire))
        return;
    if (engine.sampleCount() == m_publishedSamples && engine.now() == m_publishedNow && !force)
        return;
    auto snapshot = std::make_shared<sim::SampleSnapshot>(
        engine.snapshotSince(m_publishedSamples, m_publishedEvents));
    m_publishedSamples += snapshot->times.size();
    m_publishedEvents += snapshot->newEvents.size();
    m_publishedNow = snapshot->now;
    m_consumed.store(false, std::memory_order_release);
    emit snapshotReady(snapshot);
}

} // namespace eventbench::ui
