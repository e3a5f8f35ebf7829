// Faults and delivery guarantees under failure (scenarios/README.md#faults,
// #how-the-simulation-behaves): each fault family with the numbers a Kafka, SQS or RabbitMQ user
// would expect, and the ledger balanced throughout.
#include <QtTest>

#include "model/yaml/ScenarioLoader.h"
#include "sim/engine/Engine.h"
#include "support/RunHelpers.h"

using namespace eventbench;
using eventbench::testing::figure;
using eventbench::testing::runScenarioText;

class FaultsTest : public QObject {
    Q_OBJECT
  private slots:
    void crashWithAutoCommitReplaysBoundedDuplicates();
    void idempotentConsumerSuppressesEveryDuplicate();
    void beforeProcessSkipsInsteadOfDuplicating();
    void afterEachReplaysAtMostInFlight();
    void sessionTimeoutEvictsAndMovesPartitions();
    void pauseBeyondSessionTimeoutIsEvicted();
    void queueCrashRedeliversAfterVisibilityTimeout();
    void poisonOnQueueDeadLettersAfterExactlyThreeReceives();
    void patientProducerLosesNothingInOutage();
    void smallBufferFailsExactlyWhatDidNotFit();
    void producerBackoffGrowsByItsMultiplier();
    void nonIdempotentProducerAppendsTwiceFifoDedups();
    void schemaChangeDeadLettersEverythingAfter();
    void busDuplicatesGiveDuplicateDeliveries();
    void rebalanceStormShowsInLagAndEvents();
    void slowAndSpikeAndLatency();
    void isolatedProducerBuffers();
    void injectedFaultsActLikeScheduledOnes();
    void invalidInjectedFaultsAreRefused();
};

namespace {
const char *kPipeline =
    "  orders: {kind: producer, arrivals: constant, rate: 300/s, keys: {distribution: uniform, "
    "count: 100000}}\n"
    "  log: {kind: topic, partitions: 6}\n"
    "  db: {kind: store, write_time: 1ms}\n";

std::string crashScenario(const std::string &consumerExtra) {
    return std::string("scenario: crash\nseed: 9\nduration: 200s\nnodes:\n") + kPipeline +
           "  inv: {kind: consumer, instances: 3, service_time: {distribution: exponential, "
           "mean: 2ms}" +
           consumerExtra +
           "}\n"
           "edges:\n  - orders -> log\n  - log -> inv\n  - inv -> db\n"
           "faults:\n  - {at: 62500ms, for: 20s, crash: inv, instances: 1}\n";
}
} // namespace

// Member 0 owns 2 of 6 partitions (range). It crashes 2.5 s after the auto commit at 60 s and
// restarts before session_timeout; the rebalance replays from the last commit: about
// 300/s x 2/6 x 2.5 s = 250 messages, never more than one commit interval's worth (500).
void FaultsTest::crashWithAutoCommitReplaysBoundedDuplicates() {
    const model::RunReport r = runScenarioText(crashScenario(""));
    const double dups = figure(r, "inv", "duplicates");
    qInfo("auto commit crash: duplicates=%g duplicate_writes=%g", dups,
          figure(r, "db", "duplicate_writes"));
    QVERIFY(dups > 150 && dups < 350);
    QVERIFY(dups <= 300.0 * 2 / 6 * 5 + 3);
    QCOMPARE(figure(r, "db", "duplicate_writes"), dups);
    QCOMPARE(figure(r, "inv", "duplicates_suppressed"), 0.0);
    QCOMPARE(figure(r, "inv", "skipped"), 0.0);
    QCOMPARE(figure(r, "inv", "rebalances"), 1.0);
    QCOMPARE(r.unaccounted, 0);
}

void FaultsTest::idempotentConsumerSuppressesEveryDuplicate() {
    const model::RunReport r = runScenarioText(crashScenario(", idempotent: true"));
    const double dups = figure(r, "inv", "duplicates");
    QVERIFY(dups > 150);
    QCOMPARE(figure(r, "inv", "duplicates_suppressed"), dups);
    QCOMPARE(figure(r, "db", "duplicate_writes"), 0.0);
    QCOMPARE(figure(r, "db", "writes"), figure(r, "ledger", "completed"));
    QCOMPARE(r.unaccounted, 0);
}

// At-most-once: the poll's batch was committed before processing, so the crash loses the
// in-flight batch (skipped) and replays nothing. The consumer is overloaded (12 ms per message
// at 100/s per member), so every poll takes a full batch of 50. The restarted member joins as
// #3, after #1 and #2, so range moves all six partitions once: at most one batch each is lost.
void FaultsTest::beforeProcessSkipsInsteadOfDuplicating() {
    const model::RunReport r = runScenarioText(
        std::string("scenario: bp\nseed: 9\nduration: 200s\nnodes:\n") + kPipeline +
        "  inv: {kind: consumer, instances: 3, commit: before_process, max_poll_records: 50, "
        "service_time: 12ms}\n"
        "edges:\n  - orders -> log\n  - log -> inv\n  - inv -> db\n"
        "faults:\n  - {at: 62500ms, for: 20s, crash: inv, instances: 1}\n");
    qInfo("before_process crash: skipped=%g", figure(r, "inv", "skipped"));
    QVERIFY(figure(r, "inv", "skipped") > 0);
    QVERIFY(figure(r, "inv", "skipped") <= 6 * 50);
    QCOMPARE(figure(r, "inv", "duplicates"), 0.0);
    QCOMPARE(figure(r, "db", "duplicate_writes"), 0.0);
    QCOMPARE(figure(r, "ledger", "skipped"), figure(r, "inv", "skipped"));
    QCOMPARE(r.unaccounted, 0);
}

void FaultsTest::afterEachReplaysAtMostInFlight() {
    const model::RunReport r =
        runScenarioText(crashScenario(", commit: after_each, concurrency: 1"));
    // One handler per member: at most the one message in flight is replayed.
    QVERIFY(figure(r, "inv", "duplicates") <= 1);
    QCOMPARE(figure(r, "inv", "skipped"), 0.0);
    QCOMPARE(r.unaccounted, 0);
}

// A crash that outlasts session_timeout (10 s): the member is evicted at +10 s, the group
// rebalances for 3 s and its partitions move; it rejoins at +60 s, which moves them back.
void FaultsTest::sessionTimeoutEvictsAndMovesPartitions() {
    const model::RunReport r = runScenarioText(
        std::string("scenario: evict\nseed: 9\nduration: 200s\nnodes:\n") + kPipeline +
        "  inv: {kind: consumer, instances: 3, session_timeout: 10s, commit: after_each}\n"
        "edges:\n  - orders -> log\n  - log -> inv\n"
        "faults:\n  - {at: 60s, for: 60s, crash: inv, instances: 1}\n");
    QStringList log;
    for (const auto &e : r.events)
        log << QString("%1 %2 %3")
                   .arg(double(e.time) / 1e9)
                   .arg(QString::fromStdString(e.event), QString::fromStdString(e.detail));
    const QString all = log.join("\n");
    QVERIFY2(all.contains("70 evicted inv#0"), qPrintable(all));
    // Range over 2 members: 0-2 and 3-5, so partition 3 moves too.
    QVERIFY2(all.contains("73 rebalance_done 2 members; moved 3: log[0]:0->1 log[1]:0->1 "
                          "log[3]:1->2"),
             qPrintable(all));
    // It comes back as a new member, #3 (member ids are never reused): range over #1, #2, #3.
    QVERIFY2(all.contains("120 restart inv#3"), qPrintable(all));
    QVERIFY2(all.contains("123 rebalance_done 3 members; moved 3: log[2]:1->2 log[4]:2->3 "
                          "log[5]:2->3"),
             qPrintable(all));
    QVERIFY2(all.contains("123 assignment #1 log[0],log[1]; #2 log[2],log[3]; #3 log[4],log[5]"),
             qPrintable(all));
    QCOMPARE(figure(r, "inv", "rebalances"), 2.0);
    // Partitions 0 and 1 (100/s) wait 13 s (1300) and the other four (200/s) stop for the
    // 3 s rebalance (600): lag peaks near 1900.
    const double lagMax = figure(r, "inv", "lag", "max");
    QVERIFY2(lagMax > 1800 && lagMax < 2000, qPrintable(QString::number(lagMax)));
    QCOMPARE(figure(r, "inv", "instances_up", "min"), 2.0);
    QCOMPARE(r.unaccounted, 0);
}

// A pause of 30 s with session_timeout 10 s: evicted; when it resumes, the record it held is
// finished by a zombie whose position is rejected, and it rejoins as a new member, #3.
void FaultsTest::pauseBeyondSessionTimeoutIsEvicted() {
    const model::RunReport r = runScenarioText(
        std::string("scenario: pause\nseed: 9\nduration: 200s\nnodes:\n") + kPipeline +
        "  inv: {kind: consumer, instances: 3, session_timeout: 10s}\n"
        "edges:\n  - orders -> log\n  - log -> inv\n"
        "faults:\n  - {at: 60s, for: 30s, pause: inv, instances: 1}\n");
    bool evicted = false, rejoined = false;
    for (const auto &e : r.events) {
        evicted = evicted || (e.event == "evicted" && e.time == 70'000'000'000LL);
        rejoined = rejoined || (e.event == "rebalance_started" && e.detail == "member #3 rejoined");
    }
    QVERIFY(evicted);
    QVERIFY(rejoined);
    QCOMPARE(figure(r, "inv", "rebalances"), 2.0);
    QCOMPARE(r.unaccounted, 0);
}

// SQS: the crashed consumer's leases end after the visibility timeout, then the messages are
// received again (redelivered, receive count 2). RabbitMQ (immediate): at once.
void FaultsTest::queueCrashRedeliversAfterVisibilityTimeout() {
    for (const char *mode : {"visibility", "immediate"}) {
        const model::RunReport r = runScenarioText(
            std::string("scenario: qcrash\nseed: 2\nduration: 100s\nnodes:\n"
                        "  p: {kind: producer, arrivals: constant, rate: {profile: steps, "
                        "steps: [[0s, 100/s], [40s, 0/s]]}}\n"
                        "  jobs: {kind: queue, visibility_timeout: 5s, redelivery: ") +
            mode +
            "}\n  w: {kind: consumer, instances: 2, concurrency: 4, service_time: 100ms}\n"
            "edges:\n  - p -> jobs\n  - jobs -> w\n"
            "faults:\n  - {at: 30s, for: 10s, crash: w, instances: 1}\n");
        // 8 handlers for 10 messages' worth of work per second: all busy, so the crashed
        // member's four handlers held a message each: exactly 4 come back.
        QCOMPARE(figure(r, "jobs", "redelivered"), 4.0);
        QCOMPARE(figure(r, "w", "duplicates"), 0.0);
        QCOMPARE(r.unaccounted, 0);
        // The leases began just before 30 s: SQS makes them visible when they end, ~5 s later,
        // behind the backlog; RabbitMQ requeues them at the head at once.
        double firstRedelivery = -1;
        for (const auto &series : r.series)
            if (series.node == "jobs" && series.metric == "redelivered")
                for (std::size_t i = 0; i < series.values.size() && firstRedelivery < 0; ++i)
                    if (series.values[i] > 0)
                        firstRedelivery = r.sampleTimes[i];
        if (std::string(mode) == "visibility")
            QVERIFY2(firstRedelivery >= 35, qPrintable(QString::number(firstRedelivery)));
        else
            QCOMPARE(firstRedelivery, 31.0);
    }
}

void FaultsTest::poisonOnQueueDeadLettersAfterExactlyThreeReceives() {
    const model::RunReport r = runScenarioText(
        "scenario: poison\nseed: 4\nduration: 400s\nnodes:\n"
        "  p: {kind: producer, rate: {profile: steps, steps: [[0s, 100/s], [300s, 0/s]]}}\n"
        "  jobs: {kind: queue, redelivery: immediate, max_receive_count: 3, dead_letter: dlq}\n"
        "  dlq: {kind: queue}\n"
        "  w: {kind: consumer, instances: 2, service_time: 2ms}\n"
        "edges:\n  - p -> jobs\n  - jobs -> w\n"
        "faults:\n  - {at: 0s, poison: p, probability: 0.05}\n");
    const double n = figure(r, "p", "produced");
    const double dead = figure(r, "dlq", "enqueued");
    const double p = dead / n;
    qInfo("poison: %g of %g dead-lettered (%.4f)", dead, n, p);
    QVERIFY(std::abs(p - 0.05) < 4 * std::sqrt(0.05 * 0.95 / n));
    QCOMPARE(figure(r, "w", "received"), figure(r, "w", "processed") + 3 * dead);
    QCOMPARE(figure(r, "w", "failed"), 3 * dead);
    QCOMPARE(figure(r, "ledger", "dead_lettered"), dead);
    QCOMPARE(r.unaccounted, 0);
}

// A 10 s outage at 100/s: a patient producer buffers the 1000 messages and publishes them when
// the topic is back; the consumer's lag drains afterwards.
void FaultsTest::patientProducerLosesNothingInOutage() {
    const model::RunReport r = runScenarioText(
        "scenario: outage\nduration: 60s\nnodes:\n"
        "  p: {kind: producer, arrivals: constant, rate: 100/s, retry: {max_attempts: 1000, "
        "backoff: 100ms}}\n"
        "  log: {kind: topic}\n  c: {kind: consumer, commit: after_each}\n"
        "edges:\n  - p -> log\n  - log -> c\n"
        "faults:\n  - {at: 10s, for: 10s, outage: log}\n");
    QCOMPARE(figure(r, "p", "produced"), 6000.0);
    QCOMPARE(figure(r, "p", "publish_failed"), 0.0);
    QCOMPARE(figure(r, "p", "published"), 6000.0);
    QCOMPARE(figure(r, "p", "buffered", "max"), 1000.0);
    // The message produced at the last instant is still in service.
    QCOMPARE(figure(r, "c", "processed"), 5999.0);
    QCOMPARE(figure(r, "ledger", "pending"), 1.0);
    QCOMPARE(r.unaccounted, 0);
}

void FaultsTest::smallBufferFailsExactlyWhatDidNotFit() {
    const model::RunReport r = runScenarioText(
        "scenario: outage\nduration: 60s\nnodes:\n"
        "  p: {kind: producer, arrivals: constant, rate: 100/s, buffer: 300, retry: "
        "{max_attempts: 1000, backoff: 100ms}}\n"
        "  log: {kind: topic}\n  c: {kind: consumer}\n"
        "edges:\n  - p -> log\n  - log -> c\n"
        "faults:\n  - {at: 10s, for: 10s, outage: log}\n");
    QCOMPARE(figure(r, "p", "publish_failed"), 700.0);
    QCOMPARE(figure(r, "p", "published"), 5300.0);
    QCOMPARE(figure(r, "log", "appended"), 5300.0);
    QCOMPARE(r.unaccounted, 0);
}

// One message a second into a 10 s outage (10.5 s to 20.5 s), retried after 1.5 s, then 3 s,
// then 6 s: rounds at 12.5 s (messages 11-12 wait), 15.5 s (11-15) and 21.5 s (the bus is back).
// With max_attempts 3 the two messages that saw both blocked rounds fail; the nine waiting at
// 21.5 s go out. Retries: 2 + 5 + 9.
// A fixed 1.5 s backoff would retry at 14 s, 17 s, 18.5 s, 20 s as well.
void FaultsTest::producerBackoffGrowsByItsMultiplier() {
    const model::RunReport r = runScenarioText(
        "scenario: backoff\nduration: 30s\nnodes:\n"
        "  p: {kind: producer, arrivals: constant, rate: 1/s, retry: {max_attempts: 3, "
        "backoff: 1500ms, multiplier: 2}}\n"
        "  log: {kind: topic}\n  c: {kind: consumer}\n"
        "edges:\n  - p -> log\n  - log -> c\n"
        "faults:\n  - {at: 10500ms, for: 10s, outage: log}\n");
    QCOMPARE(figure(r, "p", "publish_failed"), 2.0);
    QCOMPARE(figure(r, "p", "publish_retries"), 2.0 + 5.0 + 9.0);
    QCOMPARE(figure(r, "p", "published"), figure(r, "p", "produced") - 2.0);
    QCOMPARE(r.unaccounted, 0);
}

// The 10 publishes of the last backoff (100 ms at 100/s) before the outage lose their acks: a
// non-idempotent producer appends them twice; a FIFO queue's dedup window drops the repeats.
void FaultsTest::nonIdempotentProducerAppendsTwiceFifoDedups() {
    auto run = [](const char *bus) {
        return runScenarioText(
            std::string("scenario: dupes\nduration: 60s\nnodes:\n"
                        "  p: {kind: producer, arrivals: constant, rate: 100/s, idempotent: false, "
                        "retry: {max_attempts: 1000, backoff: 100ms}}\n"
                        "  bus: ") +
            bus +
            "\n  c: {kind: consumer}\n"
            "edges:\n  - p -> bus\n  - bus -> c\n"
            "faults:\n  - {at: 10005ms, for: 5s, outage: bus}\n");
    };
    const model::RunReport topic = run("{kind: topic}");
    QCOMPARE(figure(topic, "bus", "appended"), 6010.0);
    QCOMPARE(figure(topic, "c", "duplicates"), 10.0);
    const model::RunReport fifo = run("{kind: queue, fifo: true}");
    QCOMPARE(figure(fifo, "bus", "enqueued"), 6000.0);
    QCOMPARE(figure(fifo, "c", "duplicates"), 0.0);
    QCOMPARE(topic.unaccounted, 0);
    QCOMPARE(fifo.unaccounted, 0);
}

void FaultsTest::schemaChangeDeadLettersEverythingAfter() {
    const model::RunReport r = runScenarioText(
        "scenario: schema\nduration: 60s\nnodes:\n"
        "  p: {kind: producer, arrivals: constant, rate: 100/s}\n"
        "  log: {kind: topic}\n"
        "  c: {kind: consumer, accepts: [1], dead_letter: dlq}\n  dlq: {kind: queue}\n"
        "edges:\n  - p -> log\n  - log -> c\n"
        "faults:\n  - {at: 20s, schema: p, version: 2}\n");
    // Arrivals at 0.01 s steps: those after 20 s (exclusive) are v2: 4000 of them.
    QCOMPARE(figure(r, "dlq", "enqueued"), 4000.0);
    // ...and the last one, produced at 60 s, is not finished when the run ends.
    QCOMPARE(figure(r, "c", "processed"), 1999.0);
    QCOMPARE(r.unaccounted, 0);
}

void FaultsTest::busDuplicatesGiveDuplicateDeliveries() {
    const model::RunReport r = runScenarioText(
        "scenario: dup\nseed: 8\nduration: 200s\nnodes:\n"
        "  p: {kind: producer, rate: 100/s}\n  log: {kind: topic}\n  c: {kind: consumer}\n"
        "edges:\n  - p -> log\n  - log -> c\n"
        "faults:\n  - {at: 0s, duplicate: log, probability: 0.1}\n");
    const double n = figure(r, "p", "produced");
    const double dups = figure(r, "c", "duplicates");
    QVERIFY(std::abs(dups / n - 0.1) < 4 * std::sqrt(0.09 / n));
    QCOMPARE(figure(r, "log", "appended"), n + dups);
    QCOMPARE(r.unaccounted, 0);
}

void FaultsTest::rebalanceStormShowsInLagAndEvents() {
    auto run = [](bool storm) {
        std::string faults;
        if (storm)
            for (int t = 20; t < 80; t += 4)
                faults += "  - {at: " + std::to_string(t) + "s, rebalance: c}\n";
        return runScenarioText(
            "scenario: storm\nseed: 1\nduration: 100s\nnodes:\n"
            "  p: {kind: producer, rate: 200/s, keys: {distribution: uniform, count: 1000}}\n"
            "  log: {kind: topic, partitions: 4}\n"
            "  c: {kind: consumer, instances: 2, commit: after_each, service_time: 2ms}\n"
            "edges:\n  - p -> log\n  - log -> c\n" +
            (storm ? "faults:\n" + faults : std::string()));
    };
    const model::RunReport calm = run(false), storm = run(true);
    QCOMPARE(figure(storm, "c", "rebalances"), 15.0);
    int started = 0;
    for (const auto &e : storm.events)
        started += e.event == "rebalance_started";
    QCOMPARE(started, 15);
    // Each rebalance stops the group for 3 s of a 4 s cycle: ~600 messages pile up each time.
    QVERIFY(figure(storm, "c", "lag", "max") > 400);
    QVERIFY(figure(calm, "c", "lag", "max") < 20);
    QCOMPARE(storm.unaccounted, 0);
}

void FaultsTest::slowAndSpikeAndLatency() {
    const model::RunReport r =
        runScenarioText("scenario: mix\nduration: 40s\nnodes:\n"
                        "  p: {kind: producer, arrivals: constant, rate: 10/s}\n"
                        "  q: {kind: queue}\n  c: {kind: consumer, service_time: 10ms}\n"
                        "edges:\n  - p -> q\n  - q -> c\n"
                        "faults:\n"
                        "  - {at: 10s, for: 10s, spike: p, factor: 3}\n"
                        "  - {at: 20s, for: 10s, slow: c, factor: 5}\n"
                        "  - {at: 30s, latency: \"p -> q\", add: 1s}\n");
    // 10 s at 10/s, 10 s at 30/s, 20 s at 10/s.
    QCOMPARE(figure(r, "p", "produced"), 600.0);
    const double maxLatency = figure(r, "c", "latency", "max");
    QVERIFY(maxLatency >= 1.01 - 1e-9 && maxLatency < 1.02);
    QCOMPARE(r.unaccounted, 0);
}

void FaultsTest::isolatedProducerBuffers() {
    const model::RunReport r = runScenarioText(
        "scenario: iso\nduration: 30s\nnodes:\n"
        "  p: {kind: producer, arrivals: constant, rate: 10/s, retry: {max_attempts: 1000}}\n"
        "  q: {kind: queue}\n  c: {kind: consumer}\n"
        "edges:\n  - p -> q\n  - q -> c\n"
        "faults:\n  - {at: 10s, for: 5s, isolate: p}\n");
    // Arrivals at 10.0 .. 14.9 s wait (a fault applies before other events of its instant).
    QCOMPARE(figure(r, "p", "buffered", "max"), 50.0);
    QCOMPARE(figure(r, "p", "publish_failed"), 0.0);
    QCOMPARE(figure(r, "c", "processed"), 299.0);
    QCOMPARE(r.unaccounted, 0);
}

// The GUI's path: run to 60 s, inject the crash, run on. Same result as the scenario file's.
void FaultsTest::injectedFaultsActLikeScheduledOnes() {
    const std::string base = std::string("scenario: inject\nseed: 9\nduration: 200s\nnodes:\n") +
                             kPipeline +
                             "  inv: {kind: consumer, instances: 3, session_timeout: 10s}\n"
                             "edges:\n  - orders -> log\n  - log -> inv\n";
    const model::RunReport scheduled =
        runScenarioText(base + "faults:\n  - {at: 60s, for: 30s, crash: inv, instances: 1}\n");
    model::LoadResult loaded = model::loadScenarioText(base, "inject.yaml");
    QVERIFY(loaded.scenario);
    sim::Engine engine(*loaded.scenario);
    model::Fault crash;
    crash.kind = model::Fault::Kind::Crash;
    crash.target = "inv";
    crash.instances = 1;
    crash.at = 0; // "now"
    crash.duration = 30 * model::kNanosPerSecond;
    engine.advanceTo(60 * model::kNanosPerSecond - 1);
    QVERIFY(engine.injectFault(crash));
    engine.runToEnd();
    const model::RunReport injected = engine.takeReport();
    QVERIFY(figure(injected, "inv", "duplicates") > 0);
    QCOMPARE(figure(injected, "inv", "rebalances"), figure(scheduled, "inv", "rebalances"));
    QVERIFY(std::abs(figure(injected, "inv", "lag", "max") -
                     figure(scheduled, "inv", "lag", "max")) < 100);
    bool logged = false;
    for (const auto &e : injected.events)
        logged = logged || (e.event == "fault_applied" && e.node == "inv");
    QVERIFY(logged);
    QCOMPARE(injected.unaccounted, 0);
}

void FaultsTest::invalidInjectedFaultsAreRefused() {
    model::LoadResult loaded = model::loadScenarioText(
        std::string("scenario: x\nduration: 10s\nnodes:\n") + kPipeline +
            "  inv: {kind: consumer}\nedges:\n  - orders -> log\n  - log -> inv\n",
        "x.yaml");
    QVERIFY(loaded.scenario);
    sim::Engine engine(*loaded.scenario);
    model::Fault f;
    f.kind = model::Fault::Kind::Outage;
    f.target = "inv"; // a consumer is not a bus
    QVERIFY(!engine.injectFault(f));
    f.target = "nowhere";
    QVERIFY(!engine.injectFault(f));
    f.kind = model::Fault::Kind::Crash;
    f.target = "inv";
    f.instances = 5; // it has one
    QVERIFY(!engine.injectFault(f));
    engine.runToEnd();
    // Nothing but the group's first assignment: no fault was applied.
    const auto events = engine.takeReport().events;
    QCOMPARE(events.size(), std::size_t(1));
    QCOMPARE(events.front().event, std::string("assignment"));
}

QTEST_GUILESS_MAIN(FaultsTest)
#include "tst_faults.moc"
