#pragma once
// A consumer's circuit breaker, after Resilience4j's count-based breaker (the consumer's
// `circuit_breaker` in scenarios/README.md). Closed: the outcomes of the last `window`
// attempts are kept; once at least `min_calls` are there and the failed share reaches
// `failure_rate`, it opens. Open: no attempt is permitted until `open_for` has passed; then the
// owner's timer turns it half-open. Half-open: `half_open_calls` trial attempts are permitted
// and no others; once all have ended it closes when their failed share is below
// `failure_rate`, else it opens again. Each permitted attempt carries the phase it was
// permitted in; an outcome from an earlier phase is not counted (an attempt that was running
// when the breaker opened). Owned by the engine, one per consumer group with a breaker; "now"
// is passed in; the owner schedules the open_for timer. Single-threaded.
#include <cstdint>
#include <vector>

#include "model/scenario/Scenario.h"
#include "sim/kernel/Time.h"

namespace eventbench::sim {

class CircuitBreaker {
  public:
    enum class State : std::uint8_t { Closed = 0, Open = 1, HalfOpen = 2 };
    /// What an event did to the breaker.
    enum class Transition : std::uint8_t { None, Opened, HalfOpened, Closed };

    explicit CircuitBreaker(const model::BreakerSpec &spec);

    State state() const { return m_state; }
    /// Whether an attempt would be permitted now (closed, or a trial left while half-open).
    bool permits() const;
    /// Takes a permit for one attempt; false when none is left (open, or every trial taken).
    /// On true, `phase` identifies the attempt for record() and cancel().
    bool acquire(std::uint32_t &phase);
    /// A permitted attempt ended; `failed` says how. May open or close the breaker (an open
    /// ends at openUntil()).
    Transition record(std::uint32_t phase, bool failed, Time now);
    /// A permitted attempt was dropped without an outcome (its member crashed): a trial's
    /// permit is given back.
    void cancel(std::uint32_t phase);
    /// The open_for timer: half-open when it is open and its time has come.
    Transition onTimer(Time now);
    /// When the current open period ends (meaningful while open).
    Time openUntil() const { return m_openUntil; }
    /// Identifies the current open period, for the owner's timer payload.
    std::uint32_t phase() const { return m_phase; }
    std::int64_t opened() const { return m_opened; }

  private:
    void open(Time now);
    void enterPhase();

    model::BreakerSpec m_spec;
    State m_state = State::Closed;
    std::uint32_t m_phase = 0;        // changes on every transition
    std::vector<std::uint8_t> m_ring; // closed: the last `window` outcomes (1 = failed)
    std::size_t m_next = 0;
    int m_recorded = 0, m_failures = 0;
    int m_trialsTaken = 0, m_trialsDone = 0, m_trialFailures = 0;
    Time m_openUntil = 0;
    std::int64_t m_opened = 0;
};

} // namespace eventbench::sim
