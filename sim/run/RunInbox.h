#pragma once
// The commands for one run that may come from any thread (the GUI's Pause, Step, speed and
// fault menu; a batch's cancellation): kept under a mutex and drained by the RunDriver between
// slices, so that the sender never waits for the engine. Shared (by shared_ptr) between the
// senders and the driver, so commands may be sent before the driver exists.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "model/scenario/Scenario.h"

namespace eventbench::sim {

class RunInbox {
  public:
    /// `speed`: simulated seconds per wall second, 0 = as fast as possible.
    explicit RunInbox(double speed = 0, bool paused = false);

    // Any thread.
    void setSpeed(double speed);
    void setPaused(bool paused);
    /// Advance to the next sample boundary, then pause.
    void requestStep();
    void requestStop();
    /// Queues `fault` for Engine::injectFault at the run's current time (or at fault.at if
    /// later).
    void injectFault(const model::Fault &fault);
    bool stopRequested() const;

    /// What the driver takes between slices. `settings` is true when speed or pause changed
    /// (or a step began) since the last drain; `step` asks for one step now.
    struct Commands {
        bool stop = false;
        bool settings = false;
        bool step = false;
        double speed = 0;
        bool paused = false;
        std::vector<model::Fault> faults;
    };
    /// Driver thread: takes the pending commands (one step at a time).
    Commands drain();
    /// Driver thread: a step ended, the run is paused as if setPaused(true) had come.
    void pauseAfterStep();
    /// Driver thread: sleeps up to `timeout`, less when a command arrives.
    void waitForCommand(std::chrono::milliseconds timeout);

  private:
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    double m_speed;
    bool m_paused;
    int m_steps = 0;
    bool m_stop = false;
    bool m_changed = true;
    std::vector<model::Fault> m_faults;
};

} // namespace eventbench::sim
