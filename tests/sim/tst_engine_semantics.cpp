// Exact delivery semantics of the broker core: receive counts and dead letters, follow-up
// ratios, retention expiry, exchange routing, FIFO groups, store writes, the ledger.
#include <QtTest>

#include "support/RunHelpers.h"

using namespace eventbench;
using eventbench::testing::figure;
using eventbench::testing::runScenarioText;

class EngineSemanticsTest : public QObject {
    Q_OBJECT
  private slots:
    void maxReceiveCountGivesExactReceives_data();
    void maxReceiveCountGivesExactReceives();
    void visibilityTimeoutDelaysRedelivery();
    void followUpRatios_data();
    void followUpRatios();
    void retentionExpiresUnreadMessages();
    void retentionBytesBoundsPartition();
    void exchangeRoutesByFilterAndBinding();
    void unroutableGoesToItsBus();
    void topicConsumerDeadLettersAfterRetries();
    void topicConsumerDiscardsWithoutDeadLetter();
    void retriesBlockThePartition();
    void schemaVersionsNotAcceptedFail();
    void storeCountsWrites();
    void fifoQueueKeepsOneInFlightPerGroup();
    void instancesBeyondPartitionsAreIdle();
    void queueTtlExpires();
    void maxLengthDropHeadAndReject();
    void delayedQueue();
    void outOfOrderWithinKey();
    void latencyOnConsumerAndStoreEdges();
    void batchReceivesShareTheLease();
};

namespace {
// 100 messages at a constant 10/s, then silence until the end so every message settles.
const char *kHundredMessages =
    "  src: {kind: producer, arrivals: constant, rate: {profile: steps, steps: [[0s, 10/s], "
    "[10s, 0/s]]}}\n";
} // namespace

void EngineSemanticsTest::maxReceiveCountGivesExactReceives_data() {
    QTest::addColumn<QString>("redelivery");
    QTest::newRow("immediate") << "immediate";
    QTest::newRow("visibility") << "visibility";
}

// Every attempt fails: each message is received exactly max_receive_count times, then moves
// to the dead-letter queue on the receive that would exceed it.
void EngineSemanticsTest::maxReceiveCountGivesExactReceives() {
    QFETCH(QString, redelivery);
    const model::RunReport r = runScenarioText(
        std::string("scenario: poison\nduration: 120s\nnodes:\n") + kHundredMessages +
        "  jobs: {kind: queue, visibility_timeout: 2s, redelivery: " + redelivery.toStdString() +
        ", max_receive_count: 3, dead_letter: dlq}\n"
        "  dlq: {kind: queue}\n"
        "  work: {kind: consumer, failure: 1}\n"
        "edges:\n  - src -> jobs\n  - jobs -> work\n");
    QCOMPARE(figure(r, "src", "produced"), 100.0);
    QCOMPARE(figure(r, "work", "received"), 300.0);
    QCOMPARE(figure(r, "work", "failed"), 300.0);
    QCOMPARE(figure(r, "work", "processed"), 0.0);
    QCOMPARE(figure(r, "jobs", "redelivered"), 200.0);
    QCOMPARE(figure(r, "jobs", "dead_lettered"), 100.0);
    QCOMPARE(figure(r, "dlq", "enqueued"), 100.0);
    QCOMPARE(figure(r, "dlq", "depth", "final"), 100.0);
    QCOMPARE(figure(r, "ledger", "dead_lettered"), 100.0);
    QCOMPARE(figure(r, "ledger", "obligations"), 100.0);
    QCOMPARE(r.unaccounted, 0);
}

// One message, failing twice then... every attempt fails; with a 5 s visibility timeout the
// three receives happen at 0, 5 and 10 s, so the dead letter arrives at 15 s.
void EngineSemanticsTest::visibilityTimeoutDelaysRedelivery() {
    const model::RunReport r = runScenarioText(
        "scenario: vis\nduration: 14s\nnodes:\n"
        "  src: {kind: producer, arrivals: constant, rate: {profile: steps, steps: [[0s, 1/s], "
        "[1500ms, 0/s]]}}\n"
        "  jobs: {kind: queue, visibility_timeout: 5s, max_receive_count: 3, dead_letter: dlq}\n"
        "  dlq: {kind: queue}\n"
        "  work: {kind: consumer, failure: 1}\n"
        "edges:\n  - src -> jobs\n  - jobs -> work\n");
    QCOMPARE(figure(r, "src", "produced"), 1.0);
    QCOMPARE(figure(r, "work", "received"), 3.0);
    QCOMPARE(figure(r, "dlq", "enqueued"), 0.0); // not yet: the third lease ends at 16 s
    QCOMPARE(figure(r, "jobs", "in_flight", "final"), 1.0);
    QCOMPARE(figure(r, "ledger", "pending"), 1.0);
    QCOMPARE(r.unaccounted, 0);
}

void EngineSemanticsTest::followUpRatios_data() {
    QTest::addColumn<double>("ratio");
    QTest::newRow("one") << 1.0;
    QTest::newRow("two") << 2.0;
    QTest::newRow("half") << 0.5;
    QTest::newRow("one-and-a-quarter") << 1.25;
}

void EngineSemanticsTest::followUpRatios() {
    QFETCH(double, ratio);
    const model::RunReport r = runScenarioText(
        "scenario: ratio\nduration: 220s\nnodes:\n"
        "  src: {kind: producer, arrivals: constant, rate: {profile: steps, steps: [[0s, 100/s], "
        "[200s, 0/s]]}}\n"
        "  in: {kind: topic, partitions: 2}\n"
        "  out: {kind: topic}\n"
        "  work: {kind: consumer, instances: 2}\n"
        "  sink: {kind: consumer}\n"
        "edges:\n  - src -> in\n  - in -> work\n"
        "  - {from: work, to: out, ratio: " +
        std::to_string(ratio) + "}\n  - out -> sink\n");
    const double processed = figure(r, "work", "processed");
    QCOMPARE(processed, 20000.0);
    const double appended = figure(r, "out", "appended");
    const double whole = std::floor(ratio);
    const double frac = ratio - whole;
    // Fractional parts are Bernoulli draws: within 4 standard deviations.
    const double sd = std::sqrt(processed * frac * (1 - frac));
    QVERIFY2(std::abs(appended - processed * ratio) <= 4 * sd + 1e-9,
             qPrintable(QString("appended %1 expected %2").arg(appended).arg(processed * ratio)));
    QCOMPARE(figure(r, "sink", "processed"), appended);
    QCOMPARE(figure(r, "ledger", "obligations"), processed + appended);
    QCOMPARE(r.unaccounted, 0);
}

// The consumer is twice too slow: retention (10 s) deletes what it has not read.
void EngineSemanticsTest::retentionExpiresUnreadMessages() {
    const model::RunReport r =
        runScenarioText("scenario: retention\nduration: 120s\nnodes:\n"
                        "  src: {kind: producer, arrivals: constant, rate: 100/s}\n"
                        "  log: {kind: topic, retention: 10s}\n"
                        "  slow: {kind: consumer, service_time: 20ms}\n"
                        "edges:\n  - src -> log\n  - log -> slow\n");
    const double expired = figure(r, "ledger", "expired");
    const double completed = figure(r, "ledger", "completed");
    QVERIFY(expired > 3000);
    QVERIFY(figure(r, "log", "deleted") >= expired);
    // The log never holds more than ~10 s of messages.
    QVERIFY(figure(r, "log", "retained", "max") <= 1002);
    // Everything the consumer processed completed: it works at 50/s for 120 s.
    QVERIFY(std::abs(completed - 50.0 * 120) <= 2);
    // ~10 s of log plus the record in service and the deleted ones it still holds back.
    QVERIFY(figure(r, "ledger", "pending") <= 1003);
    QCOMPARE(figure(r, "ledger", "obligations"), figure(r, "log", "appended"));
    QCOMPARE(r.unaccounted, 0);
}

void EngineSemanticsTest::retentionBytesBoundsPartition() {
    const model::RunReport r =
        runScenarioText("scenario: bytes\nduration: 30s\nnodes:\n"
                        "  src: {kind: producer, arrivals: constant, rate: 100/s, size: 1KB}\n"
                        "  log: {kind: topic, retention_bytes: 50KB}\n"
                        "edges:\n  - src -> log\n");
    QCOMPARE(figure(r, "log", "appended"), 3000.0);
    QCOMPARE(figure(r, "log", "retained", "final"), 50.0);
    QCOMPARE(figure(r, "log", "deleted"), 2950.0);
    QCOMPARE(figure(r, "ledger", "obligations"), 0.0); // nobody reads it
    QCOMPARE(r.unaccounted, 0);
}

// Attribute mix region {eu: 0.7, us: 0.3}: the eu filter gets ~70%, anything-but eu ~30%, a
// prefix on the routing key and a '#' binding route exact complementary shares.
void EngineSemanticsTest::exchangeRoutesByFilterAndBinding() {
    const model::RunReport r = runScenarioText(
        "scenario: routing\nduration: 100s\nnodes:\n"
        "  src: {kind: producer, arrivals: constant, rate: 100/s, attributes: {region: {eu: 0.7, "
        "us: 0.3}}, routing_key: {order.created: 0.5, order.paid: 0.25, user.signup: 0.25}}\n"
        "  x: {kind: exchange}\n"
        "  eu: {kind: queue}\n  rest: {kind: queue}\n  orders: {kind: queue}\n"
        "  paid: {kind: queue}\n  all: {kind: queue}\n"
        "edges:\n  - src -> x\n"
        "  - {from: x, to: eu, filter: {region: [eu]}}\n"
        "  - {from: x, to: rest, filter: {region: [{anything-but: [eu]}]}}\n"
        "  - {from: x, to: orders, binding: 'order.#'}\n"
        "  - {from: x, to: paid, binding: '*.paid'}\n"
        "  - x -> all\n");
    const double n = figure(r, "src", "produced");
    QCOMPARE(n, 10000.0);
    const double eu = figure(r, "eu", "enqueued"), rest = figure(r, "rest", "enqueued");
    QCOMPARE(eu + rest, n); // complementary filters split every message exactly once
    QVERIFY(std::abs(eu / n - 0.7) < 4 * std::sqrt(0.21 / n));
    const double orders = figure(r, "orders", "enqueued"), paid = figure(r, "paid", "enqueued");
    QVERIFY(std::abs(orders / n - 0.75) < 4 * std::sqrt(0.1875 / n));
    QVERIFY(std::abs(paid / n - 0.25) < 4 * std::sqrt(0.1875 / n));
    QVERIFY(paid <= orders);
    QCOMPARE(figure(r, "all", "enqueued"), n);
    QCOMPARE(figure(r, "x", "routed"), eu + rest + orders + paid + n);
    QCOMPARE(figure(r, "x", "unroutable"), 0.0);
    QCOMPARE(r.unaccounted, 0);
}

void EngineSemanticsTest::unroutableGoesToItsBus() {
    const model::RunReport r = runScenarioText(
        "scenario: unroutable\nduration: 10s\nnodes:\n"
        "  src: {kind: producer, arrivals: constant, rate: 10/s, routing_key: a.b}\n"
        "  x: {kind: exchange, unroutable: lost}\n"
        "  c: {kind: queue}\n  lost: {kind: queue}\n"
        "edges:\n  - src -> x\n  - {from: x, to: c, binding: 'c.*'}\n");
    QCOMPARE(figure(r, "x", "unroutable"), 100.0);
    QCOMPARE(figure(r, "lost", "enqueued"), 100.0);
    QCOMPARE(figure(r, "c", "enqueued"), 0.0);
}

// On a topic, in-process retries block the partition; exhausted messages go to dead_letter.
void EngineSemanticsTest::topicConsumerDeadLettersAfterRetries() {
    const model::RunReport r = runScenarioText(
        std::string("scenario: dl\nduration: 60s\nnodes:\n") + kHundredMessages +
        "  log: {kind: topic}\n"
        "  work: {kind: consumer, failure: 1, retry: {max_attempts: 3, backoff: 10ms, "
        "multiplier: 2}, dead_letter: dlq}\n"
        "  dlq: {kind: queue}\n"
        "edges:\n  - src -> log\n  - log -> work\n");
    QCOMPARE(figure(r, "work", "received"), 100.0);
    QCOMPARE(figure(r, "work", "failed"), 300.0);
    QCOMPARE(figure(r, "work", "retries"), 200.0);
    QCOMPARE(figure(r, "work", "dead_lettered"), 100.0);
    QCOMPARE(figure(r, "dlq", "enqueued"), 100.0);
    QCOMPARE(figure(r, "ledger", "dead_lettered"), 100.0);
    QCOMPARE(r.unaccounted, 0);
}

// Retries block the partition: two messages at 10 and 20 ms, each taking 3 attempts of 1 ms
// with backoffs of 10 and 20 ms (33 ms): dead letters at 43 ms and 76 ms.
void EngineSemanticsTest::retriesBlockThePartition() {
    const model::RunReport r = runScenarioText(
        "scenario: block\nduration: 100ms\nsample_every: 10ms\nnodes:\n"
        "  src: {kind: producer, arrivals: constant, rate: {profile: steps, steps: [[0s, 100/s], "
        "[25ms, 0/s]]}}\n"
        "  log: {kind: topic}\n"
        "  work: {kind: consumer, failure: 1, retry: {max_attempts: 3, backoff: 10ms, "
        "multiplier: 2}, dead_letter: dlq}\n"
        "  dlq: {kind: queue}\n"
        "edges:\n  - src -> log\n  - log -> work\n");
    std::vector<double> perInterval;
    for (const auto &s : r.series)
        if (s.node == "dlq" && s.metric == "enqueued")
            perInterval = s.values;
    const std::vector<double> expected = {0, 0, 0, 0, 1, 0, 0, 1, 0, 0};
    QCOMPARE(perInterval, expected);
}

void EngineSemanticsTest::topicConsumerDiscardsWithoutDeadLetter() {
    const model::RunReport r = runScenarioText(
        std::string("scenario: discard\nduration: 60s\nnodes:\n") + kHundredMessages +
        "  log: {kind: topic}\n"
        "  work: {kind: consumer, failure: 1, retry: {max_attempts: 2}}\n"
        "edges:\n  - src -> log\n  - log -> work\n");
    QCOMPARE(figure(r, "work", "discarded"), 100.0);
    QCOMPARE(figure(r, "work", "failed"), 200.0);
    QCOMPARE(figure(r, "ledger", "discarded"), 100.0);
    QCOMPARE(figure(r, "work", "lag", "final"), 0.0);
    QCOMPARE(r.unaccounted, 0);
}

void EngineSemanticsTest::schemaVersionsNotAcceptedFail() {
    const model::RunReport r = runScenarioText(
        std::string("scenario: schema\nduration: 60s\nnodes:\n") +
        "  src: {kind: producer, arrivals: constant, schema_version: 2, rate: {profile: steps, "
        "steps: [[0s, 10/s], [10s, 0/s]]}}\n"
        "  log: {kind: topic}\n"
        "  v1only: {kind: consumer, accepts: [1], dead_letter: dlq}\n"
        "  both: {kind: consumer, accepts: [1, 2]}\n"
        "  dlq: {kind: queue}\n"
        "edges:\n  - src -> log\n  - log -> v1only\n  - log -> both\n");
    QCOMPARE(figure(r, "v1only", "dead_lettered"), 100.0);
    QCOMPARE(figure(r, "both", "processed"), 100.0);
    QCOMPARE(figure(r, "ledger", "obligations"), 200.0);
    QCOMPARE(r.unaccounted, 0);
}

void EngineSemanticsTest::storeCountsWrites() {
    const model::RunReport r =
        runScenarioText(std::string("scenario: store\nduration: 60s\nnodes:\n") + kHundredMessages +
                        "  log: {kind: topic}\n"
                        "  work: {kind: consumer, service_time: 1ms}\n"
                        "  db: {kind: store, write_time: 4ms, capacity: 1}\n"
                        "edges:\n  - src -> log\n  - log -> work\n  - work -> db\n");
    QCOMPARE(figure(r, "db", "writes"), 100.0);
    QCOMPARE(figure(r, "db", "duplicate_writes"), 0.0);
    // service 1 ms + write 4 ms, no queueing at 10/s.
    QVERIFY(std::abs(figure(r, "work", "latency", "mean") - 0.005) < 0.0001);
}

// Two message groups (keys), 4 consumers: FIFO allows one in flight per group, so the
// groups are served at most two at a time, in order.
void EngineSemanticsTest::fifoQueueKeepsOneInFlightPerGroup() {
    const model::RunReport r = runScenarioText(
        "scenario: fifo\nduration: 30s\nnodes:\n"
        "  src: {kind: producer, arrivals: constant, keys: {distribution: uniform, count: 2}, "
        "rate: {profile: steps, steps: [[0s, 200/s], [10s, 0/s]]}}\n"
        "  jobs: {kind: queue, fifo: true}\n"
        "  work: {kind: consumer, instances: 4, service_time: 8ms}\n"
        "edges:\n  - src -> jobs\n  - jobs -> work\n");
    QCOMPARE(figure(r, "work", "processed"), 2000.0);
    // At most 2 of 4 instances busy: 2000 x 8 ms over 4 handlers and 30 s.
    QVERIFY(figure(r, "jobs", "in_flight", "max") <= 2.0);
    QVERIFY(figure(r, "work", "utilization", "max") <= 0.5 + 1e-9);
    QCOMPARE(r.unaccounted, 0);
}

void EngineSemanticsTest::instancesBeyondPartitionsAreIdle() {
    const model::RunReport r = runScenarioText(
        "scenario: idle\nduration: 100s\nnodes:\n"
        "  src: {kind: producer, rate: 100/s, keys: {distribution: uniform, count: 1000}}\n"
        "  log: {kind: topic, partitions: 2}\n"
        "  work: {kind: consumer, instances: 4, service_time: 5ms}\n"
        "edges:\n  - src -> log\n  - log -> work\n");
    // Two members own one partition each; two are idle: utilisation is 100 x 5 ms / 4 handlers.
    QVERIFY(std::abs(figure(r, "work", "utilization", "mean") - 0.125) < 0.01);
    QCOMPARE(r.unaccounted, 0);
}

void EngineSemanticsTest::queueTtlExpires() {
    const model::RunReport r =
        runScenarioText("scenario: ttl\nduration: 30s\nnodes:\n"
                        "  src: {kind: producer, arrivals: constant, rate: 100/s}\n"
                        "  jobs: {kind: queue, ttl: 1s}\n"
                        "  work: {kind: consumer, service_time: 20ms}\n"
                        "edges:\n  - src -> jobs\n  - jobs -> work\n");
    QVERIFY(figure(r, "jobs", "expired") > 1000);
    QVERIFY(figure(r, "jobs", "oldest_age", "max") <= 2.0);
    QCOMPARE(figure(r, "ledger", "expired"), figure(r, "jobs", "expired"));
    QCOMPARE(r.unaccounted, 0);
}

void EngineSemanticsTest::maxLengthDropHeadAndReject() {
    for (const char *overflow : {"drop-head", "reject-publish"}) {
        const model::RunReport r =
            runScenarioText(std::string("scenario: maxlen\nduration: 10s\nnodes:\n"
                                        "  src: {kind: producer, arrivals: constant, rate: 100/s}\n"
                                        "  jobs: {kind: queue, max_length: 50, overflow: ") +
                            overflow +
                            "}\n  work: {kind: consumer, service_time: 1s}\n"
                            "edges:\n  - src -> jobs\n  - jobs -> work\n");
        QCOMPARE(figure(r, "jobs", "depth", "max"), 50.0);
        QCOMPARE(figure(r, "jobs", "dropped") + figure(r, "jobs", "enqueued") -
                     (std::string(overflow) == "drop-head" ? figure(r, "jobs", "dropped") : 0.0),
                 1000.0);
        QCOMPARE(r.unaccounted, 0);
    }
}

void EngineSemanticsTest::delayedQueue() {
    const model::RunReport r =
        runScenarioText("scenario: delay\nduration: 100s\nnodes:\n"
                        "  src: {kind: producer, arrivals: constant, rate: 10/s}\n"
                        "  jobs: {kind: queue, delay: 2s}\n"
                        "  work: {kind: consumer, service_time: 1ms}\n"
                        "edges:\n  - src -> jobs\n  - jobs -> work\n");
    QVERIFY(std::abs(figure(r, "work", "latency", "mean") - 2.001) < 1e-6);
    QCOMPARE(r.unaccounted, 0);
}

// Jitter on the edge into the topic reorders messages; only a key's own order counts. With
// two keys at 100/s and up to 50 ms of jitter, about a fifth arrive behind a newer one of the
// same key; with a constant latency nothing does.
void EngineSemanticsTest::outOfOrderWithinKey() {
    auto run = [](const char *latency) {
        return runScenarioText(
            std::string("scenario: ooo\nseed: 4\nduration: 100s\nnodes:\n"
                        "  p: {kind: producer, rate: 100/s, keys: {distribution: "
                        "uniform, count: 2}}\n"
                        "  log: {kind: topic, partitions: 2}\n"
                        "  c: {kind: consumer}\n"
                        "edges:\n  - {from: p, to: log, latency: ") +
            latency + "}\n  - log -> c\n");
    };
    const model::RunReport jitter = run("{distribution: uniform, min: 0ms, max: 50ms}");
    const model::RunReport steady = run("20ms");
    const double n = figure(jitter, "c", "processed");
    const double ooo = figure(jitter, "c", "out_of_order");
    qInfo("out_of_order: %g of %g", ooo, n);
    QVERIFY(ooo > 0.05 * n && ooo < 0.4 * n);
    QCOMPARE(figure(steady, "c", "out_of_order"), 0.0);
    QCOMPARE(jitter.unaccounted, 0);
}

// Latency on the edge into a consumer delays each message before service; on the edge to a
// store it adds to the write: 500 ms + 1 ms service + 200 ms + 1 ms write.
void EngineSemanticsTest::latencyOnConsumerAndStoreEdges() {
    const model::RunReport r =
        runScenarioText("scenario: lat\nduration: 30s\nnodes:\n"
                        "  p: {kind: producer, arrivals: constant, rate: 1/s}\n"
                        "  t: {kind: topic}\n  c: {kind: consumer}\n  db: {kind: store}\n"
                        "edges:\n  - p -> t\n  - {from: t, to: c, latency: 500ms}\n"
                        "  - {from: c, to: db, latency: 200ms}\n");
    QVERIFY(std::abs(figure(r, "c", "latency", "mean") - 0.702) < 1e-6);
}

// A dozen messages arrive within 120 ms; each takes 200 ms; three members. Received up to ten
// at a time with a 1 s visibility timeout, the last ones of a batch outlive their lease while
// other members are idle, so they are received again (and processed twice); received one at
// a time, none is.
void EngineSemanticsTest::batchReceivesShareTheLease() {
    auto run = [](int batch) {
        return runScenarioText(
            "scenario: batch\nduration: 120s\nnodes:\n"
            "  p: {kind: producer, arrivals: constant, rate: {profile: steps, steps: [[0s, 100/s], "
            "[125ms, 0/s]]}}\n"
            "  q: {kind: queue, visibility_timeout: 1s}\n"
            "  c: {kind: consumer, instances: 3, service_time: 200ms, batch: " +
            std::to_string(batch) +
            "}\n"
            "edges:\n  - p -> q\n  - q -> c\n");
    };
    const model::RunReport one = run(1), ten = run(10);
    QCOMPARE(figure(one, "q", "redelivered"), 0.0);
    QVERIFY(figure(ten, "q", "redelivered") > 0);
    QCOMPARE(figure(ten, "c", "received"),
             figure(ten, "p", "produced") + figure(ten, "q", "redelivered"));
    QVERIFY(figure(ten, "c", "processed") > figure(ten, "p", "produced"));
    QCOMPARE(figure(one, "c", "processed"), figure(one, "p", "produced"));
    QCOMPARE(one.unaccounted, 0);
    QCOMPARE(ten.unaccounted, 0);
}

QTEST_GUILESS_MAIN(EngineSemanticsTest)
#include "tst_engine_semantics.moc"
