// MSER-5 warm-up detection (issue 8, `warmup: auto`): the statistic on a hand-computed series,
// transients of known length in synthetic series, and an engine run whose initial backlog
// drains at a known time.
#include <QtTest>

#include <cmath>
#include <random>

#include "model/yaml/ScenarioLoader.h"
#include "model/yaml/ScenarioWriter.h"
#include "sim/metrics/Mser5.h"
#include "support/RunHelpers.h"

using namespace eventbench;
using eventbench::sim::Mser5;
using eventbench::testing::figure;
using eventbench::testing::runScenarioText;

class TestMser5 : public QObject {
    Q_OBJECT

  private slots:
    void handComputed();
    void shortAndFlatSeries();
    void missingValuesCarryForward();
    void knownTransient_data();
    void knownTransient();
    void stationarySeriesKeepsAlmostAll();
    void engineBacklogDrains();
    void loaderAndWriterKnowAuto();
};

void TestMser5::handComputed() {
    // Batch means 9, 1, 1, 1 (m = 4, d <= 2): MSER(0) = (36 + 3 * 4) / 16 = 3, MSER(1) = 0 =
    // MSER(2); the tie goes to d = 1, i.e. 5 observations.
    std::vector<double> s(20, 1.0);
    for (int i = 0; i < 5; ++i)
        s[static_cast<std::size_t>(i)] = 9;
    Mser5 r = Mser5::choose(s);
    QCOMPARE(r.truncation, std::size_t{5});
    QCOMPARE(r.statistic, 0.0);
    // Batch means 4, 2, 0, 2, 0, 2 (m = 6, d <= 3). MSER(0): mean 5/3, ss 11.333 -> /36 = 0.315;
    // MSER(1): mean 1.2, ss = 4.8 -> /25 = 0.192; MSER(2): mean 1, ss 4 -> /16 = 0.25;
    // MSER(3): mean 4/3, ss 2.6667 -> /9 = 0.2963. d = 1.
    s.assign(30, 0.0);
    const double batches[] = {4, 2, 0, 2, 0, 2};
    for (std::size_t j = 0; j < 6; ++j)
        for (std::size_t k = 0; k < 5; ++k)
            s[j * 5 + k] = batches[j] + (k % 2 ? 0.5 : -0.5) * (k < 4); // mean of each batch exact
    r = Mser5::choose(s);
    QCOMPARE(r.truncation, std::size_t{5});
    QVERIFY(std::fabs(r.statistic - 0.192) < 1e-12);
    // Leftover observations beyond the last full batch are not used: 32 values, 6 batches.
    s.push_back(1000);
    s.push_back(1000);
    QCOMPARE(Mser5::choose(s).truncation, std::size_t{5});
    QCOMPARE(Mser5::maxTruncation(32), std::size_t{15});
    QCOMPARE(Mser5::maxTruncation(9), std::size_t{0});
    QCOMPARE(Mser5::maxTruncation(1200), std::size_t{600});
}

void TestMser5::shortAndFlatSeries() {
    Mser5 r = Mser5::choose({1, 2, 3, 4, 5, 6, 7, 8, 9}); // one batch
    QCOMPARE(r.truncation, std::size_t{0});
    QVERIFY(std::isnan(r.statistic));
    r = Mser5::choose(std::vector<double>(100, 42.0));
    QCOMPARE(r.truncation, std::size_t{0});
    QCOMPARE(r.statistic, 0.0);
    r = Mser5::choose(std::vector<double>(50, std::nan("")));
    QCOMPARE(r.truncation, std::size_t{0});
}

void TestMser5::missingValuesCarryForward() {
    // Intervals without a latency (NaN) repeat the value before them: this series is the
    // same as 9 x 5 then 1 x 15 above.
    std::vector<double> s(20, std::nan(""));
    s[0] = 9;
    s[5] = 1;
    s[12] = 1;
    const Mser5 r = Mser5::choose(s);
    QCOMPARE(r.truncation, std::size_t{5});
    QCOMPARE(r.statistic, 0.0);
}

void TestMser5::knownTransient_data() {
    QTest::addColumn<QString>("shape");
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("total");
    // Past the transient MSER(d) is a random walk with a small upward drift, so MSER-5 can
    // overshoot by some batches on noise alone (over 2000 seeds of a step of 1000 in 5000:
    // >= 10 batches 1.1%, >= 20 batches 0.15%, never 40). Transients here are 150+ batches
    // long, so 20% is 30+ batches.
    QTest::newRow("step 1000 of 5000") << "step" << 1000 << 5000;
    QTest::newRow("step 750 of 7500") << "step" << 750 << 7500;
    QTest::newRow("linear drain 1000 of 5000") << "linear" << 1000 << 5000;
    QTest::newRow("linear drain 1000 of 6000, AR(1) noise") << "linear-ar" << 1000 << 6000;
}

void TestMser5::knownTransient() {
    QFETCH(QString, shape);
    QFETCH(int, length);
    QFETCH(int, total);
    // Ten seeds per shape: every pick must be within 20% of the transient's length.
    QStringList picks;
    for (unsigned seed = 1; seed <= 10; ++seed) {
        std::mt19937_64 rng(seed);
        std::normal_distribution<double> noise(0, 1);
        std::vector<double> s;
        double ar = 0;
        for (int k = 0; k < total; ++k) {
            const double frac = static_cast<double>(k) / length;
            double bias = 0;
            if (shape == "step")
                bias = k < length ? 4.0 : 0.0;
            else
                bias = k < length ? 30.0 * (1 - frac) : 0.0;
            ar = 0.5 * ar + noise(rng);
            s.push_back(10 + bias + (shape == "linear-ar" ? ar : noise(rng)));
        }
        const Mser5 r = Mser5::choose(s);
        const double error =
            std::fabs(static_cast<double>(r.truncation) - length) / static_cast<double>(length);
        QVERIFY2(error <= 0.2, qPrintable(QString("%1 seed %2: truncation %3, transient %4")
                                              .arg(shape)
                                              .arg(seed)
                                              .arg(r.truncation)
                                              .arg(length)));
        picks << QString::number(r.truncation);
    }
    qInfo("%s: MSER-5 truncations %s for a transient of %d", qPrintable(shape),
          qPrintable(picks.join(' ')), length);
}

void TestMser5::stationarySeriesKeepsAlmostAll() {
    // No transient: over 20 seeds the mean truncation stays small (MSER may cut a little).
    double sum = 0;
    for (unsigned seed = 1; seed <= 20; ++seed) {
        std::mt19937_64 rng(seed);
        std::normal_distribution<double> noise(5, 1);
        std::vector<double> s(1000);
        for (auto &v : s)
            v = noise(rng);
        sum += static_cast<double>(Mser5::choose(s).truncation);
    }
    QVERIFY2(sum / 20 < 100, qPrintable(QString::number(sum / 20)));
}

// A producer at 150/s for the first 150 s, then 50/s, on a queue served at 100/s (constant
// 10 ms): the backlog grows at 50/s to 7500 messages at 150 s and drains at 50/s, so the
// transient ends at 300 s (600 samples of 500 ms). MSER-5 must cut 300 s within 20%, and the
// summary after it must be the steady state (and the same as a fixed warm-up of the chosen
// length).
void TestMser5::engineBacklogDrains() {
    const std::string text =
        "scenario: backlog\nseed: 3\nduration: 1500s\nsample_every: 500ms\nwarmup: auto\n"
        "nodes:\n"
        "  src: {kind: producer, rate: {profile: steps, steps: [[0s, 150/s], [150s, 50/s]]}}\n"
        "  jobs: {kind: queue}\n"
        "  work: {kind: consumer, service_time: 10ms}\n"
        "edges:\n  - src -> jobs\n  - jobs -> work\n";
    const model::RunReport r = runScenarioText(text);
    const double warmup = figure(r, "run", "warmup_s", "value");
    qInfo("backlog drained at 300 s: MSER-5 warm-up %.0f s; latency mean %.5f s", warmup,
          figure(r, "work", "latency", "mean"));
    QVERIFY2(std::fabs(warmup - 300) <= 60, qPrintable(QString::number(warmup)));
    QCOMPARE(std::fmod(warmup, 2.5), 0.0); // whole batches of 5 samples of 500 ms
    // Steady state: M/D/1 at rho 0.5: W = 10 ms + rho / (2 mu (1 - rho)) = 15 ms.
    const double w = figure(r, "work", "latency", "mean");
    QVERIFY2(std::fabs(w - 0.015) < 0.0015, qPrintable(QString::number(w)));
    QVERIFY(figure(r, "work", "lag", "max") < 30);
    QCOMPARE(r.unaccounted, 0);

    // The same run with the chosen warm-up fixed: identical events and the same figures.
    std::string fixed = text;
    fixed.replace(fixed.find("warmup: auto"), 12,
                  "warmup: " + std::to_string(std::lround(warmup * 1000)) + "ms");
    const model::RunReport f = runScenarioText(fixed);
    QCOMPARE(f.fingerprint, r.fingerprint);
    QCOMPARE(figure(f, "run", "warmup_s", "value"), warmup);
    for (const char *stat : {"mean", "p50", "p95", "p99", "max", "min"}) {
        const double a = figure(r, "work", "latency", stat), b = figure(f, "work", "latency", stat);
        QVERIFY2(std::fabs(a - b) <= 1e-12 * std::fabs(b),
                 qPrintable(QString("%1: auto %2 fixed %3").arg(stat).arg(a).arg(b)));
    }
    for (const char *stat : {"mean", "max", "min", "p99", "final"})
        QCOMPARE(figure(r, "work", "lag", stat), figure(f, "work", "lag", stat));
    // Without a warm-up the transient dominates the latency.
    std::string none = text;
    none.replace(none.find("warmup: auto"), 12, "warmup: 0s");
    const model::RunReport z = runScenarioText(none);
    QCOMPARE(figure(z, "run", "warmup_s", "value"), 0.0);
    QVERIFY(figure(z, "work", "latency", "mean") > 1.0);
}

void TestMser5::loaderAndWriterKnowAuto() {
    const std::string text = "scenario: a\nduration: 60s\nwarmup: auto\n"
                             "nodes:\n  p: {kind: producer, rate: 1/s}\n";
    const model::LoadResult loaded = model::loadScenarioText(text, "a.yaml");
    QVERIFY(loaded.scenario);
    QVERIFY(loaded.scenario->warmupAuto);
    QCOMPARE(loaded.scenario->warmup, model::SimTime{0});
    const std::string written = model::writeScenarioYaml(*loaded.scenario);
    QVERIFY2(written.find("\nwarmup: auto\n") != std::string::npos, written.c_str());
    const model::LoadResult back = model::loadScenarioText(written, "b.yaml");
    QVERIFY(back.scenario);
    QVERIFY(*back.scenario == *loaded.scenario);
    // `--set warmup=auto` and back to a duration.
    const auto set = model::loadScenarioText(text, "a.yaml", {"warmup=10s"});
    QVERIFY(set.scenario);
    QVERIFY(!set.scenario->warmupAuto);
    QCOMPARE(set.scenario->warmup, 10 * model::kNanosPerSecond);
    QVERIFY(!(*set.scenario == *loaded.scenario));
    // A quoted "auto" is a string, not the keyword: a bad duration.
    const auto quoted = model::loadScenarioText(
        "scenario: a\nduration: 60s\nwarmup: 'auto'\nnodes:\n  p: {kind: producer, rate: 1/s}\n",
        "q.yaml");
    QVERIFY(!quoted.scenario);
    QCOMPARE(quoted.diagnostics.front().where.line, 3);
}

QTEST_GUILESS_MAIN(TestMser5)
#include "tst_mser5.moc"
