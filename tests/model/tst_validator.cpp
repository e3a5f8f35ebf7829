// The cross-entry rules of scenarios/README.md (validateScenario): node ids, allowed edges, dead
// letters, unroutable targets, edge options, fault targets and expectation names.
#include <QtTest>

#include <functional>

#include "model/yaml/ScenarioLoader.h"
#include "model/yaml/ScenarioValidator.h"
#include "support/SpecExample.h"

using namespace eventbench::model;

namespace {

using eventbench::testing::kSpecExample;

// Where the mutations below place what they add, so that positions can be checked.
constexpr SourcePos kAt{90, 7};

Scenario specScenario() {
    LoadResult r = loadScenarioText(kSpecExample, "spec.yaml");
    if (!r.scenario)
        qFatal("the reference example does not load");
    return *r.scenario;
}

Node &node(Scenario &s, const char *id) {
    return const_cast<Node &>(*s.findNode(id));
}

void addNode(Scenario &s, const std::string &id, NodeKind kind) {
    Node n;
    n.id = id;
    n.kind = kind;
    n.where = kAt;
    s.nodes.push_back(n);
}

Edge &addEdge(Scenario &s, const std::string &from, const std::string &to) {
    Edge e;
    e.from = from;
    e.to = to;
    e.where = kAt;
    s.edges.push_back(e);
    return s.edges.back();
}

Fault &addFault(Scenario &s, Fault::Kind kind, const std::string &target) {
    Fault f;
    f.kind = kind;
    f.target = target;
    f.at = 60 * kNanosPerSecond;
    f.where = kAt;
    s.faults.push_back(f);
    return s.faults.back();
}

void addExpectation(Scenario &s, const std::string &nodeId, const std::string &metric) {
    Expectation x;
    x.stat = Expectation::Stat::Max;
    x.node = nodeId;
    x.metric = metric;
    x.text = "max(" + nodeId + "." + metric + ") < 1";
    x.where = kAt;
    s.expectations.push_back(x);
}

struct Case {
    const char *name;
    std::function<void(Scenario &)> mutate;
    const char *fragment; // expected in the one error's message
};

const std::vector<Case> &cases() {
    using K = NodeKind;
    using F = Fault::Kind;
    static const std::vector<Case> all = {
        {"edge to unknown node", [](Scenario &s) { addEdge(s, "orders", "nowhere"); },
         "edge 'orders -> nowhere': unknown node 'nowhere'"},
        {"edge from unknown node with hint",
         [](Scenario &s) { addEdge(s, "inventroy", "inventory-db"); },
         "unknown node 'inventroy' (did you mean 'inventory'?)"},
        {"producer to consumer", [](Scenario &s) { addEdge(s, "orders", "inventory"); },
         "edge 'orders -> inventory' is not allowed: a producer cannot feed a consumer (allowed: "
         "producer -> bus, exchange -> bus, topic -> consumer, queue -> consumer, consumer -> "
         "bus, consumer -> store"},
        {"topic to topic", [](Scenario &s) { addEdge(s, "order-events", "payment-events"); },
         "a topic cannot feed a topic"},
        {"topic to store", [](Scenario &s) { addEdge(s, "order-events", "inventory-db"); },
         "a topic cannot feed a store"},
        {"queue to bus", [](Scenario &s) { addEdge(s, "inventory-dlq", "order-events"); },
         "a queue cannot feed a topic"},
        {"consumer to consumer", [](Scenario &s) { addEdge(s, "inventory", "notification"); },
         "a consumer cannot feed a consumer"},
        {"store to anything", [](Scenario &s) { addEdge(s, "inventory-db", "inventory-dlq"); },
         "a store cannot feed a queue"},
        {"producer to store", [](Scenario &s) { addEdge(s, "orders", "inventory-db"); },
         "a producer cannot feed a store"},
        {"exchange to consumer",
         [](Scenario &s) {
             addNode(s, "router", K::Exchange);
             addEdge(s, "router", "inventory");
         },
         "an exchange cannot feed a consumer"},
        {"duplicate edge", [](Scenario &s) { addEdge(s, "orders", "order-events"); },
         "duplicate edge 'orders -> order-events' (first on line 28)"},
        {"consumer dead letter unknown",
         [](Scenario &s) { node(s, "inventory").consumer.deadLetter = "nope"; },
         "inventory.dead_letter: unknown node 'nope'"},
        {"consumer dead letter not a bus",
         [](Scenario &s) { node(s, "inventory").consumer.deadLetter = "inventory-db"; },
         "inventory.dead_letter: 'inventory-db' is a store; it must be a bus"},
        {"queue dead letter to itself",
         [](Scenario &s) { node(s, "inventory-dlq").queue.deadLetter = "inventory-dlq"; },
         "inventory-dlq.dead_letter: a node cannot name itself"},
        {"queue dead letter is a consumer",
         [](Scenario &s) { node(s, "inventory-dlq").queue.deadLetter = "notification"; },
         "'notification' is a consumer; it must be a bus"},
        {"max_receive_count without dead letter",
         [](Scenario &s) { node(s, "inventory-dlq").queue.maxReceiveCount = 3; },
         "queue 'inventory-dlq' sets max_receive_count but has no dead_letter"},
        {"unroutable to a store",
         [](Scenario &s) {
             addNode(s, "router", K::Exchange);
             s.nodes.back().exchange.unroutable = "inventory-db";
         },
         "router.unroutable: 'inventory-db' is a store; it must be a bus"},
        {"exchange cycle through unroutable",
         [](Scenario &s) {
             addNode(s, "xa", K::Exchange);
             addNode(s, "xb", K::Exchange);
             s.nodes[s.nodes.size() - 2].exchange.unroutable = "xb";
             s.nodes.back().exchange.unroutable = "xa";
         },
         "exchanges route in a cycle: xa -unroutable-> xb -unroutable-> xa"},
        {"exchange cycle through edges",
         [](Scenario &s) {
             addNode(s, "xa", K::Exchange);
             addNode(s, "xb", K::Exchange);
             Edge ab, ba;
             ab.from = ba.to = "xa";
             ab.to = ba.from = "xb";
             s.edges.push_back(ab);
             s.edges.push_back(ba);
         },
         "exchanges route in a cycle: xa -> xb -> xa"},
        {"unroutable unknown",
         [](Scenario &s) {
             addNode(s, "router", K::Exchange);
             s.nodes.back().exchange.unroutable = "lost";
         },
         "router.unroutable: unknown node 'lost'"},
        {"filter on a producer edge", [](Scenario &s) { s.edges[0].filter = FilterPolicy{}; },
         "edge 'orders -> order-events': 'filter' and 'binding' apply only to edges leaving an "
         "exchange, and 'orders' is a producer"},
        {"binding on a topic edge",
         [](Scenario &s) { s.edges[2].binding = std::vector<std::string>{"order.*"}; },
         "'order-events' is a topic"},
        {"ratio on a producer edge", [](Scenario &s) { s.edges[0].ratio = 2; },
         "edge 'orders -> order-events': 'ratio' applies only to follow-up edges from a consumer "
         "to a bus"},
        {"ratio on a store edge", [](Scenario &s) { s.edges[5].ratio = 0.5; },
         "'ratio' applies only to follow-up edges"},
        {"fault on unknown node", [](Scenario &s) { addFault(s, F::Crash, "invetory"); },
         "crash fault: unknown node 'invetory' (did you mean 'inventory'?)"},
        {"crash a topic", [](Scenario &s) { addFault(s, F::Crash, "order-events"); },
         "crash fault: 'order-events' is a topic; a crash fault needs a consumer or a producer"},
        {"slow a producer", [](Scenario &s) { addFault(s, F::Slow, "orders"); },
         "a slow fault needs a consumer"},
        {"rebalance a queue", [](Scenario &s) { addFault(s, F::Rebalance, "inventory-dlq"); },
         "a rebalance fault needs a consumer"},
        {"outage of a consumer", [](Scenario &s) { addFault(s, F::Outage, "inventory"); },
         "outage fault: 'inventory' is a consumer; an outage fault needs a bus"},
        {"duplicate on a store", [](Scenario &s) { addFault(s, F::Duplicate, "inventory-db"); },
         "a duplicate fault needs a bus"},
        {"poison a consumer", [](Scenario &s) { addFault(s, F::Poison, "inventory"); },
         "a poison fault needs a producer"},
        {"schema on a topic", [](Scenario &s) { addFault(s, F::Schema, "order-events"); },
         "a schema fault needs a producer"},
        {"spike a consumer", [](Scenario &s) { addFault(s, F::Spike, "notification"); },
         "a spike fault needs a producer"},
        {"isolate a store", [](Scenario &s) { addFault(s, F::Isolate, "inventory-db"); },
         "an isolate fault needs a consumer or a producer"},
        {"latency on a missing edge",
         [](Scenario &s) {
             Fault &f = addFault(s, F::Latency, "orders");
             f.edgeTo = "payment-events";
         },
         "latency fault: there is no edge 'orders -> payment-events'"},
        {"crash more instances than exist",
         [](Scenario &s) { addFault(s, F::Crash, "inventory").instances = 4; },
         "crash fault: 4 instances, but 'inventory' has 3"},
        {"expectation on unknown node", [](Scenario &s) { addExpectation(s, "inventori", "lag"); },
         "expect 'max(inventori.lag) < 1': unknown node 'inventori' (did you mean 'inventory'?)"},
        {"metric the kind lacks", [](Scenario &s) { addExpectation(s, "inventory", "depth"); },
         "a consumer has no metric 'depth'"},
        {"metric typo", [](Scenario &s) { addExpectation(s, "inventory-dlq", "dept"); },
         "a queue has no metric 'dept' (did you mean 'depth'?) (it has enqueued, depth, "
         "in_flight, redelivered, dead_lettered, expired, dropped, oldest_age)"},
        {"ledger figure", [](Scenario &s) { addExpectation(s, "ledger", "lost"); },
         "the ledger has no figure 'lost' (it has obligations, completed, dead_lettered, "
         "discarded, expired, skipped, pending, unaccounted)"},
        {"node called ledger", [](Scenario &s) { addNode(s, "ledger", K::Queue); },
         "the node id 'ledger' is reserved"},
        {"node called run", [](Scenario &s) { addNode(s, "run", K::Store); },
         "the node id 'run' is reserved"},
        {"id starting with a digit", [](Scenario &s) { addNode(s, "9lives", K::Queue); },
         "invalid node id '9lives'"},
        {"id with a space", [](Scenario &s) { addNode(s, "my queue", K::Queue); },
         "invalid node id 'my queue'"},
        {"id starting with underscore", [](Scenario &s) { addNode(s, "_q", K::Queue); },
         "invalid node id '_q'"},
        {"duplicate id", [](Scenario &s) { addNode(s, "orders", K::Queue); },
         "duplicate node id 'orders' (first defined on line 9)"},
    };
    return all;
}

} // namespace

class TestValidator : public QObject {
    Q_OBJECT

  private slots:
    void specExampleIsClean();
    void rules_data();
    void rules();
    void allowedEdges();
    void consumerOfTopicAndQueue();
    void unresolvedNodesCauseNoFollowOns();
    void faultAfterTheEndIsAWarning();
    void positionsFromTheFile_data();
    void positionsFromTheFile();
};

void TestValidator::specExampleIsClean() {
    const Scenario s = specScenario();
    const Diagnostics d = validateScenario(s);
    QVERIFY2(d.empty(), d.empty() ? "" : d.front().format().c_str());
}

void TestValidator::rules_data() {
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < cases().size(); ++i)
        QTest::newRow(cases()[i].name) << int(i);
}

void TestValidator::rules() {
    QFETCH(int, index);
    const Case &c = cases()[static_cast<std::size_t>(index)];
    Scenario s = specScenario();
    c.mutate(s);
    const Diagnostics d = validateScenario(s);
    QString all;
    for (const auto &x : d)
        all += QString::fromStdString(x.format()) + '\n';
    QVERIFY2(d.size() == 1, qPrintable("expected one diagnostic, got:\n" + all));
    QCOMPARE(d[0].severity, Diagnostic::Severity::Error);
    QCOMPARE(d[0].file, std::string("spec.yaml"));
    QVERIFY2(QString::fromStdString(d[0].message).contains(c.fragment), qPrintable(all));
    // Everything a mutation adds sits at kAt; the rest keeps its place in the file.
    if (d[0].where.line == kAt.line) {
        QCOMPARE(d[0].where.column, kAt.column);
        QVERIFY(QString::fromStdString(d[0].format()).startsWith("spec.yaml:90:7: error: "));
    } else {
        QVERIFY2(d[0].where.line >= 9 && d[0].where.line <= 44, qPrintable(all));
    }
}

void TestValidator::allowedEdges() {
    Scenario s;
    s.fileName = "ok.yaml";
    s.duration = 600 * kNanosPerSecond;
    addNode(s, "p", NodeKind::Producer);
    addNode(s, "t", NodeKind::Topic);
    addNode(s, "q", NodeKind::Queue);
    addNode(s, "x", NodeKind::Exchange);
    addNode(s, "x2", NodeKind::Exchange);
    addNode(s, "c", NodeKind::Consumer);
    addNode(s, "db", NodeKind::Store);
    addNode(s, "c2", NodeKind::Consumer);
    addNode(s, "dlq", NodeKind::Queue);
    // The follow-ups come from c2, which reads nothing: from c they would loop back to it.
    for (const char *bus : {"t", "q", "x"}) {
        addEdge(s, "p", bus);
        addEdge(s, "c2", bus).ratio = 0.5;
    }
    addEdge(s, "x", "t").binding = std::vector<std::string>{"a.#"};
    addEdge(s, "x", "q").filter = FilterPolicy{};
    addEdge(s, "x", "x2");
    addEdge(s, "x2", "q");
    addEdge(s, "t", "c");
    addEdge(s, "q", "c");
    addEdge(s, "c", "db");
    s.nodes[5].consumer.deadLetter = "dlq"; // not "q": c reads q, its failures would circle
    s.nodes[2].queue.deadLetter = "t";
    s.nodes[2].queue.maxReceiveCount = 5;
    s.nodes[3].exchange.unroutable = "q";
    addFault(s, Fault::Kind::Pause, "p");
    addFault(s, Fault::Kind::Isolate, "c");
    addFault(s, Fault::Kind::Outage, "x");
    addFault(s, Fault::Kind::Duplicate, "q");
    addFault(s, Fault::Kind::Latency, "x2").edgeTo = "q";
    addExpectation(s, "x", "routed");
    addExpectation(s, "db", "duplicate_writes");
    addExpectation(s, "ledger", "pending");
    const Diagnostics d = validateScenario(s);
    QVERIFY2(d.empty(), d.empty() ? "" : d.front().format().c_str());
}

void TestValidator::consumerOfTopicAndQueue() {
    Scenario s = specScenario();
    // Not inventory: it dead-letters into inventory-dlq, so reading it would be a cycle.
    addEdge(s, "inventory-dlq", "notification");
    QCOMPARE(int(validateScenario(s).size()), 0);
    addEdge(s, "inventory-dlq", "inventory");
    const Diagnostics d = validateScenario(s);
    QCOMPARE(int(d.size()), 1);
    QVERIFY(QString::fromStdString(d[0].message)
                .startsWith("dead letters go round in a cycle: inventory -dead_letter-> "
                            "inventory-dlq -> inventory"));
}

void TestValidator::unresolvedNodesCauseNoFollowOns() {
    Scenario s = specScenario();
    addEdge(s, "orders", "broken");
    addFault(s, Fault::Kind::Crash, "broken");
    addExpectation(s, "broken", "whatever");
    node(s, "inventory").consumer.deadLetter = "broken";
    QCOMPARE(int(validateScenario(s).size()), 4);
    QCOMPARE(int(validateScenario(s, {"broken"}).size()), 0);

    // Through the loader: a node of unknown kind gives one error, not one per mention.
    std::string withMystery = kSpecExample;
    withMystery.replace(withMystery.find("\nexpect:"), 0,
                        "  - {at: 1m, spike: mystery, factor: 2}\n");
    withMystery.replace(withMystery.find("  inventory-dlq:"), 0, "  mystery: {kind: prodcer}\n");
    withMystery.replace(withMystery.find("edges:\n") + 7, 0, "  - mystery -> order-events\n");
    const LoadResult r = loadScenarioText(withMystery, "m.yaml");
    QVERIFY(!r.scenario);
    QCOMPARE(int(r.diagnostics.size()), 1);
    QVERIFY(QString::fromStdString(r.diagnostics[0].format())
                .startsWith("m.yaml:24:19: error: kind: expected producer, topic, queue, exchange, "
                            "consumer or store, found 'prodcer' (did you mean 'producer'?)"));
}

void TestValidator::faultAfterTheEndIsAWarning() {
    Scenario s = specScenario();
    addFault(s, Fault::Kind::Crash, "inventory").at = 11 * 60 * kNanosPerSecond;
    const Diagnostics d = validateScenario(s);
    QCOMPARE(int(d.size()), 1);
    QCOMPARE(d[0].severity, Diagnostic::Severity::Warning);
    QCOMPARE(
        QString::fromStdString(d[0].format()),
        QString("spec.yaml:90:7: warning: crash fault at 11m starts after the run ends (10m)"));
    // A warning does not stop the load.
    const LoadResult r =
        loadScenarioText(std::string(kSpecExample), "spec.yaml", {"faults.0.at=20m"});
    QVERIFY(r.scenario.has_value());
    QCOMPARE(int(r.diagnostics.size()), 1);
    QCOMPARE(
        QString::fromStdString(r.diagnostics[0].format()),
        QString("spec.yaml:36:5: warning: crash fault at 20m starts after the run ends (10m)"));
}

void TestValidator::positionsFromTheFile_data() {
    QTest::addColumn<QString>("replace");
    QTest::addColumn<QString>("with");
    QTest::addColumn<QString>("expected");

    QTest::newRow("disallowed edge")
        << "  - order-events -> inventory\n"
        << "  - order-events -> inventory-db\n"
        << "t.yaml:31:5: error: edge 'order-events -> inventory-db' is not allowed";
    QTest::newRow("dead letter of a consumer")
        << "dead_letter: inventory-dlq"
        << "dead_letter: inventory-db"
        << "t.yaml:17:3: error: inventory.dead_letter: 'inventory-db' is a store";
    QTest::newRow("fault target") << "crash: inventory"
                                  << "crash: inventory-db"
                                  << "t.yaml:36:5: error: crash fault: 'inventory-db' is a store";
    QTest::newRow("expectation metric")
        << "max(inventory.lag)"
        << "max(inventory.depth)"
        << "t.yaml:41:5: error: expect 'max(inventory.depth) < 5000': a consumer has no metric "
           "'depth'";
    QTest::newRow("reserved id") << "  inventory-dlq:  {kind: queue}\n"
                                 << "  inventory-dlq:  {kind: queue}\n  ledger: {kind: queue}\n"
                                 << "t.yaml:25:3: error: the node id 'ledger' is reserved";
    QTest::newRow("edge option")
        << "  - inventory -> inventory-db\n"
        << "  - {from: inventory, to: inventory-db, binding: a.b}\n"
        << "t.yaml:33:5: error: edge 'inventory -> inventory-db': 'filter' and 'binding' apply "
           "only to edges leaving an exchange";
}

void TestValidator::positionsFromTheFile() {
    QFETCH(QString, replace);
    QFETCH(QString, with);
    QFETCH(QString, expected);
    QString text = QString::fromUtf8(kSpecExample);
    QVERIFY(text.contains(replace));
    text.replace(replace, with);
    const LoadResult r = loadScenarioText(text.toStdString(), "t.yaml");
    QVERIFY(!r.scenario.has_value());
    QCOMPARE(int(r.diagnostics.size()), 1);
    QVERIFY2(QString::fromStdString(r.diagnostics[0].format()).startsWith(expected),
             r.diagnostics[0].format().c_str());
}

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
