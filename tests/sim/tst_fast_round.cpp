// The inline rounding helpers of the hot paths return exactly what the library does.
#include <QtTest>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/kernel/FastRound.h"
#include "sim/kernel/Rng.h"

using namespace eventbench::sim;

class TestFastRound : public QObject {
    Q_OBJECT
  private slots:
    void edgeCases();
    void randomValuesMatchLibrary();
};

namespace {
bool sameBits(double a, double b) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}
void checkOne(double x) {
    QVERIFY2(sameBits(roundHalfAway(x), std::round(x)), qPrintable(QString::number(x, 'g', 17)));
    QVERIFY2(sameBits(floorExact(x), std::floor(x)), qPrintable(QString::number(x, 'g', 17)));
    if (std::isfinite(x) && std::abs(x) < 0x1p62)
        QCOMPARE(llroundExact(x), std::llround(x));
}
} // namespace

void TestFastRound::edgeCases() {
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<double> values = {0.0,
                                        -0.0,
                                        0.5,
                                        -0.5,
                                        1.5,
                                        -1.5,
                                        2.5,
                                        -2.5,
                                        0.49999999999999994,
                                        -0.49999999999999994,
                                        0.5000000000000001,
                                        1e-300,
                                        -1e-300,
                                        0.9999999999999999,
                                        -0.9999999999999999,
                                        0x1p52 - 0.5,
                                        -(0x1p52 - 0.5),
                                        0x1p52,
                                        0x1p52 + 1,
                                        0x1p53 + 2,
                                        -0x1p60,
                                        1e18,
                                        -1e18,
                                        4503599627370495.5,
                                        inf,
                                        -inf};
    for (double x : values)
        checkOne(x);
    QVERIFY(std::isnan(roundHalfAway(std::nan(""))));
    QVERIFY(std::isnan(floorExact(std::nan(""))));
}

void TestFastRound::randomValuesMatchLibrary() {
    Rng rng(11);
    for (int i = 0; i < 200000; ++i) {
        // Magnitudes from 1e-3 to 1e17, both signs, plus exact halves.
        const double scale = std::pow(10.0, -3.0 + 20.0 * rng.uniform());
        double x = (rng.uniform() - 0.5) * 2 * scale;
        if (i % 7 == 0)
            x = std::floor(x) + 0.5;
        checkOne(x);
    }
}

QTEST_GUILESS_MAIN(TestFastRound)
#include "tst_fast_round.moc"
