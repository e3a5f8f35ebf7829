// The engine against queueing theory: M/M/1 on a queue and on a one-partition topic, M/M/3
// by Erlang C, Little's law for the lag, and the commit modes' effect on lag.
#include <QtTest>

#include "support/RunHelpers.h"

using namespace eventbench;
using eventbench::testing::figure;
using eventbench::testing::runScenarioText;

class EngineQueueingTest : public QObject {
    Q_OBJECT
  private slots:
    void mm1_data();
    void mm1();
    void mm3QueueMatchesErlangC();
    void commitModesShapeLag();
};

void EngineQueueingTest::mm1_data() {
    QTest::addColumn<QString>("bus");
    QTest::newRow("queue") << "{kind: queue}";
    QTest::newRow("topic") << "{kind: topic, partitions: 1}";
}

// lambda = 50/s, mu = 100/s: W = 1/(mu - lambda) = 20 ms, L = lambda W = 1.
void EngineQueueingTest::mm1() {
    QFETCH(QString, bus);
    const std::string yaml = "scenario: mm1\nseed: 11\nduration: 4000s\nwarmup: 20s\n"
                             "nodes:\n"
                             "  src: {kind: producer, rate: 50/s}\n"
                             "  bus: " +
                             bus.toStdString() +
                             "\n"
                             "  work: {kind: consumer, commit: after_each, service_time: "
                             "{distribution: exponential, mean: 10ms}}\n"
                             "edges:\n  - src -> bus\n  - bus -> work\n";
    const model::RunReport r = runScenarioText(yaml);
    const double w = figure(r, "work", "latency", "mean");
    QVERIFY2(std::abs(w - 0.020) / 0.020 < 0.03, qPrintable(QString::number(w)));
    const double lag = figure(r, "work", "lag", "mean");
    QVERIFY2(std::abs(lag - 1.0) < 0.05, qPrintable(QString::number(lag)));
    const double util = figure(r, "work", "utilization", "mean");
    qInfo("M/M/1 on %s: W=%.6f (theory 0.020000) L=%.4f (theory 1) rho=%.4f", qPrintable(bus), w,
          lag, util);
    QVERIFY2(std::abs(util - 0.5) < 0.01, qPrintable(QString::number(util)));
    QCOMPARE(r.unaccounted, 0);
    QCOMPARE(figure(r, "ledger", "unaccounted"), 0.0);
}

void EngineQueueingTest::mm3QueueMatchesErlangC() {
    const double lambda = 240, mu = 100;
    const model::RunReport r = runScenarioText(
        "scenario: mm3\nseed: 5\nduration: 3000s\nwarmup: 20s\n"
        "nodes:\n"
        "  src: {kind: producer, rate: 240/s}\n"
        "  jobs: {kind: queue}\n"
        "  work: {kind: consumer, instances: 3, service_time: {distribution: exponential, "
        "mean: 10ms}}\n"
        "edges:\n  - src -> jobs\n  - jobs -> work\n");
    const double expected =
        eventbench::testing::erlangC(3, lambda, mu) / (3 * mu - lambda) + 1 / mu;
    const double w = figure(r, "work", "latency", "mean");
    QVERIFY2(std::abs(w - expected) / expected < 0.03,
             qPrintable(QString("measured %1 theory %2").arg(w).arg(expected)));
    // Little's law on the whole system: L = lambda W.
    const double lag = figure(r, "work", "lag", "mean");
    qInfo("M/M/3: W=%.6f (Erlang C %.6f) L=%.4f (theory %.4f)", w, expected, lag,
          lambda * expected);
    QVERIFY2(std::abs(lag - lambda * expected) / (lambda * expected) < 0.05,
             qPrintable(QString("lag %1 vs %2").arg(lag).arg(lambda * expected)));
    QCOMPARE(r.unaccounted, 0);
}

// Lag counts from the committed offset: after_each commits every message (lag = L), auto
// commits every 5 s (lag = L + lambda * 5 s / 2 on average), before_process commits each poll
// before processing (lag = messages not yet polled, below L).
void EngineQueueingTest::commitModesShapeLag() {
    auto run = [](const char *commit) {
        return runScenarioText(
            std::string("scenario: commits\nseed: 3\nduration: 2000s\nwarmup: 10s\n"
                        "nodes:\n"
                        "  src: {kind: producer, rate: 50/s}\n"
                        "  log: {kind: topic}\n"
                        "  work: {kind: consumer, commit: ") +
            commit +
            ", service_time: {distribution: exponential, mean: 10ms}}\n"
            "edges:\n  - src -> log\n  - log -> work\n");
    };
    const model::RunReport autoCommit = run("auto");
    const model::RunReport afterEach = run("after_each");
    const model::RunReport beforeProcess = run("before_process");
    const double lAuto = figure(autoCommit, "work", "lag", "mean");
    const double lEach = figure(afterEach, "work", "lag", "mean");
    const double lBefore = figure(beforeProcess, "work", "lag", "mean");
    qInfo("lag auto=%.3f after_each=%.3f before_process=%.3f", lAuto, lEach, lBefore);
    QVERIFY2(std::abs(lEach - 1.0) < 0.06, qPrintable(QString::number(lEach)));
    // Samples fall on whole seconds and commits every 5 s from 5 s: the sampled distance since
    // the last commit is 0,1,2,3,4 s, mean 2 s, so the extra lag is lambda * 2 s = 100.
    QVERIFY2(std::abs((lAuto - lEach) - 100.0) < 5.0, qPrintable(QString::number(lAuto)));
    QVERIFY2(lBefore < lEach, qPrintable(QString::number(lBefore)));
    for (const auto *r : {&autoCommit, &afterEach, &beforeProcess}) {
        QCOMPARE(r->unaccounted, 0);
        QCOMPARE(figure(*r, "work", "skipped"), 0.0);
    }
}

QTEST_GUILESS_MAIN(EngineQueueingTest)
#include "tst_engine_queueing.moc"
