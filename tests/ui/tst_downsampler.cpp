// Downsampler: bounded output however long the series, the newest sample always last, every
// extreme kept, x in order, and a short series drawn exactly as it is.
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "ui/charts/Downsampler.h"

using eventbench::ui::Downsampler;

class TestDownsampler : public QObject {
    Q_OBJECT
  private slots:
    void boundedAndOrdered_data();
    void boundedAndOrdered();
    void shortSeriesIsExact();
    void keepsSpikes();
    void widthDoublesWhenBucketsRunOut();
    void clearStartsOver();
};

void TestDownsampler::boundedAndOrdered_data() {
    QTest::addColumn<int>("maxPoints");
    QTest::addColumn<int>("n");
    QTest::newRow("ten minutes at 1s") << 800 << 600;
    QTest::newRow("exactly the buckets") << 800 << 399;
    QTest::newRow("one hour at 1s") << 800 << 3600;
    QTest::newRow("one hour at 250ms") << 800 << 14400;
    QTest::newRow("a day at 100ms") << 800 << 864000;
    QTest::newRow("smallest budget") << 6 << 1000;
}

void TestDownsampler::boundedAndOrdered() {
    QFETCH(int, maxPoints);
    QFETCH(int, n);
    Downsampler d(maxPoints);
    double lo = 1e300, hi = -1e300;
    for (int i = 0; i < n; ++i) {
        const double y = std::sin(i * 0.013) * 100 + (i % 7);
        lo = std::min(lo, y);
        hi = std::max(hi, y);
        d.append(i * 0.5, y);
    }
    const QList<QPointF> p = d.points();
    QCOMPARE(d.samples(), std::size_t(n));
    QVERIFY2(p.size() <= maxPoints, qPrintable(QString::number(p.size())));
    QCOMPARE(p.front().x(), 0.0);
    QCOMPARE(p.back(), QPointF((n - 1) * 0.5, std::sin((n - 1) * 0.013) * 100 + ((n - 1) % 7)));
    for (qsizetype i = 1; i < p.size(); ++i)
        QVERIFY(p[i].x() > p[i - 1].x());
    const auto [mn, mx] =
        std::minmax_element(p.begin(), p.end(), [](QPointF a, QPointF b) { return a.y() < b.y(); });
    QCOMPARE(mn->y(), lo);
    QCOMPARE(mx->y(), hi);
}

void TestDownsampler::shortSeriesIsExact() {
    Downsampler d(800);
    QList<QPointF> in;
    for (int i = 0; i < 300; ++i) {
        in.append(QPointF(i, i % 13));
        d.append(i, i % 13);
    }
    QCOMPARE(d.points(), in);
    QCOMPARE(d.bucketWidth(), std::size_t(1));
}

void TestDownsampler::keepsSpikes() {
    // 100,000 flat samples with two one-sample spikes: both must be drawn.
    Downsampler d(200);
    for (int i = 0; i < 100000; ++i)
        d.append(i, i == 12345 ? 500.0 : i == 87654 ? -300.0 : 1.0);
    const QList<QPointF> p = d.points();
    QVERIFY(p.size() <= 200);
    QVERIFY(p.contains(QPointF(12345, 500)));
    QVERIFY(p.contains(QPointF(87654, -300)));
}

void TestDownsampler::widthDoublesWhenBucketsRunOut() {
    Downsampler d(10); // 4 buckets
    for (int i = 0; i < 4; ++i)
        d.append(i, i);
    QCOMPARE(d.bucketWidth(), std::size_t(1));
    d.append(4, 4);
    QCOMPARE(d.bucketWidth(), std::size_t(2));
    for (int i = 5; i < 16; ++i)
        d.append(i, i);
    QCOMPARE(d.bucketWidth(), std::size_t(4));
    // Four buckets of four increasing samples: each drawn by its first and last sample.
    QCOMPARE(
        d.points(),
        (QList<QPointF>{{0, 0}, {3, 3}, {4, 4}, {7, 7}, {8, 8}, {11, 11}, {12, 12}, {15, 15}}));
}

void TestDownsampler::clearStartsOver() {
    Downsampler d(10);
    for (int i = 0; i < 100; ++i)
        d.append(i, i);
    d.clear();
    QCOMPARE(d.samples(), std::size_t(0));
    QVERIFY(d.points().isEmpty());
    d.append(1, 2);
    QCOMPARE(d.points(), QList<QPointF>{QPointF(1, 2)});
}

QTEST_GUILESS_MAIN(TestDownsampler)
#include "tst_downsampler.moc"
