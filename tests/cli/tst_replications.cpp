// `eventbench run FILE --replications N [--confidence]` end to end (issue 8): the real binary
// on a small scenario; replications.csv checked against the replications' own summaries and
// Student t, determinism, the verdict on the mean and on the pessimistic bound, --db.
#include <QtTest>

#include <sqlite3.h>

#include <cmath>

#include "support/CliRunner.h"

using eventbench::testing::csvLines;
using eventbench::testing::fileBytes;

namespace {

const char *const kScenario = R"(scenario: rep-test
seed: 5
duration: 20s
nodes:
  orders: {kind: producer, rate: 100/s}
  events: {kind: topic, partitions: 2}
  billing: {kind: consumer, service_time: {distribution: exponential, mean: 2ms}}
edges:
  - orders -> events
  - events -> billing
expect:
  - ledger.unaccounted == 0
  - total(orders.produced) > 1000
)";

/// `node,metric,stat` -> value of a summary.csv, or the fields after it of replications.csv.
QMap<QString, QStringList> rowsByKey(const QString &path) {
    QMap<QString, QStringList> rows;
    const QStringList lines = csvLines(path);
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList f = lines[i].split(',');
        rows.insert(f.mid(0, 3).join(','), f.mid(3));
    }
    return rows;
}

double t975(int df) {
    // Table values of t_{0.975, df} for the replication counts used here.
    switch (df) {
    case 3:
        return 3.18244631;
    case 4:
        return 2.77644511;
    default:
        return std::nan("");
    }
}

} // namespace

class TestReplications : public eventbench::testing::CliTest {
    Q_OBJECT

  private:
    QString scenario() const { return write("rep.yaml", kScenario); }

  private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void csvMatchesTheReplications() {
        const QString out = m_dir.filePath("four");
        const Result r = run({"run", scenario(), "--replications", "4", "--out", out, "--quiet"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList lines = csvLines(out + "/replications.csv");
        QCOMPARE(lines.first(), QString("node,metric,stat,mean,ci95_low,ci95_high,n"));

        // One report per seed 5..8, each the same run as a plain `run --seed S`.
        QList<QMap<QString, QStringList>> reps;
        for (int seed = 5; seed <= 8; ++seed) {
            const QString dir = out + QString("/rep-%1").arg(seed);
            QVERIFY2(QFile::exists(dir + "/timeseries.csv") && QFile::exists(dir + "/events.csv"),
                     qPrintable(dir));
            reps.append(rowsByKey(dir + "/summary.csv"));
            QCOMPARE(reps.last().value("run,seed,value"), QStringList{QString::number(seed)});
        }
        const QString single = m_dir.filePath("single-6");
        QCOMPARE(run({"run", scenario(), "--seed", "6", "--out", single, "--quiet"}).exitCode, 0);
        QCOMPARE(rowsByKey(single + "/summary.csv").value("run,fingerprint,value"),
                 reps[1].value("run,fingerprint,value"));

        // Every numeric figure of a replication's summary is a row, and nothing else: not the
        // expectations, not seed, wall time, simulated seconds or fingerprint.
        const QMap<QString, QStringList> ci = rowsByKey(out + "/replications.csv");
        QSet<QString> expected;
        for (auto it = reps[0].begin(); it != reps[0].end(); ++it)
            if (!it.key().startsWith("expect,") && !it.key().startsWith("run,"))
                expected.insert(it.key());
        expected += {"run,warmup_s,value", "run,events,value", "run,messages,value"};
        QCOMPARE(QSet<QString>(ci.keyBegin(), ci.keyEnd()), expected);
        QCOMPARE(lines.size() - 1, expected.size());

        // The mean and the Student t interval of the four values, for every figure.
        int checked = 0;
        for (auto it = ci.begin(); it != ci.end(); ++it) {
            QList<double> values;
            for (const auto &rep : reps) {
                const QString v = rep.value(it.key()).value(0);
                if (v != "nan")
                    values.append(v.toDouble());
            }
            const QStringList f = it.value();
            QCOMPARE(f.size(), 4);
            QCOMPARE(f[3], QString::number(values.size()));
            if (values.size() < 2)
                continue;
            double mean = 0;
            for (double v : values)
                mean += v;
            mean /= values.size();
            double ss = 0;
            for (double v : values)
                ss += (v - mean) * (v - mean);
            const double half =
                t975(int(values.size()) - 1) * std::sqrt(ss / (values.size() - 1) / values.size());
            const double scale = std::max(1.0, std::fabs(mean));
            QVERIFY2(std::fabs(f[0].toDouble() - mean) <= 1e-9 * scale, qPrintable(it.key()));
            QVERIFY2(std::fabs(f[1].toDouble() - (mean - half)) <= 1e-7 * scale,
                     qPrintable(it.key() + " low " + f[1]));
            QVERIFY2(std::fabs(f[2].toDouble() - (mean + half)) <= 1e-7 * scale,
                     qPrintable(it.key() + " high " + f[2]));
            ++checked;
        }
        QVERIFY(checked > 50);
        // A figure that varies: produced ~ 2000 per run, interval around it.
        const QStringList produced = ci.value("orders,produced,total");
        QVERIFY(produced[1].toDouble() < produced[0].toDouble());
        QVERIFY(produced[0].toDouble() < produced[2].toDouble());
        QVERIFY(std::fabs(produced[0].toDouble() - 2000) < 100);
        // A figure that cannot vary: the interval is the point.
        QCOMPARE(ci.value("ledger,unaccounted,total"), (QStringList{"0", "0", "0", "4"}));
        QCOMPARE(ci.value("run,warmup_s,value"), (QStringList{"0", "0", "0", "4"}));
    }

    void deterministicAcrossRuns() {
        const QString a = m_dir.filePath("det-a"), b = m_dir.filePath("det-b");
        QCOMPARE(run({"run", scenario(), "--replications", "5", "--out", a, "--quiet"}).exitCode,
                 0);
        QCOMPARE(run({"run", scenario(), "--replications", "5", "--out", b, "--quiet"}).exitCode,
                 0);
        const QByteArray csv = fileBytes(a + "/replications.csv");
        QVERIFY(csv.size() > 2000);
        QCOMPARE(fileBytes(b + "/replications.csv"), csv);
        QCOMPARE(fileBytes(a + "/rep-9/timeseries.csv"), fileBytes(b + "/rep-9/timeseries.csv"));
    }

    void stdoutShowsMeanPlusMinus() {
        const Result r = run({"run", scenario(), "--replications", "4"});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains("FIGURES (mean ± 95% half-width)"), r.out.constData());
        QVERIFY2(QRegularExpression("\norders +producer +produced \\d+(\\.\\d+)? ± \\d")
                     .match(out)
                     .hasMatch(),
                 r.out.constData());
        QVERIFY2(QRegularExpression("\nPASS  total\\(orders.produced\\) > 1000  \\(mean "
                                    "\\d+(\\.\\d+)? ± \\d+(\\.\\d+)?, n 4\\)\n")
                     .match(out)
                     .hasMatch(),
                 r.out.constData());
        QVERIFY(out.contains("\nPASS  ledger.unaccounted == 0  (mean 0 ± 0, n 4)\n") ||
                out.contains("\nPASS  ledger.unaccounted == 0  (mean 0, n 4)\n"));
        QVERIFY(out.contains("\nreplications: 4  seeds 5..8  events "));
    }

    // Thresholds between the mean and a bound: the mean passes, --confidence fails.
    void confidenceJudgesOnTheBound_data() {
        QTest::addColumn<QString>("op");
        QTest::addColumn<int>("where"); // -1 between low and mean, +1 between mean and high
        QTest::addColumn<int>("plain");
        QTest::addColumn<int>("confident");
        QTest::newRow("< between mean and upper") << "<" << 1 << 0 << 1;
        QTest::newRow("<= between mean and upper") << "<=" << 1 << 0 << 1;
        QTest::newRow("> between lower and mean") << ">" << -1 << 0 << 1;
        QTest::newRow(">= between lower and mean") << ">=" << -1 << 0 << 1;
        QTest::newRow("< below the lower bound") << "<" << -2 << 1 << 1;
        QTest::newRow("> beyond the upper bound") << ">" << 2 << 1 << 1;
        QTest::newRow("< beyond the upper bound") << "<" << 2 << 0 << 0;
    }
    void confidenceJudgesOnTheBound() {
        QFETCH(QString, op);
        QFETCH(int, where);
        QFETCH(int, plain);
        QFETCH(int, confident);
        const QString out = m_dir.filePath("bounds");
        if (!QFile::exists(out + "/replications.csv"))
            QCOMPARE(
                run({"run", scenario(), "--replications", "4", "--out", out, "--quiet"}).exitCode,
                0);
        const QStringList f = rowsByKey(out + "/replications.csv").value("orders,produced,total");
        const double mean = f[0].toDouble(), low = f[1].toDouble(), high = f[2].toDouble();
        QVERIFY(high - low > 20);
        const double threshold = where == 1    ? (mean + high) / 2
                                 : where == -1 ? (low + mean) / 2
                                 : where == 2  ? high + 10
                                               : low - 10;
        const QString text =
            QString("total(orders.produced) %1 %2").arg(op).arg(threshold, 0, 'f', 3);
        QByteArray yaml(kScenario);
        yaml.replace("total(orders.produced) > 1000", text.toUtf8());
        const QString file = write("bound.yaml", yaml);
        const Result a = run({"run", file, "--replications", "4", "--quiet"});
        QCOMPARE(a.exitCode, plain);
        const Result b = run({"run", file, "--replications", "4", "--confidence", "--quiet"});
        QCOMPARE(b.exitCode, confident);
        const bool upper = op.startsWith('<');
        const QString bound = upper ? f[2] : f[1];
        QVERIFY2(
            b.out.contains(QString("%1  %2  (%3 bound ")
                               .arg(confident ? "FAIL" : "PASS", text, upper ? "upper" : "lower")
                               .toUtf8()),
            b.out.constData());
        // The bound printed is the interval's end in replications.csv (6 significant digits).
        QVERIFY2(b.out.contains(QString::number(bound.toDouble(), 'g', 6).toUtf8()),
                 b.out.constData());
    }

    void dbRecordsEveryReplication() {
        const QString db = m_dir.filePath("reps.db");
        QCOMPARE(run({"run", scenario(), "--replications", "3", "--db", db, "--quiet"}).exitCode,
                 0);
        sqlite3 *h = nullptr;
        QCOMPARE(sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READONLY, nullptr),
                 SQLITE_OK);
        sqlite3_stmt *stmt = nullptr;
        QCOMPARE(sqlite3_prepare_v2(h,
                                    "SELECT group_concat(seed || ':' || verdict || ':' || options, "
                                    "'|') FROM (SELECT * FROM runs ORDER BY id)",
                                    -1, &stmt, nullptr),
                 SQLITE_OK);
        QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
        const QString runs =
            QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        sqlite3_finalize(stmt);
        sqlite3_close(h);
        QCOMPARE(runs, QString("5:pass:--replications 3|6:pass:--replications 3|"
                               "7:pass:--replications 3"));
    }

    void autoWarmupIsReported() {
        const QString out = m_dir.filePath("auto");
        const Result r = run({"run", scenario(), "--replications", "3", "--set", "warmup=auto",
                              "--out", out, "--quiet"});
        QCOMPARE(r.exitCode, 0);
        double sum = 0;
        for (int seed = 5; seed <= 7; ++seed) {
            const QStringList w = rowsByKey(out + QString("/rep-%1/summary.csv").arg(seed))
                                      .value("run,warmup_s,value");
            QCOMPARE(w.size(), 1);
            const double v = w[0].toDouble();
            QVERIFY(v >= 0 && v <= 10 && std::fmod(v, 5.0) == 0); // whole 5-sample batches
            sum += v;
        }
        const QStringList ci = rowsByKey(out + "/replications.csv").value("run,warmup_s,value");
        QVERIFY(std::fabs(ci[0].toDouble() - sum / 3) < 1e-12);
        QCOMPARE(ci[3], QString("3"));
    }

    void badInputStillExitsTwo() {
        const Result r =
            run({"run", scenario(), "--replications", "3", "--set", "nodes.billing.instances=0"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("--set: error: "), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReplications)
#include "tst_replications.moc"
