#pragma once
// The thread that owns one run's Engine (built from an immutable copy of the scenario) and
// advances it in slices, paced to the chosen speed. Commands from the GUI go through a
// mutex-guarded inbox drained between slices; results come back as value snapshots by
// queued signals, a new one only once the previous one was consumed (snapshotConsumed()).
#include <QMetaType>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>
#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"
#include "sim/engine/Engine.h"

namespace eventbench::ui {

/// What the GUI needs to know about a run before its first sample.
struct RunInfo {
    std::vector<std::pair<std::string, std::string>> seriesNames;
    model::SimTime sampleEvery = 0;
    model::SimTime endTime = 0;
};

using SnapshotPtr = std::shared_ptr<const sim::SampleSnapshot>;
using ReportPtr = std::shared_ptr<const model::RunReport>;

class RunWorker : public QThread {
    Q_OBJECT
  public:
    /// `speed`: simulated seconds per wall second; 0 = as fast as possible.
    RunWorker(model::Scenario scenario, double speed, bool startPaused, QObject *parent = nullptr);
    ~RunWorker() override;

    // Thread-safe commands (any thread).
    void setSpeed(double speed);
    void setPaused(bool paused);
    /// Advance to the next sample boundary, then pause.
    void requestStep();
    void requestStop();
    /// The GUI took the last snapshot; the next one may be published.
    void snapshotConsumed();
    /// Queues `fault` for Engine::injectFault between slices (it starts at the run's current
    /// time, or at `fault.at` when that is later); the outcome comes back as faultInjected().
    void injectFault(const model::Fault &fault);

  signals:
    void prepared(const eventbench::ui::RunInfo &info);
    void snapshotReady(const eventbench::ui::SnapshotPtr &snapshot);
    void paused(bool paused);
    void finishedRun(const eventbench::ui::ReportPtr &report);
    void failed(const QString &message);
    /// `fault` as scheduled (its `at` is when it starts), and whether the engine accepted it.
    void faultInjected(const eventbench::model::Fault &fault, bool accepted);

  protected:
    void run() override;

  private:
    struct Inbox {
        double speed = 0;
        bool paused = false;
        int steps = 0;
        bool stop = false;
        bool changed = true;
        std::vector<model::Fault> faults;
    };

    void loop(sim::Engine &engine);
    void applyFaults(sim::Engine &engine, std::vector<model::Fault> faults);
    void publish(sim::Engine &engine, bool force);

    const model::Scenario m_scenario;
    QMutex m_mutex;
    QWaitCondition m_wake;
    Inbox m_inbox;
    std::atomic<bool> m_consumed{true};
    std::size_t m_publishedSamples = 0;
    std::size_t m_publishedEvents = 0;
    model::SimTime m_publishedNow = -1;
};

} // namespace eventbench::ui

Q_DECLARE_METATYPE(eventbench::ui::RunInfo)
Q_DECLARE_METATYPE(eventbench::ui::SnapshotPtr)
Q_DECLARE_METATYPE(eventbench::ui::ReportPtr)
Q_DECLARE_METATYPE(eventbench::model::Fault)
