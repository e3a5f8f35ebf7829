// `eventbench runs list | show | export | compare | delete --db FILE` end to end: the real
// binary run with QProcess against stores that `eventbench run --db` filled.
#include <QtTest>

#include <cmath>

#include "model/store/ResultsStore.h"
#include "support/CliRunner.h"

using eventbench::testing::fileBytes;
using eventbench::testing::lines;

namespace {

// A small, fast pipeline with a fault (so events.csv has rows) that every expectation holds on.
const char *const kGood = R"(scenario: runs-test
description: A tiny pipeline for the results-store tests.
seed: 5
duration: 20s
nodes:
  orders: {kind: producer, rate: 100/s}
  events: {kind: topic, partitions: 2}
  billing:
    kind: consumer
    service_time: 2ms
  db: {kind: store, write_time: 1ms}
edges:
  - orders -> events
  - events -> billing
  - billing -> db
faults:
  - {at: 5s, for: 2s, crash: billing}
expect:
  - ledger.unaccounted == 0
  - total(orders.produced) > 1000
)";

/// A simple CSV line split (the fields these tests read hold no quotes).
QStringList fields(const QString &line) {
    return line.split(',');
}

/// summary.csv as `node,metric,stat` -> value, for the node and ledger rows.
QMap<QString, QString> summaryValues(const QString &path) {
    QMap<QString, QString> m;
    const QStringList l = lines(fileBytes(path));
    for (int i = 1; i < l.size(); ++i) {
        const QStringList f = fields(l[i]);
        if (f.size() == 4)
            m.insert(f[0] + "," + f[1] + "," + f[2], f[3]);
    }
    return m;
}

} // namespace

class TestRunsCommand : public eventbench::testing::CliTest {
    Q_OBJECT

  private:
    QString good() const { return write("good.yaml", kGood); }

    /// The store with two runs of the good scenario (seeds 5 and 9) and their --out reports.
    QString twoRuns() {
        const QString db = path("two.db");
        if (QFile::exists(db))
            return db;
        [&] {
            QCOMPARE(run({"run", good(), "--db", db, "--out", path("out-5"), "--quiet"}).exitCode,
                     0);
            QCOMPARE(
                run({"run", good(), "--db", db, "--out", path("out-9"), "--seed", "9", "--quiet"})
                    .exitCode,
                0);
        }();
        return db;
    }

  private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void exportEqualsRunOut_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("pipeline with a crash") << "good" << QStringList{} << 0;
        QTest::newRow("failed expectation") << "failing" << QStringList{"--seed", "3"} << 1;
        QTest::newRow("orders-and-payments")
            << EVENTBENCH_SOURCE_DIR "/scenarios/orders-and-payments.yaml"
            << QStringList{"--duration", "3m"} << -2;
        QTest::newRow("sqs-worker-dlq")
            << EVENTBENCH_SOURCE_DIR "/scenarios/sqs-worker-dlq.yaml"
            << QStringList{"--duration", "2m", "--set", "seed=12"} << -2;
    }
    void exportEqualsRunOut() {
        QFETCH(QString, scenario);
        QFETCH(QStringList, options);
        QFETCH(int, exitCode);
        if (scenario == "good")
            scenario = good();
        else if (scenario == "failing")
            scenario = write("failing.yaml", QByteArray(kGood).replace("> 1000", "> 1M"));
        const QString tag = QTest::currentDataTag();
        const QString db = path("export-" + tag + ".db");
        const QString out = path("export-out-" + tag);
        const QString exported = path("export-back-" + tag);
        const Result r =
            run(QStringList{"run", scenario, "--db", db, "--out", out, "--quiet"} + options);
        if (exitCode >= 0)
            QCOMPARE(r.exitCode, exitCode);
        else
            QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());
        const Result e = run({"runs", "export", "1", "--db", db, "--out", exported});
        QCOMPARE(e.exitCode, 0);
        QCOMPARE(QString::fromUtf8(e.out),
                 "exported run 1 to " + exported + ": timeseries.csv, summary.csv, events.csv\n");
        // Byte for byte, wall_seconds included: the store keeps the value the report had.
        for (const char *name : {"timeseries.csv", "summary.csv", "events.csv"}) {
            const QByteArray original = fileBytes(out + "/" + name);
            QVERIFY2(original.size() > 24, name);
            QVERIFY2(fileBytes(exported + "/" + name) == original, name);
        }
        QCOMPARE(QDir(exported).entryList(QDir::Files).size(), 3);
    }

    void listShowsEveryRun() {
        const QString db = twoRuns();
        const Result text = run({"runs", "list", "--db", db});
        QCOMPARE(text.exitCode, 0);
        const QStringList t = lines(text.out);
        QCOMPARE(t.size(), 3);
        QVERIFY2(QRegularExpression("^ID +KIND +SCENARIO +SEED +STARTED +STATUS +WALL_S +SIM_S +"
                                    "SAMPLES +FINGERPRINT +OPTIONS$")
                     .match(t[0])
                     .hasMatch(),
                 qPrintable(t[0]));
        QVERIFY2(
            QRegularExpression("^1 +run +runs-test +5 +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +"
                               "complete \\(pass\\) +\\d+\\.\\d{3} +20 +20 +[0-9a-f]{16}$")
                .match(t[1])
                .hasMatch(),
            qPrintable(t[1]));
        QVERIFY2(t[2].startsWith("2  ") && t[2].endsWith("  --seed 9"), qPrintable(t[2]));

        const Result csv = run({"runs", "list", "--db", db, "--format", "csv"});
        QCOMPARE(csv.exitCode, 0);
        const QStringList c = lines(csv.out);
        QCOMPARE(c.size(), 3);
        QCOMPARE(c[0], QString("id,scenario,seed,started_at,ended_at,status,verdict,"
                               "wall_seconds,sim_seconds,samples,events,messages,fingerprint,"
                               "options,source,kind"));
        for (int i = 1; i <= 2; ++i) {
            const QStringList f = fields(c[i]);
            QCOMPARE(f.size(), 16);
            const QMap<QString, QString> s =
                summaryValues(path(i == 1 ? "out-5" : "out-9") + "/summary.csv");
            QCOMPARE(f[0], QString::number(i));
            QCOMPARE(f[1], QString("runs-test"));
            QCOMPARE(f[2], i == 1 ? QString("5") : QString("9"));
            QCOMPARE(f[5] + "/" + f[6], QString("complete/pass"));
            QCOMPARE(f[7], s.value("run,wall_seconds,value"));
            QCOMPARE(f[8], QString("20"));
            QCOMPARE(f[9], QString("20"));
            QCOMPARE(f[10], s.value("run,events,value"));
            QCOMPARE(f[11], s.value("run,messages,value"));
            QCOMPARE(f[12], s.value("run,fingerprint,value"));
            QCOMPARE(f[13], i == 1 ? QString() : QString("--seed 9"));
            QCOMPARE(f[14], QString("cli"));
            QCOMPARE(f[15], QString("run"));
            QVERIFY(f[3] <= f[4]); // ISO 8601 UTC sorts as text
        }
    }

    void listFiltersByScenario() {
        const QString db = path("filter.db");
        const QString other = write("other.yaml", QByteArray(kGood).replace("runs-test", "other"));
        QCOMPARE(run({"run", good(), "--db", db, "--quiet"}).exitCode, 0);
        QCOMPARE(run({"run", other, "--db", db, "--quiet"}).exitCode, 0);
        QCOMPARE(run({"run", good(), "--db", db, "--quiet", "--seed", "2"}).exitCode, 0);
        const Result r =
            run({"runs", "list", "--db", db, "--scenario", "runs-test", "--format", "csv"});
        QCOMPARE(r.exitCode, 0);
        QStringList ids;
        for (const QString &line : lines(r.out).mid(1))
            ids << fields(line).value(0) + ":" + fields(line).value(1);
        QCOMPARE(ids, (QStringList{"1:runs-test", "3:runs-test"}));
        const Result none = run({"runs", "list", "--db", db, "--scenario", "nope"});
        QCOMPARE(none.exitCode, 0);
        QCOMPARE(QString::fromUtf8(none.out),
                 "no runs of scenario 'nope' recorded in " + db + "\n");
    }

    void showPrintsContextAndSummary() {
        const QString db = twoRuns();
        const Result r = run({"runs", "show", "2", "--db", db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        const QStringList l = lines(r.out);
        const QMap<QString, QString> s = summaryValues(path("out-9") + "/summary.csv");
        QCOMPARE(l.value(0), "run 2 in " + db);
        QCOMPARE(l.value(1), QString("scenario     runs-test"));
        QCOMPARE(l.value(2), QString("status       complete (pass)"));
        QCOMPARE(l.value(3), QString("seed         9"));
        QCOMPARE(l.value(4), QString("options      --seed 9"));
        QCOMPARE(l.value(5), QString("source       cli"));
        QCOMPARE(l.value(9), QString("simulated    20 s"));
        QCOMPARE(l.value(10), "events       " + s.value("run,events,value"));
        QCOMPARE(l.value(11), "messages     " + s.value("run,messages,value"));
        QCOMPARE(l.value(12), QString("samples      20"));
        QCOMPARE(l.value(13), "fingerprint  " + s.value("run,fingerprint,value"));
        QCOMPARE(l.value(14), QString("unaccounted  0"));
        QCOMPARE(l.value(16), QString("summary"));
        QVERIFY2(QRegularExpression("^NODE +METRIC +STAT +VALUE$").match(l.value(17)).hasMatch(),
                 qPrintable(l.value(17)));
        // One table row per summary row of the report (not the expectations or the 8 run
        // figures: seed, sim_seconds, wall_seconds, events, messages, fingerprint, version,
        // scenario_sha256).
        const int summaryRows = lines(fileBytes(path("out-9") + "/summary.csv")).size() - 1 - 2 - 8;
        const int expectAt = l.indexOf("expectations");
        QCOMPARE(expectAt - 1 - 18, summaryRows);
        QVERIFY(l.contains(QRegularExpression("^ledger +unaccounted +total +0$")));
        QCOMPARE(l.mid(expectAt + 1),
                 (QStringList{"PASS  ledger.unaccounted == 0  (measured 0)",
                              "PASS  total(orders.produced) > 1000  (measured " +
                                  s.value("orders,produced,total") + ")"}));
    }

    void compareCsvMatchesBothReports() {
        const QString db = twoRuns();
        const Result r = run({"runs", "compare", "1", "2", "--db", db, "--format", "csv"});
        QCOMPARE(r.exitCode, 0);
        const QStringList l = lines(r.out);
        QCOMPARE(l.value(0), QString("node,metric,stat,a,b,diff,ratio,changed"));
        const QMap<QString, QString> a = summaryValues(path("out-5") + "/summary.csv");
        const QMap<QString, QString> b = summaryValues(path("out-9") + "/summary.csv");
        QVERIFY(l.contains("run,seed,value,5,9,+4,1.8,1"));
        QVERIFY(l.contains("run,sim_seconds,value,20,20,0,1,0"));
        QVERIFY(l.contains("run,status,value,complete,complete,,,0"));
        QVERIFY(l.contains("run,fingerprint,value," + a.value("run,fingerprint,value") + "," +
                           b.value("run,fingerprint,value") + ",,,1"));
        QVERIFY(l.contains("expect,ledger.unaccounted == 0,verdict,pass,pass,,,0"));
        QVERIFY(l.contains("expect,ledger.unaccounted == 0,measured,0,0,0,1,0"));
        int summaryRows = 0;
        for (const QString &key : a.keys())
            summaryRows += key.startsWith("run,") || key.startsWith("expect,") ? 0 : 1;
        int checked = 0;
        for (const QString &line : l.mid(1)) {
            const QStringList f = fields(line);
            QCOMPARE(f.size(), 8);
            const QString key = f[0] + "," + f[1] + "," + f[2];
            if (f[0] == "run" || f[0] == "expect")
                continue;
            // Every summary figure: both sides as in the reports, their difference and ratio.
            QCOMPARE(f[3], a.value(key));
            QCOMPARE(f[4], b.value(key));
            ++checked;
            if (f[3] == "nan" || f[4] == "nan")
                continue;
            const double x = f[3].toDouble(), y = f[4].toDouble();
            QCOMPARE(f[7], QString(x == y ? "0" : "1"));
            QCOMPARE(f[5].toDouble(), y - x);
            QVERIFY2(f[5] == "0" || f[5].startsWith(y > x ? "+" : "-"), qPrintable(line));
            if (x == y)
                QCOMPARE(f[6], QString("1"));
            else if (x == 0)
                QCOMPARE(f[6], QString());
            else
                QCOMPARE(f[6].toDouble(), y / x);
        }
        QCOMPARE(checked, summaryRows);
    }

    void compareTextMarksTheChanges() {
        const QString db = twoRuns();
        const Result csv = run({"runs", "compare", "1", "2", "--db", db, "--format", "csv"});
        const Result r = run({"runs", "compare", "1", "2", "--db", db});
        QCOMPARE(r.exitCode, 0);
        const QStringList c = lines(csv.out).mid(1);
        const QStringList l = lines(r.out);
        QVERIFY2(l.value(0).startsWith("run 1  runs-test  seed 5  "), qPrintable(l.value(0)));
        QVERIFY2(l.value(1).endsWith("  complete (pass)  --seed 9"), qPrintable(l.value(1)));
        QVERIFY2(QRegularExpression("^  NODE +METRIC +STAT +run 1 +run 2 +DIFF +RATIO$")
                     .match(l.value(3))
                     .hasMatch(),
                 qPrintable(l.value(3)));
        // One text row per CSV row, marked exactly when the CSV says it changed.
        QCOMPARE(l.size(), 4 + c.size() + 2);
        int changed = 0;
        for (int i = 0; i < c.size(); ++i) {
            const bool isChanged = c[i].endsWith(",1");
            changed += isChanged ? 1 : 0;
            QVERIFY2(l[4 + i].startsWith(isChanged ? "* " : "  "), qPrintable(l[4 + i]));
            QVERIFY2(l[4 + i].mid(2).startsWith(fields(c[i])[0] + " "), qPrintable(l[4 + i]));
        }
        QVERIFY(changed > 10);
        QCOMPARE(l.last(),
                 QString("%1 of %2 figures differ (marked *)").arg(changed).arg(c.size()));
        QVERIFY(l.contains(QRegularExpression(R"(^\* run +seed +value +5 +9 +\+4 +1\.8$)")));
        QVERIFY(l.contains(QRegularExpression(R"(^  run +sim_seconds +value +20 +20 +0 +1$)")));
    }

    void compareARunWithItselfShowsNoChange() {
        const QString db = twoRuns();
        const Result r = run({"runs", "compare", "2", "2", "--db", db});
        QCOMPARE(r.exitCode, 0);
        const QStringList l = lines(r.out);
        QVERIFY2(QRegularExpression("^0 of \\d+ figures differ \\(marked \\*\\)$")
                     .match(l.last())
                     .hasMatch(),
                 qPrintable(l.last()));
        for (const QString &line : l)
            QVERIFY2(!line.startsWith("* "), qPrintable(line));
    }

    void deleteRemovesTheRun() {
        const QString db = path("delete.db");
        QCOMPARE(run({"run", good(), "--db", db, "--quiet"}).exitCode, 0);
        QCOMPARE(run({"run", good(), "--db", db, "--quiet", "--seed", "6"}).exitCode, 0);
        const Result d = run({"runs", "delete", "2", "--db", db});
        QCOMPARE(d.exitCode, 0);
        QVERIFY2(QRegularExpression("^deleted run 2 \\(runs-test, seed 6, \\d{4}-[^)]+Z\\)\n$")
                     .match(QString::fromUtf8(d.out))
                     .hasMatch(),
                 d.out.constData());
        const Result list = run({"runs", "list", "--db", db, "--format", "csv"});
        QCOMPARE(lines(list.out).size(), 2);
        QVERIFY(lines(list.out)[1].startsWith("1,runs-test,5,"));
        const Result again = run({"runs", "show", "2", "--db", db});
        QCOMPARE(again.exitCode, 2);
        QCOMPARE(QString::fromUtf8(again.err), db + ": error: no run 2 in this results store\n");
        // New runs never reuse a deleted run's id, not even the last one's.
        QCOMPARE(run({"run", good(), "--db", db, "--quiet"}).exitCode, 0);
        QVERIFY(
            lines(run({"runs", "list", "--db", db, "--format", "csv"}).out)[2].startsWith("3,"));
    }

    void unknownRunIsAnError_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("show") << QStringList{"show", "42"};
        QTest::newRow("export") << QStringList{"export", "42", "--out", "never-made"};
        QTest::newRow("compare first") << QStringList{"compare", "42", "1"};
        QTest::newRow("compare second") << QStringList{"compare", "1", "42"};
        QTest::newRow("delete") << QStringList{"delete", "42"};
    }
    void unknownRunIsAnError() {
        QFETCH(QStringList, args);
        const QString db = twoRuns();
        const QByteArray before = fileBytes(db);
        const Result r = run(QStringList{"runs"} + args + QStringList{"--db", db});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(QString::fromUtf8(r.err), db + ": error: no run 42 in this results store\n");
        QVERIFY(!QFile::exists(path("never-made")));
        QCOMPARE(lines(run({"runs", "list", "--db", db, "--format", "csv"}).out).size(), 3);
    }

    void badStoreIsAnError_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << "missing"
                                 << "no such results store";
        QTest::newRow("text file") << "text"
                                   << "not a SQLite database; refusing to use it as a results "
                                      "store";
        QTest::newRow("newer schema") << "newer"
                                      << QString("results store has schema version 7, newer than "
                                                 "this eventbench understands (%1); use a newer "
                                                 "eventbench")
                                             .arg(eventbench::model::ResultsStore::kSchemaVersion);
        QTest::newRow("truncated") << "truncated"
                                   << "cannot read results store: database disk image is "
                                      "malformed";
    }
    void badStoreIsAnError() {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        const QString db = path("bad-" + kind + ".db");
        if (kind == "text") {
            write("bad-text.db", "id,value\n1,2\n");
        } else if (kind == "newer") {
            QCOMPARE(run({"run", good(), "--db", db, "--quiet"}).exitCode, 0);
            // A store of a later eventbench: the same file with a higher user_version.
            QFile f(db);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(60)); // SQLite header: user_version, 4 bytes big-endian
            f.write(QByteArray("\0\0\0\7", 4));
        } else if (kind == "truncated") {
            QCOMPARE(run({"run", good(), "--db", db, "--quiet"}).exitCode, 0);
            QFile f(db);
            QVERIFY(f.size() > 8192);
            QVERIFY(f.resize(8192));
        }
        const QByteArray before = fileBytes(db);
        const QStringList entries = QDir(m_dir.path()).entryList(QDir::Files);
        QList<QStringList> commands{{"runs", "list", "--db", db},
                                    {"runs", "show", "1", "--db", db}};
        if (kind != "missing") // `run --db` creates a missing store
            commands.append({"run", good(), "--db", db});
        for (const QStringList &args : commands) {
            const Result r = run(args);
            QCOMPARE(r.exitCode, 2);
            QVERIFY(r.out.isEmpty());
            QCOMPARE(QString::fromUtf8(r.err), db + ": error: " + message + "\n");
            QCOMPARE(fileBytes(db), before);
            QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), entries);
        }
    }

    void showRefusesCsv() {
        const Result r = run({"runs", "show", "1", "--db", twoRuns(), "--format", "csv"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("runs export ID --out DIR"));
    }
};

QTEST_GUILESS_MAIN(TestRunsCommand)
#include "tst_runs_command.moc"
