// Student t quantiles and confidence intervals (issue 8): the quantile against printed table
// values and an independent implementation (Boost.Math) for df 1..1000, the CDF as its
// inverse, and the interval of known samples.
#include <QtTest>

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>

#include "model/results/ConfidenceInterval.h"

using eventbench::model::ConfidenceInterval;
using eventbench::model::studentTCdf;
using eventbench::model::studentTQuantile;

class TestConfidenceInterval : public QObject {
    Q_OBJECT

  private slots:
    void tableValues_data();
    void tableValues();
    void matchesBoostForEveryDf();
    void cdfInvertsQuantile();
    void badArguments();
    void intervalOfKnownSample();
    void intervalEdgeCases();
};

void TestConfidenceInterval::tableValues_data() {
    QTest::addColumn<double>("p");
    QTest::addColumn<double>("df");
    QTest::addColumn<double>("t");
    // Two-sided 95% (p = 0.975), the values of every t table, to the digits printed.
    QTest::newRow("0.975 df 1") << 0.975 << 1.0 << 12.7062047;
    QTest::newRow("0.975 df 2") << 0.975 << 2.0 << 4.30265273;
    QTest::newRow("0.975 df 3") << 0.975 << 3.0 << 3.18244631;
    QTest::newRow("0.975 df 5") << 0.975 << 5.0 << 2.57058184;
    QTest::newRow("0.975 df 10") << 0.975 << 10.0 << 2.22813885;
    QTest::newRow("0.975 df 29") << 0.975 << 29.0 << 2.04522964;
    QTest::newRow("0.975 df 100") << 0.975 << 100.0 << 1.98397152;
    QTest::newRow("0.975 df 1000") << 0.975 << 1000.0 << 1.96233908;
    QTest::newRow("0.995 df 4") << 0.995 << 4.0 << 4.60409487;
    QTest::newRow("0.995 df 30") << 0.995 << 30.0 << 2.74999565;
    QTest::newRow("0.95 df 7") << 0.95 << 7.0 << 1.89457861;
    QTest::newRow("0.9 df 20") << 0.9 << 20.0 << 1.32534071;
    QTest::newRow("0.025 df 10 (lower tail)") << 0.025 << 10.0 << -2.22813885;
    QTest::newRow("median") << 0.5 << 17.0 << 0.0;
}

void TestConfidenceInterval::tableValues() {
    QFETCH(double, p);
    QFETCH(double, df);
    QFETCH(double, t);
    const double got = studentTQuantile(p, df);
    QVERIFY2(std::fabs(got - t) < 1e-7, qPrintable(QString("t(%1, %2) = %3, table %4")
                                                       .arg(p)
                                                       .arg(df)
                                                       .arg(got, 0, 'g', 12)
                                                       .arg(t, 0, 'g', 12)));
}

void TestConfidenceInterval::matchesBoostForEveryDf() {
    const double ps[] = {0.975, 0.995, 0.95, 0.9, 0.6, 0.999999, 0.01, 0.3};
    double worst = 0;
    for (int df = 1; df <= 1000; ++df) {
        const boost::math::students_t dist(df);
        for (double p : ps) {
            const double expected = boost::math::quantile(dist, p);
            const double got = studentTQuantile(p, df);
            const double err = std::fabs(got - expected) / std::max(1.0, std::fabs(expected));
            worst = std::max(worst, err);
            QVERIFY2(err < 1e-9, qPrintable(QString("df %1 p %2: %3 vs %4")
                                                .arg(df)
                                                .arg(p)
                                                .arg(got, 0, 'g', 15)
                                                .arg(expected, 0, 'g', 15)));
        }
    }
    QVERIFY(worst < 1e-9);
}

void TestConfidenceInterval::cdfInvertsQuantile() {
    for (double df : {1.0, 2.0, 3.0, 4.5, 9.0, 30.0, 250.0, 1000.0})
        for (double p : {1e-6, 0.001, 0.2, 0.5, 0.8, 0.975, 0.999999}) {
            const double back = studentTCdf(studentTQuantile(p, df), df);
            QVERIFY2(std::fabs(back - p) < 1e-12 * std::max(1.0, 1 / p),
                     qPrintable(QString("df %1 p %2 -> %3").arg(df).arg(p).arg(back, 0, 'g', 16)));
        }
    // Known CDF values: df 1 is the Cauchy distribution, atan(t)/pi + 1/2.
    QVERIFY(std::fabs(studentTCdf(1.0, 1) - 0.75) < 1e-14);
    QVERIFY(std::fabs(studentTCdf(-3.0, 1) - (std::atan(-3.0) / M_PI + 0.5)) < 1e-14);
    QCOMPARE(studentTCdf(0.0, 12), 0.5);
    QCOMPARE(studentTCdf(std::numeric_limits<double>::infinity(), 5), 1.0);
}

void TestConfidenceInterval::badArguments() {
    QVERIFY(std::isnan(studentTQuantile(0, 5)));
    QVERIFY(std::isnan(studentTQuantile(1, 5)));
    QVERIFY(std::isnan(studentTQuantile(1.5, 5)));
    QVERIFY(std::isnan(studentTQuantile(0.975, 0)));
    QVERIFY(std::isnan(studentTQuantile(std::nan(""), 5)));
    QVERIFY(std::isnan(studentTCdf(1, -1)));
}

void TestConfidenceInterval::intervalOfKnownSample() {
    // 1..10: mean 5.5, s = sqrt(55/6) = 3.02765, half-width t_{0.975,9} s / sqrt(10).
    std::vector<double> v;
    for (int i = 1; i <= 10; ++i)
        v.push_back(i);
    v.push_back(std::nan("")); // left out
    const ConfidenceInterval ci = ConfidenceInterval::of(v);
    QCOMPARE(ci.n, std::size_t{10});
    QCOMPARE(ci.mean, 5.5);
    const double half = 2.26215716 * std::sqrt(55.0 / 6.0) / std::sqrt(10.0);
    QVERIFY(std::fabs(ci.halfWidth() - half) < 1e-7);
    QVERIFY(std::fabs(ci.low - (5.5 - 2.16585)) < 1e-5);
    QVERIFY(std::fabs(ci.high - (5.5 + 2.16585)) < 1e-5);
    // A 99% interval is wider.
    const ConfidenceInterval wide = ConfidenceInterval::of(v, 0.99);
    QVERIFY(std::fabs(wide.halfWidth() - 3.24983554 * std::sqrt(55.0 / 6.0 / 10.0)) < 1e-7);
}

void TestConfidenceInterval::intervalEdgeCases() {
    const ConfidenceInterval none = ConfidenceInterval::of({});
    QCOMPARE(none.n, std::size_t{0});
    QVERIFY(std::isnan(none.mean) && std::isnan(none.low) && std::isnan(none.high));
    const ConfidenceInterval one = ConfidenceInterval::of({4.0});
    QCOMPARE(one.n, std::size_t{1});
    QCOMPARE(one.mean, 4.0);
    QVERIFY(std::isnan(one.low) && std::isnan(one.high));
    const ConfidenceInterval same = ConfidenceInterval::of({7.0, 7.0, 7.0});
    QCOMPARE(same.mean, 7.0);
    QCOMPARE(same.low, 7.0);
    QCOMPARE(same.high, 7.0);
    QCOMPARE(same.n, std::size_t{3});
    // Two values: df 1, half-width 12.7062047 * |a - b| / 2.
    const ConfidenceInterval two = ConfidenceInterval::of({1.0, 3.0});
    QVERIFY(std::fabs(two.halfWidth() - 12.7062047 * std::sqrt(2.0) / std::sqrt(2.0)) < 1e-6);
}

QTEST_GUILESS_MAIN(TestConfidenceInterval)
#include "tst_confidence_interval.moc"
