// `eventbench sweep --db FILE` and `eventbench merge --db FILE` of sweep shards (issue 17):
// the sweep is one entry of kind sweep in the results store; `runs export ID --out DIR`
// writes the sweep.csv that `sweep --out` wrote, byte for byte; the merge of 2 and 3 shards
// records the same sweep as the single process (apart from wall-clock figures and the
// merge's note in the options); `runs show`, `compare` and `delete` of a sweep; a bad --db is
// refused with exit 2 naming it, before anything is written.
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <cmath>

#include "model/store/ResultsStore.h"
#include "support/CliRunner.h"

using eventbench::testing::csvLines;
using eventbench::testing::fileBytes;
using eventbench::testing::lines;
using namespace eventbench;

namespace {

const char *const kScenario = R"(scenario: sweep-db
seed: 21
duration: 4s
nodes:
  orders: {kind: producer, rate: 60/s}
  events: {kind: topic, partitions: 2}
  billing: {kind: consumer, service_time: {distribution: exponential, mean: 4ms}}
edges:
  - orders -> events
  - events -> billing
expect:
  - ledger.unaccounted == 0
  - mean(billing.latency) < 5ms
)";

/// One stored entry and its sweep, read through the store's API.
struct Stored {
    model::StoredRun run;
    model::StoredSweep sweep;
    std::string scenarioText;
};

Stored readSweep(const QString &db, std::int64_t id) {
    model::ResultsStore store;
    Stored s;
    if (!store.open(db.toStdString(), model::ResultsStore::OpenMode::ReadOnly).empty())
        return s;
    if (auto r = store.findRun(id, nullptr))
        s.run = *r;
    if (auto w = store.loadSweep(id, nullptr))
        s.sweep = *w;
    s.scenarioText = store.scenarioText(id);
    return s;
}

bool sameValue(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

} // namespace

class TestSweepDb : public eventbench::testing::CliTest {
    Q_OBJECT

  private:
    QString scenario() const { return write("sweep-db.yaml", kScenario); }
    QStringList sweep() const {
        return {"sweep",  scenario(), "--vary",         "nodes.billing.instances=1,2",
                "--vary", "seed=3,4", "--replications", "3"};
    }

    /// The stored sweeps `a` and `b` agree in everything but ids, times and options' notes.
    void compareStored(const Stored &a, const Stored &b) {
        QCOMPARE(b.run.kind + b.run.scenario + b.run.status + b.run.verdict + b.run.source,
                 a.run.kind + a.run.scenario + a.run.status + a.run.verdict + a.run.source);
        QCOMPARE(b.run.seed, a.run.seed);
        QCOMPARE(b.run.scenarioSha256, a.run.scenarioSha256);
        QCOMPARE(b.run.version, a.run.version);
        QCOMPARE(b.scenarioText, a.scenarioText);
        QVERIFY2(b.run.options.rfind(a.run.options, 0) == 0, b.run.options.c_str());
        QCOMPARE(b.sweep.paths, a.sweep.paths);
        QCOMPARE(b.sweep.replications, a.sweep.replications);
        QCOMPARE(b.sweep.combinations.size(), a.sweep.combinations.size());
        for (std::size_t c = 0; c < a.sweep.combinations.size(); ++c) {
            const auto &x = a.sweep.combinations[c];
            const auto &y = b.sweep.combinations[c];
            QCOMPARE(y.values, x.values);
            QCOMPARE(y.expectations, x.expectations);
            QCOMPARE(y.failed, x.failed);
            QCOMPARE(y.figures.size(), x.figures.size());
            for (std::size_t i = 0; i < x.figures.size(); ++i) {
                QCOMPARE(y.figures[i].node + "." + y.figures[i].metric + "." + y.figures[i].stat,
                         x.figures[i].node + "." + x.figures[i].metric + "." + x.figures[i].stat);
                QVERIFY(sameValue(y.figures[i].ci.mean, x.figures[i].ci.mean));
                QVERIFY(sameValue(y.figures[i].ci.low, x.figures[i].ci.low));
                QVERIFY(sameValue(y.figures[i].ci.high, x.figures[i].ci.high));
                QCOMPARE(y.figures[i].ci.n, x.figures[i].ci.n);
            }
        }
    }

  private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void sweepDbExportsWhatSweepOutWrote() {
        const QString db = path("single.db");
        const QString out = path("single");
        const Result r = run(sweep() + QStringList{"--out", out, "--db", db, "--quiet"});
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());

        const QStringList list = lines(run({"runs", "list", "--db", db, "--format", "csv"}).out);
        QCOMPARE(list.size(), 2);
        const QStringList f = list[1].split(',');
        QCOMPARE(f.value(0) + "|" + f.value(1) + "|" + f.value(2) + "|" + f.value(5),
                 QString("1|sweep-db|21|complete"));
        QVERIFY2(list[1].endsWith(",cli,sweep"), qPrintable(list[1]));
        QCOMPARE(f.value(6), r.exitCode == 0 ? QString("pass") : QString("fail"));
        QVERIFY2(list[1].contains(",--vary nodes.billing.instances=1,2 --vary seed=3,4 "
                                  "--replications 3,") ||
                     list[1].contains(",\"--vary nodes.billing.instances=1,2 --vary seed=3,4 "
                                      "--replications 3\","),
                 qPrintable(list[1]));
        const QStringList text = lines(run({"runs", "list", "--db", db}).out);
        QVERIFY2(text.value(1).startsWith("1  ") && text.value(1).contains(" sweep "),
                 qPrintable(text.value(1)));

        // The export is sweep --out's sweep.csv, byte for byte.
        const QString exported = path("exported");
        const Result e = run({"runs", "export", "1", "--out", exported, "--db", db});
        QCOMPARE(e.exitCode, 0);
        QCOMPARE(QString(e.out), QString("exported sweep 1 to %1: sweep.csv\n").arg(exported));
        const QByteArray want = fileBytes(out + "/sweep.csv");
        QVERIFY(want.size() > 1000);
        QCOMPARE(fileBytes(exported + "/sweep.csv"), want);
        QCOMPARE(QDir(exported).entryList(QDir::Files), QStringList{"sweep.csv"});

        // The stored figures are sweep.csv's numbers: 4 combinations of 3 runs each.
        const Stored s = readSweep(db, 1);
        QCOMPARE(s.sweep.combinations.size(), std::size_t{4});
        QCOMPARE(s.sweep.replications, std::size_t{3});
        QCOMPARE(s.sweep.combinations[3].values, (std::vector<std::string>{"2", "4"}));
        const auto *latency = s.sweep.figure(2, "billing", "latency", "mean");
        QVERIFY(latency);
        QCOMPARE(latency->ci.n, std::size_t{3});
        QVERIFY(latency->ci.low < latency->ci.mean && latency->ci.mean < latency->ci.high);
        QVERIFY(latency->ci.mean > 0.001 && latency->ci.mean < 0.02);
        bool found = false;
        for (const QString &line : csvLines(out + "/sweep.csv"))
            if (line.startsWith("2,3,billing,latency,mean,")) {
                found = true;
                QCOMPARE(line.split(',').value(5).toDouble(), latency->ci.mean);
                QCOMPARE(line.split(',').value(8), QString("3"));
            }
        QVERIFY(found);
        QCOMPARE(s.sweep.combinations[0].expectations, std::size_t{2});
        std::size_t rows = 0;
        for (const auto &c : s.sweep.combinations)
            rows += c.figures.size();
        QCOMPARE(int(rows), csvLines(out + "/sweep.csv").size() - 1);

        // show names the combinations; compare refuses a sweep; delete removes it.
        const Result show = run({"runs", "show", "1", "--db", db});
        QCOMPARE(show.exitCode, 0);
        const QString shown = QString::fromUtf8(show.out);
        QVERIFY2(QRegularExpression("\\ncombinations +4\\n").match(shown).hasMatch(),
                 show.out.constData());
        QVERIFY2(QRegularExpression("\\nruns +12\\n").match(shown).hasMatch(),
                 show.out.constData());
        const QString fourth =
            s.sweep.combinations[3].failed == 0
                ? QString("PASS")
                : QString("FAIL \\(%1 of 2\\)").arg(s.sweep.combinations[3].failed);
        QVERIFY2(QRegularExpression("\\n4 +2 +4 +" + fourth + "\\n").match(shown).hasMatch(),
                 show.out.constData());
        const Result cmp = run({"runs", "compare", "1", "1", "--db", db});
        QCOMPARE(cmp.exitCode, 2);
        QVERIFY2(cmp.err.contains("run 1 is a sweep"), cmp.err.constData());
        const Result del = run({"runs", "delete", "1", "--db", db});
        QCOMPARE(del.exitCode, 0);
        QVERIFY2(del.out.startsWith("deleted sweep 1 (sweep-db, seed 21,"), del.out.constData());
        QCOMPARE(lines(run({"runs", "list", "--db", db, "--format", "csv"}).out).size(), 1);
        model::ResultsStore store;
        QVERIFY(store.open(db.toStdString()).empty());
        QVERIFY(!store.loadSweep(1, nullptr));
    }

    void mergeDbRecordsTheSameSweep() {
        const QString db = path("merge.db");
        const Result single = run(sweep() + QStringList{"--db", db, "--quiet"});
        QVERIFY2(single.exitCode == 0 || single.exitCode == 1, single.err.constData());
        for (int n : {2, 3}) {
            QStringList dirs;
            for (int i = n - 1; i >= 0; --i) {
                const QString dir = path(QString("shards-%1/%2").arg(n).arg(i));
                const Result s =
                    run(sweep() + QStringList{"--shard", QString("%1/%2").arg(i).arg(n), "--out",
                                              dir, "--quiet"});
                QVERIFY2(s.exitCode == 0, s.err.constData());
                dirs << dir;
            }
            const Result merged =
                run(QStringList{"merge"} + dirs +
                    QStringList{"--out", path(QString("merged-%1").arg(n)), "--db", db, "--quiet"});
            QCOMPARE(merged.exitCode, single.exitCode);
        }
        const Stored one = readSweep(db, 1);
        QCOMPARE(one.sweep.combinations.size(), std::size_t{4});
        for (std::int64_t id : {2, 3}) {
            const Stored m = readSweep(db, id);
            compareStored(one, m);
            QCOMPARE(QString::fromStdString(m.run.options),
                     QString::fromStdString(one.run.options) +
                         QString(" (merged from %1 shards)").arg(id));
        }
        // All three export the same sweep.csv.
        for (int id : {1, 2, 3})
            QCOMPARE(run({"runs", "export", QString::number(id), "--out",
                          path(QString("export-%1").arg(id)), "--db", db})
                         .exitCode,
                     0);
        QCOMPARE(fileBytes(path("export-2/sweep.csv")), fileBytes(path("export-1/sweep.csv")));
        QCOMPARE(fileBytes(path("export-3/sweep.csv")), fileBytes(path("merged-3/sweep.csv")));
    }

    void badDbIsRefusedBeforeAnythingIsWritten() {
        const QString notStore = write("not-a-store.db", "hello, not a database\n");
        const QString out = path("bad-out");
        const Result r = run(sweep() + QStringList{"--out", out, "--db", notStore});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(notStore.toUtf8() + ": error: not a SQLite database"),
                 r.err.constData());
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QDir(out).exists());
        QCOMPARE(fileBytes(notStore), QByteArray("hello, not a database\n"));

        const QString dir = path("bad-shard");
        QCOMPARE(run(sweep() + QStringList{"--shard", "0/1", "--out", dir, "--quiet"}).exitCode, 0);
        const Result m = run({"merge", dir, "--out", out, "--db", path("bad-shard")});
        QCOMPARE(m.exitCode, 2);
        QVERIFY2(m.err.contains(dir.toUtf8() + ": error: a directory, not a results store"),
                 m.err.constData());
        QVERIFY(!QDir(out).exists());

        const Result shardDb =
            run(sweep() + QStringList{"--shard", "0/2", "--out", dir, "--db", path("x.db")});
        QCOMPARE(shardDb.exitCode, 2);
        QVERIFY2(shardDb.err.contains("options --shard and --db"), shardDb.err.constData());
        QVERIFY(!QFile::exists(path("x.db")));
    }
};

QTEST_GUILESS_MAIN(TestSweepDb)
#include "tst_sweep_db.moc"
