// The results store's checks before anything is written (README.md#results-store), end to end
// with the real binary: a damaged store (a page of the runs table overwritten) and a foreign
// SQLite file with our version number are refused and left byte-identical; `runs list`,
// `show`, `export` and `compare` open read-only, so a write-protected store is listed without
// being written; a store that cannot be written is refused before the run starts. (As root the
// store is protected with chattr +i; where that is not allowed those two tests skip.)
#include <QtTest>

#include <QProcess>

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/store/ResultsStoreOwner.h"
#include "support/CliRunner.h"

using eventbench::testing::fileBytes;

namespace {

const char *const kSmall = R"(scenario: small
seed: 2
duration: 10s
nodes:
  p: {kind: producer, rate: 50/s}
  t: {kind: topic}
  c: {kind: consumer}
edges:
  - p -> t
  - t -> c
)";

/// Rows of `sql` (first column), read through a read-only connection.
QStringList query(const QString &db, const char *sql) {
    sqlite3 *h = nullptr;
    QStringList rows;
    if (sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(h, sql, -1, &stmt, nullptr) == SQLITE_OK)
            while (sqlite3_step(stmt) == SQLITE_ROW)
                rows << QString::fromUtf8(
                    reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        sqlite3_finalize(stmt);
    }
    sqlite3_close(h);
    return rows;
}

bool exec(const QString &db, const std::string &sql) {
    sqlite3 *h = nullptr;
    bool ok = sqlite3_open(db.toUtf8().constData(), &h) == SQLITE_OK &&
              sqlite3_exec(h, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(h);
    return ok;
}

} // namespace

class TestStoreChecks : public eventbench::testing::CliTest {
    Q_OBJECT

    QString m_scenario;

    /// A store with two runs recorded by the binary.
    QString recordedStore(const QString &name) {
        const QString db = m_dir.filePath(name);
        for (int i = 0; i < 2; ++i) {
            const Result r = run({"run", m_scenario, "--db", db, "--quiet"});
            if (r.exitCode != 0)
                qFatal("cannot record a run: %s", r.err.constData());
        }
        return db;
    }

    /// Makes `db` unwritable for this user: mode 0444, or as root (who ignores mode bits) the
    /// immutable attribute; false when neither can be done (root without chattr +i).
    static bool protect(const QString &db) {
        if (geteuid() != 0)
            return chmod(db.toUtf8().constData(), 0444) == 0;
        return QProcess::execute("chattr", {"+i", db}) == 0;
    }
    static void unprotect(const QString &db) {
        if (geteuid() == 0)
            QProcess::execute("chattr", {"-i", db});
        else
            chmod(db.toUtf8().constData(), 0644);
    }

  private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_scenario = write("small.yaml", kSmall);
    }

    void damagedStoreIsLeftAlone() {
        const QString db = recordedStore("damaged.db");
        QVERIFY(!QFile::exists(db + "-wal"));
        const int page = query(db, "PRAGMA page_size").value(0).toInt();
        const int root =
            query(db, "SELECT rootpage FROM sqlite_master WHERE name = 'runs'").value(0).toInt();
        QVERIFY(page >= 512 && root > 1);
        {
            // Overwrite the runs table's page after its type byte: cell pointers and cells.
            QFile f(db);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(qint64(root - 1) * page + 1));
            QByteArray junk(page - 1, '\0');
            for (int i = 0; i < junk.size(); ++i)
                junk[i] = char((i * 131 + 7) % 256);
            QCOMPARE(f.write(junk), qint64(junk.size()));
        }
        QVERIFY(query(db, "PRAGMA integrity_check").value(0) != "ok");
        const QByteArray before = fileBytes(db);

        const Result r = run({"run", m_scenario, "--db", db});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith((db + ": error: results store is damaged (PRAGMA "
                                        "quick_check: ")
                                      .toUtf8()),
                 r.err.constData());
        QVERIFY(r.out.isEmpty()); // refused before the run
        QCOMPARE(fileBytes(db), before);

        const Result list = run({"runs", "list", "--db", db});
        QCOMPARE(list.exitCode, 2);
        QVERIFY2(list.err.contains("results store is damaged"), list.err.constData());
        QVERIFY2(!list.out.contains("no runs recorded"), list.out.constData());

        const Result show = run({"runs", "show", "1", "--db", db});
        QCOMPARE(show.exitCode, 2);
        QVERIFY2(show.out.isEmpty(), show.out.constData());
        QVERIFY2(show.err.contains("results store is damaged"), show.err.constData());
        QCOMPARE(fileBytes(db), before);
        // Readers of a WAL store may leave an empty -wal beside it; nothing was written there.
        QCOMPARE(QFileInfo(db + "-wal").size(), qint64(0));
    }

    void foreignVersionOneFileIsLeftAlone() {
        const QString db = m_dir.filePath("foreign-v1.db");
        QVERIFY(exec(db, "CREATE TABLE runs(id INTEGER PRIMARY KEY, note TEXT);"
                         "INSERT INTO runs(note) VALUES('mine');"
                         "CREATE TABLE other(x); PRAGMA user_version = 1;"));
        const QByteArray before = fileBytes(db);
        for (const QStringList &args :
             {QStringList{"run", m_scenario, "--db", db}, QStringList{"runs", "list", "--db", db},
              QStringList{"runs", "delete", "1", "--db", db}}) {
            const Result r = run(args);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.startsWith(
                         (db + ": error: results store is damaged: no such column").toUtf8()),
                     r.err.constData());
            QVERIFY(r.out.isEmpty());
            // Not even the journal mode switched: the header is as it was.
            QCOMPARE(fileBytes(db), before);
            QVERIFY(!QFile::exists(db + "-wal"));
        }
    }

    void listingAProtectedStoreDoesNotWrite() {
        const QString db = recordedStore("listed.db");
        // A run whose recording process is gone: a writable store records it as interrupted
        // when it is opened, a protected one only reports it so.
        std::string owner = eventbench::model::currentRunOwner();
        owner = owner.substr(0, owner.rfind('|')) + "|1";
        QVERIFY(exec(db, "UPDATE runs SET status = 'running', owner = '" + owner +
                             "', ended_at = NULL WHERE id = 2"));
        QVERIFY(!QFile::exists(db + "-wal"));
        if (!protect(db))
            QSKIP("running as root without chattr +i: cannot make a store unwritable");
        const QByteArray before = fileBytes(db);
        const Result r = run({"runs", "list", "--db", db, "--format", "csv"});
        const QByteArray after = fileBytes(db);
        unprotect(db);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(",interrupted,"), r.out.constData());
        QCOMPARE(after, before);
        QCOMPARE(query(db, "SELECT status FROM runs WHERE id = 2"), QStringList{"running"});
        QCOMPARE(run({"runs", "list", "--db", db}).exitCode, 0);
        QCOMPARE(query(db, "SELECT status FROM runs WHERE id = 2"), QStringList{"interrupted"});
    }

    void writeProtectedStore() {
        const QString db = recordedStore("protected.db");
        if (!protect(db))
            QSKIP("running as root without chattr +i: cannot make a store unwritable");
        const QByteArray before = fileBytes(db);
        const Result list = run({"runs", "list", "--db", db});
        const Result show = run({"runs", "show", "1", "--db", db});
        const Result r = run({"run", m_scenario, "--db", db});
        unprotect(db);

        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.contains("small"), list.out.constData());
        QCOMPARE(show.exitCode, 0);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith((db + ": error: the results store is not writable").toUtf8()) ||
                     r.err.startsWith((db + ": error: the results store is read-only").toUtf8()),
                 r.err.constData());
        QVERIFY(r.out.isEmpty()); // before the run, not after it
        QCOMPARE(fileBytes(db), before);
    }
};

QTEST_GUILESS_MAIN(TestStoreChecks)
#include "tst_store_checks.moc"
