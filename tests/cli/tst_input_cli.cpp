// What `eventbench` does with hostile input on its command line (issue 13, items 5, 7, 10 and
// the minor ones): device files and FIFOs refused at once, `--set` errors reported against
// `--set`, option values that are options refused, `run` printing no warnings, and a run that
// cannot advance its clock stopped with exit 2 and its partial report written.
#include <QDir>
#include <QFile>
#include <QtTest>

#include <sys/stat.h>

#include "support/CliRunner.h"

namespace {

const char *const kSmall = "scenario: small\nduration: 5s\nnodes:\n"
                           "  p: {kind: producer, rate: 10/s}\n  t: {kind: topic}\n"
                           "  c: {kind: consumer, service_time: 1ms}\n"
                           "  idle: {kind: producer, rate: 1/s}\n"
                           "edges: [p -> t, t -> c]\n";

const char *const kSpin = "scenario: spin\nduration: 10s\nnodes:\n"
                          "  p: {kind: producer, rate: 20/s}\n"
                          "  q: {kind: queue, redelivery: immediate}\n"
                          "  c: {kind: consumer, service_time: 0s}\n"
                          "edges: [p -> q, q -> c]\n"
                          "faults: [{at: 2s, poison: p, probability: 1}]\n";

// A breaker failing calls while open, on a queue that hands them back at once: a loop while
// the database is down.
const char *const kOpenBreakerSpin =
    "scenario: breaker-spin\nduration: 1m\nnodes:\n"
    "  p: {kind: producer, rate: 50/s}\n"
    "  q: {kind: queue, redelivery: immediate}\n"
    "  c:\n"
    "    kind: consumer\n"
    "    service_time: 5ms\n"
    "    circuit_breaker: {window: 20, min_calls: 10, open_for: 10s, when_open: fail}\n"
    "  db: {kind: store}\n"
    "edges: [p -> q, q -> c, c -> db]\n"
    "faults: [{at: 10s, for: 10s, outage: db}]\n";

} // namespace

class TestInputCli : public eventbench::testing::CliTest {
    Q_OBJECT

  public:
    TestInputCli() : CliTest(60000) {}

  private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void deviceFilesAndFifos() {
        for (const char *device : {"/dev/zero", "/dev/urandom"}) {
            const Result r = run({"validate", device});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.startsWith(QByteArray(device) + ": error: cannot read the file: it is "
                                                           "not a regular file"),
                     r.err.constData());
        }
        const QString fifo = path("fifo");
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        const Result r = run({"run", fifo}); // a FIFO without a writer must not block
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("not a regular file"), r.err.constData());
    }

    void setErrorsAgainstSet() {
        const Result r = run({"validate", write("small.yaml", kSmall), "--set", "edges=[p -> zz]"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(
            r.err.startsWith("--set: error: in 'edges=[p -> zz]': edge 'p -> zz': unknown node "
                             "'zz'"),
            r.err.constData());
        QVERIFY(!r.err.contains("small.yaml"));
    }

    void optionValuesThatAreOptions() {
        const QString file = write("small.yaml", kSmall);
        const Result r = run({"run", file, "--out", "--quiet"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("option --out needs a value, found the option '--quiet'"),
                 r.err.constData());
        QVERIFY(!QFile::exists(path("--quiet")));
        // Spelled with '=', such a value is meant.
        QCOMPARE(run({"run", file, "--out=--quiet", "--quiet"}).exitCode, 0);
        QVERIFY(QFile::exists(path("--quiet") + "/summary.csv"));
    }

    void runPrintsNoWarnings() {
        const QString file = write("small.yaml", kSmall);
        const Result validate = run({"validate", file});
        QCOMPARE(validate.exitCode, 0);
        QVERIFY2(validate.err.contains("warning:"), validate.err.constData());
        const Result r = run({"run", file, "--quiet"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.err.contains("warning"), r.err.constData());
    }

    void zeroTimeLoopStops() {
        const QString out = path("report");
        const Result r = run({"run", write("spin.yaml", kSpin), "--out", out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("spin.yaml: error: the run stopped at simulated time 2"),
                 r.err.constData());
        QVERIFY2(r.err.contains("nodes in the loop: 'q', 'c'"), r.err.constData());
        QVERIFY(r.out.contains("unaccounted"));
        QFile summary(out + "/summary.csv");
        QVERIFY(summary.open(QIODevice::ReadOnly));
        QVERIFY(summary.readAll().contains("ledger,unaccounted,total,0\n"));
        // validate sees the loop when it is written into the consumer itself.
        const Result v = run(
            {"validate", path("spin.yaml"), "--set", "faults=[]", "--set", "nodes.c.failure=1"});
        QCOMPARE(v.exitCode, 2);
        QVERIFY2(v.err.contains("error: consumer 'c' fails every message"), v.err.constData());
    }

    // validate warns, at the breaker, of the loop an open breaker in fail mode makes on a queue
    // with nowhere else to send the message; the run stops when the database goes down.
    void openBreakerLoopIsWarned() {
        const QString file = write("breaker-spin.yaml", kOpenBreakerSpin);
        const Result v = run({"validate", file});
        QCOMPARE(v.exitCode, 0);
        QVERIFY2(v.err.contains("breaker-spin.yaml:9:5: warning: consumer 'c': while its circuit "
                                "breaker is open (when_open: fail)"),
                 v.err.constData());
        const Result r = run({"run", file});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("the run stopped at simulated time 10"), r.err.constData());
        for (const char *fix :
             {"nodes.c.circuit_breaker.when_open=pause",
              "nodes.c.retry={max_attempts: 3, backoff: 1s}", "nodes.q.max_receive_count=5"}) {
            const Result fixed = run({"validate", file, "--set", fix});
            QVERIFY2(!fixed.err.contains("warning"), fix);
        }
    }
};

QTEST_GUILESS_MAIN(TestInputCli)
#include "tst_input_cli.moc"
