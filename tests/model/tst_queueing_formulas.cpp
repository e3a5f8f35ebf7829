// The closed forms of model/QueueingFormulas against textbook values and independent
// computations: Erlang C, M/M/1, M/M/c, Pollaczek-Khinchine, Allen-Cunneen, QNA, and the
// moments of what the simulator samples from each distribution.
#include <QtTest>

#include <cmath>
#include <numbers>

#include "model/capacity/QueueingFormulas.h"
#include "sim/kernel/Rng.h"
#include "sim/kernel/Sampler.h"

using namespace eventbench;
using model::Distribution;

Q_DECLARE_METATYPE(eventbench::model::Distribution)

namespace {

double factorial(int n) {
    double f = 1;
    for (int k = 2; k <= n; ++k)
        f *= k;
    return f;
}

// Erlang C from its defining sum, independent of the model's Erlang-B recursion.
double erlangCBySum(int c, double a) {
    double sum = 0;
    for (int k = 0; k < c; ++k)
        sum += std::pow(a, k) / factorial(k);
    const double top = std::pow(a, c) / factorial(c) * c / (c - a);
    return top / (sum + top);
}

// M/M/c mean wait in queue from P0 and Lq (Gross & Harris): Wq = Lq / lambda.
double mmcWaitByP0(int c, double lambda, double mu) {
    const double a = lambda / mu, rho = a / c;
    double sum = 0;
    for (int k = 0; k < c; ++k)
        sum += std::pow(a, k) / factorial(k);
    const double p0 = 1 / (sum + std::pow(a, c) / (factorial(c) * (1 - rho)));
    const double lq = p0 * std::pow(a, c) * rho / (factorial(c) * (1 - rho) * (1 - rho));
    return lq / lambda;
}

Distribution dist(Distribution::Kind kind) {
    Distribution d;
    d.kind = kind;
    return d;
}

} // namespace

class QueueingFormulasTest : public QObject {
    Q_OBJECT
  private slots:
    void erlangCKnownValue();
    void erlangC_data();
    void erlangC();
    void mm1();
    void mmc_data();
    void mmc();
    void allenCunneenIsExactForMmcAndMg1_data();
    void allenCunneenIsExactForMmcAndMg1();
    void unstableAndEmpty();
    void qna();
    void overload();
    void moments_data();
    void moments();
    void momentsMatchTheSampler_data();
    void momentsMatchTheSampler();
};

void QueueingFormulasTest::erlangCKnownValue() {
    // C(3, 2.4) = 11.52 / 17.8 (sum 1 + 2.4 + 2.88 = 6.28; a^3/3! * 3/0.6 = 11.52).
    QVERIFY(std::abs(model::erlangC(3, 2.4) - 11.52 / 17.8) < 1e-12);
    QVERIFY(std::abs(model::erlangC(3, 2.4) - 0.6471910112359551) < 1e-12);
    // One server: C = rho.
    QVERIFY(std::abs(model::erlangC(1, 0.37) - 0.37) < 1e-15);
}

void QueueingFormulasTest::erlangC_data() {
    QTest::addColumn<int>("c");
    QTest::addColumn<double>("a");
    for (const auto &[c, a] : std::initializer_list<std::pair<int, double>>{
             {1, 0.5}, {2, 1.5}, {3, 2.4}, {5, 4.0}, {10, 7.3}, {20, 19.5}, {50, 30}})
        QTest::newRow(qPrintable(QString("c=%1 a=%2").arg(c).arg(a))) << c << a;
}

void QueueingFormulasTest::erlangC() {
    QFETCH(int, c);
    QFETCH(double, a);
    QVERIFY2(std::abs(model::erlangC(c, a) - erlangCBySum(c, a)) < 1e-9,
             qPrintable(QString("%1 vs %2").arg(model::erlangC(c, a)).arg(erlangCBySum(c, a))));
}

void QueueingFormulasTest::mm1() {
    // lambda 50, mu 100: rho 0.5, Wq = rho / (mu - lambda) = 10 ms, W = 20 ms.
    QVERIFY(std::abs(model::mmcMeanWait(1, 50, 100) - 0.01) < 1e-15);
    QVERIFY(std::abs(model::mmcMeanWait(1, 50, 100) + 1.0 / 100 - 0.02) < 1e-15);
    // lambda 80, mu 100: W = 1 / (mu - lambda) = 50 ms.
    QVERIFY(std::abs(model::mmcMeanWait(1, 80, 100) + 0.01 - 0.05) < 1e-15);
}

void QueueingFormulasTest::mmc_data() {
    QTest::addColumn<int>("c");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<double>("mu");
    QTest::newRow("M/M/2") << 2 << 150.0 << 100.0;
    QTest::newRow("M/M/3") << 3 << 240.0 << 100.0;
    QTest::newRow("M/M/4") << 4 << 280.0 << 100.0;
    QTest::newRow("M/M/8 heavy") << 8 << 7.6 << 1.0;
    QTest::newRow("M/M/16 light") << 16 << 2.0 << 1.0;
}

void QueueingFormulasTest::mmc() {
    QFETCH(int, c);
    QFETCH(double, lambda);
    QFETCH(double, mu);
    const double w = model::mmcMeanWait(c, lambda, mu);
    const double expected = mmcWaitByP0(c, lambda, mu);
    QVERIFY2(std::abs(w - expected) <= 1e-12 * expected,
             qPrintable(QString("%1 vs %2").arg(w, 0, 'g', 17).arg(expected, 0, 'g', 17)));
    // Wq = C(c, a) / (c mu - lambda).
    QVERIFY(std::abs(w - model::erlangC(c, lambda / mu) / (c * mu - lambda)) <= 1e-15);
}

void QueueingFormulasTest::allenCunneenIsExactForMmcAndMg1_data() {
    QTest::addColumn<double>("lambda");
    QTest::addColumn<double>("service");
    QTest::addColumn<double>("cs2");
    QTest::newRow("M/D/1 rho 0.8") << 80.0 << 0.01 << 0.0;
    QTest::newRow("M/D/1 rho 0.3") << 30.0 << 0.01 << 0.0;
    QTest::newRow("M/G/1 uniform") << 60.0 << 0.005 << 1.0 / 3;
    QTest::newRow("M/G/1 lognormal") << 20.0 << 0.004 << 2.7;
}

void QueueingFormulasTest::allenCunneenIsExactForMmcAndMg1() {
    QFETCH(double, lambda);
    QFETCH(double, service);
    QFETCH(double, cs2);
    const double rho = lambda * service;
    const double pk = model::pollaczekKhinchineMeanWait(lambda, service, cs2);
    // P-K: lambda E[S^2] / (2 (1 - rho)) with E[S^2] = S^2 (1 + cs^2).
    QVERIFY(std::abs(pk - lambda * service * service * (1 + cs2) / (2 * (1 - rho))) < 1e-15);
    QVERIFY(std::abs(model::allenCunneenMeanWait(1, lambda, service, 1.0, cs2) - pk) <= 1e-15);
    if (cs2 == 0) // M/D/1: rho S / (2 (1 - rho))
        QVERIFY(std::abs(pk - rho * service / (2 * (1 - rho))) < 1e-15);
    // With ca^2 = cs^2 = 1, Allen-Cunneen is M/M/c.
    for (int c : {1, 2, 5})
        QCOMPARE(model::allenCunneenMeanWait(c, c * lambda, service, 1.0, 1.0),
                 model::mmcMeanWait(c, c * lambda, 1 / service));
}

void QueueingFormulasTest::unstableAndEmpty() {
    QVERIFY(std::isinf(model::mmcMeanWait(2, 200, 100)));
    QVERIFY(std::isinf(model::allenCunneenMeanWait(1, 101, 0.01, 1, 1)));
    QVERIFY(std::isinf(model::pollaczekKhinchineMeanWait(100, 0.01, 0)));
    QCOMPARE(model::mmcMeanWait(3, 0, 100), 0.0);
    QCOMPARE(model::erlangC(4, 0), 0.0);
    QCOMPARE(model::erlangC(4, 4), 1.0);
}

void QueueingFormulasTest::qna() {
    // M/M/1 departures are Poisson (Burke).
    QCOMPARE(model::departureScv(1, 0.7, 1, 1), 1.0);
    // D/D/1 departures stay regular; M/D/1 at rho 0.5: 1 - rho^2; saturated: regular.
    QCOMPARE(model::departureScv(1, 0.5, 0, 0), 0.0);
    QCOMPARE(model::departureScv(1, 0.5, 1, 0), 0.75);
    QCOMPARE(model::departureScv(1, 1.0, 1, 0), 0.0);
    // Thinning a Poisson stream keeps it Poisson; thinning a regular one by p gives 1 - p.
    QCOMPARE(model::copiedScv(1, 0.3, 0.3 * 0.7), 1.0);
    QVERIFY(std::abs(model::copiedScv(0, 0.25, 0.25 * 0.75) - 0.75) < 1e-15);
    // Every message copied twice (pairs): twice the variability.
    QCOMPARE(model::copiedScv(1, 2, 0), 2.0);
}

void QueueingFormulasTest::overload() {
    // rho 1.5, warmup 0, horizon 100 s: (0.5)(100) / 3.
    QVERIFY(std::abs(model::overloadMeanWait(1.5, 0, 100) - 50.0 / 3) < 1e-12);
    QCOMPARE(model::overloadMeanWait(0.9, 0, 100), 0.0);
}

void QueueingFormulasTest::moments_data() {
    QTest::addColumn<Distribution>("d");
    QTest::addColumn<double>("mean");
    QTest::addColumn<double>("second");
    QTest::newRow("constant") << Distribution::constant(3e6) << 3e6 << 9e12;
    Distribution e = dist(Distribution::Kind::Exponential);
    e.mean = 5;
    QTest::newRow("exponential") << e << 5.0 << 50.0;
    Distribution u = dist(Distribution::Kind::Uniform);
    u.min = 1;
    u.max = 9;
    QTest::newRow("uniform") << u << 5.0 << (1 + 9 + 81) / 3.0;
    Distribution n = dist(Distribution::Kind::Normal);
    n.mean = 0;
    n.stddev = 2;
    // Half-normal: mean s sqrt(2/pi), E[X^2] = s^2.
    QTest::newRow("normal truncated at 0") << n << 2 * std::sqrt(2 / std::numbers::pi) << 4.0;
    Distribution m = dist(Distribution::Kind::Empirical);
    m.values = {1, 2, 30};
    m.weights = {0.7, 0.2, 0.1};
    QTest::newRow("empirical") << m << 4.1 << 0.7 + 0.8 + 90.0;
    Distribution l = dist(Distribution::Kind::Lognormal);
    l.mean = 4;
    l.p99 = 30;
    double mu = 0, sigma = 0;
    sim::DistributionSampler::lognormalParameters(4, 30, &mu, &sigma);
    QTest::newRow("lognormal") << l << 4.0 << std::exp(2 * mu + 2 * sigma * sigma);
}

void QueueingFormulasTest::moments() {
    QFETCH(Distribution, d);
    QFETCH(double, mean);
    QFETCH(double, second);
    const model::Moments m = model::distributionMoments(d);
    QVERIFY2(std::abs(m.mean - mean) <= 1e-12 * mean, qPrintable(QString::number(m.mean)));
    QVERIFY2(std::abs(m.second - second) <= 1e-12 * second, qPrintable(QString::number(m.second)));
    QCOMPARE(model::Moments::constant(7).scv(), 0.0);
}

void QueueingFormulasTest::momentsMatchTheSampler_data() {
    moments_data();
    Distribution u = dist(Distribution::Kind::Uniform);
    u.min = -2;
    u.max = 6;
    QTest::newRow("uniform below 0") << u << 36.0 / 16 << 216.0 / 24;
    Distribution n = dist(Distribution::Kind::Normal);
    n.mean = 5;
    n.stddev = 2;
    QTest::newRow("normal") << n << 0.0 << 0.0;
}

// What the model assumes the simulator draws is what it draws (200k samples).
void QueueingFormulasTest::momentsMatchTheSampler() {
    QFETCH(Distribution, d);
    const model::Moments m = model::distributionMoments(d);
    const sim::DistributionSampler sampler(d);
    sim::Rng rng = sim::Rng::forStream(99, "moments");
    double s1 = 0, s2 = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const double x = sampler.sample(rng);
        s1 += x;
        s2 += x * x;
    }
    s1 /= n;
    s2 /= n;
    QVERIFY(std::abs(sampler.mean() - m.mean) <= 1e-9 * std::max(1.0, m.mean));
    QVERIFY2(std::abs(s1 - m.mean) <= 0.02 * m.mean,
             qPrintable(QString("%1 %2").arg(s1).arg(m.mean)));
    QVERIFY2(std::abs(s2 - m.second) <= 0.05 * m.second,
             qPrintable(QString("%1 %2").arg(s2).arg(m.second)));
}

QTEST_GUILESS_MAIN(QueueingFormulasTest)
#include "tst_queueing_formulas.moc"
