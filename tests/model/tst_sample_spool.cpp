// The run's sample spool (model/results/SampleSpool.h): every value written comes back bit for
// bit, whatever range of series and samples is read, across chunk boundaries, and a report
// whose values are spooled writes the same timeseries.csv as one holding them in memory.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <sstream>

#include "model/results/ReportWriter.h"
#include "model/results/SampleSpool.h"

using namespace eventbench::model;

namespace {
// A value that differs for every (series, sample), with NaN, -0 and tiny values mixed in.
double valueAt(std::size_t s, std::size_t k) {
    if ((s + k) % 17 == 0)
        return std::numeric_limits<double>::quiet_NaN();
    if ((s * 7 + k) % 13 == 0)
        return -0.0;
    return static_cast<double>(s) * 1000.0 + static_cast<double>(k) / 3.0 + 1e-9;
}

bool same(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

std::unique_ptr<SampleSpool> filled(std::size_t series, std::size_t samples,
                                    std::size_t chunkBytes) {
    auto spool = std::make_unique<SampleSpool>(series, chunkBytes);
    std::vector<double> row(series);
    for (std::size_t k = 0; k < samples; ++k) {
        for (std::size_t s = 0; s < series; ++s)
            row[s] = valueAt(s, k);
        spool->append(row.data());
    }
    return spool;
}
} // namespace

class SampleSpoolTest : public QObject {
    Q_OBJECT
  private slots:
    void everyRangeComesBack_data() {
        QTest::addColumn<int>("series");
        QTest::addColumn<int>("samples");
        QTest::addColumn<int>("chunkBytes");
        QTest::newRow("one row per chunk") << 5 << 23 << 1;
        QTest::newRow("7 rows per chunk, partial last") << 3 << 50 << 3 * 8 * 7;
        QTest::newRow("exact chunks") << 4 << 40 << 4 * 8 * 10;
        QTest::newRow("all in the open chunk") << 6 << 9 << (1 << 20);
    }
    void everyRangeComesBack() {
        QFETCH(int, series);
        QFETCH(int, samples);
        QFETCH(int, chunkBytes);
        const auto n = static_cast<std::size_t>(series), m = static_cast<std::size_t>(samples);
        const auto owned = filled(n, m, static_cast<std::size_t>(chunkBytes));
        const SampleSpool &spool = *owned;
        QCOMPARE(spool.sampleCount(), m);
        QCOMPARE(spool.seriesCount(), n);
        std::vector<std::vector<double>> out;
        for (std::size_t first = 0; first < n; ++first)
            for (std::size_t from = 0; from <= m; from += 3) {
                const std::size_t to = std::min(m + 5, from + 11); // past the end is cut
                spool.read(first, 2, from, to, out);
                QCOMPARE(out.size(), std::min<std::size_t>(2, n - first));
                for (std::size_t s = 0; s < out.size(); ++s) {
                    QCOMPARE(out[s].size(), std::min(to, m) - from);
                    for (std::size_t k = 0; k < out[s].size(); ++k)
                        QVERIFY(same(out[s][k], valueAt(first + s, from + k)));
                }
            }
        const std::vector<double> whole = spool.series(n - 1);
        QCOMPARE(whole.size(), m);
        for (std::size_t k = 0; k < m; ++k)
            QVERIFY(same(whole[k], valueAt(n - 1, k)));
    }

    void memoryIsTheOpenChunkOnly() {
        // 4 series, 10 rows a chunk: 320 bytes in memory however many samples were written.
        const auto spool = filled(4, 1000, 4 * 8 * 10);
        QCOMPARE(spool->memoryBytes(), std::size_t(320));
        QCOMPARE(spool->seriesPerBlock(16000), std::size_t(2)); // 1000 samples of 8 bytes each
    }

    void aShortRunKeepsASmallChunk() {
        // 5 rows expected: a chunk of 5 rows, not 1 MiB; more rows still come back whole.
        SampleSpool spool(3, 1 << 20, 5);
        QCOMPARE(spool.memoryBytes(), std::size_t(3 * 8 * 5));
        std::vector<double> row(3);
        for (std::size_t k = 0; k < 12; ++k) {
            for (std::size_t s = 0; s < 3; ++s)
                row[s] = valueAt(s, k);
            spool.append(row.data());
        }
        QCOMPARE(spool.memoryBytes(), std::size_t(3 * 8 * 5));
        const std::vector<double> whole = spool.series(2);
        QCOMPARE(whole.size(), std::size_t(12));
        for (std::size_t k = 0; k < 12; ++k)
            QVERIFY(same(whole[k], valueAt(2, k)));
    }

    void theFileIsInTmpdirAndUnnamed() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const bool had = qEnvironmentVariableIsSet("TMPDIR");
        const QByteArray before = qgetenv("TMPDIR");
        qputenv("TMPDIR", dir.path().toUtf8());
        const auto spool = filled(2, 100, 2 * 8 * 10); // 10 chunks, all on disk but the last
        if (had)
            qputenv("TMPDIR", before);
        else
            qunsetenv("TMPDIR");
        // Nothing is left in the folder (the file was unlinked at once), yet it reads back.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 0);
        QCOMPARE(spool->memoryBytes(), std::size_t(160));
        const std::vector<double> whole = spool->series(1);
        QCOMPARE(whole.size(), std::size_t(100));
        for (std::size_t k = 0; k < 100; ++k)
            QVERIFY(same(whole[k], valueAt(1, k)));
    }

    void spooledReportWritesTheSameCsv() {
        RunReport memory, spooled;
        auto spool = std::make_shared<SampleSpool>(3, 3 * 8 * 4);
        std::vector<double> row(3);
        for (std::size_t k = 0; k < 30; ++k) {
            memory.sampleTimes.push_back(static_cast<double>(k + 1));
            for (std::size_t s = 0; s < 3; ++s)
                row[s] = valueAt(s, k);
            spool->append(row.data());
        }
        for (std::size_t s = 0; s < 3; ++s) {
            memory.series.push_back({"n" + std::to_string(s), "lag", {}});
            for (std::size_t k = 0; k < 30; ++k)
                memory.series.back().values.push_back(valueAt(s, k));
            spooled.series.push_back({"n" + std::to_string(s), "lag", {}});
        }
        spooled.sampleTimes = memory.sampleTimes;
        spooled.spool = spool;
        std::ostringstream a, b;
        writeTimeseriesCsv(a, memory);
        writeTimeseriesCsv(b, spooled);
        QCOMPARE(QString::fromStdString(b.str()), QString::fromStdString(a.str()));
        QCOMPARE(a.str().substr(0, 40), std::string("time_s,node,metric,value\n1,n0,lag,nan\n1,"));
        spooled.loadSeries();
        QVERIFY(!spooled.spool);
        for (std::size_t s = 0; s < 3; ++s)
            for (std::size_t k = 0; k < 30; ++k)
                QVERIFY(same(spooled.series[s].values[k], memory.series[s].values[k]));
    }
};

QTEST_GUILESS_MAIN(SampleSpoolTest)
#include "tst_sample_spool.moc"
