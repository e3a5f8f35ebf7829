// The consumer counter `waited` (messages whose processing began later than they became
// available to the group), the predicted_wait_probability row beside it, and the provenance
// rows of summary.csv (`run,version`, `run,scenario_sha256`).
#include <QtTest>

#include <sstream>

#include "model/capacity/CapacityModel.h"
#include "model/results/ReportWriter.h"
#include "model/results/Sha256.h"
#include "model/yaml/ScenarioLoader.h"
#include "model/yaml/ScenarioWriter.h"
#include "sim/engine/Engine.h"
#include "support/RunHelpers.h"

using namespace eventbench;
using testing::figure;

namespace {

std::string steady(const char *bus, const char *service, const char *extra = "") {
    return std::string("scenario: waited\nduration: 60s\nnodes:\n"
                       "  src: {kind: producer, rate: 10/s, arrivals: constant}\n"
                       "  b: {kind: ") +
           bus + "}\n  work: {kind: consumer, service_time: " + service + extra +
           "}\nedges: [src -> b, b -> work]\n";
}

model::RunReport runWith(const std::string &text, const std::vector<std::string> &overrides,
                         model::Scenario *scenario = nullptr) {
    model::LoadResult loaded = model::loadScenarioText(text, "waited.yaml", overrides);
    if (!loaded.scenario)
        throw std::runtime_error("does not load");
    if (scenario)
        *scenario = *loaded.scenario;
    sim::Engine engine(*loaded.scenario);
    engine.runToEnd();
    return engine.takeReport();
}

} // namespace

class WaitedTest : public QObject {
    Q_OBJECT
  private slots:
    void idleHandlersDoNotWait_data();
    void idleHandlersDoNotWait();
    void aBusyHandlerMakesTheNextMessageWait_data();
    void aBusyHandlerMakesTheNextMessageWait();
    void redeliveriesWaitForTheirVisibility();
    void predictionSitsBesideIt();
    void provenanceRows();
};

void WaitedTest::idleHandlersDoNotWait_data() {
    QTest::addColumn<QString>("bus");
    QTest::newRow("queue") << "queue";
    QTest::newRow("topic") << "topic";
}

// One message every 100 ms, 50 ms of work: each finds its handler idle.
void WaitedTest::idleHandlersDoNotWait() {
    QFETCH(QString, bus);
    const auto r = testing::runScenarioText(steady(bus.toUtf8().constData(), "50ms"));
    QVERIFY(figure(r, "work", "processed") > 500);
    QCOMPARE(figure(r, "work", "waited"), 0.0);
}

void WaitedTest::aBusyHandlerMakesTheNextMessageWait_data() {
    QTest::addColumn<QString>("bus");
    QTest::newRow("queue") << "queue";
    QTest::newRow("topic") << "topic";
}

// 150 ms of work per 100 ms: every message but the first finds the handler busy.
void WaitedTest::aBusyHandlerMakesTheNextMessageWait() {
    QFETCH(QString, bus);
    const auto r = testing::runScenarioText(steady(bus.toUtf8().constData(), "150ms"));
    const double processed = figure(r, "work", "processed");
    QVERIFY(processed > 300);
    QCOMPARE(figure(r, "work", "waited"), processed - 1);
}

// A failed attempt on a queue with a 1.5 s visibility timeout: the message is available again
// when the timeout ends (between two arrivals), and an idle handler takes it then, so it did
// not wait.
void WaitedTest::redeliveriesWaitForTheirVisibility() {
    const auto r = testing::runScenarioText(
        "scenario: waited\nduration: 60s\nnodes:\n"
        "  src: {kind: producer, rate: 1/s, arrivals: constant}\n"
        "  q: {kind: queue, visibility_timeout: 1.5s}\n"
        "  work: {kind: consumer, instances: 4, service_time: 10ms, failure: 0.5}\n"
        "edges: [src -> q, q -> work]\n");
    QVERIFY(figure(r, "work", "failed") > 10);
    QVERIFY(figure(r, "work", "processed") > 20);
    QCOMPARE(figure(r, "work", "waited"), 0.0);
}

void WaitedTest::predictionSitsBesideIt() {
    model::Scenario s;
    const auto r = runWith(steady("queue", "150ms"), {}, &s);
    const model::TopologyGraph graph(s);
    const auto predicted = model::analyseCapacity(graph).consumers.at(0).waitProbability;
    QCOMPARE(predicted, 1.0); // rho 1.5: saturated
    QCOMPARE(figure(r, "work", "predicted_wait_probability", "value"), predicted);
}

// scenarios/README.md / README.md: the version, and the SHA-256 of the scenario as the writer
// writes it back with every override folded in (node positions, the editor's layout, left out).
void WaitedTest::provenanceRows() {
    model::Scenario s;
    const auto a = runWith(steady("queue", "50ms"), {}, &s);
    QCOMPARE(QString::fromStdString(a.version), QString(model::eventbenchVersion()));
    QVERIFY(!a.version.empty());
    QCOMPARE(a.scenarioSha256, model::sha256Hex(model::writeScenarioYaml(s)));
    QCOMPARE(a.scenarioSha256.size(), std::size_t{64});
    const auto again = runWith(steady("queue", "50ms"), {});
    QCOMPARE(again.scenarioSha256, a.scenarioSha256);
    model::Scenario seeded;
    const auto b = runWith(steady("queue", "50ms"), {"seed=9", "duration=30s"}, &seeded);
    QVERIFY(b.scenarioSha256 != a.scenarioSha256);
    QCOMPARE(b.scenarioSha256, model::sha256Hex(model::writeScenarioYaml(seeded)));
    std::ostringstream csv;
    model::writeSummaryCsv(csv, a);
    const std::string text = csv.str();
    QVERIFY(text.find("\nrun,version,value," + a.version + "\n") != std::string::npos);
    QVERIFY(text.find("\nrun,scenario_sha256,value," + a.scenarioSha256 + "\n") !=
            std::string::npos);
}

QTEST_GUILESS_MAIN(WaitedTest)
#include "tst_waited.moc"
