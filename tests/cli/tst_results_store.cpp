// model::ResultsStore, the SQLite store behind `eventbench run --db` and `eventbench runs`:
// what a recorded run leaves in each table, reading it back byte for byte, a run recorded in
// batches, interrupted runs, deletion, appending and sharing, the node kinds, the migrations
// from schema versions 1 and 2 (sweeps and version 4: tst_store_sweeps.cpp), and refusing
// (untouched) files that are not a store of this version.
#include <QtTest>

#include <QTemporaryDir>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "model/results/ReportWriter.h"
#include "model/store/ResultsStore.h"
#include "model/store/ResultsStoreOwner.h"
#include "support/CliRunner.h"

using namespace eventbench::model;
using eventbench::testing::fileBytes;

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

RunRecord sampleRecord(std::uint64_t seed = 7) {
    RunRecord rec;
    rec.scenario = "store-test";
    rec.seed = seed;
    rec.scenarioText = "scenario: store-test\n";
    rec.options = "--seed 7";
    rec.startedAt = "2024-05-01T12:00:00Z";
    return rec;
}

/// New samples (and events) of a running run, as the recorder hands them to the store.
SampleSnapshot batch(std::vector<double> times, std::vector<std::vector<double>> values,
                     std::vector<RunReport::EventRow> events = {}) {
    SampleSnapshot s;
    s.times = std::move(times);
    s.values = std::move(values);
    s.newEvents = std::move(events);
    return s;
}

/// The three CSV files of a report, concatenated (what `run --out` writes).
std::string csv(const RunReport &r) {
    std::ostringstream out;
    writeTimeseriesCsv(out, r);
    out << "--\n";
    writeSummaryCsv(out, r);
    out << "--\n";
    writeEventsCsv(out, r);
    return out.str();
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

QStringList query(const std::string &path, const char *sql) {
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return {"cannot open"};
    }
    QStringList out = rows(db, sql);
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

// Schema version 1 exactly as the first eventbench wrote it, and the rows its recordRun left
// for sampleReport(7) (status pass) and sampleReport(8) (status error).
const char *const kV1Store = R"sql(
CREATE TABLE runs(
    id INTEGER PRIMARY KEY,
    scenario TEXT NOT NULL,
    scenario_text TEXT NOT NULL,
    seed INTEGER NOT NULL,
    options TEXT NOT NULL,
    started_at TEXT NOT NULL,
    wall_seconds REAL NOT NULL,
    status TEXT NOT NULL,
    fingerprint TEXT NOT NULL);
CREATE TABLE summary(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    node TEXT NOT NULL, metric TEXT NOT NULL, stat TEXT NOT NULL, value REAL);
CREATE TABLE samples(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    time_s REAL NOT NULL, node TEXT NOT NULL, metric TEXT NOT NULL, value REAL);
CREATE TABLE events(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    time_s REAL NOT NULL, node TEXT NOT NULL, event TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE expectations(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    text TEXT NOT NULL, pass INTEGER NOT NULL, measured REAL);
CREATE INDEX summary_by_run ON summary(run_id);
CREATE INDEX samples_by_run ON samples(run_id, node, metric);
CREATE INDEX events_by_run ON events(run_id);
CREATE INDEX expectations_by_run ON expectations(run_id);
PRAGMA user_version = 1;
INSERT INTO runs VALUES(1, 'store-test', 'scenario: store-test
', 7, '--seed 7', '2024-05-01T12:00:00Z', 0.125, 'pass', '00abcdef01234567');
INSERT INTO runs VALUES(2, 'store-test', 'scenario: store-test
', 8, '', '2024-05-02T12:00:00Z', 0.125, 'error', '00abcdef01234567');
)sql";

void addV1Rows(const std::string &path, int run) {
    const std::string id = std::to_string(run);
    const std::string seed = run == 1 ? "7" : "8";
    const std::string sql = "INSERT INTO summary VALUES(" + id +
                            ",'orders','produced','total',33);"
                            "INSERT INTO summary VALUES(" +
                            id +
                            ",'ledger','unaccounted','total',0);"
                            "INSERT INTO summary VALUES(" +
                            id + ",'run','seed','value'," + seed +
                            ");"
                            "INSERT INTO summary VALUES(" +
                            id +
                            ",'run','sim_seconds','value',3);"
                            "INSERT INTO summary VALUES(" +
                            id +
                            ",'run','wall_seconds','value',0.125);"
                            "INSERT INTO summary VALUES(" +
                            id +
                            ",'run','events','value',4242);"
                            "INSERT INTO summary VALUES(" +
                            id +
                            ",'run','messages','value',33);"
                            "INSERT INTO samples VALUES(" +
                            id +
                            ",1,'orders','produced',10);"
                            "INSERT INTO samples VALUES(" +
                            id +
                            ",2,'orders','produced',12);"
                            "INSERT INTO samples VALUES(" +
                            id +
                            ",3,'orders','produced',11);"
                            "INSERT INTO samples VALUES(" +
                            id +
                            ",1,'billing','latency',0.25);"
                            "INSERT INTO samples VALUES(" +
                            id +
                            ",2,'billing','latency',NULL);"
                            "INSERT INTO samples VALUES(" +
                            id +
                            ",3,'billing','latency',0.5);"
                            "INSERT INTO events VALUES(" +
                            id +
                            ",1.5,'billing','crash','billing#0');"
                            "INSERT INTO expectations VALUES(" +
                            id +
                            ",'total(orders.produced) > 30',1,33);"
                            "INSERT INTO expectations VALUES(" +
                            id + ",'p99(nobody.latency) < 1s',0,NULL);";
    QVERIFY(execSql(path, sql.c_str()));
}

const QString kVersion = QString::number(ResultsStore::kSchemaVersion);

/// This host and boot, a pid that cannot exist: the token of a process that is gone.
std::string goneOwner() {
    const QStringList parts = QString::fromStdString(currentRunOwner()).split('|');
    return (parts.value(0) + "|" + parts.value(1) + "|999999999|1").toStdString();
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
        const auto id = store.recordRun(sampleReport(7), sampleRecord(), "pass", &diags);
        QVERIFY(diags.empty());
        QCOMPARE(id.value_or(-1), std::int64_t{1});
        store.close();

        QCOMPARE(query(path, "PRAGMA user_version"), QStringList{kVersion});
        QCOMPARE(query(path, "PRAGMA journal_mode"), QStringList{"wal"});
        QCOMPARE(query(path, "SELECT id, scenario, scenario_text, seed, options, source, "
                             "started_at, length(ended_at), status, verdict, owner, "
                             "wall_seconds, sim_seconds, events, messages, fingerprint FROM runs"),
                 QStringList{"1|store-test|scenario: store-test\n|7|--seed 7|cli|"
                             "2024-05-01T12:00:00Z|20|complete|pass|NULL|0.125|3.0|4242|33|"
                             "00abcdef01234567"});
        QCOMPARE(query(path, "SELECT idx, node, metric FROM series ORDER BY idx"),
                 (QStringList{"0|orders|produced", "1|billing|latency"}));
        QCOMPARE(query(path, "SELECT sample, time_s, values_json FROM samples ORDER BY sample"),
                 (QStringList{"0|1.0|[10,0.25]", "1|2.0|[12,null]", "2|3.0|[11,0.5]"}));
        QCOMPARE(
            query(path, "SELECT sample, node, metric, value FROM sample_values "
                        "ORDER BY sample, node"),
            (QStringList{"0|billing|latency|0.25", "0|orders|produced|10", "1|billing|latency|NULL",
                         "1|orders|produced|12", "2|billing|latency|0.5", "2|orders|produced|11"}));
        QCOMPARE(query(path, "SELECT idx, node, metric, stat, value FROM summary ORDER BY idx"),
                 (QStringList{"0|orders|produced|total|33.0", "1|ledger|unaccounted|total|0.0"}));
        QCOMPARE(query(path, "SELECT idx, time_ns, time_s, node, event, detail FROM events"),
                 QStringList{"0|1500000000|1.5|billing|crash|billing#0"});
        QCOMPARE(query(path, "SELECT text, pass, measured, known FROM expectations ORDER BY idx"),
                 (QStringList{"total(orders.produced) > 30|1|33.0|1",
                              "p99(nobody.latency) < 1s|0|0.0|0"}));
    }

    void readsBackWhatRunOutWrites_data() {
        QTest::addColumn<int>("variant");
        QTest::newRow("plain") << 0;
        QTest::newRow("awkward values") << 1;
        QTest::newRow("quoted text") << 2;
        QTest::newRow("no samples") << 3;
        QTest::newRow("no ledger (a live run)") << 4;
    }
    void readsBackWhatRunOutWrites() {
        QFETCH(int, variant);
        RunReport r = sampleReport(7);
        const double inf = std::numeric_limits<double>::infinity();
        if (variant == 1) {
            r.sampleTimes = {0.1, 0.30000000000000004, 1e9, 3.5e-7};
            r.series = {{"a", "m", {-0.0, 5e-324, 1e300, inf}},
                        {"b", "m", {-inf, std::nan(""), 0.1 + 0.2, 123456789012345678.0}},
                        {"c", "m", {1, 2}}}; // shorter than the others: its rows stop
            r.summary.push_back({"a", "m", "p99", std::nan("")});
            r.summary.push_back({"a", "m", "max", -inf});
            r.seed = std::numeric_limits<std::uint64_t>::max();
            r.eventCount = (1ULL << 63) + 5;
            r.fingerprint = ~0ULL;
            r.wallSeconds = 1.0 / 3;
            r.events.push_back({std::numeric_limits<std::int64_t>::max(), "b", "outage", ""});
        } else if (variant == 2) {
            r.series[0].node = "a,b";
            r.series[1].metric = "say \"hi\"";
            r.events.push_back({3, "x,y", "fault \"z\"", "line\nbreak, comma"});
            r.expectations.push_back({"max(\"a,b\".lag) < 5", false, std::nan(""), true});
        } else if (variant == 3) {
            r.sampleTimes.clear();
            r.series.clear();
            r.events.clear();
            r.expectations.clear();
        } else if (variant == 4) {
            r.summary.pop_back(); // ledger.unaccounted
            r.unaccountedMeasured = false;
        }
        QTemporaryDir dir;
        ResultsStore store;
        QVERIFY(store.open(dir.filePath("r.db").toStdString()).empty());
        const auto id = store.recordRun(r, sampleRecord(r.seed), "fail", nullptr);
        QVERIFY(id);
        Diagnostics diags;
        const auto back = store.loadReport(*id, &diags);
        QVERIFY(diags.empty());
        QVERIFY(back);
        QCOMPARE(QString::fromStdString(csv(*back)), QString::fromStdString(csv(r)));
        QCOMPARE(back->seed, r.seed);
        QCOMPARE(back->eventCount, r.eventCount);
        // A missing ledger.unaccounted row reads back as not measured, never as 0.
        QCOMPARE(back->unaccountedMeasured, r.unaccountedMeasured);
        QCOMPARE(back->unaccounted, r.unaccounted);
        const auto listed = store.findRun(*id, nullptr);
        QVERIFY(listed);
        QCOMPARE(listed->seed, r.seed);
        QCOMPARE(QString::fromStdString(listed->status + "/" + listed->verdict),
                 QString("complete/fail"));
        QCOMPARE(listed->samples, std::int64_t(r.sampleTimes.size()));
    }

    void recordsInBatchesAsTheRunGoes() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("r.db").toStdString();
        ResultsStore store;
        QVERIFY(store.open(path).empty());
        RunReport full = sampleReport(7);
        full.events.push_back({2'000'000'000, "orders", "spike", "x2"});
        full.events.push_back({3'000'000'000, "orders", "spike", "reverted"});
        const auto id = store.beginRun(sampleRecord(),
                                       {{"orders", "produced"}, {"billing", "latency"}}, nullptr);
        QVERIFY(id);
        QCOMPARE(query(path, "SELECT status, owner IS NOT NULL FROM runs"),
                 QStringList{"running|1"});
        // Two batches (samples 0-1 with the first event, then nothing new), then the end.
        QVERIFY(store.appendBatch(
            *id, batch({1, 2}, {{10, 12}, {0.25, std::nan("")}}, {full.events[0]}), 0.5, nullptr));
        QVERIFY(store.appendBatch(*id, {}, 0.75, nullptr));
        QCOMPARE(query(path, "SELECT count(*), max(sample) FROM samples"), QStringList{"2|1"});
        QCOMPARE(query(path, "SELECT wall_seconds FROM runs"), QStringList{"0.75"});
        const auto during = store.findRun(*id, nullptr);
        QVERIFY(during);
        QCOMPARE(QString::fromStdString(during->status), QString("running"));
        QCOMPARE(during->samples, std::int64_t{2});
        QCOMPARE(during->simSeconds, 2.0);

        QVERIFY(store.finishRun(*id, full, "pass", nullptr));
        const auto back = store.loadReport(*id, nullptr);
        QVERIFY(back);
        QCOMPARE(QString::fromStdString(csv(*back)), QString::fromStdString(csv(full)));
        QCOMPARE(query(path, "SELECT group_concat(idx) FROM events"), QStringList{"0,1,2"});
        QCOMPARE(query(path, "SELECT status, verdict, owner FROM runs"),
                 QStringList{"complete|pass|NULL"});
        // A finished run takes no more batches.
        Diagnostics diags;
        QVERIFY(!store.appendBatch(*id, batch({4}, {{1}, {1}}), 1, &diags));
        QCOMPARE(diags.size(), std::size_t{1});
    }

    void aRunWhoseProcessIsGoneIsInterrupted() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("r.db").toStdString();
        ResultsStore writer;
        QVERIFY(writer.open(path).empty());
        const auto alive = writer.beginRun(sampleRecord(1), {{"orders", "produced"}}, nullptr);
        const auto dead = writer.beginRun(sampleRecord(2), {{"orders", "produced"}}, nullptr);
        QVERIFY(alive && dead);
        QVERIFY(writer.appendBatch(*dead, batch({1, 2, 3}, {{5, 6, 7}}), 2.5, nullptr));
        // As if the process recording `dead` had been killed.
        const std::string sql =
            "UPDATE runs SET owner = '" + goneOwner() + "' WHERE id = " + std::to_string(*dead);
        QVERIFY(execSql(path, sql.c_str()));

        // Listing tells them apart before anyone fixes the stored status...
        std::vector<StoredRun> runs = writer.listRuns("", nullptr);
        QCOMPARE(runs.size(), std::size_t{2});
        QCOMPARE(QString::fromStdString(runs[0].status), QString("running"));
        QCOMPARE(QString::fromStdString(runs[1].status), QString("interrupted"));
        QCOMPARE(runs[1].samples, std::int64_t{3});
        QCOMPARE(runs[1].wallSeconds, 2.5);
        // ...and the next open records it.
        ResultsStore reader;
        QVERIFY(reader.open(path).empty());
        QCOMPARE(query(path, "SELECT group_concat(status) FROM runs"),
                 QStringList{"running,interrupted"});
        const auto report = reader.loadReport(*dead, nullptr);
        QVERIFY(report);
        QCOMPARE(report->series.at(0).values, (std::vector<double>{5, 6, 7}));
        QVERIFY(report->summary.empty());
        // A run stopped on purpose is interrupted too.
        QVERIFY(writer.interruptRun(*alive, 4, nullptr));
        QCOMPARE(query(path, "SELECT status, wall_seconds FROM runs WHERE id = 1"),
                 QStringList{"interrupted|4.0"});
    }

    void ownerStates() {
        QCOMPARE(runOwnerState(currentRunOwner()), OwnerState::Alive);
        QCOMPARE(runOwnerState(goneOwner()), OwnerState::Gone);
        QCOMPARE(runOwnerState("elsewhere|b|1|2"), OwnerState::Unknown);
        QCOMPARE(runOwnerState("garbage"), OwnerState::Unknown);
        // A child that has exited and been reaped is gone, though its pid was real.
        const pid_t child = fork();
        if (child == 0)
            _exit(0);
        QVERIFY(child > 0);
        const QStringList parts = QString::fromStdString(currentRunOwner()).split('|');
        const std::string token =
            (parts[0] + "|" + parts[1] + "|" + QString::number(child) + "|" + parts[3])
                .toStdString();
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QCOMPARE(runOwnerState(token), OwnerState::Gone);
    }

    void deletesARunAndOnlyIt() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("r.db").toStdString();
        ResultsStore store;
        QVERIFY(store.open(path).empty());
        QVERIFY(store.recordRun(sampleReport(1), sampleRecord(1), "pass", nullptr));
        QVERIFY(store.recordRun(sampleReport(2), sampleRecord(2), "pass", nullptr));
        QVERIFY(store.deleteRun(1, nullptr));
        for (const char *table : {"series", "samples", "summary", "events", "expectations"}) {
            const std::string sql =
                std::string("SELECT group_concat(DISTINCT run_id) FROM ") + table;
            QCOMPARE(query(path, sql.c_str()), QStringList{"2"});
        }
        Diagnostics diags;
        QVERIFY(!store.deleteRun(1, &diags));
        QCOMPARE(QString::fromStdString(diags.at(0).format()),
                 QString::fromStdString(path) + ": error: no run 1 in this results store");
        // A run still being recorded by a live process is not deleted under it.
        const auto running = store.beginRun(sampleRecord(3), {}, nullptr);
        QVERIFY(running);
        diags.clear();
        QVERIFY(!store.deleteRun(*running, &diags));
        QVERIFY(diags.at(0).message.find("still being recorded") != std::string::npos);
    }

    void listsAndFiltersByScenario() {
        QTemporaryDir dir;
        ResultsStore store;
        QVERIFY(store.open(dir.filePath("r.db").toStdString()).empty());
        RunRecord other = sampleRecord(3);
        other.scenario = "other";
        QVERIFY(store.recordRun(sampleReport(1), sampleRecord(1), "pass", nullptr));
        QVERIFY(store.recordRun(sampleReport(3), other, "error", nullptr));
        QVERIFY(store.recordRun(sampleReport(2), sampleRecord(2), "fail", nullptr));
        QString seen;
        for (const auto &r : store.listRuns("store-test", nullptr))
            seen += QString("%1:%2:%3 ").arg(r.id).arg(r.seed).arg(r.status.c_str());
        QCOMPARE(seen, QString("1:1:complete 3:2:complete "));
        const auto failed = store.listRuns("other", nullptr);
        QCOMPARE(failed.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(failed[0].status + "/" + failed[0].verdict),
                 QString("failed/error"));
        QVERIFY(store.listRuns("nothing", nullptr).empty());
    }

    void appendsToAnExistingStore() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("r.db").toStdString();
        // An empty file is an empty database, not a foreign file.
        QFile(QString::fromStdString(path)).open(QIODevice::WriteOnly);
        for (int i = 1; i <= 3; ++i) {
            ResultsStore store;
            QVERIFY(store.open(path, ResultsStore::OpenMode::MustExist).empty());
            QCOMPARE(
                store.recordRun(sampleReport(i), sampleRecord(i), "pass", nullptr).value_or(-1),
                std::int64_t{i});
        }
        QCOMPARE(query(path, "SELECT group_concat(seed) FROM runs"), QStringList{"1,2,3"});
        QCOMPARE(query(path, "SELECT count(*) FROM samples"), QStringList{"9"});
    }

    void twoWritersShareOneStore() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("r.db").toStdString();
        ResultsStore a, b;
        QVERIFY(a.open(path).empty());
        QVERIFY(b.open(path).empty());
        const auto ra = a.beginRun(sampleRecord(1), {{"orders", "produced"}}, nullptr);
        const auto rb = b.beginRun(sampleRecord(2), {{"orders", "produced"}}, nullptr);
        QVERIFY(ra && rb);
        QVERIFY(a.appendBatch(*ra, batch({1}, {{1}}), 0, nullptr));
        QVERIFY(b.appendBatch(*rb, batch({1, 2}, {{2, 2}}), 0, nullptr));
        QVERIFY(a.appendBatch(*ra, batch({2}, {{1}}), 0, nullptr));
        QCOMPARE(query(path, "SELECT run_id, group_concat(values_json) FROM samples "
                             "GROUP BY run_id"),
                 (QStringList{"1|[1],[1]", "2|[2],[2]"}));
    }

    void migratesTheFirstSchema() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("v1.db").toStdString();
        QVERIFY(execSql(path, kV1Store));
        addV1Rows(path, 1);
        addV1Rows(path, 2);

        ResultsStore store;
        const Diagnostics d = store.open(path);
        QVERIFY2(d.empty(), d.empty() ? "" : d[0].format().c_str());
        QCOMPARE(query(path, "PRAGMA user_version"), QStringList{kVersion});
        QCOMPARE(query(path, "PRAGMA integrity_check"), QStringList{"ok"});
        QCOMPARE(query(path, "PRAGMA foreign_key_check"), QStringList{});
        QCOMPARE(query(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
                 (QStringList{"events", "expectations", "nodes", "runs", "samples", "series",
                              "sqlite_sequence", "summary", "sweep_combinations", "sweep_figures",
                              "sweep_knobs", "sweep_values", "sweeps"}));
        QVERIFY(store.nodeKinds(1).empty()); // not recorded then
        QCOMPARE(query(path, "SELECT name, seq FROM sqlite_sequence"), QStringList{"runs|2"});
        const auto runs = store.listRuns("", nullptr);
        QCOMPARE(runs.size(), std::size_t{2});
        QCOMPARE(QString::fromStdString(runs[0].status + "/" + runs[0].verdict + "/" +
                                        runs[0].options + "/" + runs[0].startedAt),
                 QString("complete/pass/--seed 7/2024-05-01T12:00:00Z"));
        QCOMPARE(QString::fromStdString(runs[1].status + "/" + runs[1].verdict),
                 QString("failed/error"));
        QCOMPARE(runs[0].samples, std::int64_t{3});
        QCOMPARE(runs[0].events, std::uint64_t{4242});
        QCOMPARE(QString::fromStdString(store.scenarioText(1)), QString("scenario: store-test\n"));
        // Everything the first version kept reads back as the report it recorded.
        for (std::uint64_t seed : {7, 8}) {
            const auto back = store.loadReport(static_cast<std::int64_t>(seed - 6), nullptr);
            QVERIFY(back);
            QCOMPARE(QString::fromStdString(csv(*back)),
                     QString::fromStdString(csv(sampleReport(seed))));
        }
        // And the migrated store takes new runs.
        QCOMPARE(store.recordRun(sampleReport(9), sampleRecord(9), "pass", nullptr).value_or(-1),
                 std::int64_t{3});
        store.close();
        ResultsStore again;
        QVERIFY(again.open(path).empty());
        QCOMPARE(again.listRuns("", nullptr).size(), std::size_t{3});
    }

    void recordsTheNodesKinds() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("r.db").toStdString();
        ResultsStore store;
        QVERIFY(store.open(path).empty());
        RunRecord rec = sampleRecord();
        rec.nodes = {{"orders", NodeKind::Producer}, {"billing", NodeKind::Consumer}};
        const auto id = store.recordRun(sampleReport(7), rec, "pass", nullptr);
        QVERIFY(id);
        QCOMPARE(query(path, "SELECT run_id, idx, node, kind FROM nodes ORDER BY idx"),
                 (QStringList{"1|0|orders|producer", "1|1|billing|consumer"}));
        QCOMPARE(store.nodeKinds(*id), rec.nodes);
        QVERIFY(store.deleteRun(*id, nullptr));
        QCOMPARE(query(path, "SELECT count(*) FROM nodes"), QStringList{"0"});
    }

    void migratesSchemaTwo() {
        // Version 2 was this schema without the nodes table and the provenance columns.
        QTemporaryDir dir;
        const std::string path = dir.filePath("v2.db").toStdString();
        {
            ResultsStore store;
            QVERIFY(store.open(path).empty());
            QVERIFY(store.recordRun(sampleReport(7), sampleRecord(7), "pass", nullptr));
        }
        QVERIFY(execSql(path, "DROP TABLE nodes; ALTER TABLE runs DROP COLUMN version; "
                              "ALTER TABLE runs DROP COLUMN scenario_sha256; "
                              "PRAGMA user_version = 2"));

        ResultsStore store;
        const Diagnostics d = store.open(path);
        QVERIFY2(d.empty(), d.empty() ? "" : d[0].format().c_str());
        QCOMPARE(query(path, "PRAGMA user_version"), QStringList{kVersion});
        QCOMPARE(query(path, "PRAGMA integrity_check"), QStringList{"ok"});
        // The old run reads back as before, without kinds (readers fall back to a guess).
        const auto back = store.loadReport(1, nullptr);
        QVERIFY(back);
        QCOMPARE(QString::fromStdString(csv(*back)), QString::fromStdString(csv(sampleReport(7))));
        QVERIFY(store.nodeKinds(1).empty());
        // New runs record their kinds.
        RunRecord rec = sampleRecord(8);
        rec.nodes = {{"orders", NodeKind::Producer}};
        const auto id = store.recordRun(sampleReport(8), rec, "pass", nullptr);
        QVERIFY(id);
        QCOMPARE(store.nodeKinds(*id), rec.nodes);
    }

    void refusesWithoutTouching_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("text file")
            << "text"
            << "not a SQLite database; refusing to use it as a results store";
        QTest::newRow("header then garbage") << "garbage"
                                             << "cannot read results store: file is not a "
                                                "database";
        QTest::newRow("other SQLite database") << "other"
                                               << "a SQLite database with other tables, not an "
                                                  "eventbench results store";
        QTest::newRow("newer schema") << "newer"
                                      << QString("results store has schema version %1, newer "
                                                 "than this eventbench understands (%2); use a "
                                                 "newer eventbench")
                                             .arg(ResultsStore::kSchemaVersion + 1)
                                             .arg(ResultsStore::kSchemaVersion);
        QTest::newRow("no runs table") << "damaged"
                                       << "results store is damaged: it has no runs table";
        QTest::newRow("runs table of another shape") << "shape"
                                                     << "results store is damaged: no such "
                                                        "column: scenario";
        QTest::newRow("directory") << "dir"
                                   << "a directory, not a results store";
        QTest::newRow("missing") << "missing"
                                 << "no such results store";
    }
    void refusesWithoutTouching() {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath("store");
        const std::string p = path.toStdString();
        if (kind == "text" || kind == "garbage") {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            if (kind == "garbage") {
                f.write(QByteArray("SQLite format 3\0", 16));
                for (int i = 0; i < 4000; ++i)
                    f.putChar(char((i * 37 + 11) % 251));
            } else {
                f.write("my notes, please leave them alone\n");
            }
        } else if (kind == "dir") {
            QVERIFY(QDir().mkpath(path));
        } else if (kind != "missing") {
            const std::string newer = "CREATE TABLE runs(id); PRAGMA user_version = " +
                                      std::to_string(ResultsStore::kSchemaVersion + 1);
            const char *sql = kind == "other" ? "CREATE TABLE notes(x); INSERT INTO notes VALUES(1)"
                              : kind == "newer" ? newer.c_str()
                              : kind == "shape" ? "CREATE TABLE runs(id); PRAGMA user_version = 2"
                                                : "CREATE TABLE x(id); PRAGMA user_version = 2";
            QVERIFY(execSql(p, sql));
        }
        const QByteArray before = fileBytes(path);
        const QStringList entries =
            QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries);
        ResultsStore store;
        const Diagnostics d =
            store.open(p, kind == "missing" ? ResultsStore::OpenMode::MustExist
                                            : ResultsStore::OpenMode::CreateIfMissing);
        QCOMPARE(d.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(d[0].format()), path + ": error: " + message);
        QVERIFY(!store.isOpen());
        QCOMPARE(fileBytes(path), before);
        // No -wal, -shm or new file appeared beside it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), entries);
        Diagnostics diags;
        QVERIFY(!store.recordRun(sampleReport(1), sampleRecord(), "pass", &diags));
        QCOMPARE(diags.size(), std::size_t{1});
    }
};

QTEST_GUILESS_MAIN(TestResultsStore)
#include "tst_results_store.moc"
