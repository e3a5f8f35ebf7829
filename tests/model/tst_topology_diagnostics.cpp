// Topology diagnostics (topologyDiagnostics): known small topologies and exactly the findings
// each must give (severity, node, line:column, message), the error/warning split between
// validateScenario and the warnings, the amplification of follow-up loops, and no false
// alarm on the scenarios in scenarios/.
#include <QtTest>

#include <cmath>
#include <limits>

#include "model/topology/TopologyCycles.h"
#include "model/topology/TopologyDiagnostics.h"
#include "model/topology/TopologyGraph.h"
#include "model/yaml/ScenarioLoader.h"
#include "model/yaml/ScenarioValidator.h"

using namespace eventbench::model;

using GainMatrix = std::vector<std::vector<double>>;
Q_DECLARE_METATYPE(GainMatrix)

namespace {

// Lines 1-3 are the header, nodes start on line 4, one per line, then `edges:` and edges.
QString yaml(const QStringList &nodes, const QStringList &edges) {
    QString text = "scenario: t\nduration: 1m\nnodes:\n";
    for (const QString &n : nodes)
        text += "  " + n + "\n";
    text += "edges:\n";
    for (const QString &e : edges)
        text += "  - " + e + "\n";
    return text;
}

// `severity|node|line:column|message fragment`
QString describe(const Diagnostic &d) {
    return QString("%1|%2|%3:%4|%5")
        .arg(d.severity == Diagnostic::Severity::Error ? "error" : "warning")
        .arg(QString::fromStdString(d.nodeId))
        .arg(d.where.line)
        .arg(d.where.column)
        .arg(QString::fromStdString(d.message));
}

QString describeAll(const Diagnostics &all) {
    QString out;
    for (const auto &d : all)
        out += describe(d) + "\n";
    return out;
}

const QString kP = "p: {kind: producer, rate: 10/s}";
const QString kT = "t: {kind: topic}";
const QString kC = "c: {kind: consumer}";

} // namespace

class TestTopologyDiagnostics : public QObject {
    Q_OBJECT

  private slots:
    void findings_data();
    void findings();
    void errorsReachTheLoaderWarningsDoNot();
    void directCallOnAScenarioWithErrors();
    void returnGain_data();
    void returnGain();
    void noFalseAlarmOnShippedScenarios_data();
    void noFalseAlarmOnShippedScenarios();
    void edgeRule();
};

void TestTopologyDiagnostics::findings_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("clean chain") << yaml({kP, kT, kC}, {"p -> t", "t -> c"}) << QStringList{};

    // Errors (they come through the loader, which refuses the file).
    QTest::newRow("unknown edge end")
        << yaml({kP, kT, kC}, {"p -> t", "t -> c", "t -> cc"})
        << QStringList{"error|t|10:5|edge 't -> cc': unknown node 'cc'"};
    QTest::newRow("edge the edge rules disallow")
        << yaml({kP, kT, kC}, {"p -> t", "t -> c", "p -> c"})
        << QStringList{"error|p|10:5|edge 'p -> c' is not allowed: a producer cannot feed a "
                       "consumer"};
    QTest::newRow("duplicate edge")
        << yaml({kP, kT, kC}, {"p -> t", "t -> c", "t -> c"})
        << QStringList{"error|t|10:5|duplicate edge 't -> c' (first on line 9): messages would "
                       "cross it twice"};
    // Two bindings of one queue are one edge with a list of patterns; the error says so.
    QTest::newRow("duplicate exchange edge")
        << yaml({kP, "x: {kind: exchange}", kT, kC}, {"p -> x", "{from: x, to: t, binding: a.#}",
                                                      "{from: x, to: t, binding: b.#}", "t -> c"})
        << QStringList{"error|x|11:5|duplicate edge 'x -> t' (first on line 10): messages would "
                       "cross it twice; remove one, or bind one edge to several patterns with a "
                       "list: binding: [\"a.*\", \"b.#\"]"};
    QTest::newRow("dead_letter unknown")
        << yaml({kP, kT, "c: {kind: consumer, dead_letter: dlx}"}, {"p -> t", "t -> c"})
        << QStringList{"error|c|6:3|c.dead_letter: unknown node 'dlx'"};
    QTest::newRow("dead_letter not a bus")
        << yaml({kP, kT, "c: {kind: consumer, dead_letter: db}", "db: {kind: store}"},
                {"p -> t", "t -> c", "c -> db"})
        << QStringList{"error|c|6:3|c.dead_letter: 'db' is a store; it must be a bus"};
    QTest::newRow("unroutable not a bus")
        << yaml({kP, "x: {kind: exchange, unroutable: c}", kT, kC}, {"p -> x", "x -> t", "t -> c"})
        << QStringList{"error|x|5:3|x.unroutable: 'c' is a consumer; it must be a bus"};
    QTest::newRow("dead letters between queues")
        << yaml({kP, "q1: {kind: queue, max_receive_count: 3, dead_letter: q2}",
                 "q2: {kind: queue, max_receive_count: 3, dead_letter: q1}", "c1: {kind: consumer}",
                 "c2: {kind: consumer}"},
                {"p -> q1", "q1 -> c1", "q2 -> c2"})
        << QStringList{"error|q1|5:3|dead letters go round in a cycle: q1 -dead_letter-> q2 "
                       "-dead_letter-> q1; a message that keeps failing would circle forever"};
    QTest::newRow("dead letters through consumers")
        << yaml({kP, "t1: {kind: topic}", "t2: {kind: topic}",
                 "c1: {kind: consumer, dead_letter: t2}", "c2: {kind: consumer, dead_letter: t1}"},
                {"p -> t1", "t1 -> c1", "t2 -> c2"})
        << QStringList{"error|c1|7:3|dead letters go round in a cycle: c1 -dead_letter-> t2 -> "
                       "c2 -dead_letter-> t1 -> c1; a message that keeps failing"};
    QTest::newRow("exchanges in a cycle")
        << yaml({kP, "x1: {kind: exchange}", "x2: {kind: exchange}", "q: {kind: queue}", kC},
                {"p -> x1", "x1 -> x2", "x2 -> x1", "x2 -> q", "q -> c"})
        << QStringList{"error|x1|5:3|exchanges route in a cycle: x1 -> x2 -> x1 (a message would "
                       "be copied forever)"};
    QTest::newRow("amplification ratio 1.0 is an error")
        << yaml({kP, kT, kC}, {"p -> t", "t -> c", "c -> t"})
        << QStringList{"error|c|10:5|follow-up cycle c -> t -> c: each message 'c' processes "
                       "leads to 1 new message for 'c' (1 or more), so messages never die out "
                       "and the load grows without bound"};
    QTest::newRow("amplification ratio 2.0 is an error")
        << yaml({kP, kT, kC}, {"p -> t", "t -> c", "{from: c, to: t, ratio: 2}"})
        << QStringList{"error|c|10:5|follow-up cycle c -> t -> c: each message 'c' processes "
                       "leads to 2 new messages for 'c' (1 or more)"};
    QTest::newRow("amplification ratio 0.5 is a warning")
        << yaml({kP, kT, kC}, {"p -> t", "t -> c", "{from: c, to: t, ratio: 0.5}"})
        << QStringList{"warning|c|10:5|follow-up cycle c -> t -> c: each message 'c' processes "
                       "leads to 0.5 new messages for 'c' on average; the loop dies out, but "
                       "'c' handles each message that enters it about 2 times"};
    // Each simple loop multiplies by 0.5, but the exchange copies to both queues: 2 x 0.5.
    QTest::newRow("exchange copies add up")
        << yaml({kP, "x: {kind: exchange}", "q1: {kind: queue}", "q2: {kind: queue}", kC},
                {"p -> x", "x -> q1", "x -> q2", "q1 -> c", "q2 -> c",
                 "{from: c, to: x, ratio: 0.5}"})
        << QStringList{"error|c|15:5|follow-up cycle c -> x -> q1 -> c: each message 'c' "
                       "processes leads to 1 new message for 'c' (1 or more)"};
    // Competing consumers share a queue's messages: the worse of them counts, not the sum.
    QTest::newRow("competing consumers on a queue")
        << yaml({kP, "q: {kind: queue}", "c1: {kind: consumer}", "c2: {kind: consumer}"},
                {"p -> q", "q -> c1", "q -> c2", "{from: c1, to: q, ratio: 0.6}",
                 "{from: c2, to: q, ratio: 0.3}"})
        << QStringList{"warning|c1|12:5|follow-up cycle c1 -> q -> c1: each message 'c1' "
                       "processes leads to 0.6 new messages for 'c1' on average; the loop dies "
                       "out, but 'c1' handles each message that enters it about 2.5 times"};
    // Two groups on a topic both get every message: 0.6 + 0.6 per round, 0.6 / (1 - 0.6).
    QTest::newRow("two groups on a topic")
        << yaml({kP, kT, "c1: {kind: consumer}", "c2: {kind: consumer}"},
                {"p -> t", "t -> c1", "t -> c2", "{from: c1, to: t, ratio: 0.6}",
                 "{from: c2, to: t, ratio: 0.6}"})
        << QStringList{"error|c1|12:5|follow-up cycle c1 -> t -> c1: each message 'c1' "
                       "processes leads to 1.5 new messages for 'c1' (1 or more)"};
    // Only messages that fail in c1 (10%, one attempt) come back through its dead letters.
    QTest::newRow("dead letters feed a follow-up loop")
        << yaml({kP, "t1: {kind: topic}", "t2: {kind: topic}",
                 "c1: {kind: consumer, failure: 0.1, dead_letter: t2}", "c2: {kind: consumer}"},
                {"p -> t1", "t1 -> c1", "t2 -> c2", "c2 -> t1"})
        << QStringList{"warning|c2|13:5|follow-up cycle c2 -> t1 -> c1 -dead_letter-> t2 -> c2: "
                       "each message 'c2' processes leads to 0.1 new messages for 'c2' on "
                       "average; the loop dies out, but 'c2' handles each message that enters "
                       "it about 1.11 times"};
    QTest::newRow("loop closed only by failures")
        << yaml({kP, "t1: {kind: topic}", "t2: {kind: topic}",
                 "c1: {kind: consumer, dead_letter: t2}", "c2: {kind: consumer}"},
                {"p -> t1", "t1 -> c1", "t2 -> c2", "c2 -> t1"})
        << QStringList{"warning|c2|13:5|follow-up cycle c2 -> t1 -> c1 -dead_letter-> t2 -> c2: "
                       "with the configured ratios and failure rates no message comes back to "
                       "'c2', but failures or faults can send messages round"};

    // Warnings (the file loads; they come from topologyDiagnostics).
    QTest::newRow("producer with no outlet")
        << yaml({kP, kT, kC, "p2: {kind: producer, rate: 1/s}"}, {"p -> t", "t -> c"})
        << QStringList{"warning|p2|7:3|producer 'p2' has no outgoing edge: the messages it "
                       "produces are published nowhere"};
    QTest::newRow("topic nobody consumes")
        << yaml({kP, "t: {kind: topic, retention: 1h}"}, {"p -> t"})
        << QStringList{"warning|t|5:3|topic 't' has no consumer: messages published to it are "
                       "never read and pile up until its retention (1h) deletes them"};
    QTest::newRow("queue nobody consumes")
        << yaml({kP, "q: {kind: queue}"}, {"p -> q"})
        << QStringList{"warning|q|5:3|queue 'q' has no consumer: messages sent to it are never "
                       "received and pile up until its retention (4d) deletes them"};
    QTest::newRow("exchange with no edge out")
        << yaml({kP, "x: {kind: exchange}"}, {"p -> x"})
        << QStringList{"warning|x|5:3|exchange 'x' has no outgoing edge: every message it "
                       "receives is unroutable and dropped"};
    QTest::newRow("consumer with no input")
        << yaml({kP, kT, kC, "c2: {kind: consumer}"}, {"p -> t", "t -> c"})
        << QStringList{"warning|c2|7:3|consumer 'c2' has no input: no topic or queue feeds it, "
                       "so it never receives a message"};
    QTest::newRow("unreachable nodes")
        << yaml({kP, kT, kC, "t2: {kind: topic}", "c2: {kind: consumer}", "db: {kind: store}"},
                {"p -> t", "t -> c", "t2 -> c2", "c2 -> db"})
        << QStringList{"warning|t2|7:3|topic 't2' is not reachable from any producer: no "
                       "message can ever arrive there",
                       "warning|c2|8:3|consumer 'c2' is not reachable from any producer",
                       "warning|db|9:3|store 'db' is not reachable from any producer: no message "
                       "can ever be written to it"};
    QTest::newRow("queue dead_letter without max_receive_count")
        << yaml({kP, "q: {kind: queue, dead_letter: dlq}", "dlq: {kind: queue}", kC},
                {"p -> q", "q -> c"})
        << QStringList{"warning|q|5:3|queue 'q' names dead_letter 'dlq' but sets no "
                       "max_receive_count, so it never moves a message there"};

    // No false alarms.
    QTest::newRow("dead-letter queues may stay unread")
        << yaml({kP, kT, "c: {kind: consumer, failure: 0.1, dead_letter: dlq}",
                 "dlq: {kind: queue}", "q: {kind: queue, max_receive_count: 2, dead_letter: qdlq}",
                 "qdlq: {kind: queue}", "c2: {kind: consumer}"},
                {"p -> t", "t -> c", "c -> q", "q -> c2"})
        << QStringList{};
    QTest::newRow("exchange sending everything to unroutable")
        << yaml({kP, "x: {kind: exchange, unroutable: q}", "q: {kind: queue}", kC},
                {"p -> x", "q -> c"})
        << QStringList{};
    QTest::newRow("follow-ups without a loop")
        << yaml({kP, kT, kC, "t2: {kind: topic}", "c2: {kind: consumer}", "db: {kind: store}"},
                {"p -> t", "t -> c", "{from: c, to: t2, ratio: 3}", "t2 -> c2", "c2 -> db"})
        << QStringList{};
}

void TestTopologyDiagnostics::findings() {
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    const LoadResult r = loadScenarioText(text.toStdString(), "topo.yaml");
    Diagnostics found;
    if (r.scenario) {
        // A file that loads has no topology error; its warnings are not in the load result.
        QVERIFY2(r.diagnostics.empty(), qPrintable(describeAll(r.diagnostics)));
        const TopologyGraph g(*r.scenario);
        found = topologyDiagnostics(g);
        QCOMPARE(describeAll(scenarioDiagnostics(*r.scenario)), describeAll(found));
    } else {
        found = r.diagnostics;
    }
    const QString all = describeAll(found);
    QVERIFY2(found.size() == static_cast<std::size_t>(expected.size()), qPrintable("got:\n" + all));
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QVERIFY2(describe(found[static_cast<std::size_t>(i)]).startsWith(expected[i]),
                 qPrintable("expected: " + expected[i] + "\ngot:\n" + all));
        QCOMPARE(found[static_cast<std::size_t>(i)].file, std::string("topo.yaml"));
    }
}

void TestTopologyDiagnostics::errorsReachTheLoaderWarningsDoNot() {
    // A warning alone: the file loads without diagnostics, validateScenario stays quiet.
    const LoadResult ok = loadScenarioText(yaml({kP, kT}, {"p -> t"}).toStdString(), "w.yaml");
    QVERIFY(ok.scenario.has_value());
    QCOMPARE(int(ok.diagnostics.size()), 0);
    QCOMPARE(int(validateScenario(*ok.scenario).size()), 0);
    const Diagnostics w = topologyDiagnostics(TopologyGraph(*ok.scenario));
    QCOMPARE(int(w.size()), 1);
    QCOMPARE(w[0].severity, Diagnostic::Severity::Warning);
    QVERIFY(!hasErrors(w));

    // An error and a warning: the load is refused with the error only, reported once.
    const LoadResult bad = loadScenarioText(
        yaml({kP, kT, kC, "c2: {kind: consumer}"}, {"p -> t", "t -> c", "c -> t"}).toStdString(),
        "e.yaml");
    QVERIFY(!bad.scenario.has_value());
    QCOMPARE(int(bad.diagnostics.size()), 1);
    QCOMPARE(bad.diagnostics[0].severity, Diagnostic::Severity::Error);
    QVERIFY(QString::fromStdString(bad.diagnostics[0].format())
                .startsWith("e.yaml:11:5: error: follow-up cycle c -> t -> c"));
}

void TestTopologyDiagnostics::directCallOnAScenarioWithErrors() {
    const LoadResult r =
        loadScenarioText(yaml({kP, kT, kC}, {"p -> t", "t -> c"}).toStdString(), "d.yaml");
    QVERIFY(r.scenario.has_value());
    Scenario s = *r.scenario;
    Edge back;
    back.from = "c";
    back.to = "t";
    back.ratio = 2;
    back.where = {12, 7};
    s.edges.push_back(back);
    Node lonely;
    lonely.id = "lonely";
    lonely.kind = NodeKind::Queue;
    lonely.where = {13, 3};
    s.nodes.push_back(lonely);
    const Diagnostics d = topologyDiagnostics(TopologyGraph(s));
    QCOMPARE(describeAll(d),
             QString("error|c|12:7|follow-up cycle c -> t -> c: each message 'c' processes leads "
                     "to 2 new messages for 'c' (1 or more), so messages never die out and the "
                     "load grows without bound\n"
                     "warning|lonely|13:3|queue 'lonely' is not reachable from any producer: no "
                     "message can ever arrive there\n"));
    // validateScenario keeps the error only; scenarioDiagnostics adds the warning.
    QCOMPARE(describeAll(validateScenario(s)), describeAll({d[0]}));
    QCOMPARE(describeAll(scenarioDiagnostics(s)), describeAll(d));
}

void TestTopologyDiagnostics::returnGain_data() {
    using Matrix = GainMatrix;
    QTest::addColumn<Matrix>("weights");
    QTest::addColumn<int>("start");
    QTest::addColumn<double>("gain");
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("self loop") << Matrix{{0.25}} << 0 << 0.25;
    QTest::newRow("two-node loop, product 1") << Matrix{{0, 0.5}, {2, 0}} << 0 << 1.0;
    QTest::newRow("three-node loop, product 0.3")
        << Matrix{{0, 0.5, 0}, {0, 0, 0.6}, {1, 0, 0}} << 1 << 0.3;
    // 0 -> 1 -> 0 with weight 0.5 each way, and 1 -> 1 with 0.5: 0.5 * 0.5 / (1 - 0.5).
    QTest::newRow("inner loop") << Matrix{{0, 0.5}, {0.5, 0.5}} << 0 << 0.5;
    QTest::newRow("inner loop that never dies out") << Matrix{{0, 0.5}, {0.5, 1}} << 0 << inf;
}

void TestTopologyDiagnostics::returnGain() {
    QFETCH(GainMatrix, weights);
    QFETCH(int, start);
    QFETCH(double, gain);
    const double got = eventbench::model::returnGain(weights, static_cast<std::size_t>(start));
    if (std::isinf(gain))
        QVERIFY(std::isinf(got));
    else
        QCOMPARE(got, gain);
}

void TestTopologyDiagnostics::noFalseAlarmOnShippedScenarios_data() {
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(EVENTBENCH_SOURCE_DIR "/scenarios"));
    const QStringList files = dir.entryList({"*.yaml"}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 11);
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

void TestTopologyDiagnostics::noFalseAlarmOnShippedScenarios() {
    QFETCH(QString, path);
    const LoadResult r = loadScenarioFile(path.toStdString());
    QVERIFY2(r.scenario.has_value(), qPrintable(describeAll(r.diagnostics)));
    QVERIFY2(r.diagnostics.empty(), qPrintable(describeAll(r.diagnostics)));
    const TopologyGraph g(*r.scenario);
    const Diagnostics d = topologyDiagnostics(g);
    QVERIFY2(d.empty(), qPrintable(describeAll(d)));
    QCOMPARE(int(scenarioDiagnostics(*r.scenario).size()), 0);
}

// The one edge rule (the editor shows its refusals): every pair of kinds, and the texts.
void TestTopologyDiagnostics::edgeRule() {
    const NodeKind kinds[] = {NodeKind::Producer, NodeKind::Topic,    NodeKind::Queue,
                              NodeKind::Exchange, NodeKind::Consumer, NodeKind::Store};
    // allowed[from][to], in the order of `kinds`.
    const bool allowed[6][6] = {
        {false, true, true, true, false, false},    // producer -> bus
        {false, false, false, false, true, false},  // topic -> consumer
        {false, false, false, false, true, false},  // queue -> consumer
        {false, true, true, true, false, false},    // exchange -> bus
        {false, true, true, true, false, true},     // consumer -> bus or store
        {false, false, false, false, false, false}, // store -> nothing
    };
    int allowedCount = 0;
    for (int f = 0; f < 6; ++f)
        for (int t = 0; t < 6; ++t) {
            const std::string why = TopologyGraph::edgeRefusal(kinds[f], kinds[t]);
            QCOMPARE(TopologyGraph::edgeAllowed(kinds[f], kinds[t]), allowed[f][t]);
            QCOMPARE(why.empty(), allowed[f][t]);
            allowedCount += allowed[f][t] ? 1 : 0;
        }
    QCOMPARE(allowedCount, 12);
    QCOMPARE(TopologyGraph::edgeRefusal(NodeKind::Producer, NodeKind::Store),
             std::string("a producer can only send to a topic, queue or exchange, not to a store"));
    QCOMPARE(TopologyGraph::edgeRefusal(NodeKind::Queue, NodeKind::Exchange),
             std::string("a queue can only be read by a consumer, not by an exchange"));
    QCOMPARE(TopologyGraph::edgeRefusal(NodeKind::Consumer, NodeKind::Producer),
             std::string("a consumer can only publish follow-ups to a bus or write to a store, "
                         "not to a producer"));
    QCOMPARE(TopologyGraph::edgeRefusal(NodeKind::Store, NodeKind::Topic),
             std::string("a store has no outgoing edges"));
}

QTEST_GUILESS_MAIN(TestTopologyDiagnostics)
#include "tst_topology_diagnostics.moc"
