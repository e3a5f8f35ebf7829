#include "sim/broker/CircuitBreaker.h"

#include <algorithm>

namespace eventbench::sim {

CircuitBreaker::CircuitBreaker(const model::BreakerSpec &spec) : m_spec(spec) {
    // Resilience4j caps a count-based window's minimum number of calls at the window's size.
    m_spec.minCalls = std::min(m_spec.minCalls, m_spec.window);
    m_ring.assign(static_cast<std::size_t>(m_spec.window), 0);
}

void CircuitBreaker::enterPhase() {
    ++m_phase;
    std::fill(m_ring.begin(), m_ring.end(), 0);
    m_next = 0;
    m_recorded = m_failures = 0;
    m_trialsTaken = m_trialsDone = m_trialFailures = 0;
}

void CircuitBreaker::open(Time now) {
    m_state = State::Open;
    m_openUntil = now + m_spec.openFor;
    ++m_opened;
    enterPhase();
}

bool CircuitBreaker::permits() const {
    return m_state == State::Closed ||
           (m_state == State::HalfOpen && m_trialsTaken < m_spec.halfOpenCalls);
}

bool CircuitBreaker::acquire(std::uint32_t &phase) {
    if (!permits())
        return false;
    if (m_state == State::HalfOpen)
        ++m_trialsTaken;
    phase = m_phase;
    return true;
}

CircuitBreaker::Transition CircuitBreaker::record(std::uint32_t phase, bool failed, Time now) {
    if (phase != m_phase)
        return Transition::None;
    if (m_state == State::HalfOpen) {
        ++m_trialsDone;
        m_trialFailures += failed ? 1 : 0;
        if (m_trialsDone < m_spec.halfOpenCalls)
            return Transition::None;
        if (static_cast<double>(m_trialFailures) >=
            m_spec.failureRate * static_cast<double>(m_trialsDone)) {
            open(now);
            return Transition::Opened;
        }
        m_state = State::Closed;
        enterPhase();
        return Transition::Closed;
    }
    if (m_state != State::Closed)
        return Transition::None;
    std::uint8_t &slot = m_ring[m_next];
    if (m_recorded == m_spec.window)
        m_failures -= slot;
    else
        ++m_recorded;
    slot = failed ? 1 : 0;
    m_failures += slot;
    m_next = (m_next + 1) % m_ring.size();
    if (m_recorded >= m_spec.minCalls &&
        static_cast<double>(m_failures) >= m_spec.failureRate * static_cast<double>(m_recorded)) {
        open(now);
        return Transition::Opened;
    }
    return Transition::None;
}

void CircuitBreaker::cancel(std::uint32_t phase) {
    if (phase == m_phase && m_state == State::HalfOpen && m_trialsTaken > m_trialsDone)
        --m_trialsTaken;
}

CircuitBreaker::Transition CircuitBreaker::onTimer(Time now) {
    if (m_state != State::Open || now < m_openUntil)
        return Transition::None;
    m_state = State::HalfOpen;
    enterPhase();
    return Transition::HalfOpened;
}

} // namespace eventbench::sim
