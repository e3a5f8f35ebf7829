// Coverage of the replication intervals (issue 8, a `slow` test): `eventbench run FILE
// --replications 30` on an M/M/1 and an M/M/3 queue, 20 independent batches each (seeds
// 1..600, disjoint), and the 95% interval of the mean latency in replications.csv must contain
// the theoretical mean sojourn time in at least 18 of the 20 batches (nominal: 19).
#include <QtTest>

#include <QTemporaryDir>

#include <cmath>

#include "support/CliRunner.h"
#include "support/RunHelpers.h"

using eventbench::testing::erlangC;

namespace {

QString scenarioText(int instances, double lambda) {
    return QString("scenario: coverage\nseed: 1\nduration: %1s\nwarmup: 10s\n"
                   "nodes:\n"
                   "  src: {kind: producer, rate: %2/s}\n"
                   "  jobs: {kind: queue}\n"
                   "  work: {kind: consumer, instances: %3, service_time: "
                   "{distribution: exponential, mean: 10ms}}\n"
                   "edges:\n  - src -> jobs\n  - jobs -> work\n")
        .arg(110)
        .arg(lambda)
        .arg(instances);
}

} // namespace

class TestReplicationCoverage : public QObject {
    Q_OBJECT

  private slots:
    void coverage_data() {
        QTest::addColumn<int>("instances");
        QTest::addColumn<double>("lambda");
        // M/M/1: lambda 50/s, mu 100/s: W = 1 / (mu - lambda) = 20 ms.
        QTest::newRow("M/M/1 rho 0.5") << 1 << 50.0;
        // M/M/3: lambda 210/s, mu 100/s per server: W = C(3, 2.1) / (3 mu - lambda) + 1 / mu.
        QTest::newRow("M/M/3 rho 0.7") << 3 << 210.0;
    }

    void coverage() {
        QFETCH(int, instances);
        QFETCH(double, lambda);
        const double mu = 100;
        const double theory = erlangC(instances, lambda, mu) / (instances * mu - lambda) + 1 / mu;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath("model.yaml");
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(scenarioText(instances, lambda).toUtf8());
        }
        constexpr int kBatches = 20, kReplications = 30;
        int covered = 0;
        double sumOfMeans = 0, sumOfHalfWidths = 0;
        QString misses;
        for (int b = 0; b < kBatches; ++b) {
            const QString out = dir.filePath(QString("batch-%1").arg(b));
            const eventbench::testing::CliResult r =
                eventbench::testing::CliRunner(QString(), 600000)
                    .run({"run", file, "--replications", QString::number(kReplications), "--seed",
                          QString::number(1 + b * kReplications), "--out", out, "--quiet"});
            QVERIFY(r.err != "timed out");
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QFile csv(out + "/replications.csv");
            QVERIFY(csv.open(QIODevice::ReadOnly));
            QStringList row;
            for (const QByteArray &line : csv.readAll().split('\n'))
                if (line.startsWith("work,latency,mean,"))
                    row = QString::fromUtf8(line).split(',');
            QCOMPARE(row.size(), 7);
            QCOMPARE(row[6], QString::number(kReplications));
            const double mean = row[3].toDouble(), low = row[4].toDouble(),
                         high = row[5].toDouble();
            QVERIFY(low < mean && mean < high);
            sumOfMeans += mean;
            sumOfHalfWidths += (high - low) / 2;
            if (low <= theory && theory <= high)
                ++covered;
            else
                misses +=
                    QString(" batch %1: [%2, %3]").arg(b).arg(low, 0, 'g', 6).arg(high, 0, 'g', 6);
            QDir(out).removeRecursively(); // 30 reports per batch; keep the disk small
        }
        const double grand = sumOfMeans / kBatches;
        qInfo("%s: theory W = %.6f s; %d of %d intervals cover it; mean of batch means %.6f s "
              "(%+.2f%%), mean half-width %.6f s (%.2f%%)%s",
              QTest::currentDataTag(), theory, covered, kBatches, grand,
              100 * (grand - theory) / theory, sumOfHalfWidths / kBatches,
              100 * sumOfHalfWidths / kBatches / theory, qPrintable(misses));
        QVERIFY2(covered >= 18,
                 qPrintable(QString("%1 of %2 cover%3").arg(covered).arg(kBatches).arg(misses)));
        // The 600 replications together pin the mean much tighter than one interval.
        QVERIFY2(std::fabs(grand - theory) < 0.5 * sumOfHalfWidths / kBatches,
                 qPrintable(QString::number(grand)));
    }
};

QTEST_GUILESS_MAIN(TestReplicationCoverage)
#include "tst_replication_coverage_slow.moc"
