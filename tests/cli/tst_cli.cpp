// The command line of README.md#command-line end to end: the real `eventbench` binary run with
// QProcess on scenario files written to a temporary directory.
#include <QtTest>

#include <QRegularExpression>

#include <sqlite3.h>

#include "model/store/ResultsStore.h"
#include "support/CliRunner.h"

using eventbench::testing::csvLines;
using eventbench::testing::fileBytes;

namespace {

// A small, fast pipeline that every expectation holds on.
const char *const kGood = R"(scenario: cli-test
description: A tiny pipeline for the command-line tests.
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

QByteArray replaced(const char *text, const char *from, const char *to) {
    QByteArray s(text);
    Q_ASSERT(s.contains(from));
    return s.replace(from, to);
}

/// summary.csv without its `run,wall_seconds` row (the only figure that may differ).
QByteArray summaryWithoutWall(const QString &path) {
    QByteArray out;
    for (const QByteArray &line : fileBytes(path).split('\n'))
        if (!line.startsWith("run,wall_seconds,"))
            out += line + '\n';
    return out;
}

QString summaryValue(const QString &path, const QString &prefix) {
    for (const QString &line : csvLines(path))
        if (line.startsWith(prefix))
            return line.mid(prefix.size());
    return {};
}

std::int64_t countRows(sqlite3 *db, const char *sql) {
    sqlite3_stmt *stmt = nullptr;
    std::int64_t n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
}

QString queryText(sqlite3 *db, const char *sql) {
    sqlite3_stmt *stmt = nullptr;
    QString s;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        s = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    return s;
}

} // namespace

class TestCli : public eventbench::testing::CliTest {
    Q_OBJECT

  private:
    QString good() const { return write("good.yaml", kGood); }

  private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void helpAndVersion_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("pattern");
        QTest::newRow("--help") << QStringList{"--help"} << "^Usage:\n  eventbench ";
        QTest::newRow("-h") << QStringList{"-h"} << "^Usage:\n";
        QTest::newRow("run --help") << QStringList{"run", "--help"} << "^Usage:\n";
        QTest::newRow("--version")
            << QStringList{"--version"} << "^eventbench \\d+\\.\\d+\\.\\d+\n$";
    }
    void helpAndVersion() {
        QFETCH(QStringList, args);
        QFETCH(QString, pattern);
        const Result r = run(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QRegularExpression(pattern).match(QString::fromUtf8(r.out)).hasMatch(),
                 r.out.constData());
        QVERIFY(r.err.isEmpty());
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option")
            << QStringList{"--frobnicate"} << "unknown option '--frobnicate'";
        QTest::newRow("run without file") << QStringList{"run"} << "run needs a scenario FILE";
        QTest::newRow("run unknown option")
            << QStringList{"run", "good.yaml", "--fast"} << "unknown option '--fast'";
        QTest::newRow("--out without value")
            << QStringList{"run", "good.yaml", "--out"} << "option --out needs a value";
        QTest::newRow("--seed without value")
            << QStringList{"run", "good.yaml", "--seed"} << "option --seed needs a value";
        QTest::newRow("--set without =")
            << QStringList{"run", "good.yaml", "--set", "seed"} << "option --set needs PATH=VALUE";
        QTest::newRow("two files")
            << QStringList{"run", "a.yaml", "b.yaml"} << "run takes one scenario FILE";
        QTest::newRow("validate without file")
            << QStringList{"validate"} << "validate needs a scenario FILE";
        QTest::newRow("validate with option") << QStringList{"validate", "good.yaml", "--out", "x"}
                                              << "unknown option '--out' for validate";
        QTest::newRow("bad --format") << QStringList{"validate", "good.yaml", "--format", "xml"}
                                      << "option --format takes text or csv, got 'xml'";
        QTest::newRow("zero replications")
            << QStringList{"run", "good.yaml", "--replications", "0"}
            << "option --replications needs a positive whole number, got '0'";
        QTest::newRow("confidence alone") << QStringList{"run", "good.yaml", "--confidence"}
                                          << "option --confidence needs --replications N";
        QTest::newRow("sweep without vary")
            << QStringList{"sweep", "good.yaml"} << "sweep needs at least one --vary";
        QTest::newRow("vary without values") << QStringList{"sweep", "good.yaml", "--vary", "seed="}
                                             << "option --vary needs PATH=V1,V2,..., got 'seed='";
        QTest::newRow("runs without action")
            << QStringList{"runs", "--db", "x.db"} << "runs needs an action";
        QTest::newRow("runs bad action")
            << QStringList{"runs", "frob", "--db", "x.db"} << "unknown runs action 'frob'";
        QTest::newRow("runs show without id")
            << QStringList{"runs", "show", "--db", "x.db"} << "runs show takes 1 run ID, got 0";
        QTest::newRow("runs bad id") << QStringList{"runs", "show", "x", "--db", "x.db"}
                                     << "a run ID is a positive whole number, got 'x'";
        QTest::newRow("runs without db") << QStringList{"runs", "list"} << "runs needs --db FILE";
        QTest::newRow("runs export without out")
            << QStringList{"runs", "export", "1", "--db", "x.db"} << "runs export needs --out DIR";
        QTest::newRow("bad --epoch")
            << QStringList{"run", "good.yaml", "--epoch", "yesterday"}
            << "option --epoch needs a UTC time such as 2026-01-01T00:00:00Z";
        QTest::newRow("--report with replications")
            << QStringList{"run", "good.yaml", "--report", "r.html", "--replications", "3"}
            << "options --metrics-out and --report write one run: not with --replications";
        QTest::newRow("--metrics-out with shard")
            << QStringList{"run",     "good.yaml", "--metrics-out", "m.om", "--replications", "1",
                           "--shard", "0/1"}
            << "options --metrics-out and --report write one run: not with --replications or "
               "--shard";
        QTest::newRow("--metrics-out on validate")
            << QStringList{"validate", "good.yaml", "--metrics-out", "x.om"}
            << "unknown option '--metrics-out' for validate";
        QTest::newRow("open with extra")
            << QStringList{"good.yaml", "extra"} << "unexpected argument 'extra'";
        QTest::newRow("--version with extra")
            << QStringList{"--version", "x"} << "--version takes no arguments";
    }
    void usageErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        good();
        const Result r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.startsWith(("eventbench: " + message).toUtf8()), r.err.constData());
        QVERIFY(r.err.contains("\nUsage:\n"));
    }

    void badScenario_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("prefix"); // after the file name
        QTest::addColumn<QString>("message");
        QTest::newRow("yaml syntax") << replaced(kGood, "duration: 20s", "duration: 20s: x")
                                     << QStringList{} << ":4:14: error: "
                                     << "YAML syntax";
        QTest::newRow("unknown key")
            << replaced(kGood, "    service_time: 2ms", "    servce_time: 2ms") << QStringList{}
            << ":10:5: error: "
            << "servce_time";
        QTest::newRow("unknown node in edge")
            << replaced(kGood, "  - events -> billing", "  - events -> biling") << QStringList{}
            << ":14:5: error: "
            << "biling";
        QTest::newRow("disallowed edge")
            << replaced(kGood, "  - orders -> events", "  - orders -> billing") << QStringList{}
            << ":13:5: error: "
            << "'orders -> billing' is not allowed";
        QTest::newRow("bad unit") << replaced(kGood, "duration: 20s", "duration: 20parsecs")
                                  << QStringList{} << ":4:11: error: "
                                  << "20parsecs";
        QTest::newRow("negative value")
            << replaced(kGood, "    kind: consumer", "    kind: consumer\n    instances: -2")
            << QStringList{} << ":10:16: error: "
            << "'-2'";
        QTest::newRow("absurd rate")
            << replaced(kGood, "rate: 100/s", "rate: 2e9/s") << QStringList{} << ":6:34: error: "
            << "2e9/s";
        QTest::newRow("unknown metric in expect")
            << replaced(kGood, "  - ledger.unaccounted == 0", "  - max(billing.lagg) < 5")
            << QStringList{} << ":19:5: error: "
            << "lagg";
        QTest::newRow("bad --set")
            << QByteArray(kGood) << QStringList{"--set", "nodes.billing.instances=abc"}
            << "--set: error: in 'nodes.billing.instances=abc': "
            << "abc";
        QTest::newRow("bad --duration")
            << QByteArray(kGood) << QStringList{"--duration", "5parsecs"}
            << "--set: error: in 'duration=5parsecs': "
            << "5parsecs";
    }
    void badScenario() {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, extra);
        QFETCH(QString, prefix);
        QFETCH(QString, message);
        const QString file = write("bad.yaml", text);
        const Result r = run(QStringList{"run", file} + extra);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        const QString expected = prefix.startsWith("--") ? prefix : file + prefix;
        QVERIFY2(r.err.startsWith(expected.toUtf8()), qPrintable("stderr: " + r.err));
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        // validate reports the same problem (overrides aside) with the same exit code.
        if (extra.isEmpty()) {
            const Result v = run({"validate", file});
            QCOMPARE(v.exitCode, 2);
            QCOMPARE(v.err, r.err);
        }
    }

    void missingFile() {
        const QString file = m_dir.filePath("nowhere.yaml");
        const Result r = run({"run", file});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith((file + ": error: ").toUtf8()), r.err.constData());
    }

    void validateGood() {
        const Result r = run({"validate", good()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        QVERIFY2(r.out.contains(": ok: scenario 'cli-test', 4 nodes, 3 edges, 1 faults, "
                                "2 expectations\n"),
                 r.out.constData());
        // billing: 100/s, 2ms + 1ms write = 3ms on one handler over both partitions (they are
        // round-robin halves of one Poisson stream): M/D/1 at 30%, wait 0.3 x 3ms / 1.4.
        // P(WAIT): a topic's stations are partitions (one server each), so it is the UTIL.
        QVERIFY2(QRegularExpression("\nCONSUMER +ARRIVALS +PEAK +SERVERS +UTIL +P\\(WAIT\\) +WAIT "
                                    "+LATENCY +LAG GROWTH +SUGGESTED\nbilling +100/s +100/s +1 "
                                    "+30\\.0% +30\\.0% +643us +3\\.64ms +- +1 instance x 2 "
                                    "partitions\n")
                     .match(QString::fromUtf8(r.out))
                     .hasMatch(),
                 r.out.constData());
    }

    void validateCsv() {
        const Result r = run({"validate", good(), "--format", "csv"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        QCOMPARE(r.out, QByteArray("node,lambda_per_s,peak_lambda_per_s,servers,utilization,"
                                   "wait_probability,predicted_wait_s,predicted_latency_s,"
                                   "lag_growth_per_s,suggested_instances,suggested_partitions\n"
                                   "billing,100,100,1,0.3,0.3,0.000642857143,0.00364285714,0,1,"
                                   "2\n"));
        // --set applies before the analysis: two members, one partition each, Erlang-2
        // arrivals at 15%.
        const Result two =
            run({"validate", good(), "--format", "csv", "--set", "nodes.billing.instances=2"});
        QCOMPARE(two.exitCode, 0);
        QVERIFY2(
            two.out.endsWith("\nbilling,100,100,2,0.15,0.15,0.000132352941,0.00313235294,0,1,2\n"),
            two.out.constData());
    }

    void validateWarnings() {
        // A topic nobody reads is a warning: printed, but the scenario is valid (exit 0).
        const QString file =
            write("warn.yaml", replaced(kGood, "  - billing -> db\n",
                                        "  - billing -> db\n"
                                        "  - orders -> audit\n")
                                   .replace("  db: {kind: store", "  audit: {kind: topic}\n"
                                                                  "  db: {kind: store"));
        const Result r = run({"validate", file});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.startsWith((file + ":").toUtf8()) && r.err.contains(": warning: ") &&
                     r.err.contains("'audit'") && !r.err.contains(": error: "),
                 r.err.constData());
        QVERIFY(r.out.contains(": ok: scenario 'cli-test', 5 nodes, 4 edges"));
        QVERIFY(r.out.contains("\nbilling "));
    }

    void passingRunExitsZero() {
        const Result r = run({"run", good()});
        QCOMPARE(r.exitCode, 0);
        // Not a terminal: no progress, nothing on stderr.
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        QVERIFY(r.out.startsWith("NODE "));
        QVERIFY(r.out.contains("\nbilling  consumer  received "));
        QVERIFY(r.out.contains("\nledger  "));
        QVERIFY(r.out.contains("\nPASS  ledger.unaccounted == 0  (measured 0)\n"));
        QVERIFY(r.out.contains("\nPASS  total(orders.produced) > 1000  (measured "));
        QVERIFY(QRegularExpression("\nrun: seed 5  simulated 20s  events \\d+  messages \\d+  "
                                   "wall \\d+\\.\\d{3}s  fingerprint [0-9a-f]{16}\n$")
                    .match(QString::fromUtf8(r.out))
                    .hasMatch());
    }

    void quietPrintsOnlyVerdicts() {
        const Result r = run({"run", good(), "--quiet"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QString::fromUtf8(r.out).split('\n', Qt::SkipEmptyParts).size(), 2);
        QVERIFY(r.out.startsWith("PASS  ledger.unaccounted == 0  (measured 0)\nPASS  "));
        QVERIFY(r.err.isEmpty());
    }

    void failingExpectationExitsOne() {
        const QString file = write("fail.yaml", replaced(kGood, "total(orders.produced) > 1000",
                                                         "total(orders.produced) > 1M"));
        const Result r = run({"run", file});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains("\nPASS  ledger.unaccounted == 0  (measured 0)\n"));
        QVERIFY2(QRegularExpression("\nFAIL  total\\(orders.produced\\) > 1M  \\(measured "
                                    "\\d{4}\\)\n")
                     .match(QString::fromUtf8(r.out))
                     .hasMatch(),
                 r.out.constData());
    }

    void outWritesCsvReports() {
        const QString out = m_dir.filePath("report");
        const Result r = run({"run", good(), "--out", out});
        QCOMPARE(r.exitCode, 0);
        const QStringList ts = csvLines(out + "/timeseries.csv");
        const QStringList summary = csvLines(out + "/summary.csv");
        const QStringList events = csvLines(out + "/events.csv");
        QVERIFY(ts.size() > 1);
        QCOMPARE(ts.first(), QString("time_s,node,metric,value"));
        QCOMPARE(summary.first(), QString("node,metric,stat,value"));
        QCOMPARE(events.first(), QString("time_s,node,event,detail"));
        // 20 s sampled every second: every series has a value at each of the 20 samples.
        QSet<QString> times, series;
        for (int i = 1; i < ts.size(); ++i) {
            const QStringList f = ts[i].split(',');
            QCOMPARE(f.size(), 4);
            times.insert(f[0]);
            series.insert(f[1] + ',' + f[2]);
        }
        QCOMPARE(times.size(), 20);
        QCOMPARE(ts.size() - 1, times.size() * series.size());
        QVERIFY(series.contains("billing,lag"));
        QVERIFY(summary.contains("ledger,unaccounted,total,0"));
        QVERIFY(summary.contains("expect,ledger.unaccounted == 0,pass,0"));
        QVERIFY(summary.contains("run,seed,value,5"));
        QVERIFY(summary.contains("run,sim_seconds,value,20"));
        QVERIFY(QRegularExpression("^[0-9a-f]{16}$")
                    .match(summaryValue(out + "/summary.csv", "run,fingerprint,value,"))
                    .hasMatch());
        // The crash fault shows in the event log.
        bool crash = false;
        for (const QString &e : events)
            crash = crash || (e.startsWith("5,billing,") && e.contains("crash"));
        QVERIFY2(crash, qPrintable(events.join('\n')));
        // What the table prints is what the summary holds.
        const QString produced = summaryValue(out + "/summary.csv", "orders,produced,total,");
        QVERIFY(r.out.contains(("produced " + produced + "  published ").toUtf8()));
    }

    void sameSeedIsByteIdentical() {
        const QString a = m_dir.filePath("same-a"), b = m_dir.filePath("same-b");
        QCOMPARE(run({"run", good(), "--out", a, "--quiet"}).exitCode, 0);
        QCOMPARE(run({"run", good(), "--out", b, "--quiet"}).exitCode, 0);
        QCOMPARE(fileBytes(a + "/timeseries.csv"), fileBytes(b + "/timeseries.csv"));
        QCOMPARE(fileBytes(a + "/events.csv"), fileBytes(b + "/events.csv"));
        QCOMPARE(fileBytes(a + "/partitions.csv"), fileBytes(b + "/partitions.csv"));
        QVERIFY(fileBytes(a + "/partitions.csv")
                    .startsWith("topic,partition,group,appended,lag_final,lag_max,owner_final\n"));
        QCOMPARE(summaryWithoutWall(a + "/summary.csv"), summaryWithoutWall(b + "/summary.csv"));
        QVERIFY(fileBytes(a + "/timeseries.csv").size() > 1000);
    }

    void otherSeedChangesFingerprint() {
        const QString a = m_dir.filePath("seed-a"), b = m_dir.filePath("seed-b");
        QCOMPARE(run({"run", good(), "--out", a, "--quiet"}).exitCode, 0);
        QCOMPARE(run({"run", good(), "--out", b, "--quiet", "--seed", "6"}).exitCode, 0);
        const QString fa = summaryValue(a + "/summary.csv", "run,fingerprint,value,");
        const QString fb = summaryValue(b + "/summary.csv", "run,fingerprint,value,");
        QCOMPARE(fa.size(), 16);
        QCOMPARE(fb.size(), 16);
        QVERIFY(fa != fb);
        QCOMPARE(summaryValue(b + "/summary.csv", "run,seed,value,"), QString("6"));
        QVERIFY(fileBytes(a + "/timeseries.csv") != fileBytes(b + "/timeseries.csv"));
    }

    void overridesChangeTheRun() {
        const QString out = m_dir.filePath("override");
        const Result r = run({"run", good(), "--out", out, "--duration=15s", "--set",
                              "nodes.billing.instances=2", "--quiet"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(csvLines(out + "/summary.csv").contains("run,sim_seconds,value,15"));
        QCOMPARE(summaryValue(out + "/summary.csv", "billing,instances_up,max,"), QString("2"));
    }

    void dbRecordsRuns() {
        const QString db = m_dir.filePath("results.db");
        const QString out = m_dir.filePath("db-report");
        QCOMPARE(run({"run", good(), "--db", db, "--out", out, "--quiet"}).exitCode, 0);
        const QString fail = write("fail-db.yaml", replaced(kGood, "> 1000", "> 1M"));
        QCOMPARE(run({"run", fail, "--db", db, "--seed", "9", "--quiet"}).exitCode, 1);

        sqlite3 *h = nullptr;
        QCOMPARE(sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READONLY, nullptr),
                 SQLITE_OK);
        QCOMPARE(countRows(h, "PRAGMA user_version"),
                 std::int64_t{eventbench::model::ResultsStore::kSchemaVersion});
        QCOMPARE(queryText(h, "PRAGMA journal_mode"), QString("wal"));
        QCOMPARE(countRows(h, "SELECT count(*) FROM runs"), std::int64_t{2});
        QCOMPARE(queryText(h, "SELECT group_concat(status || '/' || verdict || ':' || seed) "
                              "FROM (SELECT * FROM runs ORDER BY id)"),
                 QString("complete/pass:5,complete/fail:9"));
        QCOMPARE(queryText(h, "SELECT options FROM runs WHERE id = 2"), QString("--seed 9"));
        QCOMPARE(queryText(h, "SELECT fingerprint FROM runs WHERE id = 1"),
                 summaryValue(out + "/summary.csv", "run,fingerprint,value,"));
        QCOMPARE(queryText(h, "SELECT scenario || '|' || length(scenario_text) FROM runs "
                              "WHERE id = 1"),
                 QString("cli-test|%1").arg(qstrlen(kGood)));
        // The store holds exactly what the CSV report holds.
        const auto tsRows = csvLines(out + "/timeseries.csv").size() - 1;
        const auto evRows = csvLines(out + "/events.csv").size() - 1;
        QCOMPARE(countRows(h, "SELECT count(*) FROM sample_values WHERE run_id = 1"),
                 std::int64_t(tsRows));
        QCOMPARE(countRows(h, "SELECT count(*) FROM events WHERE run_id = 1"),
                 std::int64_t(evRows));
        // summary.csv = summary rows + 2 expectations + 8 run rows (seed, sim_seconds,
        // wall_seconds, events, messages, fingerprint, version, scenario_sha256); the store
        // keeps the expectations in their own table and the run's figures in runs.
        const auto sumRows = csvLines(out + "/summary.csv").size() - 1;
        QCOMPARE(countRows(h, "SELECT count(*) FROM summary WHERE run_id = 1"),
                 std::int64_t(sumRows - 2 - 8));
        QCOMPARE(countRows(h, "SELECT count(*) FROM expectations WHERE run_id = 2 AND pass = 0"),
                 std::int64_t{1});
        QCOMPARE(countRows(h, "SELECT value FROM summary WHERE run_id = 1 AND node = 'ledger' "
                              "AND metric = 'unaccounted'"),
                 std::int64_t{0});
        // The nodes' kinds as run, in scenario order.
        QCOMPARE(queryText(h, "SELECT group_concat(node || ':' || kind) "
                              "FROM (SELECT * FROM nodes WHERE run_id = 2 ORDER BY idx)"),
                 QString("orders:producer,events:topic,billing:consumer,db:store"));
        sqlite3_close(h);
    }

    void dbRefusesForeignFiles_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("text file") << "text"
                                   << "not a SQLite database";
        QTest::newRow("other SQLite database") << "other"
                                               << "not an eventbench results store";
        QTest::newRow("newer schema")
            << "newer"
            << QString("schema version %1")
                   .arg(eventbench::model::ResultsStore::kSchemaVersion + 1);
        QTest::newRow("directory") << "dir"
                                   << "a directory";
    }
    void dbRefusesForeignFiles() {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        const QString db = m_dir.filePath("foreign-" + kind);
        if (kind == "text") {
            write("foreign-text", "this is not a database, please leave it alone\n");
        } else if (kind == "dir") {
            QVERIFY(QDir().mkpath(db));
        } else {
            sqlite3 *h = nullptr;
            QCOMPARE(sqlite3_open(db.toUtf8().constData(), &h), SQLITE_OK);
            const std::string newer =
                "CREATE TABLE runs(id); PRAGMA user_version = " +
                std::to_string(eventbench::model::ResultsStore::kSchemaVersion + 1);
            const char *sql = kind == "other" ? "CREATE TABLE notes(x); INSERT INTO notes VALUES(1)"
                                              : newer.c_str();
            QCOMPARE(sqlite3_exec(h, sql, nullptr, nullptr, nullptr), SQLITE_OK);
            sqlite3_close(h);
        }
        const QByteArray before = fileBytes(db);
        const Result r = run({"run", good(), "--db", db});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith((db + ": error: ").toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QCOMPARE(fileBytes(db), before);
        QVERIFY(!QFile::exists(db + "-wal"));
    }

    void outMustBeADirectory() {
        const QString file = write("plain-file", "x");
        const Result r = run({"run", good(), "--out", file});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.startsWith((file + ": error: cannot create the report directory").toUtf8()),
                 r.err.constData());
    }

    void headlessFallbackWithoutDisplay() {
        const Result r = run({good()}, false);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.startsWith("eventbench: no display"), r.err.constData());
        QVERIFY(r.out.contains("\nPASS  ledger.unaccounted == 0  (measured 0)\n"));

        const Result none = run({}, false);
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.err.startsWith("eventbench: no display"));
        QVERIFY(none.err.contains("\nUsage:\n"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
