// The ledger of a live run without a broker (README.md, "Checked against a real RabbitMQ"): the
// obligations a publish creates by the scenario's routing, the figures read from the tally and
// the broker's depths at the end, the unaccounted arithmetic, and the summary rows it leaves
// (none, rather than 0, for a figure a live run does not measure). The runs on a real RabbitMQ
// are in tst_rabbitmq_slow.cpp.
#include <QtTest>

#include "live/LiveLedger.h"
#include "live/LivePlan.h"
#include "live/LiveTally.h"
#include "support/RunHelpers.h"

using namespace eventbench;

namespace {

// A topic exchange with three bound queues (one that nobody reads), a filtered headers
// exchange, a work queue with a dead-letter queue nobody reads.
const char *const kRouted = R"(scenario: routed
duration: 5s
nodes:
  shop: {kind: producer, rate: 50/s, routing_key: orders.eu.created}
  tagged: {kind: producer, rate: 50/s, attributes: {region: {eu: 0.5, us: 0.5}}}
  api: {kind: producer, rate: 50/s}
  events: {kind: exchange}
  byRegion: {kind: exchange}
  eu: {kind: queue}
  audit: {kind: queue}
  unread: {kind: queue}
  regional: {kind: queue}
  jobs: {kind: queue, max_receive_count: 2, dead_letter: dlq}
  dlq: {kind: queue}
  eu-desk: {kind: consumer}
  auditor: {kind: consumer}
  region-desk: {kind: consumer}
  worker: {kind: consumer}
edges:
  - shop -> events
  - {from: events, to: eu, binding: "*.eu.*"}
  - {from: events, to: audit, binding: "#"}
  - {from: events, to: unread, binding: "#"}
  - tagged -> byRegion
  - {from: byRegion, to: regional, filter: {region: [eu]}}
  - api -> jobs
  - eu -> eu-desk
  - audit -> auditor
  - regional -> region-desk
  - jobs -> worker
)";

double total(const model::RunReport &r, const char *figure) {
    const auto *row = r.find("ledger", figure, "total");
    return row ? row->value : -1;
}

} // namespace

class TestLiveLedger : public QObject {
    Q_OBJECT

  private slots:
    void obligationsFollowTheScenariosRouting() {
        const model::Scenario s = testing::scenarioFromText(kRouted);
        const live::LivePlan plan = live::makeLivePlan(s, "p.", 0);
        live::LiveTally tally;
        const live::LiveObligations o(s, plan, tally);
        tally.freeze();
        // One per queue a consumer reads: `unread` and `dlq` owe nothing.
        QCOMPARE(o.of("p.events", "orders.eu.created", {}), 2);
        QCOMPARE(o.of("p.events", "payments.us.done", {}), 1);
        QCOMPARE(o.of("p.byRegion", "", {live::AmqpField::of("region", std::string("eu"))}), 1);
        QCOMPARE(o.of("p.byRegion", "", {live::AmqpField::of("region", std::string("us"))}), 0);
        QCOMPARE(o.of("p.jobs", "", {}), 1);
        QCOMPARE(o.of("p.dlq", "", {}), 0);
        QCOMPARE(o.of("p.unknown", "", {}), 0);
        o.record(tally, "p.events", "orders.eu.created", {});
        o.record(tally, "p.jobs", "", {});
        QCOMPARE(tally.value(tally.index("ledger", "obligations")), 3);
    }

    void unaccountedIsObligationsMinusWhatEndedAndWhatIsHeld() {
        live::LiveLedger l;
        l.obligations = 100;
        l.completed = 90;
        l.deadLettered = 6;
        l.pending = 4;
        QCOMPARE(l.unaccounted(), std::optional<std::int64_t>(0));
        l.completed = 87; // three went missing
        QCOMPARE(l.unaccounted(), std::optional<std::int64_t>(3));
        model::RunReport r;
        l.applyTo(r);
        QCOMPARE(r.unaccounted, 3);
        QVERIFY(r.unaccountedMeasured);
        QCOMPARE(total(r, "obligations"), 100.0);
        QCOMPARE(total(r, "completed"), 87.0);
        QCOMPARE(total(r, "dead_lettered"), 6.0);
        QCOMPARE(total(r, "pending"), 4.0);
        QCOMPARE(total(r, "unaccounted"), 3.0);
        // Not measured live: no row at all, never a 0.
        for (const char *figure : {"discarded", "expired", "skipped"})
            QVERIFY2(!r.find("ledger", figure, "total"), figure);
    }

    void unaccountedIsNotMeasuredWhenTheBrokerMayDropOrWasNotRead() {
        live::LiveLedger l;
        l.obligations = 100;
        l.completed = 90;
        l.pending = 4;
        l.brokerMayDrop = true; // a ttl or max_length: expired is unknown
        model::RunReport r;
        l.applyTo(r);
        QVERIFY(!r.unaccountedMeasured);
        QCOMPARE(r.unaccounted, 0);
        QVERIFY(!r.find("ledger", "unaccounted", "total"));
        QCOMPARE(total(r, "pending"), 4.0);
        l.brokerMayDrop = false;
        l.pending.reset(); // the depths could not be read
        QVERIFY(!l.unaccounted());
        const auto rows = l.summaryRows();
        QCOMPARE(rows.size(), std::size_t(3)); // obligations, completed, dead_lettered
    }

    void measuredFromTheTallyAndTheBrokersDepths() {
        const model::Scenario s = testing::scenarioFromText(kRouted);
        const live::LivePlan plan = live::makeLivePlan(s, "p.", 0);
        live::LiveTally tally;
        const live::LiveObligations o(s, plan, tally);
        for (const char *c : {"eu-desk", "auditor", "region-desk", "worker"})
            tally.add(c, "processed");
        tally.add("worker", "dead_lettered");
        tally.add("jobs", "dead_lettered");
        tally.freeze();
        tally.bump(tally.index("ledger", "obligations"), 50);
        tally.bump(tally.index("auditor", "processed"), 20);
        tally.bump(tally.index("worker", "processed"), 15);
        tally.bump(tally.index("jobs", "dead_lettered"), 5);
        // `unread` and `dlq` hold messages too, but no obligations.
        const std::map<std::string, std::int64_t> depths{
            {"eu", 3}, {"audit", 7}, {"unread", 40}, {"regional", 0}, {"jobs", 0}, {"dlq", 5}};
        live::LiveLedger l = live::measureLedger(s, tally, {&depths, false, 0});
        QCOMPARE(l.obligations, 50);
        QCOMPARE(l.completed, 35);
        QCOMPARE(l.deadLettered, 5);
        QCOMPARE(l.pending, std::optional<std::int64_t>(10));
        QCOMPARE(l.unaccounted(), std::optional<std::int64_t>(0));
        // Where the dead-letter queues count them exactly, the broker's count is the one.
        l = live::measureLedger(s, tally, {&depths, true, 4});
        QCOMPARE(l.deadLettered, 4);
        QCOMPARE(l.unaccounted(), std::optional<std::int64_t>(1));
        l = live::measureLedger(s, tally, {nullptr, false, 0});
        QVERIFY(!l.pending);
        QVERIFY(!l.unaccounted());
        model::Scenario dropping = s;
        for (model::Node &n : dropping.nodes)
            if (n.id == "audit")
                n.queue.ttl = model::kNanosPerSecond;
        QVERIFY(live::measureLedger(dropping, tally, {&depths, false, 0}).brokerMayDrop);
    }
};

QTEST_GUILESS_MAIN(TestLiveLedger)
#include "tst_live_ledger.moc"
