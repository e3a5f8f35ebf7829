// Downstream failures (scenarios/README.md: store `failure`, the `outage` and `slow` faults on
// a store, a consumer's `circuit_breaker`, a bus's `tls`): exact figures where the arithmetic
// determines them, and the ledger balanced throughout.
#include <QtTest>

#include <cmath>
#include <string>
#include <vector>

#include "model/results/RunReport.h"
#include "support/RunHelpers.h"

using namespace eventbench;
using eventbench::testing::figure;
using eventbench::testing::runScenarioText;

namespace {

constexpr model::SimTime kMs = model::kNanosPerMilli;

// 100/s on an even grid (a message every 10ms), a queue, a payment service of 3ms per attempt
// and 5ms per write to its database; the database is down from 10s for `outageFor`.
std::string paymentScenario(const std::string &consumerExtra, const std::string &outageFor,
                            const std::string &duration = "40s") {
    return "scenario: payments\nseed: 3\nduration: " + duration +
           "\nnodes:\n"
           "  checkout: {kind: producer, arrivals: constant, rate: 100/s}\n"
           "  payments: {kind: queue}\n"
           "  pay: {kind: consumer, service_time: 3ms, dead_letter: payments-dlq" +
           consumerExtra +
           "}\n"
           "  ledger-db: {kind: store, write_time: 5ms}\n"
           "  payments-dlq: {kind: queue}\n"
           "edges:\n  - checkout -> payments\n  - payments -> pay\n  - pay -> ledger-db\n"
           "faults:\n  - {at: 10s, for: " +
           outageFor + ", outage: ledger-db}\n";
}

const std::vector<double> &series(const model::RunReport &r, const std::string &node,
                                  const std::string &metric) {
    for (const auto &s : r.series)
        if (s.node == node && s.metric == metric)
            return s.values;
    qFatal("no series %s.%s", node.c_str(), metric.c_str());
}

// The value of a series at the sample taken at `seconds`.
double at(const model::RunReport &r, const std::vector<double> &values, double seconds) {
    for (std::size_t i = 0; i < r.sampleTimes.size(); ++i)
        if (std::abs(r.sampleTimes[i] - seconds) < 1e-9)
            return values[i];
    qFatal("no sample at %g s", seconds);
}

std::vector<std::pair<double, std::string>> breakerEvents(const model::RunReport &r) {
    std::vector<std::pair<double, std::string>> out;
    for (const auto &e : r.events)
        if (e.event.rfind("breaker_", 0) == 0)
            out.emplace_back(static_cast<double>(e.time) / 1e9, e.event);
    return out;
}

} // namespace

class FailureModesTest : public QObject {
    Q_OBJECT
  private slots:
    void storeOutageDeadLettersWhatTheRetriesCannotBridge();
    void storeFailureFailsAttempts();
    void slowStoreStretchesWrites();
    void openBreakerFailsWithoutWriting();
    void openBreakerPausesWhileLagGrows();
    void tlsHoldsTheFirstPublishAndFetch();
};

// Messages arrive at t = k x 10ms. Attempt n of a message starts at t + (n-1) x (3ms + 1s)
// and asks for its write at t + n x 3ms + (n-1) x 1s; during the outage [10s, 20s) a write
// fails at once, and a write still running when the outage begins fails when it ends. A
// message is dead-lettered when all three attempts fail: its first write fails (requested at
// or after 10s, or requested before but ending after: t + 3ms + 5ms >= 10s) and its third is
// requested before 20s (t + 9ms + 2s < 20s). So 9.992s <= t < 17.991s: the arrivals 10.00s
// .. 17.99s, 800 messages. Each of them failed 3 attempts.
void FailureModesTest::storeOutageDeadLettersWhatTheRetriesCannotBridge() {
    const model::RunReport r = runScenarioText(
        paymentScenario(", concurrency: 400, retry: {max_attempts: 3, backoff: 1s}", "10s"));
    QCOMPARE(figure(r, "pay", "dead_lettered"), 800.0);
    QCOMPARE(figure(r, "payments-dlq", "enqueued"), 800.0);
    QCOMPARE(figure(r, "ledger-db", "write_failed"), figure(r, "pay", "failed"));
    QVERIFY(figure(r, "pay", "failed") >= 3 * 800.0);
    // The message produced at exactly 40s is still in service when the run ends.
    QCOMPARE(figure(r, "pay", "processed") + 800.0 + figure(r, "ledger", "pending"),
             figure(r, "checkout", "produced"));
    QCOMPARE(figure(r, "ledger-db", "writes"), figure(r, "pay", "processed"));
    QCOMPARE(figure(r, "pay", "rejected"), 0.0);
    QCOMPARE(r.unaccounted, 0);
}

void FailureModesTest::storeFailureFailsAttempts() {
    std::string s = paymentScenario(", concurrency: 4", "1ms");
    s.replace(s.find("write_time: 5ms"), 15, "write_time: 5ms, failure: 0.1");
    const model::RunReport r = runScenarioText(s);
    const double failed = figure(r, "ledger-db", "write_failed");
    const double tries = failed + figure(r, "ledger-db", "writes");
    // About 10% of the writes fail (4000 writes: 400 +- 3 sigma of 19).
    QVERIFY2(failed > 340 && failed < 460, qPrintable(QString::number(failed)));
    QCOMPARE(figure(r, "pay", "failed"), failed);
    QCOMPARE(figure(r, "pay", "dead_lettered"), failed); // one attempt each
    QVERIFY(tries > 3900);
    QCOMPARE(r.unaccounted, 0);
}

// A slow store doubles the 5ms write: each message holds its handler 3 + 10ms. With one
// handler at 100/s that is 130% busy: the queue grows by 100 - 1000/13 = 23 a second.
void FailureModesTest::slowStoreStretchesWrites() {
    std::string s = paymentScenario("", "1ms", "20s");
    s.replace(s.find("{at: 10s, for: 1ms, outage: ledger-db}"), 38,
              "{at: 10s, for: 5s, slow: ledger-db, factor: 2}");
    const model::RunReport r = runScenarioText(s);
    const auto &depth = series(r, "payments", "depth");
    QCOMPARE(at(r, depth, 10), 0.0);
    const double grown = at(r, depth, 15);
    QVERIFY2(grown >= 5 * 23 - 2 && grown <= 5 * 23 + 2, qPrintable(QString::number(grown)));
    QCOMPARE(figure(r, "ledger-db", "write_failed"), 0.0);
    QCOMPARE(r.unaccounted, 0);
}

// One handler, one attempt per message, a breaker {50%, window 10, min_calls 10, open_for 5s,
// 3 trials} in `fail` mode; the database is down from 10s to 22s. Before 10s every call
// succeeds; the messages of 10.00 .. 10.04s fail their writes at once (3ms after arrival), and
// the fifth failure makes 5 of the last 10 calls: it opens at 10.043s until 15.043s. Half-open
// then, the messages of 15.05, 15.06 and 15.07s are the trials; all fail: open again at
// 15.073s until 20.073s; the trials of 20.08 .. 20.10s fail too (the outage lasts to 22s):
// open at 20.103s until 25.103s. The trials of 25.11 .. 25.13s succeed (3ms + a 5ms write):
// closed when the third ends, at 25.138s. Every message that arrives while it is open is
// rejected at once and dead-lettered: 500 per open period; no write is tried meanwhile.
void FailureModesTest::openBreakerFailsWithoutWriting() {
    const std::string breaker = ", circuit_breaker: {failure_rate: 50%, window: 10, min_calls: "
                                "10, open_for: 5s, half_open_calls: 3, when_open: fail}";
    const model::RunReport r = runScenarioText(paymentScenario(breaker, "12s"));
    const std::vector<std::pair<double, std::string>> expected = {
        {10.043, "breaker_opened"},    {15.043, "breaker_half_open"}, {15.073, "breaker_opened"},
        {20.073, "breaker_half_open"}, {20.103, "breaker_opened"},    {25.103, "breaker_half_open"},
        {25.138, "breaker_closed"}};
    const auto events = breakerEvents(r);
    QCOMPARE(events.size(), expected.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
        QVERIFY2(std::abs(events[i].first - expected[i].first) < 1e-9,
                 qPrintable(QString::number(events[i].first)));
        QCOMPARE(events[i].second, expected[i].second);
    }
    QCOMPARE(figure(r, "pay", "breaker_opened"), 3.0);
    QCOMPARE(figure(r, "pay", "rejected"), 1500.0);
    QCOMPARE(figure(r, "pay", "dead_lettered"), 1500.0 + 5 + 6);
    // No write, successful or failed, in the intervals sampled at 12..15s (11..15s, all within
    // 10.043..15.043s; the interval up to 11s holds the five failures that opened it).
    const auto &writes = series(r, "ledger-db", "writes");
    const auto &failedWrites = series(r, "ledger-db", "write_failed");
    const auto &state = series(r, "pay", "breaker_state");
    QCOMPARE(at(r, failedWrites, 11), 5.0);
    for (double t : {12.0, 13.0, 14.0, 15.0}) {
        QCOMPARE(at(r, writes, t) + at(r, failedWrites, t), 0.0);
        QCOMPARE(at(r, state, t), 1.0);
    }
    QCOMPARE(at(r, state, 9), 0.0);
    QCOMPARE(at(r, state, 30), 0.0);
    QCOMPARE(r.unaccounted, 0);
}

// The same in `pause` mode: while it is open the consumer takes nothing from the queue, whose
// backlog (the consumer's lag) grows by exactly the 100 arrivals of each second. Only the
// calls that opened it and the failed trials are dead-lettered; the backlog is worked off
// after it closes (8ms a message: 125/s against 100/s arriving).
void FailureModesTest::openBreakerPausesWhileLagGrows() {
    const std::string breaker = ", circuit_breaker: {failure_rate: 50%, window: 10, min_calls: "
                                "10, open_for: 5s, half_open_calls: 3, when_open: pause}";
    const model::RunReport r = runScenarioText(paymentScenario(breaker, "12s", "150s"));
    const auto &received = series(r, "pay", "received");
    const auto &lag = series(r, "pay", "lag");
    for (double t : {12.0, 13.0, 14.0, 15.0})
        QCOMPARE(at(r, received, t), 0.0);
    for (double t : {12.0, 13.0, 14.0, 15.0})
        QCOMPARE(at(r, lag, t) - at(r, lag, t - 1), 100.0);
    QCOMPARE(figure(r, "pay", "rejected"), 0.0);
    QCOMPARE(figure(r, "pay", "breaker_opened"), 3.0);
    QCOMPARE(figure(r, "pay", "dead_lettered"), 5.0 + 6);
    QVERIFY(at(r, lag, 150) < 5);
    const auto events = breakerEvents(r);
    QVERIFY(!events.empty());
    QCOMPARE(events.back().second, std::string("breaker_closed"));
    QCOMPARE(r.unaccounted, 0);
}

// tls {handshake: 30ms, overhead: 10%}: the producer holds its first publishes (10 and 20ms)
// until 30ms and the consumer takes nothing before 30ms; service takes 5ms x 1.1 = 5.5ms. The
// message of 10ms is done at 35.5ms (latency 25.5ms), later ones wait less, from 60ms on
// none waits (5.5ms).
void FailureModesTest::tlsHoldsTheFirstPublishAndFetch() {
    const std::string s = "scenario: tls\nseed: 1\nduration: 10s\nnodes:\n"
                          "  p: {kind: producer, arrivals: constant, rate: 100/s}\n"
                          "  q: {kind: queue, tls: {handshake: 30ms, overhead: 10%}}\n"
                          "  c: {kind: consumer, service_time: 5ms}\n"
                          "edges: [p -> q, q -> c]\n";
    const model::RunReport r = runScenarioText(s);
    const double worst = figure(r, "c", "latency", "max");
    QVERIFY2(std::abs(worst - 0.0255) <= 0.0255 * 0.01, qPrintable(QString::number(worst)));
    const double p50 = figure(r, "c", "latency", "p50");
    QVERIFY2(std::abs(p50 - 0.0055) <= 0.0055 * 0.01, qPrintable(QString::number(p50)));
    QCOMPARE(r.unaccounted, 0);
    (void)kMs;
}

QTEST_GUILESS_MAIN(FailureModesTest)
#include "tst_failure_modes.moc"
