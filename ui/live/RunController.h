#pragma once
// The GUI's handle on a simulation run: Run, Pause, Step, Stop and speed, forwarded to the
// RunWorker thread; snapshots are appended to RunData as they arrive, and the finished run's
// report is kept for export. Never blocks on the engine. GUI thread.
#include <QObject>
#include <QPointer>
#include <memory>
#include <vector>

#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"
#include "ui/live/RunData.h"
#include "ui/live/RunWorker.h"

namespace eventbench::ui {

class RunController : public QObject {
    Q_OBJECT
  public:
    enum class State { Idle, Running, Paused, Finished, Stopped, Failed };
    Q_ENUM(State)

    /// The speeds offered: simulated seconds per wall second; 0 = as fast as possible.
    static constexpr double kMaxSpeed = 0;

    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    /// Starts a run of `scenario` (which must be valid) with its seed. Any previous run's
    /// data is dropped. `paused` starts without advancing (for Step).
    void start(const model::Scenario &scenario, bool paused = false);
    void pause();
    void resume();
    /// One sample further, then paused; starts nothing by itself.
    void step();
    void stop();
    /// Forgets the last run (its data, report and scenario) when none is live: a new document.
    void clear();
    void setSpeed(double speed);
    double speed() const { return m_speed; }
    /// Sends `fault` (scenarios/README.md#faults) to the live run, where it starts at the run's
    /// current time (or at `fault.at` if later) and lands in the event log and the report like a
    /// fault of the file. False when no run is live; the engine's verdict comes as faultInjected().
    bool injectFault(const model::Fault &fault);

    State state() const { return m_state; }
    /// Running or paused: the scenario must not be edited.
    bool isLive() const { return m_state == State::Running || m_state == State::Paused; }
    const RunData &data() const { return m_data; }
    /// The finished run's report, or nullptr.
    const model::RunReport *report() const { return m_report.get(); }
    const model::Scenario &runScenario() const { return m_scenario; }
    /// The faults injected into this run that it accepted, in order, each at the simulated time
    /// it started.
    const std::vector<model::Fault> &injectedFaults() const { return m_injected; }
    /// The run's scenario with its injected faults appended to `faults:` at their times: what
    /// re-runs to the same fingerprint (what the results store keeps, Save Run as Scenario).
    model::Scenario recordedScenario() const;
    QString lastError() const { return m_error; }

  signals:
    void stateChanged(eventbench::ui::RunController::State state);
    /// New samples or events arrived (at most once per snapshot).
    void dataChanged();
    void runFinished();
    /// The run took `fault` (starting at fault.at), or refused it as invalid.
    void faultInjected(const eventbench::model::Fault &fault, bool accepted);

  private:
    void setState(State s);
    void retireWorker();

    QPointer<RunWorker> m_worker;
    RunData m_data;
    ReportPtr m_report;
    model::Scenario m_scenario;
    std::vector<model::Fault> m_injected;
    double m_speed = 1;
    State m_state = State::Idle;
    QString m_error;
};

} // namespace eventbench::ui
