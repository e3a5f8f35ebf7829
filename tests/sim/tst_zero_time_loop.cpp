// Progress in simulated time (issue 13, item 10): a loop that validate cannot see (a poison
// fault on a queue that redelivers at once to a consumer that takes no time) stops the run at
// the instant it spins at, names the loop's nodes, and leaves an exact ledger; scenarios that
// merely have many events at one instant run to the end.
#include <QtTest>

#include "model/yaml/ScenarioLoader.h"
#include "sim/engine/Engine.h"

using namespace eventbench;

namespace {

model::RunReport runToEnd(const std::string &yaml) {
    const model::LoadResult loaded = model::loadScenarioText(yaml, "t.yaml");
    if (!loaded.scenario) {
        std::string all;
        for (const auto &d : loaded.diagnostics)
            all += d.format() + "\n";
        qFatal("%s", all.c_str());
    }
    sim::Engine engine(*loaded.scenario);
    engine.runToEnd();
    return engine.takeReport();
}

double ledger(const model::RunReport &r, const std::string &metric) {
    const auto *row = r.find("ledger", metric, "total");
    return row ? row->value : -1;
}

} // namespace

class TestZeroTimeLoop : public QObject {
    Q_OBJECT

  private slots:
    void poisonLoopStops() {
        const model::RunReport r = runToEnd("scenario: spin\nduration: 10s\nnodes:\n"
                                            "  p: {kind: producer, rate: 20/s}\n"
                                            "  q: {kind: queue, redelivery: immediate}\n"
                                            "  c: {kind: consumer, service_time: 0s}\n"
                                            "edges: [p -> q, q -> c]\n"
                                            "faults: [{at: 2s, poison: p, probability: 1}]\n");
        QVERIFY2(r.stopReason.find("the run stopped at simulated time 2") == 0,
                 r.stopReason.c_str());
        QVERIFY2(r.stopReason.find("nodes in the loop: 'q', 'c'") != std::string::npos,
                 r.stopReason.c_str());
        QVERIFY(r.simSeconds >= 2 && r.simSeconds < 2.2);
        QCOMPARE(r.unaccounted, std::int64_t(0));
        QCOMPARE(ledger(r, "unaccounted"), 0.0);
        QVERIFY(ledger(r, "completed") > 30); // the work before the fault is in the report
        QVERIFY(!r.sampleTimes.empty());
        QVERIFY(r.sampleTimes.back() <= r.simSeconds + 1e-9);
    }

    void busyInstantRuns() {
        // 2000 consumer instances all wake at time 0 and commit on the same ticks: many events
        // at one instant, but the clock moves on.
        const model::RunReport r =
            runToEnd("scenario: busy\nduration: 3s\nnodes:\n"
                     "  p: {kind: producer, rate: 1000/s, arrivals: constant, instances: 50}\n"
                     "  t: {kind: topic, partitions: 2000}\n"
                     "  c: {kind: consumer, instances: 2000, service_time: 0s, "
                     "commit_interval: 1ms}\n"
                     "edges: [p -> t, t -> c]\n");
        QVERIFY2(r.stopReason.empty(), r.stopReason.c_str());
        QCOMPARE(r.simSeconds, 3.0);
        QCOMPARE(r.unaccounted, std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestZeroTimeLoop)
#include "tst_zero_time_loop.moc"
