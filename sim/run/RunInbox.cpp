#include "sim/run/RunInbox.h"

namespace eventbench::sim {

RunInbox::RunInbox(double speed, bool paused) : m_speed(speed), m_paused(paused) {}

void RunInbox::setSpeed(double speed) {
    const std::lock_guard lock(m_mutex);
    m_speed = speed;
    m_changed = true;
    m_wake.notify_all();
}

void RunInbox::setPaused(bool paused) {
    const std::lock_guard lock(m_mutex);
    m_paused = paused;
    m_changed = true;
    m_wake.notify_all();
}

void RunInbox::requestStep() {
    const std::lock_guard lock(m_mutex);
    m_steps++;
    m_changed = true;
    m_wake.notify_all();
}

void RunInbox::requestStop() {
    const std::lock_guard lock(m_mutex);
    m_stop = true;
    m_wake.notify_all();
}

void RunInbox::injectFault(const model::Fault &fault) {
    const std::lock_guard lock(m_mutex);
    m_faults.push_back(fault);
    m_changed = true;
    m_wake.notify_all();
}

bool RunInbox::stopRequested() const {
    const std::lock_guard lock(m_mutex);
    return m_stop;
}

RunInbox::Commands RunInbox::drain() {
    const std::lock_guard lock(m_mutex);
    Commands c;
    c.stop = m_stop;
    if (m_stop)
        return c;
    c.faults.swap(m_faults);
    c.speed = m_speed;
    c.paused = m_paused;
    if (m_changed) {
        m_changed = false;
        c.settings = true;
        if (m_steps > 0) {
            m_steps--;
            m_changed = m_steps > 0; // the next step comes with the next drain
            c.step = true;
        }
    }
    return c;
}

void RunInbox::pauseAfterStep() {
    const std::lock_guard lock(m_mutex);
    m_paused = true;
    m_changed = true;
}

void RunInbox::waitForCommand(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    if (!m_changed && !m_stop)
        m_wake.wait_for(lock, timeout);
}

} // namespace eventbench::sim
