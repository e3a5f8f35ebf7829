// The circuit breaker on its own, driven by hand with "now" passed in: Resilience4j's
// count-based behaviour (scenarios/README.md, consumer `circuit_breaker`): the window and
// min_calls, opening at a failed share equal to failure_rate, no permit while open, the
// half-open trials that close or reopen it, outcomes of an earlier phase ignored, and a
// cancelled trial's permit given back.
#include "sim/broker/CircuitBreaker.h"

#include <QTest>

using namespace eventbench;
using sim::CircuitBreaker;
using sim::Time;
using State = CircuitBreaker::State;
using Transition = CircuitBreaker::Transition;

namespace {

constexpr Time kSecond = model::kNanosPerSecond;

model::BreakerSpec spec(double rate, int window, int minCalls, int trials) {
    model::BreakerSpec s;
    s.failureRate = rate;
    s.window = window;
    s.minCalls = minCalls;
    s.openFor = 30 * kSecond;
    s.halfOpenCalls = trials;
    return s;
}

// One attempt, start to end, at `now`.
Transition call(CircuitBreaker &b, bool failed, Time now) {
    std::uint32_t phase = 0;
    if (!b.acquire(phase))
        return Transition::None;
    return b.record(phase, failed, now);
}

} // namespace

class TestCircuitBreaker : public QObject {
    Q_OBJECT
  private slots:
    void staysClosedBelowMinCalls();
    void opensAtTheRateOverTheWindow();
    void windowForgetsOldOutcomes();
    void openRefusesUntilTheTimer();
    void halfOpenTrialsClose();
    void halfOpenTrialsReopen();
    void staleOutcomesDoNotCount();
    void cancelledTrialGivesItsPermitBack();
    void minCallsCappedAtTheWindow();
};

void TestCircuitBreaker::staysClosedBelowMinCalls() {
    CircuitBreaker b(spec(0.5, 20, 10, 3));
    // Nine failures out of nine: not enough calls to compute a rate (Resilience4j's example).
    for (int i = 0; i < 9; ++i)
        QCOMPARE(call(b, true, i), Transition::None);
    QCOMPARE(b.state(), State::Closed);
    QCOMPARE(call(b, true, 9), Transition::Opened);
    QCOMPARE(b.state(), State::Open);
    QCOMPARE(b.opened(), 1);
    QCOMPARE(b.openUntil(), 9 + 30 * kSecond);
}

void TestCircuitBreaker::opensAtTheRateOverTheWindow() {
    CircuitBreaker b(spec(0.5, 20, 10, 3));
    // 5 successes then 4 failures: 9 calls; the 10th (a failure) makes 5 of 10 = 50%: opens.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(call(b, false, i), Transition::None);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(call(b, true, i), Transition::None);
    QCOMPARE(call(b, true, 10), Transition::Opened);

    // 6 successes and 4 failures is 40%: stays closed.
    CircuitBreaker c(spec(0.5, 20, 10, 3));
    for (int i = 0; i < 6; ++i)
        call(c, false, i);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(call(c, true, i), Transition::None);
    QCOMPARE(c.state(), State::Closed);
}

void TestCircuitBreaker::windowForgetsOldOutcomes() {
    CircuitBreaker b(spec(0.5, 4, 4, 1));
    // F F S S (50%) would open at the 4th; start with S S F S (25%).
    call(b, false, 0);
    call(b, false, 1);
    call(b, true, 2);
    QCOMPARE(call(b, false, 3), Transition::None);  // 1 of 4
    QCOMPARE(call(b, true, 4), Transition::Opened); // window S F S F: 2 of 4 = 50%
}

void TestCircuitBreaker::openRefusesUntilTheTimer() {
    CircuitBreaker b(spec(1.0, 2, 2, 2));
    call(b, true, 0);
    QCOMPARE(call(b, true, 5), Transition::Opened);
    std::uint32_t phase = 0;
    QVERIFY(!b.permits());
    QVERIFY(!b.acquire(phase));
    QCOMPARE(b.onTimer(5 + 30 * kSecond - 1), Transition::None); // too early
    QCOMPARE(b.state(), State::Open);
    QCOMPARE(b.onTimer(5 + 30 * kSecond), Transition::HalfOpened);
    QCOMPARE(b.state(), State::HalfOpen);
    QCOMPARE(b.onTimer(5 + 30 * kSecond), Transition::None); // once
}

void TestCircuitBreaker::halfOpenTrialsClose() {
    CircuitBreaker b(spec(0.5, 10, 10, 3));
    for (int i = 0; i < 10; ++i)
        call(b, true, i);
    QCOMPARE(b.state(), State::Open);
    b.onTimer(b.openUntil());
    // Three trials, no fourth while they run; one failure of three (33%) < 50%: closes.
    std::uint32_t p1 = 0, p2 = 0, p3 = 0, p4 = 0;
    QVERIFY(b.acquire(p1));
    QVERIFY(b.acquire(p2));
    QVERIFY(b.acquire(p3));
    QVERIFY(!b.acquire(p4));
    QCOMPARE(b.record(p1, true, 1), Transition::None);
    QCOMPARE(b.record(p2, false, 2), Transition::None);
    QVERIFY(!b.permits()); // a trial is still running
    QCOMPARE(b.record(p3, false, 3), Transition::Closed);
    QCOMPARE(b.state(), State::Closed);
    // Closing starts a fresh window: nine failures do not open it again.
    for (int i = 0; i < 9; ++i)
        QCOMPARE(call(b, true, 4), Transition::None);
    QCOMPARE(b.opened(), 1);
}

void TestCircuitBreaker::halfOpenTrialsReopen() {
    CircuitBreaker b(spec(0.5, 10, 10, 4));
    for (int i = 0; i < 10; ++i)
        call(b, true, 0);
    b.onTimer(b.openUntil());
    // Two failures of four is 50%, not below the rate: open again for another open_for.
    QCOMPARE(call(b, false, 1), Transition::None);
    QCOMPARE(call(b, true, 2), Transition::None);
    QCOMPARE(call(b, false, 3), Transition::None);
    const Time at = 40 * kSecond;
    QCOMPARE(call(b, true, at), Transition::Opened);
    QCOMPARE(b.state(), State::Open);
    QCOMPARE(b.opened(), 2);
    QCOMPARE(b.openUntil(), at + 30 * kSecond);
}

void TestCircuitBreaker::staleOutcomesDoNotCount() {
    CircuitBreaker b(spec(0.5, 2, 2, 1));
    std::uint32_t early = 0;
    QVERIFY(b.acquire(early)); // running while the breaker opens
    call(b, true, 0);
    QCOMPARE(call(b, true, 1), Transition::Opened);
    QCOMPARE(b.record(early, true, 2), Transition::None);
    b.onTimer(b.openUntil());
    QCOMPARE(b.record(early, false, 3), Transition::None); // still not a trial
    QCOMPARE(b.state(), State::HalfOpen);
    QCOMPARE(call(b, false, 4), Transition::Closed);
}

void TestCircuitBreaker::cancelledTrialGivesItsPermitBack() {
    CircuitBreaker b(spec(0.5, 2, 2, 1));
    call(b, true, 0);
    call(b, true, 0);
    b.onTimer(b.openUntil());
    std::uint32_t trial = 0, other = 0;
    QVERIFY(b.acquire(trial));
    QVERIFY(!b.acquire(other));
    b.cancel(trial);
    QVERIFY(b.acquire(other));
    QCOMPARE(b.record(other, true, 1), Transition::Opened);
}

void TestCircuitBreaker::minCallsCappedAtTheWindow() {
    CircuitBreaker b(spec(0.5, 3, 10, 1));
    call(b, true, 0);
    call(b, true, 0);
    QCOMPARE(call(b, true, 0), Transition::Opened);
}

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuit_breaker.moc"
