// Downsampler::lttb: bounded output, end points kept, extremes kept, short input untouched.
#include <QtTest>
#include <cmath>

#include "ui/Downsampler.h"

using eventbench::ui::Downsampler;

class TestDownsampler : public QObject {
    Q_OBJECT
  private slots:
    void sizeIsBounded_data();
    void sizeIsBounded();
    void keepsSpikes();
    void keepsLinearSeriesOnTheLine();
};

namespace {
QList<QPointF> ramp(int n) {
    QList<QPointF> p;
    for (int i = 0; i < n; ++i)
        p.append(QPointF(i, std::sin(i * 0.01) * 100));
    return p;
}
} // namespace

void TestDownsampler::sizeIsBounded_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("threshold");
    QTest::addColumn<int>("expected");
    QTest::newRow("shorter than threshold") << 10 << 600 << 10;
    QTest::newRow("equal to threshold") << 600 << 600 << 600;
    QTest::newRow("one hour at 1s") << 3600 << 600 << 600;
    QTest::newRow("one hour at 100ms") << 36000 << 600 << 600;
    QTest::newRow("threshold too small: untouched") << 50 << 2 << 50;
    QTest::newRow("minimal threshold") << 1000 << 3 << 3;
}

void TestDownsampler::sizeIsBounded() {
    QFETCH(int, n);
    QFETCH(int, threshold);
    QFETCH(int, expected);
    const QList<QPointF> in = ramp(n);
    const QList<QPointF> out = Downsampler::lttb(in, threshold);
    QCOMPARE(out.size(), expected);
    QCOMPARE(out.front(), in.front());
    QCOMPARE(out.back(), in.back());
    for (qsizetype i = 1; i < out.size(); ++i)
        QVERIFY(out[i].x() > out[i - 1].x());
}

void TestDownsampler::keepsSpikes() {
    // A flat series of 10,000 points with two single-sample spikes: both must survive.
    QList<QPointF> in;
    for (int i = 0; i < 10000; ++i)
        in.append(QPointF(i, i == 1234 ? 500.0 : i == 8765 ? -300.0 : 1.0));
    const QList<QPointF> out = Downsampler::lttb(in, 200);
    QCOMPARE(out.size(), 200);
    QVERIFY(out.contains(QPointF(1234, 500)));
    QVERIFY(out.contains(QPointF(8765, -300)));
}

void TestDownsampler::keepsLinearSeriesOnTheLine() {
    QList<QPointF> in;
    for (int i = 0; i < 5000; ++i)
        in.append(QPointF(i, 2.0 * i + 3));
    for (const QPointF &p : Downsampler::lttb(in, 100))
        QCOMPARE(p.y(), 2.0 * p.x() + 3);
}

QTEST_GUILESS_MAIN(TestDownsampler)
#include "tst_downsampler.moc"
