// Late groups, replays and scaling (the consumer's `start`, `join_at` and `autoscale`, the
// `replay` and `scale` faults; scenarios/README.md#faults): exact figures where the arithmetic
// fixes them, and the ledger balanced throughout.
#include <QtTest>

#include <cmath>

#include "support/RunHelpers.h"

using namespace eventbench;
using eventbench::testing::figure;
using eventbench::testing::runScenarioText;

class GroupScalingTest : public QObject {
    Q_OBJECT
  private slots:
    void lateGroupReadsEverythingRetained();
    void replayToEarliestCountsWhatWasReRead();
    void idempotentReplayIsSuppressed();
    void replayToDurationGoesBackThatFar();
    void scaleFaultWithForRestoresTheCount();
    void autoscaleFollowsLagAndCoolsDown();
    void autoscaleIsCappedByPartitions();
};

namespace {

const std::vector<double> &series(const model::RunReport &r, const std::string &node,
                                  const std::string &metric) {
    for (const auto &s : r.series)
        if (s.node == node && s.metric == metric)
            return s.values;
    static const std::vector<double> none;
    return none;
}

double valueAt(const model::RunReport &r, const std::string &node, const std::string &metric,
               double seconds) {
    const auto &v = series(r, node, metric);
    for (std::size_t i = 0; i < r.sampleTimes.size(); ++i)
        if (std::abs(r.sampleTimes[i] - seconds) < 1e-9)
            return v[i];
    return std::nan("");
}

std::vector<model::RunReport::EventRow> eventsOf(const model::RunReport &r, const std::string &node,
                                                 const std::string &event) {
    std::vector<model::RunReport::EventRow> out;
    for (const auto &e : r.events)
        if (e.node == node && e.event == event)
            out.push_back(e);
    return out;
}

/// The first number in `text`.
std::int64_t firstNumber(const std::string &text) {
    const auto at = text.find_first_of("0123456789");
    return at == std::string::npos ? -1 : std::stoll(text.substr(at));
}

std::string replayScenario(const std::string &consumerExtra, const std::string &to) {
    return "scenario: replay\nseed: 3\nduration: 200s\nnodes:\n"
           "  orders: {kind: producer, arrivals: constant, rate: 50/s}\n"
           "  log: {kind: topic, partitions: 2}\n"
           "  db: {kind: store, write_time: 1ms}\n"
           "  proj: {kind: consumer, instances: 2, service_time: 1ms, commit: after_each" +
           consumerExtra +
           "}\n"
           "edges: [orders -> log, log -> proj, proj -> db]\n"
           "faults:\n  - {at: 100s, replay: proj, to: " +
           to + "}\n";
}

} // namespace

// A projection joins at 1 h with `start: earliest` while the live traffic goes on: it reads the
// N records retained then, at 4 members x 1 per 2 ms = 2000/s against 20/s arriving, so it has
// caught up after N / (2000 - 20) s. A `latest` group joining then reads only what comes after.
void GroupScalingTest::lateGroupReadsEverythingRetained() {
    const model::RunReport r = runScenarioText(
        "scenario: rebuild\nseed: 5\nduration: 3700s\nnodes:\n"
        "  orders: {kind: producer, arrivals: constant, rate: 20/s}\n"
        "  log: {kind: topic, partitions: 4, retention: 7d}\n"
        "  live: {kind: consumer, service_time: 1ms}\n"
        "  proj: {kind: consumer, instances: 4, service_time: 2ms, commit: after_each, "
        "join_at: 1h, start: earliest}\n"
        "  tail: {kind: consumer, join_at: 1h, start: latest, service_time: 1ms}\n"
        "edges: [orders -> log, log -> live, log -> proj, log -> tail]\n");
    const auto joined = eventsOf(r, "proj", "joined");
    QCOMPARE(joined.size(), std::size_t{1});
    QCOMPARE(joined.front().time, 3600 * model::kNanosPerSecond);
    const std::int64_t n =
        firstNumber(joined.front().detail.substr(joined.front().detail.find("lag")));
    QVERIFY(n >= 71999 && n <= 72001); // 20/s for an hour
    // Everything but a record appended at the very end is processed, as by the live group.
    const double appended = figure(r, "log", "appended");
    QCOMPARE(figure(r, "proj", "processed"), figure(r, "live", "processed"));
    QVERIFY(appended - figure(r, "proj", "processed") <= 1);
    QCOMPARE(figure(r, "proj", "processed") - figure(r, "tail", "processed"), double(n));
    double caughtUp = -1;
    const auto &lag = series(r, "proj", "lag");
    for (std::size_t i = 0; i < lag.size() && caughtUp < 0; ++i)
        if (r.sampleTimes[i] > 3600 && lag[i] <= 20)
            caughtUp = r.sampleTimes[i] - 3600;
    const double expected = double(n) / (2000.0 - 20.0);
    qInfo("rebuild of %lld records: %g s (expected %g s)", static_cast<long long>(n), caughtUp,
          expected);
    QVERIFY(std::abs(caughtUp - expected) <= 1.0);
    QCOMPARE(figure(r, "ledger", "unaccounted"), 0.0);
    QCOMPARE(r.unaccounted, 0);
}

// At 100 s every record appended so far had ended; a replay to earliest reads them all again.
void GroupScalingTest::replayToEarliestCountsWhatWasReRead() {
    const model::RunReport r = runScenarioText(replayScenario("", "earliest"));
    const auto replays = eventsOf(r, "proj", "replay");
    QCOMPARE(replays.size(), std::size_t{1});
    const std::int64_t reread = firstNumber(replays.front().detail);
    QVERIFY(reread >= 4990 && reread <= 5001); // 50/s for 100 s, less what was in hand
    QCOMPARE(figure(r, "proj", "replayed"), double(reread));
    QCOMPARE(figure(r, "proj", "duplicates"), 0.0);
    QCOMPARE(figure(r, "db", "duplicate_writes"), double(reread));
    // Everything once (but a record appended at the very end), and the re-read again.
    QVERIFY(figure(r, "log", "appended") + double(reread) - figure(r, "proj", "processed") <= 1);
    QCOMPARE(figure(r, "ledger", "obligations"), figure(r, "log", "appended") + double(reread));
    QCOMPARE(r.unaccounted, 0);
    QCOMPARE(r.orderViolations, 0);
}

void GroupScalingTest::idempotentReplayIsSuppressed() {
    const model::RunReport r = runScenarioText(replayScenario(", idempotent: true", "earliest"));
    const double reread = double(firstNumber(eventsOf(r, "proj", "replay").front().detail));
    QVERIFY(reread >= 4990);
    QCOMPARE(figure(r, "proj", "replayed"), reread);
    QCOMPARE(figure(r, "proj", "duplicates_suppressed"), reread);
    QCOMPARE(figure(r, "proj", "duplicates"), 0.0);
    QCOMPARE(figure(r, "db", "duplicate_writes"), 0.0);
    QVERIFY(figure(r, "log", "appended") - figure(r, "proj", "processed") <= 1);
    QCOMPARE(r.unaccounted, 0);
}

// `to: 30s` at 100 s: back to the first record appended at or after 70 s, 30 s x 50/s.
void GroupScalingTest::replayToDurationGoesBackThatFar() {
    const model::RunReport r = runScenarioText(replayScenario("", "30s"));
    const double reread = double(firstNumber(eventsOf(r, "proj", "replay").front().detail));
    QVERIFY(reread >= 1498 && reread <= 1501);
    QCOMPARE(figure(r, "proj", "replayed"), reread);
    QCOMPARE(figure(r, "db", "duplicate_writes"), reread);
    QCOMPARE(r.unaccounted, 0);
}

// 2 -> 5 members at 30 s for 30 s: three new ids join in one rebalance, the same three (the
// newest) leave in one rebalance at 60 s.
void GroupScalingTest::scaleFaultWithForRestoresTheCount() {
    const model::RunReport r =
        runScenarioText("scenario: scale\nseed: 2\nduration: 90s\nnodes:\n"
                        "  orders: {kind: producer, rate: 100/s}\n"
                        "  log: {kind: topic, partitions: 6}\n"
                        "  inv: {kind: consumer, instances: 2, service_time: 2ms}\n"
                        "edges: [orders -> log, log -> inv]\n"
                        "faults:\n  - {at: 30s, for: 30s, scale: inv, instances: 5}\n");
    QCOMPARE(valueAt(r, "inv", "instances_up", 29), 2.0);
    QCOMPARE(valueAt(r, "inv", "instances_up", 45), 5.0);
    QCOMPARE(valueAt(r, "inv", "instances_desired", 45), 5.0);
    QCOMPARE(valueAt(r, "inv", "instances_up", 75), 2.0);
    QCOMPARE(valueAt(r, "inv", "instances_desired", 75), 2.0);
    QCOMPARE(figure(r, "inv", "rebalances"), 2.0);
    const auto assignments = eventsOf(r, "inv", "assignment");
    QCOMPARE(assignments.size(), std::size_t{3});
    QCOMPARE(QString::fromStdString(assignments[1].detail),
             QString("#0 log[0],log[1]; #1 log[2]; #2 log[3]; #3 log[4]; #4 log[5]"));
    QCOMPARE(QString::fromStdString(assignments[2].detail),
             QString("#0 log[0],log[1],log[2]; #1 log[3],log[4],log[5]"));
    QCOMPARE(eventsOf(r, "inv", "scaled").size(), std::size_t{2});
    QCOMPARE(r.unaccounted, 0);
}

// 250/s against 100/s per member: at the first interval the lag asks ceil(lag / 100) members,
// capped at max 3; they join after startup. From 100 s only 20/s arrive: the group comes back
// to 1 member once every raw count of the last cooldown (60 s) was 1.
void GroupScalingTest::autoscaleFollowsLagAndCoolsDown() {
    const model::RunReport r = runScenarioText(
        "scenario: keda\nseed: 4\nduration: 300s\nnodes:\n"
        "  orders: {kind: producer, arrivals: constant, rate: {profile: steps, steps: "
        "[[0s, 250/s], [100s, 20/s]]}}\n"
        "  log: {kind: topic, partitions: 4}\n"
        "  inv: {kind: consumer, service_time: 10ms, commit: after_each, autoscale: {min: 1, "
        "max: 3, target_lag: 100, interval: 10s, cooldown: 60s, startup: 5s}}\n"
        "edges: [orders -> log, log -> inv]\n");
    const auto scaled = eventsOf(r, "inv", "scaled");
    QVERIFY(scaled.size() >= 2);
    QCOMPARE(scaled.front().time, 10 * model::kNanosPerSecond);
    QCOMPARE(QString::fromStdString(scaled.front().detail).left(13), QString("1 -> 3 member"));
    QCOMPARE(valueAt(r, "inv", "instances_desired", 12), 3.0);
    QCOMPARE(valueAt(r, "inv", "instances_up", 14), 1.0); // still starting
    QCOMPARE(valueAt(r, "inv", "instances_up", 16), 3.0);
    QCOMPARE(figure(r, "inv", "instances_desired", "max"), 3.0);
    // The last interval whose raw count was above 1, from the lag sampled at the ticks.
    const auto &lag = series(r, "inv", "lag");
    double lastHigh = 0;
    for (std::size_t i = 0; i < lag.size(); ++i) {
        const double t = r.sampleTimes[i];
        if (std::fmod(t, 10.0) == 0 && t >= 10 && std::ceil(lag[i] / 100.0) > 1)
            lastHigh = t;
    }
    const auto &down = scaled.back();
    const double downAt = double(down.time) / 1e9;
    qInfo("last raw > 1 at %g s, scaled down at %g s: %s", lastHigh, downAt, down.detail.c_str());
    QCOMPARE(QString::fromStdString(down.detail).left(13), QString("3 -> 1 member"));
    QVERIFY(downAt >= lastHigh + 60 && downAt <= lastHigh + 70);
    QCOMPARE(valueAt(r, "inv", "instances_up", 299), 1.0);
    QCOMPARE(r.unaccounted, 0);
}

void GroupScalingTest::autoscaleIsCappedByPartitions() {
    const model::RunReport r = runScenarioText(
        "scenario: keda\nseed: 4\nduration: 60s\nnodes:\n"
        "  orders: {kind: producer, arrivals: constant, rate: 900/s}\n"
        "  log: {kind: topic, partitions: 4}\n"
        "  q: {kind: queue}\n"
        "  inv: {kind: consumer, service_time: 10ms, autoscale: {max: 12, target_lag: 100, "
        "interval: 10s, startup: 0s}}\n"
        "  work: {kind: consumer, service_time: 10ms, autoscale: {max: 6, target_lag: 100, "
        "interval: 10s, startup: 0s}}\n"
        "edges: [orders -> log, orders -> q, log -> inv, q -> work]\n");
    QCOMPARE(figure(r, "inv", "instances_desired", "max"), 4.0);  // the partitions it reads
    QCOMPARE(figure(r, "work", "instances_desired", "max"), 6.0); // a queue: only max
    QCOMPARE(valueAt(r, "work", "instances_up", 15), 6.0);
    QCOMPARE(r.unaccounted, 0);
}

QTEST_GUILESS_MAIN(GroupScalingTest)
#include "tst_group_scaling.moc"
