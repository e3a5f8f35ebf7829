// The results store under faults, end to end with the real binary: a run killed with SIGKILL
// half-way leaves a consistent store with the run interrupted and its samples so far; four
// runs writing one store at once are all recorded whole.
#include <QtTest>

#include <QElapsedTimer>
#include <QProcess>

#include <sqlite3.h>

#include "support/CliRunner.h"

using eventbench::testing::fileBytes;
using eventbench::testing::lines;

namespace {

// Long enough (a day at 2000 messages/s) that it is still running when it is killed.
const char *const kLong = R"(scenario: long-run
seed: 3
duration: 24h
sample_every: 1s
nodes:
  orders: {kind: producer, rate: 2000/s}
  events: {kind: topic, partitions: 4}
  billing: {kind: consumer, instances: 2, service_time: 0.2ms}
edges:
  - orders -> events
  - events -> billing
faults:
  - {at: 1s, for: 1s, crash: billing, instances: 1}
)";

// About a second or two of wall time per run, with a batch of samples every second.
const char *const kMedium = R"(scenario: concurrent
seed: 1
duration: 10m
sample_every: 500ms
nodes:
  orders: {kind: producer, rate: 800/s}
  events: {kind: topic, partitions: 3}
  billing: {kind: consumer, service_time: 0.5ms}
  db: {kind: store, write_time: 0.2ms}
edges:
  - orders -> events
  - events -> billing
  - billing -> db
faults:
  - {at: 1m, for: 10s, crash: billing}
expect:
  - ledger.unaccounted == 0
)";

/// The first column of the first row, as text; "" when the query fails or has no row.
QString scalar(const QString &db, const char *sql) {
    sqlite3 *h = nullptr;
    QString out;
    if (sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(h, 5000);
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(h, sql, -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
            out = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        sqlite3_finalize(stmt);
    }
    sqlite3_close(h);
    return out;
}

} // namespace

class TestStoreFaults : public eventbench::testing::CliTest {
    Q_OBJECT

  private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void sigkillLeavesAnInterruptedRun() {
        const QString db = m_dir.filePath("killed.db");
        const QString scenario = write("long.yaml", kLong);
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.start(EVENTBENCH_BINARY, {"run", scenario, "--db", db, "--quiet"});
        QVERIFY(p.waitForStarted());
        // Wait for at least two committed batches, then kill it mid-run.
        QElapsedTimer clock;
        clock.start();
        int samples = 0;
        while (clock.elapsed() < 120000 && p.state() == QProcess::Running) {
            if (QFile::exists(db))
                samples = scalar(db, "SELECT count(*) FROM samples").toInt();
            if (samples > 0 && scalar(db, "SELECT wall_seconds FROM runs").toDouble() >= 1.5)
                break;
            QTest::qWait(50);
        }
        QCOMPARE(p.state(), QProcess::Running);
        QVERIFY2(samples > 0, "no samples were recorded while the run went on");
        p.kill(); // SIGKILL
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);

        QCOMPARE(scalar(db, "PRAGMA integrity_check"), QString("ok"));
        QCOMPARE(scalar(db, "PRAGMA foreign_key_check"), QString());
        const int kept = scalar(db, "SELECT count(*) FROM samples").toInt();
        const int series = scalar(db, "SELECT count(*) FROM series").toInt();
        QVERIFY(kept >= samples);
        QVERIFY(series > 10);
        // Samples are whole seconds 1..kept, each with every series.
        QCOMPARE(scalar(db, "SELECT group_concat(DISTINCT time_s = sample + 1) FROM samples"),
                 QString("1"));
        QCOMPARE(scalar(db, "SELECT count(*) FROM sample_values").toInt(), kept * series);

        const Result list = run({"runs", "list", "--db", db, "--format", "csv"});
        QCOMPARE(list.exitCode, 0);
        const QStringList l = lines(list.out);
        QCOMPARE(l.size(), 2);
        const QStringList f = l[1].split(',');
        QCOMPARE(f.value(0), QString("1"));
        QCOMPARE(f.value(4), QString()); // never ended
        QCOMPARE(f.value(5), QString("interrupted"));
        QCOMPARE(f.value(6), QString());
        QCOMPARE(f.value(8), QString::number(kept)); // simulated up to the last sample
        QCOMPARE(f.value(9), QString::number(kept));
        QVERIFY(f.value(7).toDouble() >= 1.5);
        QVERIFY(lines(run({"runs", "list", "--db", db}).out).value(1).contains(" interrupted "));
        // Opening the store recorded what listing saw.
        QCOMPARE(scalar(db, "SELECT status || '/' || coalesce(owner, 'none') FROM runs"),
                 QString("interrupted/none"));

        const Result show = run({"runs", "show", "1", "--db", db});
        QCOMPARE(show.exitCode, 0);
        QVERIFY2(show.out.endsWith(QString("no summary: the run was interrupted after %1 samples\n")
                                       .arg(kept)
                                       .toUtf8()),
                 show.out.constData());

        const QString out = m_dir.filePath("killed-export");
        const Result exported = run({"runs", "export", "1", "--db", db, "--out", out});
        QCOMPARE(exported.exitCode, 0);
        QCOMPARE(QDir(out).entryList(QDir::Files), (QStringList{"events.csv", "timeseries.csv"}));
        QCOMPARE(lines(fileBytes(out + "/timeseries.csv")).size(), 1 + kept * series);
        QVERIFY(lines(fileBytes(out + "/events.csv")).contains("1,billing,crash,billing#0"));

        // The store goes on: a new run is recorded beside the interrupted one.
        const QString shortRun = write("short.yaml", QByteArray(kLong).replace("24h", "5s"));
        QCOMPARE(run({"run", shortRun, "--db", db, "--quiet"}).exitCode, 0);
        QCOMPARE(scalar(db, "SELECT group_concat(id || ':' || status) FROM runs"),
                 QString("1:interrupted,2:complete"));
    }

    void fourConcurrentRunsAreAllRecorded() {
        const QString db = m_dir.filePath("shared.db");
        const QString scenario = write("medium.yaml", kMedium);
        QList<QProcess *> procs;
        for (int seed = 1; seed <= 4; ++seed) {
            auto *p = new QProcess(this);
            p->setWorkingDirectory(m_dir.path());
            p->start(EVENTBENCH_BINARY,
                     {"run", scenario, "--db", db, "--seed", QString::number(seed), "--out",
                      m_dir.filePath(QString("shared-%1").arg(seed)), "--quiet"});
            procs << p;
        }
        for (QProcess *p : procs) {
            QVERIFY(p->waitForFinished(300000));
            QCOMPARE(p->exitStatus(), QProcess::NormalExit);
            QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
        }
        qDeleteAll(procs);

        QCOMPARE(scalar(db, "PRAGMA integrity_check"), QString("ok"));
        const Result list = run({"runs", "list", "--db", db, "--format", "csv"});
        QCOMPARE(list.exitCode, 0);
        const QStringList l = lines(list.out);
        QCOMPARE(l.size(), 5);
        QStringList seeds;
        for (const QString &line : l.mid(1)) {
            const QStringList f = line.split(',');
            seeds << f.value(2);
            QCOMPARE(f.value(5) + "/" + f.value(6), QString("complete/pass"));
            QCOMPARE(f.value(9), QString("1200")); // 10 minutes every 500 ms
        }
        seeds.sort();
        QCOMPARE(seeds, (QStringList{"1", "2", "3", "4"}));
        // Each run's export is what that process wrote with --out, whichever id it got.
        for (const QString &line : l.mid(1)) {
            const QStringList f = line.split(',');
            const QString out = m_dir.filePath("shared-back-" + f[0]);
            QCOMPARE(run({"runs", "export", f[0], "--db", db, "--out", out}).exitCode, 0);
            for (const char *name : {"timeseries.csv", "summary.csv", "events.csv"})
                QVERIFY2(fileBytes(out + "/" + name) ==
                             fileBytes(m_dir.filePath("shared-" + f[2] + "/" + name)),
                         name);
        }
    }
};

QTEST_GUILESS_MAIN(TestStoreFaults)
#include "tst_store_faults.moc"
