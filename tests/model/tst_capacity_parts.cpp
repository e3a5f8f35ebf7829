// The capacity analysis splits the graph into its connected parts (issue 13: N independent
// producer -> topic -> consumer chains built one flow network of nodes x all classes, so
// 15,000 nodes needed gigabytes). Held here by structure, not by timing: the cells of the
// flow networks grow linearly with the chains, and the split gives exactly the figures of the
// analysis of the whole graph. tests/scenarios/tst_capacity_scale_slow.cpp times the binary.
#include <QtTest>

#include <QDir>

#include "model/capacity/CapacityModel.h"
#include "model/capacity/CapacityParts.h"
#include "model/yaml/ScenarioLoader.h"

using namespace eventbench;

namespace {

std::string chains(int n) {
    std::string text = "scenario: chains\nduration: 60s\nnodes:\n";
    std::string edges = "edges:\n";
    for (int i = 0; i < n; ++i) {
        const std::string k = std::to_string(i);
        text += "  p" + k + ": {kind: producer, rate: " + std::to_string(10 + i % 7) + "/s}\n";
        text += "  t" + k + ": {kind: topic, partitions: " + std::to_string(1 + i % 3) + "}\n";
        text += "  c" + k + ": {kind: consumer, instances: 2, service_time: 5ms}\n";
        edges += "  - p" + k + " -> t" + k + "\n  - t" + k + " -> c" + k + "\n";
    }
    return text + edges;
}

model::Scenario load(const std::string &text) {
    model::LoadResult loaded = model::loadScenarioText(text, "parts.yaml");
    if (!loaded.scenario || model::hasErrors(loaded.diagnostics))
        throw std::runtime_error("does not load");
    return *loaded.scenario;
}

void compareReports(const model::CapacityReport &a, const model::CapacityReport &b) {
    QCOMPARE(a.consumers.size(), b.consumers.size());
    for (std::size_t i = 0; i < a.consumers.size(); ++i) {
        const auto &x = a.consumers[i];
        const auto &y = b.consumers[i];
        QCOMPARE(x.node, y.node);
        const double xs[] = {x.lambda,     x.peakLambda,     x.meanService,   x.serviceScv,
                             x.arrivalScv, x.utilization,    x.predictedWait, x.predictedLatency,
                             x.lagGrowth,  x.waitProbability};
        const double ys[] = {y.lambda,     y.peakLambda,     y.meanService,   y.serviceScv,
                             y.arrivalScv, y.utilization,    y.predictedWait, y.predictedLatency,
                             y.lagGrowth,  y.waitProbability};
        for (std::size_t k = 0; k < std::size(xs); ++k)
            QVERIFY2(xs[k] == ys[k] || (std::isnan(xs[k]) && std::isnan(ys[k])),
                     qPrintable(QString("%1 figure %2: %3 vs %4")
                                    .arg(QString::fromStdString(x.node))
                                    .arg(k)
                                    .arg(xs[k], 0, 'g', 17)
                                    .arg(ys[k], 0, 'g', 17)));
        QCOMPARE(x.servers, y.servers);
        QCOMPARE(x.overloaded, y.overloaded);
        QCOMPARE(x.suggestedInstances, y.suggestedInstances);
        QCOMPARE(x.suggestedPartitions, y.suggestedPartitions);
    }
}

} // namespace

class CapacityPartsTest : public QObject {
    Q_OBJECT
  private slots:
    void independentChainsAreParts();
    void flowCellsGrowLinearly();
    void partsGiveTheFiguresOfTheWhole_data();
    void partsGiveTheFiguresOfTheWhole();
};

void CapacityPartsTest::independentChainsAreParts() {
    const model::Scenario s = load(chains(50));
    const model::TopologyGraph graph(s);
    const model::TopologyParts parts = model::topologyParts(graph);
    QCOMPARE(parts.count, std::size_t{50});
    const auto scenarios = model::partScenarios(s, parts);
    QCOMPARE(scenarios.size(), std::size_t{50});
    for (const auto &part : scenarios) {
        QCOMPARE(part.nodes.size(), std::size_t{3});
        QCOMPARE(part.edges.size(), std::size_t{2});
    }
    // A dead letter joins two otherwise separate parts.
    const model::Scenario joined =
        load("scenario: j\nduration: 10s\nnodes:\n  p: {kind: producer, rate: 1/s}\n"
             "  q: {kind: queue}\n  c: {kind: consumer, dead_letter: dlq}\n  dlq: {kind: queue}\n"
             "  d: {kind: consumer}\nedges: [p -> q, q -> c, dlq -> d]\n");
    QCOMPARE(model::topologyParts(model::TopologyGraph(joined)).count, std::size_t{1});
}

// Each chain is a part of 3 nodes, one consumer input and one message class: 4 cells, so
// twice the chains is twice the cells (the whole graph as one: nodes x classes, quadratic).
void CapacityPartsTest::flowCellsGrowLinearly() {
    for (const int n : {100, 200, 400}) {
        const model::Scenario s = load(chains(n));
        const model::TopologyGraph graph(s);
        const auto report = model::analyseCapacity(graph, {.suggestions = false});
        QCOMPARE(report.consumers.size(), std::size_t(n));
        QCOMPARE(report.flowCells, std::size_t(4 * n));
        const auto whole = model::analyseCapacity(graph, {.suggestions = false, .byParts = false});
        QCOMPARE(whole.flowCells, std::size_t(4 * n) * std::size_t(n));
        compareReports(report, whole);
    }
}

void CapacityPartsTest::partsGiveTheFiguresOfTheWhole_data() {
    QTest::addColumn<QString>("file");
    const QDir dir(EVENTBENCH_SOURCE_DIR "/scenarios");
    for (const QString &f : dir.entryList({"*.yaml"}, QDir::Files, QDir::Name))
        QTest::newRow(f.toUtf8().constData()) << dir.filePath(f);
    QTest::newRow("two parts") << QString();
}

// Every bundled scenario, and one with two parts of which one loops: the same figures, bit
// for bit, whether analysed whole or by parts.
void CapacityPartsTest::partsGiveTheFiguresOfTheWhole() {
    QFETCH(QString, file);
    model::LoadResult loaded =
        file.isEmpty()
            ? model::loadScenarioText(
                  "scenario: two\nduration: 100s\nnodes:\n"
                  "  a: {kind: producer, rate: 40/s, keys: {distribution: zipf, count: 50}}\n"
                  "  t: {kind: topic, partitions: 4}\n"
                  "  c: {kind: consumer, instances: 3, service_time: {distribution: "
                  "exponential, mean: 20ms}}\n"
                  "  b: {kind: producer, rate: 30/s}\n  q: {kind: queue}\n"
                  "  w: {kind: consumer, instances: 2, failure: 0.1, service_time: 10ms}\n"
                  "  x: {kind: exchange}\n"
                  "edges:\n  - a -> t\n  - t -> c\n  - b -> q\n  - q -> w\n"
                  "  - {from: w, to: x, ratio: 0.3}\n  - x -> q\n",
                  "two.yaml")
            : model::loadScenarioFile(file.toStdString());
    QVERIFY(loaded.scenario && !model::hasErrors(loaded.diagnostics));
    const model::TopologyGraph graph(*loaded.scenario);
    compareReports(model::analyseCapacity(graph),
                   model::analyseCapacity(graph, {.byParts = false}));
}

QTEST_GUILESS_MAIN(CapacityPartsTest)
#include "tst_capacity_parts.moc"
