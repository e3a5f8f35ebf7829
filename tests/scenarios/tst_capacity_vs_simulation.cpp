// The capacity model against the simulator: on reference scenarios at utilisation <= 0.9 the
// predicted mean latency (model::analyseCapacity) is within 5% of the simulated mean latency,
// which the engine also writes next to it in summary.csv (predicted_latency).
#include <QtTest>

#include <cmath>

#include "model/capacity/CapacityModel.h"
#include "model/yaml/ScenarioLoader.h"
#include "sim/engine/Engine.h"

using namespace eventbench;

namespace {

const char *const kHeader = "scenario: reference\nseed: 7\nwarmup: 100s\n";

} // namespace

class CapacityVsSimulationTest : public QObject {
    Q_OBJECT
  private slots:
    void latency_data();
    void latency();
};

void CapacityVsSimulationTest::latency_data() {
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("consumer");
    QTest::addColumn<double>("rho");
    // M/M/1 on a queue: W = 1 / (mu - lambda) = 25 ms.
    QTest::newRow("M/M/1 queue") << "duration: 20000s\nnodes:\n"
                                    "  src: {kind: producer, rate: 60/s}\n"
                                    "  q: {kind: queue}\n"
                                    "  work: {kind: consumer, service_time: {distribution: "
                                    "exponential, mean: 10ms}}\n"
                                    "edges: [src -> q, q -> work]\n"
                                 << "work" << 0.6;
    // M/M/3 on a queue (Erlang C).
    QTest::newRow("M/M/3 queue") << "duration: 6000s\nnodes:\n"
                                    "  src: {kind: producer, rate: 210/s}\n"
                                    "  q: {kind: queue}\n"
                                    "  work: {kind: consumer, instances: 3, service_time: "
                                    "{distribution: exponential, mean: 10ms}}\n"
                                    "edges: [src -> q, q -> work]\n"
                                 << "work" << 0.7;
    // M/M/4 from 2 instances x concurrency 2.
    QTest::newRow("M/M/4 by concurrency")
        << "duration: 5000s\nnodes:\n"
           "  src: {kind: producer, rate: 280/s}\n"
           "  q: {kind: queue}\n"
           "  work: {kind: consumer, instances: 2, concurrency: 2, service_time: "
           "{distribution: exponential, mean: 10ms}}\n"
           "edges: [src -> q, q -> work]\n"
        << "work" << 0.7;
    // M/D/1: Pollaczek-Khinchine, W = rho S / (2 (1 - rho)) + S.
    QTest::newRow("M/D/1 queue") << "duration: 15000s\nnodes:\n"
                                    "  src: {kind: producer, rate: 70/s}\n"
                                    "  q: {kind: queue}\n"
                                    "  work: {kind: consumer, service_time: 10ms}\n"
                                    "edges: [src -> q, q -> work]\n"
                                 << "work" << 0.7;
    // 6 keyed partitions, 3 members with one handler: each member is one M/M/1 over its two
    // partitions, loaded by the exact murmur2 shares of the keys.
    QTest::newRow("topic 6 partitions x 3 members")
        << "duration: 5000s\nnodes:\n"
           "  src: {kind: producer, rate: 240/s, keys: {distribution: uniform, count: 1000}}\n"
           "  t: {kind: topic, partitions: 6}\n"
           "  work: {kind: consumer, instances: 3, commit: after_each, service_time: "
           "{distribution: exponential, mean: 8ms}}\n"
           "edges: [src -> t, t -> work]\n"
        << "work" << 0.7;
    // 4 partitions, 2 members with 2 handlers each, 3 idle members: one M/M/1 per partition.
    QTest::newRow("topic 4 partitions, concurrency 2, idle members")
        << "duration: 5000s\nnodes:\n"
           "  src: {kind: producer, rate: 200/s, keys: {distribution: uniform, count: 500}}\n"
           "  t: {kind: topic, partitions: 4}\n"
           "  work: {kind: consumer, instances: 5, concurrency: 2, service_time: "
           "{distribution: exponential, mean: 12ms}}\n"
           "edges: [src -> t, t -> work]\n"
        << "work" << 0.8;
    // Zipf keys: partitions carry unequal loads; the hottest decides the utilisation.
    QTest::newRow("topic zipf keys") << "duration: 5000s\nnodes:\n"
                                        "  src: {kind: producer, rate: 300/s, keys: "
                                        "{distribution: zipf, count: 200, skew: 1.0}}\n"
                                        "  t: {kind: topic, partitions: 4}\n"
                                        "  work: {kind: consumer, instances: 4, service_time: "
                                        "{distribution: exponential, mean: 6ms}}\n"
                                        "edges: [src -> t, t -> work]\n"
                                     << "work" << 0.9;
    // Retries block the handler: M/G/1 whose service is the attempts and backoffs; only
    // completed messages count in the latency.
    QTest::newRow("M/G/1 with retries")
        << "duration: 10000s\nnodes:\n"
           "  src: {kind: producer, rate: 60/s}\n"
           "  q: {kind: queue}\n"
           "  dlq: {kind: queue}\n"
           "  work: {kind: consumer, failure: 0.2, retry: {max_attempts: 3, backoff: 4ms}, "
           "dead_letter: dlq, service_time: {distribution: exponential, mean: 6ms}}\n"
           "edges: [src -> q, q -> work]\n"
        << "work" << 0.6;
    // Two hops: exponential first hop (Poisson departures), then a follow-up with edge
    // latency through a topic with append latency to a constant-service consumer whose input
    // edge latency and store write hold its handler.
    QTest::newRow("two-hop pipeline")
        << "duration: 10000s\nnodes:\n"
           "  src: {kind: producer, rate: 50/s}\n"
           "  q1: {kind: queue}\n"
           "  a: {kind: consumer, service_time: {distribution: exponential, mean: 8ms}}\n"
           "  t2: {kind: topic, append_latency: 1ms}\n"
           "  b: {kind: consumer, service_time: 6ms}\n"
           "  db: {kind: store, write_time: 2ms}\n"
           "edges:\n"
           "  - {from: src, to: q1, latency: {distribution: exponential, mean: 3ms}}\n"
           "  - q1 -> a\n"
           "  - {from: a, to: t2, latency: 5ms}\n"
           "  - {from: t2, to: b, latency: 1ms}\n"
           "  - b -> db\n"
        << "b" << 0.5;
    // An exchange filter thins the Poisson stream (still Poisson) into an M/M/2.
    QTest::newRow("exchange filter into M/M/2")
        << "duration: 6000s\nnodes:\n"
           "  src: {kind: producer, rate: 250/s, attributes: {region: {eu: 0.6, us: 0.4}}}\n"
           "  x: {kind: exchange}\n"
           "  eu: {kind: queue}\n"
           "  work: {kind: consumer, instances: 2, service_time: {distribution: exponential, "
           "mean: 12ms}}\n"
           "edges:\n  - src -> x\n  - {from: x, to: eu, filter: {region: [eu]}}\n"
           "  - eu -> work\n"
        << "work" << 0.9;
}

void CapacityVsSimulationTest::latency() {
    QFETCH(QString, body);
    QFETCH(QString, consumer);
    QFETCH(double, rho);
    const model::LoadResult loaded =
        model::loadScenarioText(kHeader + body.toStdString(), "reference.yaml");
    QVERIFY2(loaded.scenario, loaded.diagnostics.empty()
                                  ? "no scenario"
                                  : loaded.diagnostics.front().format().c_str());
    const model::Scenario &s = *loaded.scenario;
    const model::TopologyGraph graph(s);
    const model::CapacityReport capacity = model::analyseCapacity(graph);
    const model::ConsumerCapacity *c = nullptr;
    for (const auto &x : capacity.consumers)
        if (x.node == consumer.toStdString())
            c = &x;
    QVERIFY(c);
    QVERIFY(c->utilization <= rho + 1e-9);
    QVERIFY(!c->overloaded);

    sim::Engine engine(s);
    engine.runToEnd();
    const model::RunReport report = engine.takeReport();
    const auto *simulated = report.find(consumer.toStdString(), "latency", "mean");
    const auto *predicted = report.find(consumer.toStdString(), "predicted_latency", "value");
    const auto *utilization = report.find(consumer.toStdString(), "predicted_utilization", "value");
    QVERIFY(simulated && predicted && utilization);
    // The engine reports the same prediction as the model, for every consumer.
    QCOMPARE(predicted->value, c->predictedLatency);
    QCOMPARE(utilization->value, c->utilization);
    for (const auto &x : capacity.consumers) {
        const auto *l = report.find(x.node, "predicted_latency", "value");
        const auto *u = report.find(x.node, "predicted_utilization", "value");
        QVERIFY(l && u);
        QCOMPARE(l->value, x.predictedLatency);
        QCOMPARE(u->value, x.utilization);
    }
    const double error = (c->predictedLatency - simulated->value) / simulated->value;
    qInfo("%s: rho %.3f predicted %.4f ms simulated %.4f ms (%+.2f%%)", QTest::currentDataTag(),
          c->utilization, 1e3 * c->predictedLatency, 1e3 * simulated->value, 100 * error);
    QVERIFY2(
        std::abs(error) < 0.05,
        qPrintable(
            QString("predicted %1 simulated %2").arg(c->predictedLatency).arg(simulated->value)));
    QCOMPARE(report.unaccounted, 0);
}

QTEST_GUILESS_MAIN(CapacityVsSimulationTest)
#include "tst_capacity_vs_simulation.moc"
