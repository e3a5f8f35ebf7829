#pragma once
// The thread that owns one run of the app: a sim::RunDriver built from an immutable copy of the
// scenario, advanced in interactive slices paced to the chosen speed. Commands from the GUI go
// to the driver's inbox (usable before the thread starts); results come back as value
// snapshots by queued signals, a new one only once the previous one was consumed
// (snapshotConsumed()).
#include <QMetaType>
#include <QThread>
#include <atomic>
#include <memory>

#include "model/results/RunReport.h"
#include "model/results/SampleSnapshot.h"
#include "model/scenario/Scenario.h"
#include "sim/run/RunDriver.h"
#include "sim/run/RunInbox.h"

namespace eventbench::ui {

using RunInfo = sim::RunInfo;
using SnapshotPtr = std::shared_ptr<const model::SampleSnapshot>;
using ReportPtr = std::shared_ptr<const model::RunReport>;

class RunWorker : public QThread, private sim::RunObserver {
    Q_OBJECT
  public:
    /// `speed`: simulated seconds per wall second; 0 = as fast as possible.
    RunWorker(model::Scenario scenario, double speed, bool startPaused, QObject *parent = nullptr);
    ~RunWorker() override;

    // Thread-safe commands (any thread).
    void setSpeed(double speed) { m_inbox->setSpeed(speed); }
    void setPaused(bool paused) { m_inbox->setPaused(paused); }
    /// Advance to the next sample boundary, then pause.
    void requestStep() { m_inbox->requestStep(); }
    void requestStop() { m_inbox->requestStop(); }
    /// The GUI took the last snapshot; the next one may be published.
    void snapshotConsumed();
    /// Queues `fault` for Engine::injectFault between slices (it starts at the run's current
    /// time, or at `fault.at` when that is later); the outcome comes back as faultInjected().
    void injectFault(const model::Fault &fault) { m_inbox->injectFault(fault); }

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
    // sim::RunObserver, on this thread.
    void onSlice(sim::RunDriver &driver, bool forced) override;
    void onPaused(bool isPaused) override { emit paused(isPaused); }
    void onFault(const model::Fault &fault, bool accepted) override {
        emit faultInjected(fault, accepted);
    }
    void publish(sim::RunDriver &driver, bool force);

    const model::Scenario m_scenario;
    const std::shared_ptr<sim::RunInbox> m_inbox;
    std::atomic<bool> m_consumed{true};
};

} // namespace eventbench::ui

Q_DECLARE_METATYPE(eventbench::ui::RunInfo)
Q_DECLARE_METATYPE(eventbench::ui::SnapshotPtr)
Q_DECLARE_METATYPE(eventbench::ui::ReportPtr)
Q_DECLARE_METATYPE(eventbench::model::Fault)
