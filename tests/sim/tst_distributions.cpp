// Samplers (scenarios/README.md#values-and-units distributions, Zipf keys, weighted choices) and
// arrival processes (scenarios/README.md#nodes rate profiles): moments and frequencies against
// theory over many draws.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "sim/kernel/Arrivals.h"
#include "sim/kernel/Rng.h"
#include "sim/kernel/Sampler.h"

using namespace eventbench;
using namespace eventbench::sim;
using model::Distribution;
using model::RateProfile;
using Arrivals = model::ProducerSpec::Arrivals;

Q_DECLARE_METATYPE(model::Distribution)
Q_DECLARE_METATYPE(model::RateProfile)

namespace {

constexpr double kMs = 1e6; // nanoseconds
constexpr Time kSec = 1'000'000'000;

struct Moments {
    double mean = 0, var = 0, kurtosis = 0; // kurtosis: mu4 / var^2
};

// Moments of a discrete distribution.
Moments discreteMoments(const std::vector<double> &values, const std::vector<double> &p) {
    Moments m;
    for (std::size_t i = 0; i < values.size(); ++i)
        m.mean += p[i] * values[i];
    double m4 = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double d = values[i] - m.mean;
        m.var += p[i] * d * d;
        m4 += p[i] * d * d * d * d;
    }
    m.kurtosis = m4 / (m.var * m.var);
    return m;
}

// Moments of N(mu, sigma^2) conditioned on X >= 0, by Simpson integration of the density.
Moments truncatedNormalMoments(double mu, double sigma) {
    const double hi = std::max(mu, 0.0) + 14 * sigma;
    const int steps = 200000;
    const double h = hi / steps;
    auto density = [&](double x) { return std::exp(-0.5 * std::pow((x - mu) / sigma, 2)); };
    double raw[5] = {0, 0, 0, 0, 0};
    for (int i = 0; i <= steps; ++i) {
        const double x = i * h;
        const double w = (i == 0 || i == steps) ? 1 : (i % 2 ? 4 : 2);
        for (int k = 0; k < 5; ++k)
            raw[k] += w * density(x) * std::pow(x, k);
    }
    Moments m;
    m.mean = raw[1] / raw[0];
    const double e2 = raw[2] / raw[0], e3 = raw[3] / raw[0], e4 = raw[4] / raw[0];
    m.var = e2 - m.mean * m.mean;
    const double mu4 = e4 - 4 * m.mean * e3 + 6 * m.mean * m.mean * e2 - 3 * std::pow(m.mean, 4);
    m.kurtosis = mu4 / (m.var * m.var);
    return m;
}

Distribution dist(Distribution::Kind kind) {
    Distribution d;
    d.kind = kind;
    return d;
}

// sum_{k=1}^{n} k^-s; Euler-Maclaurin beyond 1e6 terms.
double generalizedHarmonic(std::uint64_t n, double s) {
    const std::uint64_t direct = std::min<std::uint64_t>(n, 1000000);
    double sum = 0;
    for (std::uint64_t k = direct; k >= 1; --k)
        sum += std::pow(double(k), -s);
    if (n == direct)
        return sum;
    const double a = double(direct), b = double(n);
    auto f = [s](double x) { return std::pow(x, -s); };
    auto df = [s](double x) { return -s * std::pow(x, -s - 1); };
    const double integral =
        s == 1 ? std::log(b / a) : (std::pow(b, 1 - s) - std::pow(a, 1 - s)) / (1 - s);
    return sum + integral - f(a) / 2 + f(b) / 2 + (df(b) - df(a)) / 12;
}

// The integral of rateAt * factor over [a, b) (multiples of the step), by the midpoint rule:
// exact for the piecewise-constant and linear profiles, and for a sine over whole periods.
double expectedArrivals(const RateProfile &p, Time a, Time b, double factor = 1.0) {
    Time step = 1'000'000;
    if (p.kind == RateProfile::Kind::Sine && p.period < 100 * step)
        step = std::max<Time>(1, p.period / 100); // resolve short periods (no aliasing)
    double sum = 0;
    for (Time t = a; t < b; t += step)
        sum += p.rateAt(t + step / 2);
    return sum * (double(step) / 1e9) * factor;
}

std::vector<Time> arrivalsUntil(ArrivalProcess &process, Rng &rng, Time horizon,
                                double factor = 1.0, bool *endedNever = nullptr) {
    std::vector<Time> times;
    Time now = 0;
    for (;;) {
        const Time t = process.next(now, rng, factor);
        if (t == kTimeNever) {
            if (endedNever)
                *endedNever = true;
            break;
        }
        if (t <= now)
            qFatal("arrival %lld not after %lld", (long long)t, (long long)now);
        if (t > horizon)
            break;
        times.push_back(t);
        now = t;
    }
    return times;
}

std::size_t countIn(const std::vector<Time> &times, Time a, Time b) {
    return std::size_t(std::lower_bound(times.begin(), times.end(), b) -
                       std::lower_bound(times.begin(), times.end(), a));
}

RateProfile constantRate(double r) {
    RateProfile p;
    p.kind = RateProfile::Kind::Constant;
    p.rate = r;
    return p;
}

RateProfile stepsProfile(std::vector<std::pair<Time, double>> steps) {
    RateProfile p;
    p.kind = RateProfile::Kind::Steps;
    p.steps = std::move(steps);
    return p;
}

} // namespace

class TestDistributions : public QObject {
    Q_OBJECT
  private slots:
    void moments_data();
    void moments();
    void lognormalParameters();
    void lognormalP99_data();
    void lognormalP99();
    void uniformBounds();
    void empiricalFrequencies();
    void degenerateSamplers();
    void weightedChooser();
    void zipfFrequencies_data();
    void zipfFrequencies();
    void zipfEdgeCases();

    void poissonCount();
    void constantArrivalsExact();
    void stepsThroughZeroRate();
    void profileCounts_data();
    void profileCounts();
    void factorDoubles();
    void rateZeroFromNowOn();
    void arrivalsAreDeterministic();
};

void TestDistributions::moments_data() {
    QTest::addColumn<Distribution>("d");
    QTest::addColumn<double>("mean");
    QTest::addColumn<double>("var");
    QTest::addColumn<double>("kurtosis");

    QTest::newRow("constant") << Distribution::constant(3 * kMs) << 3 * kMs << 0.0 << 0.0;

    Distribution e = dist(Distribution::Kind::Exponential);
    e.mean = 5 * kMs;
    QTest::newRow("exponential") << e << 5 * kMs << 25 * kMs * kMs << 9.0;

    Distribution u = dist(Distribution::Kind::Uniform);
    u.min = 1 * kMs;
    u.max = 9 * kMs;
    QTest::newRow("uniform") << u << 5 * kMs << 64 * kMs * kMs / 12 << 1.8;

    Distribution n = dist(Distribution::Kind::Normal);
    n.mean = 5 * kMs;
    n.stddev = 1 * kMs;
    QTest::newRow("normal") << n << 5 * kMs << kMs * kMs << 3.0;

    for (const auto &[mu, sigma, name] : {std::tuple{1.0, 2.0, "normal truncated near"},
                                          std::tuple{-2.0, 1.0, "normal far tail"}}) {
        Distribution t = dist(Distribution::Kind::Normal);
        t.mean = mu * kMs;
        t.stddev = sigma * kMs;
        const Moments m = truncatedNormalMoments(t.mean, t.stddev);
        QTest::newRow(name) << t << m.mean << m.var << m.kurtosis;
    }

    for (const auto &[mean, p99, name] :
         {std::tuple{5.0, 40.0, "lognormal 5/40"}, std::tuple{4.0, 30.0, "lognormal 4/30"},
          std::tuple{1.0, 2.0, "lognormal 1/2"}}) {
        Distribution l = dist(Distribution::Kind::Lognormal);
        l.mean = mean * kMs;
        l.p99 = p99 * kMs;
        double mu, sigma;
        DistributionSampler::lognormalParameters(l.mean, l.p99, &mu, &sigma);
        const double s2 = sigma * sigma;
        const double var = l.mean * l.mean * std::expm1(s2);
        const double kurt = std::exp(4 * s2) + 2 * std::exp(3 * s2) + 3 * std::exp(2 * s2) - 3;
        QTest::newRow(name) << l << l.mean << var << kurt;
    }

    Distribution emp = dist(Distribution::Kind::Empirical);
    emp.values = {1 * kMs, 2 * kMs, 30 * kMs};
    emp.weights = {0.7, 0.2, 0.1};
    const Moments em = discreteMoments(emp.values, {0.7, 0.2, 0.1});
    QTest::newRow("empirical") << emp << em.mean << em.var << em.kurtosis;

    Distribution unnormalised = emp;
    unnormalised.weights = {7, 2, 1};
    QTest::newRow("empirical unnormalised") << unnormalised << em.mean << em.var << em.kurtosis;
}

void TestDistributions::moments() {
    QFETCH(Distribution, d);
    QFETCH(double, mean);
    QFETCH(double, var);
    QFETCH(double, kurtosis);
    const DistributionSampler sampler(d);
    QVERIFY2(std::abs(sampler.mean() - mean) <= 1e-6 * mean,
             qPrintable(QString("mean() %1 vs %2").arg(sampler.mean()).arg(mean)));
    Rng rng(1234);
    const int n = 1000000;
    long double sum = 0, sumSq = 0;
    for (int i = 0; i < n; ++i) {
        const double x = sampler.sample(rng);
        QVERIFY(x >= 0);
        sum += x;
        sumSq += static_cast<long double>(x) * x;
    }
    const double m = double(sum / n);
    const double v = double(sumSq / n - (sum / n) * (sum / n));
    if (var == 0) {
        QCOMPARE(m, mean);
        QVERIFY(std::abs(v) < 1e-6 * mean * mean);
        return;
    }
    // 4 standard errors of the sample mean and of the sample variance.
    const double meanTol = 4 * std::sqrt(var / n);
    const double varTol = 4 * var * std::sqrt((kurtosis - 1) / n);
    QVERIFY2(std::abs(m - mean) < meanTol,
             qPrintable(QString("mean %1 vs %2 (tol %3)").arg(m).arg(mean).arg(meanTol)));
    QVERIFY2(std::abs(v - var) < varTol,
             qPrintable(QString("var %1 vs %2 (tol %3)").arg(v).arg(var).arg(varTol)));
}

void TestDistributions::lognormalParameters() {
    double mu, sigma;
    DistributionSampler::lognormalParameters(5 * kMs, 40 * kMs, &mu, &sigma);
    const double z = 2.3263478740408408;
    QVERIFY(std::abs(sigma - (z - std::sqrt(z * z - 2 * std::log(8.0)))) < 1e-12);
    QVERIFY(std::abs(sigma - 1.2069680) < 1e-6);
    QVERIFY(std::abs(std::exp(mu + sigma * sigma / 2) / (5 * kMs) - 1) < 1e-12);
    QVERIFY(std::abs(std::exp(mu + z * sigma) / (40 * kMs) - 1) < 1e-12);
    // p99 beyond what any lognormal of this mean reaches (ratio > e^(z^2/2) ~ 14.97): sigma
    // is clamped to z, never NaN.
    DistributionSampler::lognormalParameters(1, 100, &mu, &sigma);
    QCOMPARE(sigma, z);
    // p99 at or below the mean: degenerate, sigma 0 (a constant).
    DistributionSampler::lognormalParameters(5, 5, &mu, &sigma);
    QCOMPARE(sigma, 0.0);
}

void TestDistributions::lognormalP99_data() {
    QTest::addColumn<double>("mean");
    QTest::addColumn<double>("p99");
    QTest::newRow("5ms/40ms") << 5 * kMs << 40 * kMs;
    QTest::newRow("4ms/30ms") << 4 * kMs << 30 * kMs;
    QTest::newRow("1KB/3KB") << 1000.0 << 3000.0;
}

void TestDistributions::lognormalP99() {
    QFETCH(double, mean);
    QFETCH(double, p99);
    Distribution d = dist(Distribution::Kind::Lognormal);
    d.mean = mean;
    d.p99 = p99;
    const DistributionSampler sampler(d);
    Rng rng(77);
    std::vector<double> xs(1000000);
    for (double &x : xs)
        x = sampler.sample(rng);
    const auto k = std::size_t(0.99 * xs.size());
    std::nth_element(xs.begin(), xs.begin() + std::ptrdiff_t(k), xs.end());
    QVERIFY2(std::abs(xs[k] / p99 - 1) < 0.02, qPrintable(QString::number(xs[k] / p99)));
}

void TestDistributions::uniformBounds() {
    Distribution d = dist(Distribution::Kind::Uniform);
    d.min = 2 * kMs;
    d.max = 3 * kMs;
    const DistributionSampler sampler(d);
    Rng rng(5);
    double lo = 1e300, hi = 0;
    for (int i = 0; i < 1000000; ++i) {
        const double x = sampler.sample(rng);
        QVERIFY(x >= d.min && x < d.max);
        lo = std::min(lo, x);
        hi = std::max(hi, x);
    }
    // Both ends are approached: 1e6 draws leave gaps of ~1e-6 of the range.
    QVERIFY(lo - d.min < 1e-4 * kMs);
    QVERIFY(d.max - hi < 1e-4 * kMs);
}

void TestDistributions::empiricalFrequencies() {
    Distribution d = dist(Distribution::Kind::Empirical);
    d.values = {1 * kMs, 2 * kMs, 30 * kMs, 4 * kMs};
    d.weights = {0.5, 0.25, 0.15, 0.1};
    const DistributionSampler sampler(d);
    Rng rng(8);
    const int n = 1000000;
    std::vector<int> counts(4, 0);
    for (int i = 0; i < n; ++i) {
        const double x = sampler.sample(rng);
        const auto it = std::find(d.values.begin(), d.values.end(), x);
        QVERIFY(it != d.values.end());
        ++counts[std::size_t(it - d.values.begin())];
    }
    for (std::size_t i = 0; i < 4; ++i) {
        const double p = d.weights[i];
        QVERIFY2(std::abs(counts[i] - n * p) < 4 * std::sqrt(n * p * (1 - p)),
                 qPrintable(QString("%1: %2").arg(i).arg(counts[i])));
    }
}

void TestDistributions::degenerateSamplers() {
    Rng rng(1);
    const DistributionSampler none;
    QVERIFY(none.isZero());
    QCOMPARE(none.sample(rng), 0.0);
    QCOMPARE(none.mean(), 0.0);
    QVERIFY(DistributionSampler(Distribution::constant(0)).isZero());
    QVERIFY(!DistributionSampler(Distribution::constant(1)).isZero());
    Distribution e = dist(Distribution::Kind::Exponential);
    QVERIFY(DistributionSampler(e).isZero()); // mean 0
    e.mean = 1;
    QVERIFY(!DistributionSampler(e).isZero());
    // Negative constants and values never come out negative.
    QCOMPARE(DistributionSampler(Distribution::constant(-5)).sample(rng), 0.0);
    Distribution emp = dist(Distribution::Kind::Empirical);
    emp.values = {-3, 7};
    emp.weights = {1, 0};
    QCOMPARE(DistributionSampler(emp).sample(rng), 0.0);
    // Empirical without weights: equal weights.
    emp.values = {2, 4};
    emp.weights.clear();
    QCOMPARE(DistributionSampler(emp).mean(), 3.0);
    // Normal with stddev 0 is its mean.
    Distribution n = dist(Distribution::Kind::Normal);
    n.mean = 7;
    QCOMPARE(DistributionSampler(n).sample(rng), 7.0);
}

void TestDistributions::weightedChooser() {
    const WeightedChooser chooser({1, 0, 3, 6});
    QCOMPARE(chooser.size(), std::size_t{4});
    QCOMPARE(chooser.probability(2), 0.3);
    Rng rng(21);
    const int n = 1000000;
    std::vector<int> counts(4, 0);
    for (int i = 0; i < n; ++i)
        ++counts[chooser.sample(rng)];
    QCOMPARE(counts[1], 0);
    const double p[] = {0.1, 0, 0.3, 0.6};
    for (std::size_t i : {0u, 2u, 3u})
        QVERIFY2(std::abs(counts[i] - n * p[i]) < 4 * std::sqrt(n * p[i] * (1 - p[i])),
                 qPrintable(QString("%1: %2").arg(i).arg(counts[i])));
    // No positive weight: uniform. No weights: always 0.
    const WeightedChooser zeros({0, 0});
    int ones = 0;
    for (int i = 0; i < 10000; ++i)
        ones += int(zeros.sample(rng));
    QVERIFY(ones > 4600 && ones < 5400);
    const WeightedChooser empty({});
    QCOMPARE(empty.sample(rng), std::size_t{0});
}

void TestDistributions::zipfFrequencies_data() {
    QTest::addColumn<quint64>("n");
    QTest::addColumn<double>("skew");
    QTest::newRow("n=1000 s=1") << quint64(1000) << 1.0;
    QTest::newRow("n=1000 s=0.5") << quint64(1000) << 0.5;
    QTest::newRow("n=10 s=2") << quint64(10) << 2.0;
    QTest::newRow("n=1e9 s=1.2") << quint64(1000000000) << 1.2;
    QTest::newRow("n=1e9 s=1") << quint64(1000000000) << 1.0;
    QTest::newRow("n=1e6 s=0.8") << quint64(1000000) << 0.8;
}

void TestDistributions::zipfFrequencies() {
    QFETCH(quint64, n);
    QFETCH(double, skew);
    const ZipfSampler zipf(n, skew);
    const double norm = generalizedHarmonic(n, skew);
    Rng rng(31);
    const int draws = 1000000;
    const int ranks = 5;
    std::vector<int> counts(ranks, 0);
    std::uint64_t maxSeen = 0;
    for (int i = 0; i < draws; ++i) {
        const std::uint64_t k = zipf.sample(rng);
        QVERIFY(k < n);
        maxSeen = std::max(maxSeen, k);
        if (k < std::uint64_t(ranks))
            ++counts[std::size_t(k)];
    }
    for (int k = 0; k < ranks; ++k) {
        const double p = std::pow(k + 1.0, -skew) / norm;
        const double expected = draws * p;
        // Within 2%, or 4 standard errors where a rank is too rare for 2% to be resolvable.
        const double tol = std::max(0.02 * expected, 4 * std::sqrt(expected * (1 - p)));
        QVERIFY2(
            std::abs(counts[std::size_t(k)] - expected) < tol,
            qPrintable(
                QString("rank %1: %2 vs %3").arg(k).arg(counts[std::size_t(k)]).arg(expected)));
    }
    // The tail is reached: with n = 1000 and skew 0.5 ranks near n are common.
    if (n == 1000 && skew == 0.5)
        QVERIFY(maxSeen > 990);
}

void TestDistributions::zipfEdgeCases() {
    Rng rng(4);
    const ZipfSampler one(1, 1.0);
    for (int i = 0; i < 100; ++i)
        QCOMPARE(one.sample(rng), std::uint64_t{0});
    // skew 0 is uniform.
    const ZipfSampler flat(4, 0.0);
    std::vector<int> counts(4, 0);
    for (int i = 0; i < 100000; ++i)
        ++counts[flat.sample(rng)];
    for (int c : counts)
        QVERIFY(std::abs(c - 25000) < 4 * std::sqrt(100000 * 0.25 * 0.75));
    // A tiny positive skew takes the Taylor branches and is close to uniform.
    const ZipfSampler almostFlat(4, 1e-10);
    std::fill(counts.begin(), counts.end(), 0);
    for (int i = 0; i < 100000; ++i)
        ++counts[almostFlat.sample(rng)];
    for (int c : counts)
        QVERIFY(std::abs(c - 25000) < 4 * std::sqrt(100000 * 0.25 * 0.75));
}

void TestDistributions::poissonCount() {
    ArrivalProcess process(constantRate(1000), Arrivals::Poisson);
    Rng rng(42);
    const auto times = arrivalsUntil(process, rng, 1000 * kSec);
    const double expected = 1e6;
    QVERIFY2(std::abs(double(times.size()) - expected) < 4 * std::sqrt(expected),
             qPrintable(QString::number(times.size())));
    // Gaps are exponential: their coefficient of variation is 1.
    long double s = 0, ss = 0;
    for (std::size_t i = 1; i < times.size(); ++i) {
        const double g = double(times[i] - times[i - 1]);
        s += g;
        ss += g * g;
    }
    const double m = double(s / (times.size() - 1));
    const double cv = std::sqrt(double(ss / (times.size() - 1)) - m * m) / m;
    QVERIFY2(std::abs(cv - 1) < 0.01, qPrintable(QString::number(cv)));
}

void TestDistributions::constantArrivalsExact() {
    {
        ArrivalProcess process(constantRate(1000), Arrivals::Constant);
        Rng rng(1);
        const auto times = arrivalsUntil(process, rng, 10 * kSec);
        QCOMPARE(times.size(), std::size_t{10000});
        QCOMPARE(times.front(), Time{1'000'000});
        QCOMPARE(times.back(), 10 * kSec);
    }
    {
        // 3/s: gaps of 333333333.3 ns; the fractional cursor keeps them from drifting.
        ArrivalProcess process(constantRate(3), Arrivals::Constant);
        Rng rng(1);
        const auto times = arrivalsUntil(process, rng, 100 * kSec + kSec / 2);
        QCOMPARE(times.size(), std::size_t{301});
        for (std::size_t i = 1; i < times.size(); ++i) {
            const Time gap = times[i] - times[i - 1];
            QVERIFY(gap == 333333333 || gap == 333333334);
        }
        QVERIFY(std::abs(times[299] - 100 * kSec) <= 1);
    }
}

void TestDistributions::stepsThroughZeroRate() {
    const RateProfile p = stepsProfile({{0, 100.0}, {2 * kSec, 0.0}, {5 * kSec, 500.0}});
    {
        ArrivalProcess process(p, Arrivals::Constant);
        Rng rng(1);
        const auto times = arrivalsUntil(process, rng, 6 * kSec);
        QCOMPARE(times.size(), std::size_t{700});
        QCOMPARE(countIn(times, 2 * kSec + 1, 5 * kSec), std::size_t{0});
        QCOMPARE(times[199], 2 * kSec);
        QCOMPARE(times[200], 5 * kSec + 2'000'000);
    }
    {
        ArrivalProcess process(p, Arrivals::Poisson);
        Rng rng(2);
        const auto times = arrivalsUntil(process, rng, 6 * kSec);
        QCOMPARE(countIn(times, 2 * kSec, 5 * kSec), std::size_t{0});
        QVERIFY(std::abs(double(countIn(times, 0, 2 * kSec)) - 200) < 4 * std::sqrt(200.0));
        QVERIFY(std::abs(double(countIn(times, 5 * kSec, 6 * kSec + 1)) - 500) <
                4 * std::sqrt(500.0));
    }
}

void TestDistributions::profileCounts_data() {
    QTest::addColumn<RateProfile>("profile");
    QTest::addColumn<qint64>("horizon");
    QTest::addColumn<qint64>("window");
    QTest::addColumn<int>("phases"); // windows k and k + phases are pooled

    RateProfile burst;
    burst.kind = RateProfile::Kind::Burst;
    burst.base = 100;
    burst.peak = 1000;
    burst.every = 10 * kSec;
    burst.burstFor = 2 * kSec;
    QTest::newRow("burst") << burst << qint64(600 * kSec) << qint64(2 * kSec) << 5;

    RateProfile ramp;
    ramp.kind = RateProfile::Kind::Ramp;
    ramp.from = 0;
    ramp.to = 1000;
    ramp.over = 60 * kSec;
    QTest::newRow("ramp") << ramp << qint64(120 * kSec) << qint64(10 * kSec) << 12;

    RateProfile down = ramp;
    down.from = 800;
    down.to = 200;
    QTest::newRow("ramp down") << down << qint64(120 * kSec) << qint64(10 * kSec) << 12;

    const RateProfile steps =
        stepsProfile({{0, 100.0}, {10 * kSec, 0.0}, {30 * kSec, 2000.0}, {40 * kSec, 50.0}});
    QTest::newRow("steps") << steps << qint64(100 * kSec) << qint64(10 * kSec) << 10;

    RateProfile sine;
    sine.kind = RateProfile::Kind::Sine;
    sine.mean = 200;
    sine.amplitude = 100;
    sine.period = 20 * kSec;
    QTest::newRow("sine") << sine << qint64(2000 * kSec) << qint64(5 * kSec) << 4;

    RateProfile clipped = sine;
    clipped.mean = 100;
    clipped.amplitude = 200; // rate is 0 for part of each period
    clipped.period = 10 * kSec;
    RateProfile fast = sine;
    fast.mean = 1000;
    fast.amplitude = 500;
    fast.period = 100'000; // 100 us: many periods between two arrivals
    QTest::newRow("sine short period") << fast << qint64(10 * kSec) << qint64(kSec) << 10;

    QTest::newRow("sine clipped") << clipped << qint64(1000 * kSec) << qint64(2500'000'000) << 4;
}

void TestDistributions::profileCounts() {
    QFETCH(RateProfile, profile);
    QFETCH(qint64, horizon);
    QFETCH(qint64, window);
    QFETCH(int, phases);
    const auto windows = std::size_t(horizon / window);

    // Poisson: each pooled window within 4 sigma of the integral of the rate.
    ArrivalProcess poisson(profile, Arrivals::Poisson);
    Rng rng(2718);
    const auto times = arrivalsUntil(poisson, rng, horizon);
    std::vector<double> got(std::size_t(phases), 0), want(std::size_t(phases), 0);
    for (std::size_t w = 0; w < windows; ++w) {
        const Time a = Time(w) * window, b = a + window;
        got[w % std::size_t(phases)] += double(countIn(times, a, b));
        want[w % std::size_t(phases)] += expectedArrivals(profile, a, b);
    }
    for (int k = 0; k < phases; ++k) {
        const double e = want[std::size_t(k)], g = got[std::size_t(k)];
        QVERIFY2(std::abs(g - e) <= 4 * std::sqrt(e),
                 qPrintable(QString("poisson phase %1: %2 vs %3").arg(k).arg(g).arg(e)));
    }

    // Constant arrivals: every window holds the integral of the rate, +-1 arrival.
    ArrivalProcess even(profile, Arrivals::Constant);
    const auto evenTimes = arrivalsUntil(even, rng, horizon);
    for (std::size_t w = 0; w < windows; ++w) {
        const Time a = Time(w) * window, b = a + window;
        const double e = expectedArrivals(profile, a, b);
        const double g = double(countIn(evenTimes, a, b));
        QVERIFY2(std::abs(g - e) <= 1.0 + 1e-6 * e,
                 qPrintable(QString("constant window %1: %2 vs %3").arg(w).arg(g).arg(e)));
    }
}

void TestDistributions::factorDoubles() {
    {
        ArrivalProcess process(constantRate(1000), Arrivals::Poisson);
        Rng rng(9);
        const auto times = arrivalsUntil(process, rng, 100 * kSec, 2.0);
        QVERIFY2(std::abs(double(times.size()) - 200000) < 4 * std::sqrt(200000.0),
                 qPrintable(QString::number(times.size())));
    }
    {
        ArrivalProcess process(constantRate(1000), Arrivals::Constant);
        Rng rng(9);
        QCOMPARE(arrivalsUntil(process, rng, 10 * kSec, 2.0).size(), std::size_t{20000});
        // A ramp 0 -> 1000/s over 10 s holds 5000 arrivals, 10000 at factor 2 (the last at
        // 10 s, give or take rounding; the next 0.5 ms later).
        RateProfile ramp;
        ramp.kind = RateProfile::Kind::Ramp;
        ramp.to = 1000;
        ramp.over = 10 * kSec;
        ArrivalProcess even(ramp, Arrivals::Constant);
        QCOMPARE(arrivalsUntil(even, rng, 10 * kSec + 250'000, 2.0).size(), std::size_t{10000});
    }
    {
        RateProfile sine;
        sine.kind = RateProfile::Kind::Sine;
        sine.mean = 200;
        sine.amplitude = 150;
        sine.period = 10 * kSec;
        ArrivalProcess process(sine, Arrivals::Poisson);
        Rng rng(10);
        const auto times = arrivalsUntil(process, rng, 500 * kSec, 2.0);
        const double e = expectedArrivals(sine, 0, 500 * kSec, 2.0);
        QVERIFY(std::abs(e - 200000) < 1);
        QVERIFY2(std::abs(double(times.size()) - e) < 4 * std::sqrt(e),
                 qPrintable(QString::number(times.size())));
        ArrivalProcess even(sine, Arrivals::Constant);
        QVERIFY(std::abs(double(arrivalsUntil(even, rng, 500 * kSec, 2.0).size()) - e) <= 1);
    }
}

void TestDistributions::rateZeroFromNowOn() {
    Rng rng(6);
    {
        ArrivalProcess process(constantRate(0), Arrivals::Poisson);
        QCOMPARE(process.next(0, rng), kTimeNever);
        ArrivalProcess even(constantRate(0), Arrivals::Constant);
        QCOMPARE(even.next(0, rng), kTimeNever);
    }
    {
        ArrivalProcess process(constantRate(100), Arrivals::Poisson);
        QCOMPARE(process.next(0, rng, 0.0), kTimeNever);
    }
    const RateProfile stop = stepsProfile({{0, 100.0}, {1 * kSec, 0.0}});
    for (const Arrivals kind : {Arrivals::Poisson, Arrivals::Constant}) {
        ArrivalProcess process(stop, kind);
        bool never = false;
        const auto times = arrivalsUntil(process, rng, 1000 * kSec, 1.0, &never);
        QVERIFY(never);
        QVERIFY(!times.empty() && times.back() <= 1 * kSec);
        if (kind == Arrivals::Constant)
            QCOMPARE(times.size(), std::size_t{100});
    }
    {
        RateProfile ramp;
        ramp.kind = RateProfile::Kind::Ramp;
        ramp.from = 100;
        ramp.to = 0;
        ramp.over = 10 * kSec;
        ArrivalProcess process(ramp, Arrivals::Poisson);
        bool never = false;
        const auto times = arrivalsUntil(process, rng, 1000 * kSec, 1.0, &never);
        QVERIFY(never);
        QVERIFY(std::abs(double(times.size()) - 500) < 4 * std::sqrt(500.0));
        QVERIFY(times.back() < 10 * kSec);
    }
    {
        RateProfile sine;
        sine.kind = RateProfile::Kind::Sine;
        sine.mean = -10;
        sine.amplitude = 5;
        sine.period = kSec;
        ArrivalProcess process(sine, Arrivals::Poisson);
        QCOMPARE(process.next(0, rng), kTimeNever);
        QCOMPARE(process.rateAt(kSec / 4), 0.0);
    }
}

void TestDistributions::arrivalsAreDeterministic() {
    RateProfile burst;
    burst.kind = RateProfile::Kind::Burst;
    burst.base = 50;
    burst.peak = 500;
    burst.every = 3 * kSec;
    burst.burstFor = kSec;
    ArrivalProcess a(burst, Arrivals::Poisson), b(burst, Arrivals::Poisson);
    Rng ra(77), rb(77);
    const auto ta = arrivalsUntil(a, ra, 60 * kSec);
    const auto tb = arrivalsUntil(b, rb, 60 * kSec);
    QCOMPARE(ta, tb);
    QVERIFY(ta.size() > 1000);
}

QTEST_GUILESS_MAIN(TestDistributions)
#include "tst_distributions.moc"
