// model::ResultsStore's sweeps (issue 17, schema version 5): a sweep recorded whole reads
// back value for value (NaN intervals of one replication included), lists as one entry of
// kind sweep, has no run report, is deleted with all its rows; a version 4 store is migrated
// in place with its runs kept, and takes sweeps afterwards.
#include <QtTest>

#include <QTemporaryDir>

#include <sqlite3.h>

#include <cmath>
#include <sstream>

#include "model/results/ReportWriter.h"
#include "model/store/ResultsStore.h"

using namespace eventbench::model;

namespace {

QStringList query(const std::string &path, const char *sql) {
    sqlite3 *db = nullptr;
    QStringList out;
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
        out << QString("cannot query: ") + sqlite3_errmsg(db);
        sqlite3_close(db);
        return out;
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        QStringList cols;
        for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
            const auto *text = sqlite3_column_text(stmt, i);
            cols << (text ? QString::fromUtf8(reinterpret_cast<const char *>(text)) : "NULL");
        }
        out << cols.join('|');
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

bool execSql(const std::string &path, const char *sql) {
    sqlite3 *db = nullptr;
    const bool ok = sqlite3_open(path.c_str(), &db) == SQLITE_OK &&
                    sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

RunReport sampleReport() {
    RunReport r;
    r.scenario = "store-test";
    r.sampleTimes = {1, 2};
    r.series = {{"orders", "produced", {10, 12}}};
    r.summary = {{"orders", "produced", "total", 22}, {"ledger", "unaccounted", "total", 0}};
    r.events = {{1'500'000'000, "billing", "crash", "billing#0"}};
    r.expectations = {{"total(orders.produced) > 20", true, 22, true}};
    r.seed = 7;
    r.simSeconds = 2;
    r.wallSeconds = 0.125;
    r.eventCount = 99;
    r.messages = 22;
    r.fingerprint = 0x0123'4567'89ab'cdefULL;
    return r;
}

RunRecord record(const std::string &scenario, std::uint64_t seed) {
    RunRecord rec;
    rec.scenario = scenario;
    rec.seed = seed;
    rec.scenarioText = "scenario: " + scenario + "\n";
    rec.options = "--vary nodes.billing.instances=1,2 --replications 3";
    rec.startedAt = "2026-01-02T03:04:05Z";
    rec.nodes = {{"orders", NodeKind::Producer}, {"billing", NodeKind::Consumer}};
    return rec;
}

std::string csv(const RunReport &r) {
    std::ostringstream out;
    writeTimeseriesCsv(out, r);
    writeSummaryCsv(out, r);
    writeEventsCsv(out, r);
    return out.str();
}

/// Two combinations of instances 1 and 2 with three replications; the second has a figure of
/// one value (no interval) and a failed expectation.
StoredSweep sampleSweep() {
    const double nan = std::nan("");
    StoredSweep s;
    s.paths = {"nodes.billing.instances"};
    s.replications = 3;
    s.combinations = {{{"1"},
                       {{"billing", "latency", "mean", {0.0125, 0.0101, 0.0149, 3}},
                        {"ledger", "unaccounted", "total", {0, 0, 0, 3}}},
                       2,
                       0},
                      {{"2"},
                       {{"billing", "latency", "mean", {0.00625, nan, nan, 1}},
                        {"ledger", "unaccounted", "total", {0, 0, 0, 3}}},
                       2,
                       1}};
    return s;
}

bool same(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

void compareSweeps(const StoredSweep &got, const StoredSweep &want) {
    QCOMPARE(got.paths, want.paths);
    QCOMPARE(got.replications, want.replications);
    QCOMPARE(got.combinations.size(), want.combinations.size());
    for (std::size_t c = 0; c < want.combinations.size(); ++c) {
        const auto &g = got.combinations[c];
        const auto &w = want.combinations[c];
        QCOMPARE(g.values, w.values);
        QCOMPARE(g.expectations, w.expectations);
        QCOMPARE(g.failed, w.failed);
        QCOMPARE(g.figures.size(), w.figures.size());
        for (std::size_t i = 0; i < w.figures.size(); ++i) {
            QCOMPARE(g.figures[i].node + g.figures[i].metric + g.figures[i].stat,
                     w.figures[i].node + w.figures[i].metric + w.figures[i].stat);
            QVERIFY(same(g.figures[i].ci.mean, w.figures[i].ci.mean));
            QVERIFY(same(g.figures[i].ci.low, w.figures[i].ci.low));
            QVERIFY(same(g.figures[i].ci.high, w.figures[i].ci.high));
            QCOMPARE(g.figures[i].ci.n, w.figures[i].ci.n);
        }
    }
}

} // namespace

class TestStoreSweeps : public QObject {
    Q_OBJECT

  private slots:
    void recordsASweepAndReadsItBack() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("s.db").toStdString();
        ResultsStore store;
        QVERIFY(store.open(path).empty());
        QCOMPARE(query(path, "PRAGMA user_version"), QStringList{"5"});
        QVERIFY(store.recordRun(sampleReport(), record("store-test", 7), "pass", nullptr));
        Diagnostics diags;
        const auto id =
            store.recordSweep(record("sweep-test", 11), sampleSweep(), 1.5, "abc123", &diags);
        QVERIFY2(id, diags.empty() ? "" : diags[0].format().c_str());
        QCOMPARE(*id, std::int64_t{2});

        const auto back = store.loadSweep(*id, nullptr);
        QVERIFY(back);
        compareSweeps(*back, sampleSweep());
        QVERIFY(!back->allPass());
        QCOMPARE(back->figure(1, "billing", "latency", "mean")->ci.mean, 0.00625);
        QVERIFY(back->figure(2, "billing", "latency", "mean") == nullptr);

        // One entry of kind sweep, with its base scenario, seed and options.
        const auto runs = store.listRuns("", nullptr);
        QCOMPARE(runs.size(), std::size_t{2});
        QCOMPARE(QString::fromStdString(runs[0].kind), QString("run"));
        const StoredRun &s = runs[1];
        QCOMPARE(QString::fromStdString(s.kind + "|" + s.scenario + "|" + s.status + "|" +
                                        s.verdict + "|" + s.options + "|" + s.scenarioSha256),
                 QString("sweep|sweep-test|complete|fail|--vary nodes.billing.instances=1,2 "
                         "--replications 3|abc123"));
        QCOMPARE(s.seed, std::uint64_t{11});
        QCOMPARE(s.wallSeconds, 1.5);
        QCOMPARE(s.samples, std::int64_t{0});
        QCOMPARE(store.nodeKinds(*id).size(), std::size_t{2});
        QCOMPARE(store.scenarioText(*id), std::string("scenario: sweep-test\n"));
        // The figures as rows; an interval of one value is NULL.
        QCOMPARE(query(path, "SELECT combination, idx, node, metric, stat, mean, ci95_low, n "
                             "FROM sweep_figures WHERE idx = 0 ORDER BY combination"),
                 (QStringList{"0|0|billing|latency|mean|0.0125|0.0101|3",
                              "1|0|billing|latency|mean|0.00625|NULL|1"}));
        QCOMPARE(query(path, "SELECT combination, knob, value FROM sweep_values"),
                 (QStringList{"0|0|1", "1|0|2"}));

        // No run report for a sweep; no sweep for a run.
        diags.clear();
        QVERIFY(!store.loadReport(*id, &diags));
        QVERIFY(diags.at(0).message.find("is a sweep") != std::string::npos);
        diags.clear();
        QVERIFY(!store.loadSweep(1, &diags));
        QCOMPARE(QString::fromStdString(diags.at(0).message),
                 QString("no sweep 1 in this results store"));

        // A sweep where every combination passes is recorded as pass.
        StoredSweep passing = sampleSweep();
        passing.combinations[1].failed = 0;
        const auto second = store.recordSweep(record("sweep-test", 12), passing, 1, "x", nullptr);
        QVERIFY(second);
        QCOMPARE(QString::fromStdString(store.findRun(*second, nullptr)->verdict), QString("pass"));
    }

    void deletesASweepEntirely() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("d.db").toStdString();
        ResultsStore store;
        QVERIFY(store.open(path).empty());
        const auto a = store.recordSweep(record("sweep-test", 1), sampleSweep(), 1, "x", nullptr);
        QVERIFY(store.recordRun(sampleReport(), record("store-test", 7), "pass", nullptr));
        const auto b = store.recordSweep(record("sweep-test", 2), sampleSweep(), 1, "x", nullptr);
        QVERIFY(a && b);
        QVERIFY(store.deleteRun(*a, nullptr));
        for (const char *table :
             {"sweeps", "sweep_knobs", "sweep_combinations", "sweep_values", "sweep_figures"}) {
            const std::string sql =
                std::string("SELECT group_concat(DISTINCT run_id) FROM ") + table;
            QCOMPARE(query(path, sql.c_str()), QStringList{QString::number(*b)});
        }
        QCOMPARE(query(path, "SELECT id, kind FROM runs ORDER BY id"),
                 (QStringList{"2|run", "3|sweep"}));
        QVERIFY(!store.loadSweep(*a, nullptr));
        compareSweeps(*store.loadSweep(*b, nullptr), sampleSweep());
    }

    void migratesSchemaFour() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("v4.db").toStdString();
        {
            ResultsStore store;
            QVERIFY(store.open(path).empty());
            QVERIFY(store.recordRun(sampleReport(), record("store-test", 7), "pass", nullptr));
        }
        // Version 4 was this schema without the kind column and the sweep tables.
        QVERIFY(execSql(path, "DROP TABLE sweeps; DROP TABLE sweep_knobs; "
                              "DROP TABLE sweep_combinations; DROP TABLE sweep_values; "
                              "DROP TABLE sweep_figures; ALTER TABLE runs DROP COLUMN kind; "
                              "PRAGMA user_version = 4"));
        QCOMPARE(query(path, "SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'kind'"),
                 QStringList{"0"});
        {
            // A reader upgrades it too (it is read through its migration).
            ResultsStore reader;
            const Diagnostics d = reader.open(path, ResultsStore::OpenMode::ReadOnly);
            QVERIFY2(d.empty(), d.empty() ? "" : d[0].format().c_str());
            QCOMPARE(query(path, "PRAGMA user_version"), QStringList{"5"});
        }
        ResultsStore store;
        QVERIFY(store.open(path).empty());
        QCOMPARE(query(path, "PRAGMA integrity_check"), QStringList{"ok"});
        QCOMPARE(query(path, "SELECT id, kind FROM runs"), QStringList{"1|run"});
        const auto old = store.loadReport(1, nullptr);
        QVERIFY(old);
        QCOMPARE(QString::fromStdString(csv(*old)), QString::fromStdString(csv(sampleReport())));
        QCOMPARE(store.nodeKinds(1).size(), std::size_t{2});
        const auto id = store.recordSweep(record("sweep-test", 3), sampleSweep(), 2, "x", nullptr);
        QVERIFY(id);
        compareSweeps(*store.loadSweep(*id, nullptr), sampleSweep());
        QCOMPARE(store.listRuns("", nullptr).size(), std::size_t{2});
    }
};

QTEST_GUILESS_MAIN(TestStoreSweeps)
#include "tst_store_sweeps.moc"
