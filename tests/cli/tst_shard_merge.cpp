// `--shard I/N` and `eventbench merge` (issue 17) as a property: for random sweeps and
// replications, any number of shards and any order of them, the merge writes the files the
// single process writes (apart from wall-clock figures) and prints the same table; mixed,
// missing, duplicate and unfinished shards are refused with exit 2 naming them; --shard slurm
// reads the job array's variables; merge --db records replications and sweeps.
#include <QDirIterator>
#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>

#include "support/CliRunner.h"

using eventbench::testing::fileBytes;

namespace {

const char *const kScenario = R"(scenario: shard-test
seed: 11
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
  - mean(billing.latency) < 6ms
)";

/// The knobs a random sweep picks from, with their values.
const QList<QPair<QString, QStringList>> kKnobs{
    {"nodes.billing.instances", {"1", "2", "3"}},
    {"nodes.orders.rate", {"30/s", "60/s", "90/s"}},
    {"nodes.billing.service_time", {"2ms", "{distribution: exponential, mean: 5ms}"}},
    {"nodes.events.partitions", {"1", "3"}},
    {"seed", {"1", "2", "7"}}};

/// Every file under `dir` by relative path, with the wall-clock row of summary.csv left out.
QMap<QString, QByteArray> tree(const QString &dir) {
    QMap<QString, QByteArray> out;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QByteArray bytes = fileBytes(path);
        if (path.endsWith("summary.csv")) {
            QList<QByteArray> kept;
            for (const QByteArray &line : bytes.split('\n'))
                if (!line.startsWith("run,wall_seconds,"))
                    kept.push_back(line);
            bytes = kept.join('\n');
        }
        out.insert(QDir(dir).relativeFilePath(path), bytes);
    }
    return out;
}

} // namespace

class TestShardMerge : public eventbench::testing::CliTest {
    Q_OBJECT

  private:
    QRandomGenerator m_random{20261204};
    int m_case = 0;

    QString scenario() const { return write("shard.yaml", kScenario); }

    /// A random sweep: 1 or 2 knobs with 1 to 3 of their values.
    QStringList randomVaries() {
        QList<int> knobs{0, 1, 2, 3, 4};
        std::shuffle(knobs.begin(), knobs.end(), m_random);
        QStringList args;
        const int count = 1 + m_random.bounded(2);
        for (int k = 0; k < count; ++k) {
            QStringList values = kKnobs[knobs[k]].second;
            std::shuffle(values.begin(), values.end(), m_random);
            values = values.mid(0, 1 + m_random.bounded(int(values.size())));
            args << "--vary" << kKnobs[knobs[k]].first + "=" + values.join(',');
        }
        return args;
    }

    /// Runs `command` (sweep or run --replications) as N shards in a random order into
    /// DIR/shard-I and returns the shard directories in another random order.
    QStringList runShards(const QStringList &command, int n, const QString &dir) {
        QList<int> order;
        for (int i = 0; i < n; ++i)
            order << i;
        std::shuffle(order.begin(), order.end(), m_random);
        QStringList dirs;
        for (int i : order) {
            const QString out = dir + "/shard-" + QString::number(i);
            const Result r = run(command + QStringList{"--shard", QString("%1/%2").arg(i).arg(n),
                                                       "--out", out, "--quiet"});
            if (r.exitCode != 0)
                qWarning("shard %d/%d: %s", i, n, r.err.constData());
            dirs << out;
        }
        std::shuffle(dirs.begin(), dirs.end(), m_random);
        return dirs;
    }

    /// The single process and the merge of N shards give the same files and stdout.
    void checkMergeEqualsSingle(const QStringList &command) {
        const QString dir = m_dir.filePath("case-" + QString::number(++m_case));
        const Result single = run(command + QStringList{"--out", dir + "/single", "--quiet"});
        QVERIFY2(single.exitCode == 0 || single.exitCode == 1, single.err.constData());
        const int jobs = int(tree(dir + "/single").size()); // enough to pick N around it
        const int n = 1 + m_random.bounded(std::max(2, std::min(jobs, 7)) + 1);
        const QStringList dirs = runShards(command, n, dir);
        const Result merged =
            run(QStringList{"merge"} + dirs + QStringList{"--out", dir + "/merged", "--quiet"});
        const QByteArray what = (command.join(' ') + " as " + QString::number(n) +
                                 " shards: " + QString::fromUtf8(merged.err))
                                    .toUtf8();
        QVERIFY2(merged.exitCode == single.exitCode, what.constData());
        QVERIFY2(merged.out == single.out, what.constData());
        const auto want = tree(dir + "/single");
        const auto got = tree(dir + "/merged");
        QVERIFY2(!want.isEmpty(), what.constData());
        QCOMPARE(got.keys(), want.keys());
        for (const auto &name : want.keys())
            QVERIFY2(got[name] == want[name], qPrintable(name + " differs: " + what));
    }

    /// `merge args` fails with exit 2 and every text of `expected` in its stderr.
    void checkRefused(const QStringList &args, const QStringList &expected) {
        const Result r = run(QStringList{"merge"} + args);
        QVERIFY2(r.exitCode == 2, r.err.constData());
        for (const QString &text : expected)
            QVERIFY2(r.err.contains(text.toUtf8()), qPrintable(text + " not in: " + r.err));
        QVERIFY(r.out.isEmpty());
    }

  private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void randomSweeps() {
        for (int i = 0; i < 6; ++i) {
            QStringList command = QStringList{"sweep", scenario()} + randomVaries();
            const int reps = 1 + m_random.bounded(3);
            if (reps > 1)
                command << "--replications" << QString::number(reps);
            checkMergeEqualsSingle(command);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void randomReplications() {
        for (int i = 0; i < 3; ++i) {
            const QStringList command{"run",
                                      scenario(),
                                      "--replications",
                                      QString::number(2 + m_random.bounded(5)),
                                      "--seed",
                                      QString::number(m_random.bounded(1000))};
            checkMergeEqualsSingle(command);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void moreShardsThanJobs() {
        checkMergeEqualsSingle({"sweep", scenario(), "--vary", "nodes.billing.instances=1,2"});
    }

    void mergedReplicationsInTheStore() {
        const QString dir = m_dir.filePath("db");
        const QStringList command{"run", scenario(), "--replications", "3"};
        const QStringList shards = runShards(command, 2, dir);
        const QString store = dir + "/store.db";
        const Result merged = run(QStringList{"merge"} + shards +
                                  QStringList{"--out", dir + "/merged", "--db", store, "--quiet"});
        QVERIFY2(merged.exitCode == 0 || merged.exitCode == 1, merged.err.constData());
        const Result list = run({"runs", "list", "--db", store, "--format", "csv"});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(eventbench::testing::lines(list.out).size(), 4); // header + 3 runs
        // Each recorded run exports as the replication's report (the store keeps no
        // partitions).
        for (int id = 1; id <= 3; ++id) {
            const QString out = dir + "/export-" + QString::number(id);
            QCOMPARE(
                run({"runs", "export", QString::number(id), "--out", out, "--db", store}).exitCode,
                0);
            const QString rep = dir + "/merged/rep-" + QString::number(11 + id - 1);
            for (const char *file : {"timeseries.csv", "summary.csv", "events.csv"})
                QVERIFY2(fileBytes(out + "/" + file) == fileBytes(rep + "/" + file),
                         qPrintable(rep + "/" + file));
        }
        // A merged sweep is one more entry, of kind sweep, exporting the merge's sweep.csv
        // (tests/cli/tst_sweep_store.cpp checks it against the single process).
        const QStringList sweepShards =
            runShards({"sweep", scenario(), "--vary", "seed=1,2"}, 2, dir + "/s");
        const Result sweep = run(QStringList{"merge"} + sweepShards +
                                 QStringList{"--out", dir + "/m2", "--db", store, "--quiet"});
        QVERIFY2(sweep.exitCode == 0 || sweep.exitCode == 1, sweep.err.constData());
        const QStringList after =
            eventbench::testing::lines(run({"runs", "list", "--db", store, "--format", "csv"}).out);
        QCOMPARE(after.size(), 5);
        QVERIFY2(after[4].startsWith("4,shard-test,11,") && after[4].endsWith(",cli,sweep"),
                 qPrintable(after[4]));
        QCOMPARE(run({"runs", "export", "4", "--out", dir + "/export-4", "--db", store}).exitCode,
                 0);
        QCOMPARE(fileBytes(dir + "/export-4/sweep.csv"), fileBytes(dir + "/m2/sweep.csv"));
    }

    void refusesMixedMissingAndDuplicateShards() {
        const QString dir = m_dir.filePath("refused");
        const QStringList sweep{"sweep", scenario(), "--vary", "nodes.billing.instances=1,2,3"};
        const QStringList four = runShards(sweep, 4, dir + "/a");
        QStringList sorted = four;
        sorted.sort();
        const QString out = dir + "/out";
        // Missing: named by I/N.
        checkRefused({sorted[0], sorted[2], "--out", out}, {"shards 1/4, 3/4 are missing"});
        // Given twice: both directories named.
        checkRefused(sorted + QStringList{sorted[1], "--out", out},
                     {"shard 1/4 given twice", sorted[1]});
        // Another sweep (another seed) and another shard count: named with shard.csv's line.
        const QStringList other = runShards(sweep + QStringList{"--seed", "12"}, 4, dir + "/b");
        checkRefused(
            {sorted[0], sorted[1], sorted[2], other[0], "--out", out},
            {other[0] + "/shard.csv:5:1: error: not a shard of the same sweep", "scenario_sha256"});
        const QStringList two = runShards(sweep, 2, dir + "/c");
        checkRefused(sorted + two + QStringList{"--out", out}, {"shard count '2' vs '4'"});
        checkRefused({sorted[0], sorted[1], sorted[2], "--out", out}, {"shard 3/4 is missing"});
        // Replications and a sweep do not mix.
        const QStringList reps =
            runShards({"run", scenario(), "--replications", "4"}, 4, dir + "/d");
        checkRefused({sorted[0], reps[0], "--out", out}, {"command 'replications' vs 'sweep'"});
        // A shard that did not finish (no shard.csv) and a damaged shard.csv.
        QVERIFY(QFile::remove(sorted[3] + "/shard.csv"));
        checkRefused(sorted + QStringList{"--out", out},
                     {sorted[3] + ": error: not a complete shard"});
        write("refused/a/shard-3/shard.csv", "key,value\nformat,eventbench-shard 1\nshard,9/4\n");
        checkRefused(sorted + QStringList{"--out", out},
                     {sorted[3] + "/shard.csv:3:7: error: shard needs I/N"});
        QVERIFY(!QFileInfo::exists(out + "/sweep.csv"));
    }

    void shardOptionErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString f = "shard.yaml";
        QTest::newRow("I >= N") << QStringList{"sweep",   f,     "--vary", "seed=1,2",
                                               "--shard", "4/4", "--out",  "x"}
                                << "option --shard takes I/N with 0 <= I < N";
        QTest::newRow("no --out") << QStringList{"sweep", f, "--vary", "seed=1,2", "--shard", "0/2"}
                                  << "option --shard needs --out DIR";
        QTest::newRow("run without replications")
            << QStringList{"run", f, "--shard", "0/2", "--out", "x"}
            << "option --shard needs --replications N";
        QTest::newRow("merge without --out")
            << QStringList{"merge", "a", "b"} << "merge needs --out DIR";
        QTest::newRow("slurm outside an array")
            << QStringList{"sweep", f, "--vary", "seed=1,2", "--shard", "slurm", "--out", "x"}
            << "--shard: error: --shard slurm needs SLURM_ARRAY_TASK_ID and "
               "SLURM_ARRAY_TASK_COUNT";
    }
    void shardOptionErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        scenario();
        qunsetenv("SLURM_ARRAY_TASK_ID");
        qunsetenv("SLURM_ARRAY_TASK_COUNT");
        const Result r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    }

    void slurmArrayVariables() {
        // An array --array=4-7: task 5 is shard 1/4.
        qputenv("SLURM_ARRAY_TASK_ID", "5");
        qputenv("SLURM_ARRAY_TASK_COUNT", "4");
        qputenv("SLURM_ARRAY_TASK_MIN", "4");
        const QString out = m_dir.filePath("slurm");
        qputenv("SLURM_CPUS_PER_TASK", "3"); // the task's CPUs, not the host's
        const Result r = run({"sweep", scenario(), "--vary", "nodes.billing.instances=1,2,3",
                              "--replications", "2", "--shard", "slurm", "--out", out});
        qunsetenv("SLURM_CPUS_PER_TASK");
        qputenv("SLURM_ARRAY_TASK_ID", "9"); // not in the array
        const Result bad = run(
            {"sweep", scenario(), "--vary", "seed=1,2", "--shard", "slurm", "--out", out + "-bad"});
        qunsetenv("SLURM_ARRAY_TASK_ID");
        qunsetenv("SLURM_ARRAY_TASK_COUNT");
        qunsetenv("SLURM_ARRAY_TASK_MIN");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("shard 1/4: 2 of 6 runs written to"), r.out.constData());
        QVERIFY2(r.out.contains("  3 threads  wall "), r.out.constData());
        const QByteArray manifest = fileBytes(out + "/shard.csv");
        QVERIFY2(manifest.contains("\nshard,1/4\njobs,1 5\n"), manifest.constData());
        QVERIFY(manifest.contains("\ncommand,sweep\n"));
        QVERIFY(manifest.contains("\nvary,nodes.billing.instances=1,2,3\n") ||
                manifest.contains("\nvary,\"nodes.billing.instances=1,2,3\"\n"));
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("task 9 of an array of 4 tasks from 4 is not a shard"),
                 bad.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestShardMerge)
#include "tst_shard_merge.moc"
