// `eventbench sweep FILE --vary PATH=V1,V2,... [--vary ...] [--replications N]` end to end
// (issue 8): every combination in odometer order with exact rows, each point the same run as
// `run --set`, replications per point, the stdout table, and bad --vary input.
#include <QtTest>

#include "support/CliRunner.h"

using eventbench::testing::csvLines;

namespace {

const char *const kScenario = R"(scenario: sweep-test
seed: 5
duration: 20s
nodes:
  orders: {kind: producer, rate: 100/s}
  events: {kind: topic, partitions: 2}
  billing: {kind: consumer, service_time: 2ms}
edges:
  - orders -> events
  - events -> billing
expect:
  - ledger.unaccounted == 0
  - total(orders.produced) > 1000
)";

} // namespace

class TestSweep : public eventbench::testing::CliTest {
    Q_OBJECT

  private:
    QString scenario() const { return write("sweep.yaml", kScenario); }
    /// The figures one run reports in replications form: its summary rows without the
    /// expectations and the run's seed, time and fingerprint, plus events and messages.
    int figuresPerRun() const {
        const QString out = m_dir.filePath("one");
        if (run({"run", scenario(), "--out", out, "--quiet"}).exitCode != 0)
            return -1;
        int n = 0;
        for (const QString &line : csvLines(out + "/summary.csv").mid(1))
            n += !line.startsWith("expect,") && !line.startsWith("run,");
        return n + 3; // run,warmup_s + run,events + run,messages
    }

  private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void everyCombinationInOrder() {
        const int perRun = figuresPerRun();
        QVERIFY(perRun > 50);
        const QString out = m_dir.filePath("grid");
        const Result r = run({"sweep", scenario(), "--vary", "nodes.billing.instances=1,2,3",
                              "--vary", "nodes.orders.rate=60/s, 120/s", "--out", out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList lines = csvLines(out + "/sweep.csv");
        QCOMPARE(lines.first(), QString("nodes.billing.instances,nodes.orders.rate,node,metric,"
                                        "stat,mean,ci95_low,ci95_high,n"));
        QCOMPARE(lines.size() - 1, 6 * perRun);
        // Odometer order: the first --vary slowest; each combination one contiguous block.
        const QStringList combos{"1,60/s", "1,120/s", "2,60/s", "2,120/s", "3,60/s", "3,120/s"};
        for (int c = 0; c < 6; ++c)
            for (int k = 0; k < perRun; ++k) {
                const QString &line = lines[1 + c * perRun + k];
                QVERIFY2(line.startsWith(combos[c] + ","), qPrintable(line));
                QVERIFY2(line.endsWith(",1"), qPrintable(line)); // n = 1 without --replications
            }
        // The varied knob shows in the figures: instances up and messages produced.
        auto value = [&](int c, const QString &key) {
            for (int k = 0; k < perRun; ++k) {
                const QString &line = lines[1 + c * perRun + k];
                if (line.startsWith(combos[c] + "," + key + ","))
                    return line.split(',')[5];
            }
            return QString();
        };
        for (int c = 0; c < 6; ++c) {
            QCOMPARE(value(c, "billing,instances_up,max"), QString::number(c / 2 + 1));
            const double produced = value(c, "orders,produced,total").toDouble();
            const double expected = (c % 2 ? 120 : 60) * 20.0;
            QVERIFY2(std::fabs(produced - expected) < 5 * std::sqrt(expected),
                     qPrintable(QString::number(produced)));
            QCOMPARE(value(c, "ledger,unaccounted,total"), QString("0"));
        }
        // A point of the sweep is exactly the run with those values set.
        const QString single = m_dir.filePath("point");
        QCOMPARE(run({"run", scenario(), "--set", "nodes.billing.instances=2", "--set",
                      "nodes.orders.rate=120/s", "--out", single, "--quiet"})
                     .exitCode,
                 0);
        for (const QString &line : csvLines(single + "/summary.csv"))
            if (line.startsWith("billing,latency,") || line.startsWith("orders,produced,")) {
                const QStringList f = line.split(',');
                QCOMPARE(value(3, f.mid(0, 3).join(',')), f[3]);
            }
        // The stdout table: a header and one line per combination with both verdicts.
        const QStringList table = QString::fromUtf8(r.out).split('\n');
        const int header = table.indexOf(QRegularExpression(
            "^#  nodes.billing.instances  nodes.orders.rate  ledger.unaccounted == 0 +"
            "total\\(orders.produced\\) > 1000$"));
        QVERIFY2(header >= 0, r.out.constData());
        for (int c = 0; c < 6; ++c) {
            const QStringList v = combos[c].split(',');
            const QRegularExpression row(QString("^%1 +%2 +%3 +0 +PASS +\\d+ +(PASS|FAIL)$")
                                             .arg(c + 1)
                                             .arg(v[0], QRegularExpression::escape(v[1])));
            QVERIFY2(row.match(table.value(header + 1 + c)).hasMatch(),
                     qPrintable(table.value(header + 1 + c)));
        }
        QVERIFY(r.out.contains("sweep: 6 combinations x 1 replications = 6 runs"));
        QVERIFY(r.out.contains("6 of 6 combinations pass every expectation"));
    }

    void replicationsPerPoint() {
        const QString out = m_dir.filePath("reps");
        const Result r = run({"sweep", scenario(), "--vary", "nodes.orders.rate=40/s,80/s",
                              "--replications", "3", "--out", out, "--quiet"});
        // 40/s x 20 s = 800 messages: `total(orders.produced) > 1000` fails there.
        QCOMPARE(r.exitCode, 1);
        const QStringList lines = csvLines(out + "/sweep.csv");
        int rows = 0;
        for (const QString &line : lines.mid(1)) {
            const QStringList f = line.split(',');
            QCOMPARE(f.size(), 8);
            if (f[1] == "orders" && f[2] == "produced" && f[3] == "total") {
                ++rows;
                QCOMPARE(f[7], QString("3"));
                QVERIFY(f[5].toDouble() < f[4].toDouble() && f[4].toDouble() < f[6].toDouble());
                QVERIFY(std::fabs(f[4].toDouble() - (f[0] == "40/s" ? 800 : 1600)) < 120);
            }
        }
        QCOMPARE(rows, 2);
        QVERIFY2(QRegularExpression("\n1  40/s +0 +PASS +\\d+(\\.\\d+)? ± \\d+(\\.\\d+)? +FAIL\n")
                     .match(QString::fromUtf8(r.out))
                     .hasMatch(),
                 r.out.constData());
        QVERIFY2(QRegularExpression("\n2  80/s +0 +PASS +\\d+(\\.\\d+)? ± \\d+(\\.\\d+)? +PASS\n")
                     .match(QString::fromUtf8(r.out))
                     .hasMatch(),
                 r.out.constData());
    }

    void valuesWithCommasInBraces() {
        const QString out = m_dir.filePath("dist");
        const Result r = run({"sweep", scenario(), "--vary",
                              "nodes.billing.service_time={distribution: exponential, mean: 1ms},"
                              "3ms",
                              "--out", out, "--quiet"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // Two blocks: the quoted map first (RFC 4180), then 3ms.
        const QStringList lines = csvLines(out + "/sweep.csv").mid(1);
        QCOMPARE(lines.size() % 2, 0);
        const qsizetype half = lines.size() / 2;
        for (qsizetype i = 0; i < lines.size(); ++i)
            QVERIFY2(lines[i].startsWith(i < half ? "\"{distribution: exponential, mean: 1ms}\","
                                                  : "3ms,"),
                     qPrintable(lines[i]));
    }

    void badVary_data() {
        QTest::addColumn<QStringList>("vary");
        QTest::addColumn<QString>("message");
        QTest::newRow("no such node")
            << QStringList{"--vary", "nodes.nosuch.instances=1,2"}
            << "--vary: error: in 'nodes.nosuch.instances=1' (of --vary "
               "nodes.nosuch.instances=1,2): there is no node 'nosuch' to change";
        QTest::newRow("unknown knob") << QStringList{"--vary", "nodes.billing.instancez=1,2"}
                                      << "--vary: error: in 'nodes.billing.instancez=1' (of --vary "
                                         "nodes.billing.instancez=1,2): ";
        QTest::newRow("bad value")
            << QStringList{"--vary", "nodes.billing.instances=1,banana"}
            << "--vary: error: in 'nodes.billing.instances=banana' (of --vary "
               "nodes.billing.instances=1,banana): ";
        QTest::newRow("empty value") << QStringList{"--vary", "nodes.billing.instances=1,,2"}
                                     << "--vary: error: 'nodes.billing.instances=1,,2': value 2 "
                                        "is empty";
        QTest::newRow("same path twice")
            << QStringList{"--vary", "seed=1,2", "--vary", "seed=3"}
            << "--vary: error: 'seed=3': seed is already varied by another --vary";
    }
    void badVary() {
        QFETCH(QStringList, vary);
        QFETCH(QString, message);
        const Result r = run(QStringList{"sweep", scenario()} + vary);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(message.toUtf8()), r.err.constData());
        QVERIFY2(!r.err.contains("sweep.yaml:"), r.err.constData()); // no FILE:LINE:COL
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
