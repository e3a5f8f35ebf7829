// A bus's `acl` as `eventbench validate` checks it (scenarios/README.md, bus `acl`): an edge
// that publishes to or consumes from a bus against its acl, or a consumer's dead_letter on a
// bus closed to it, is an error at that edge or key (FILE:LINE:COL) with exit 2; moves inside
// the broker are not checked; a store that cannot carry its writers is a warning.
#include <QtTest>

#include "support/CliRunner.h"

using eventbench::testing::CliTest;

class TestAccessControl : public CliTest {
    Q_OBJECT
  private slots:
    void bundledMistakeIsRefusedAtEachLine();
    void insideTheBrokerIsNotChecked();
    void unknownIdsInAnAclAreErrors();
    void overloadedStoreIsAWarning();
};

// scenarios/mistakes/acl-mistake.yaml: line 29 is the edge `order-service -> payments`,
// line 32 `payments -> notifications`, line 25 the notifications consumer's dead_letter.
void TestAccessControl::bundledMistakeIsRefusedAtEachLine() {
    const QString file =
        QStringLiteral(EVENTBENCH_SOURCE_DIR "/scenarios/mistakes/acl-mistake.yaml");
    const Result r = run({"validate", file});
    QCOMPARE(r.exitCode, 2);
    const QString err = QString::fromUtf8(r.err);
    for (const QString &line :
         {file + ":29:5: error: order-service may not publish to payments (acl of payments)",
          file + ":32:5: error: notifications may not consume from payments (acl of payments)",
          file + ":25:5: error: notifications may not publish to payments-dlt (acl of "
                 "payments-dlt)"})
        QVERIFY2(err.contains(line), qPrintable(err));
    // Allowed ones are not named.
    QVERIFY(!err.contains("payment-service may not"));
    QVERIFY(!err.contains("bookkeeping may not"));
    QCOMPARE(err.count(" error: "), 3);
}

// An exchange routes into a locked queue, and a queue dead-letters into a locked one: both
// are the broker's own moves. The producer publishing to the exchange is allowed (no acl).
void TestAccessControl::insideTheBrokerIsNotChecked() {
    const QString file =
        write("inside.yaml", "scenario: inside\nduration: 10s\nnodes:\n"
                             "  p: {kind: producer, rate: 10/s}\n"
                             "  x: {kind: exchange, unroutable: parked}\n"
                             "  q: {kind: queue, max_receive_count: 2, "
                             "dead_letter: dlq, acl: {publish: [], consume: [c]}}\n"
                             "  dlq: {kind: queue, acl: {publish: []}}\n"
                             "  parked: {kind: queue, acl: {publish: []}}\n"
                             "  c: {kind: consumer}\n"
                             "edges: [p -> x, x -> q, q -> c]\n");
    const Result r = run({"validate", file});
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

void TestAccessControl::unknownIdsInAnAclAreErrors() {
    const QString file = write("unknown.yaml", "scenario: unknown\nduration: 10s\nnodes:\n"
                                               "  p: {kind: producer, rate: 10/s}\n"
                                               "  q: {kind: queue, acl: {publish: [p, nobody]}}\n"
                                               "  c: {kind: consumer}\n"
                                               "edges: [p -> q, q -> c]\n");
    const Result r = run({"validate", file});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(":5:20: error: acl of q names unknown node 'nobody'"),
             r.err.constData());
}

// 200 writes/s of 10 ms need two concurrent writes; the store has one slot.
void TestAccessControl::overloadedStoreIsAWarning() {
    const QString file = write("store.yaml", "scenario: store\nduration: 10s\nnodes:\n"
                                             "  p: {kind: producer, rate: 200/s}\n"
                                             "  q: {kind: queue}\n"
                                             "  c: {kind: consumer, concurrency: 8}\n"
                                             "  db: {kind: store, write_time: 10ms, capacity: 1}\n"
                                             "edges: [p -> q, q -> c, c -> db]\n");
    const Result r = run({"validate", file});
    QCOMPARE(r.exitCode, 0);
    const QString all = QString::fromUtf8(r.out + r.err);
    QVERIFY2(all.contains(file + ":7:39: warning: store 'db' cannot carry its writers: 200 "
                                 "writes/s of 10 ms each need 2 concurrent writes, its capacity "
                                 "is 1"),
             qPrintable(all));
}

QTEST_GUILESS_MAIN(TestAccessControl)
#include "tst_access_control.moc"
