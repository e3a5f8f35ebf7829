// model::ResultsStore, the SQLite store behind `eventbench run --db`: what one recorded run
// leaves in each table, appending to an existing store, two writers on one file.
#include <QtTest>

#include <QTemporaryDir>

#include <sqlite3.h>

#include <cmath>
#include <limits>

#include "model/ResultsStore.h"

using namespace eventbench::model;

namespace {

RunReport sampleReport(std::uint64_t seed) {
    RunReport r;
    r.scenario = "store-test";
    r.sampleTimes = {1, 2, 3};
    r.series = {{"orders", "produced", {10, 12, 11}},
                {"billing", "latency", {0.25, std::nan(""), 0.5}}};
    r.summary = {{"orders", "produced", "total", 33}, {"ledger", "unaccounted", "total", 0}};
    r.events = {{1'500'000'000, "billing", "crash", "billing#0"}};
    r.expectations = {{"total(orders.produced) > 30", true, 33, true},
                      {"p99(nobody.latency) < 1s", false, 0, false}};
    r.seed = seed;
    r.simSeconds = 3;
    r.wallSeconds = 0.125;
    r.eventCount = 4242;
    r.messages = 33;
    r.fingerprint = 0x00ab'cdef'0123'4567ULL;
    return r;
}

RunRecord sampleRecord() {
    RunRecord rec;
    rec.scenarioText = "scenario: store-test\n";
    rec.options = "--seed 7";
    rec.startedAt = "2024-05-01T12:00:00Z";
    rec.status = "pass";
    return rec;
}

/// The rows of a query as `a|b|c` lines, NULL as `NULL`.
QStringList rows(sqlite3 *db, const char *sql) {
    QStringList out;
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
        return {QString("prepare failed: ") + sqlite3_errmsg(db)};
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        QStringList cols;
        for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
            const auto *text = sqlite3_column_text(stmt, i);
            cols << (text ? QString::fromUtf8(reinterpret_cast<const char *>(text)) : "NULL");
        }
        out << cols.join('|');
    }
    sqlite3_finalize(stmt);
    return out;
}

} // namespace

class TestResultsStore : public QObject {
    Q_OBJECT

  private slots:
    void recordsOneRunInEveryTable() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("r.db").toStdString();
        ResultsStore store;
        QVERIFY(store.open(path).empty());
        Diagnostics diags;
        const auto id = store.recordRun(sampleReport(7), sampleRecord(), &diags);
        QVERIFY(diags.empty());
        QCOMPARE(id.value_or(-1), std::int64_t{1});
        store.close();

        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        QCOMPARE(rows(db, "PRAGMA user_version"), QStringList{"1"});
        QCOMPARE(rows(db, "SELECT id, scenario, scenario_text, seed, options, started_at, "
                          "wall_seconds, status, fingerprint FROM runs"),
                 QStringList{"1|store-test|scenario: store-test\n|7|--seed 7|"
                             "2024-05-01T12:00:00Z|0.125|pass|00abcdef01234567"});
        QCOMPARE(rows(db, "SELECT node, metric, stat, value FROM summary ORDER BY rowid"),
                 (QStringList{"orders|produced|total|33.0", "ledger|unaccounted|total|0.0",
                              "run|seed|value|7.0", "run|sim_seconds|value|3.0",
                              "run|wall_seconds|value|0.125", "run|events|value|4242.0",
                              "run|messages|value|33.0"}));
        QCOMPARE(rows(db, "SELECT time_s, node, metric, value FROM samples ORDER BY rowid"),
                 (QStringList{"1.0|orders|produced|10.0", "2.0|orders|produced|12.0",
                              "3.0|orders|produced|11.0", "1.0|billing|latency|0.25",
                              "2.0|billing|latency|NULL", "3.0|billing|latency|0.5"}));
        QCOMPARE(rows(db, "SELECT run_id, time_s, node, event, detail FROM events"),
                 QStringList{"1|1.5|billing|crash|billing#0"});
        QCOMPARE(
            rows(db, "SELECT text, pass, measured FROM expectations ORDER BY rowid"),
            (QStringList{"total(orders.produced) > 30|1|33.0", "p99(nobody.latency) < 1s|0|NULL"}));
        sqlite3_close(db);
    }

    void appendsToAnExistingStore() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("r.db").toStdString();
        // An empty file is an empty database, not a foreign file.
        QFile(QString::fromStdString(path)).open(QIODevice::WriteOnly);
        for (int i = 1; i <= 3; ++i) {
            ResultsStore store;
            QVERIFY(store.open(path).empty());
            QCOMPARE(store.recordRun(sampleReport(i), sampleRecord(), nullptr).value_or(-1),
                     std::int64_t{i});
        }
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
        QCOMPARE(rows(db, "SELECT group_concat(seed) FROM runs"), QStringList{"1,2,3"});
        QCOMPARE(rows(db, "SELECT count(*) FROM samples"), QStringList{"18"});
        sqlite3_close(db);
    }

    void twoWritersShareOneStore() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("r.db").toStdString();
        ResultsStore a, b;
        QVERIFY(a.open(path).empty());
        QVERIFY(b.open(path).empty());
        QCOMPARE(a.recordRun(sampleReport(1), sampleRecord(), nullptr).value_or(-1),
                 std::int64_t{1});
        QCOMPARE(b.recordRun(sampleReport(2), sampleRecord(), nullptr).value_or(-1),
                 std::int64_t{2});
        QCOMPARE(a.recordRun(sampleReport(3), sampleRecord(), nullptr).value_or(-1),
                 std::int64_t{3});
    }

    void largestSeedKeepsItsBits() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("r.db").toStdString();
        ResultsStore store;
        QVERIFY(store.open(path).empty());
        const std::uint64_t seed = std::numeric_limits<std::uint64_t>::max();
        QVERIFY(store.recordRun(sampleReport(seed), sampleRecord(), nullptr));
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
        QCOMPARE(rows(db, "SELECT seed FROM runs"), QStringList{"-1"});
        sqlite3_close(db);
    }

    void refusalNamesTheFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("notes.txt");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("SQLite format 2 is not a thing\n");
        f.close();
        ResultsStore store;
        const Diagnostics d = store.open(path.toStdString());
        QCOMPARE(d.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(d[0].format()),
                 path + ": error: not a SQLite database; refusing to use it as a results store");
        QVERIFY(!store.isOpen());
        Diagnostics diags;
        QVERIFY(!store.recordRun(sampleReport(1), sampleRecord(), &diags));
        QCOMPARE(diags.size(), std::size_t{1});
    }
};

QTEST_GUILESS_MAIN(TestResultsStore)
#include "tst_results_store.moc"
