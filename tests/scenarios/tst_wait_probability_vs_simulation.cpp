// The simulated share of messages that waited, total(waited) / total(processed), against
// Erlang C's C(c, a) on M/M/c scenarios (Poisson arrivals, exponential service): the
// textbook probability of waiting (Erlang 1917; any queueing text, e.g. Kleinrock, Queueing
// Systems vol. 1, section 3.5), which is exact here since arrivals see time averages (PASTA).
// The tolerance is statistical: batch means over the run's samples give a standard error and
// the estimate must lie within 4 of them (plus 0.002 for the few messages a finite run
// cuts). About 300,000 messages per case, 2 s in all.
#include <QtTest>

#include <cmath>

#include "model/capacity/CapacityModel.h"
#include "model/yaml/ScenarioLoader.h"
#include "sim/engine/Engine.h"
#include "support/RunHelpers.h"

using namespace eventbench;

namespace {

const std::vector<double> *seriesOf(const model::RunReport &r, const char *metric) {
    for (const auto &s : r.series)
        if (s.node == "work" && s.metric == metric)
            return &s.values;
    return nullptr;
}

struct Estimate {
    double share = 0;
    double standardError = 0;
};

/// The waited share after `skip` samples, and its standard error from 20 batch means.
Estimate waitedShare(const model::RunReport &r, std::size_t skip) {
    const auto *waited = seriesOf(r, "waited");
    const auto *processed = seriesOf(r, "processed");
    if (!waited || !processed || waited->size() <= skip + 20)
        return {std::nan(""), 0};
    constexpr std::size_t kBatches = 20;
    const std::size_t per = (waited->size() - skip) / kBatches;
    double allWaited = 0, allProcessed = 0;
    std::vector<double> batch;
    for (std::size_t b = 0; b < kBatches; ++b) {
        double w = 0, p = 0;
        for (std::size_t i = skip + b * per; i < skip + (b + 1) * per; ++i) {
            w += (*waited)[i];
            p += (*processed)[i];
        }
        allWaited += w;
        allProcessed += p;
        batch.push_back(p > 0 ? w / p : 0);
    }
    Estimate e;
    e.share = allWaited / allProcessed;
    double sum = 0;
    for (double x : batch)
        sum += (x - e.share) * (x - e.share);
    e.standardError = std::sqrt(sum / (kBatches - 1) / kBatches);
    return e;
}

} // namespace

class WaitProbabilityVsSimulationTest : public QObject {
    Q_OBJECT
  private slots:
    void simulatedShareMatchesErlangC_data();
    void simulatedShareMatchesErlangC();
};

void WaitProbabilityVsSimulationTest::simulatedShareMatchesErlangC_data() {
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("servers");
    QTest::addColumn<double>("rho");
    const char *exponential = "service_time: {distribution: exponential, mean: 10ms}";
    QTest::newRow("M/M/1 queue rho 0.5")
        << QString("duration: 4000s\nnodes:\n  src: {kind: producer, rate: 50/s}\n"
                   "  q: {kind: queue}\n  work: {kind: consumer, %1}\n"
                   "edges: [src -> q, q -> work]\n")
               .arg(exponential)
        << 1 << 0.5;
    QTest::newRow("M/M/2 queue rho 0.8")
        << QString("duration: 2500s\nnodes:\n  src: {kind: producer, rate: 160/s}\n"
                   "  q: {kind: queue}\n  work: {kind: consumer, instances: 2, %1}\n"
                   "edges: [src -> q, q -> work]\n")
               .arg(exponential)
        << 2 << 0.8;
    QTest::newRow("M/M/5 queue rho 0.7")
        << QString("duration: 1200s\nnodes:\n  src: {kind: producer, rate: 350/s}\n"
                   "  q: {kind: queue}\n  work: {kind: consumer, instances: 5, %1}\n"
                   "edges: [src -> q, q -> work]\n")
               .arg(exponential)
        << 5 << 0.7;
    QTest::newRow("M/M/4 by concurrency rho 0.6")
        << QString("duration: 1500s\nnodes:\n  src: {kind: producer, rate: 240/s}\n"
                   "  q: {kind: queue}\n  work: {kind: consumer, instances: 2, concurrency: 2, "
                   "%1}\nedges: [src -> q, q -> work]\n")
               .arg(exponential)
        << 4 << 0.6;
    // A topic partition is one server: P(wait) = rho.
    QTest::newRow("M/M/1 topic partition rho 0.6")
        << QString("duration: 4000s\nnodes:\n  src: {kind: producer, rate: 60/s}\n"
                   "  t: {kind: topic}\n  work: {kind: consumer, %1}\n"
                   "edges: [src -> t, t -> work]\n")
               .arg(exponential)
        << 1 << 0.6;
}

void WaitProbabilityVsSimulationTest::simulatedShareMatchesErlangC() {
    QFETCH(QString, body);
    QFETCH(int, servers);
    QFETCH(double, rho);
    const std::string text = "scenario: mmc\nseed: 11\n" + body.toStdString();
    model::LoadResult loaded = model::loadScenarioText(text, "mmc.yaml");
    QVERIFY(loaded.scenario && !model::hasErrors(loaded.diagnostics));
    // The prediction, through the capacity analysis, is Erlang C itself here.
    const model::TopologyGraph graph(*loaded.scenario);
    const double predicted = model::analyseCapacity(graph).consumers.at(0).waitProbability;
    const double erlang = testing::erlangC(servers, rho * servers * 100, 100);
    QVERIFY2(std::abs(predicted - erlang) < 1e-9, qPrintable(QString::number(predicted)));

    sim::Engine engine(*loaded.scenario);
    engine.runToEnd();
    const model::RunReport r = engine.takeReport();
    QCOMPARE(testing::figure(r, "work", "predicted_wait_probability", "value"), predicted);
    const Estimate e = waitedShare(r, 50); // the first 50 s warm the queue up
    qInfo("%s: simulated %.4f +- %.4f, Erlang C %.4f", QTest::currentDataTag(), e.share,
          e.standardError, erlang);
    QVERIFY2(std::abs(e.share - erlang) <= 4 * e.standardError + 0.002,
             qPrintable(QString("simulated %1 (se %2), C(c, a) %3")
                            .arg(e.share)
                            .arg(e.standardError)
                            .arg(erlang)));
    // The same share over the whole run, from the summary's totals.
    const double whole =
        testing::figure(r, "work", "waited") / testing::figure(r, "work", "processed");
    QVERIFY2(std::abs(whole - erlang) <= 4 * e.standardError + 0.005,
             qPrintable(QString::number(whole)));
}

QTEST_GUILESS_MAIN(WaitProbabilityVsSimulationTest)
#include "tst_wait_probability_vs_simulation.moc"
