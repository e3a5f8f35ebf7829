// LayeredLayout: columns by longest path from the producers (cycles broken by DFS back edges),
// rows ordered to reduce crossings, constant gaps, deterministic. Checked on the shipped
// scenarios and on small graphs whose best order is known.
#include <QtTest>

#include <boost/graph/strong_components.hpp>
#include <boost/property_map/property_map.hpp>

#include "model/topology/LayeredLayout.h"
#include "model/topology/TopologyGraph.h"
#include "model/yaml/ScenarioLoader.h"

using namespace eventbench::model;

namespace {

constexpr double kColumnGap = 230;
constexpr double kRowGap = 130;
constexpr double kNodeWidth = 180; // a node's drawn size on the canvas, smaller than the gaps
constexpr double kNodeHeight = 100;

Node node(const std::string &id, NodeKind kind) {
    Node n;
    n.id = id;
    n.kind = kind;
    return n;
}

Edge edge(const std::string &a, const std::string &b) {
    Edge e;
    e.from = a;
    e.to = b;
    return e;
}

// p -> t -> c -> q -> c2 -> store, c dead-letters into dlq; nodes not in flow order.
Scenario chain() {
    using K = NodeKind;
    Scenario s;
    s.nodes = {node("store", K::Store), node("c2", K::Consumer), node("q", K::Queue),
               node("c", K::Consumer),  node("t", K::Topic),     node("p", K::Producer),
               node("dlq", K::Queue)};
    s.nodes[3].consumer.deadLetter = "dlq";
    s.edges = {edge("p", "t"), edge("t", "c"), edge("c", "q"), edge("q", "c2"),
               edge("c2", "store")};
    return s;
}

// Two follow-up loops sharing a topic, a dead-letter flow back into the first topic and a
// long edge skipping a column: cycles the layout must break.
Scenario tangled() {
    using K = NodeKind;
    Scenario s;
    s.nodes = {node("p", K::Producer), node("t1", K::Topic),    node("c1", K::Consumer),
               node("t2", K::Topic),   node("c2", K::Consumer), node("c3", K::Consumer),
               node("db", K::Store),   node("p2", K::Producer), node("x", K::Exchange)};
    s.nodes[4].consumer.deadLetter = "t1";
    s.edges = {edge("p", "t1"),  edge("t1", "c1"), edge("c1", "t2"), edge("t2", "c2"),
               edge("c2", "t2"), edge("t2", "c3"), edge("c3", "t1"), edge("c1", "db"),
               edge("p2", "x"),  edge("x", "t2"),  edge("c3", "db")};
    return s;
}

// Producers p1..p3 each feed one topic, in the reverse of the topics' file order, and each
// topic one consumer, again reversed: file order gives 3 + 3 crossings, the best order none.
Scenario reversedPairs() {
    using K = NodeKind;
    Scenario s;
    for (const char *p : {"p1", "p2", "p3"})
        s.nodes.push_back(node(p, K::Producer));
    for (const char *t : {"t1", "t2", "t3"})
        s.nodes.push_back(node(t, K::Topic));
    for (const char *c : {"c1", "c2", "c3"})
        s.nodes.push_back(node(c, K::Consumer));
    s.edges = {edge("p1", "t3"), edge("p2", "t2"), edge("p3", "t1"),
               edge("t1", "c3"), edge("t2", "c2"), edge("t3", "c1")};
    return s;
}

// p1 and p2 both publish to t1 and t2: a complete 2 x 2 between two columns, which cannot
// be drawn with fewer than one crossing; plus a third pair fed the wrong way round.
Scenario completeBipartite() {
    using K = NodeKind;
    Scenario s;
    for (const char *p : {"p1", "p2", "p3"})
        s.nodes.push_back(node(p, K::Producer));
    for (const char *t : {"t3", "t1", "t2"})
        s.nodes.push_back(node(t, K::Topic));
    s.edges = {edge("p1", "t1"), edge("p1", "t2"), edge("p2", "t1"), edge("p2", "t2"),
               edge("p3", "t3")};
    return s;
}

Scenario shipped(const QString &file) {
    const QString path = QStringLiteral(EVENTBENCH_SOURCE_DIR "/scenarios/") + file;
    LoadResult r = loadScenarioFile(path.toStdString());
    if (!r.scenario)
        qFatal("%s does not load", qPrintable(path));
    return *r.scenario;
}

// Crossings between edges whose ends sit in neighbouring columns, from the coordinates.
int drawnCrossings(const Scenario &s, const std::map<std::string, std::pair<double, double>> &pos) {
    std::vector<std::pair<std::pair<double, double>, std::pair<double, double>>> spans;
    for (const Edge &e : s.edges) {
        const auto a = pos.at(e.from);
        const auto b = pos.at(e.to);
        if (b.first - a.first == kColumnGap)
            spans.push_back({a, b});
    }
    int count = 0;
    for (std::size_t i = 0; i < spans.size(); ++i)
        for (std::size_t j = i + 1; j < spans.size(); ++j) {
            const auto &[a1, b1] = spans[i];
            const auto &[a2, b2] = spans[j];
            if (a1.first != a2.first)
                continue;
            count += (a1.second < a2.second && b1.second > b2.second) ||
                     (a1.second > a2.second && b1.second < b2.second);
        }
    return count;
}

QStringList shippedFiles() {
    return QDir(QStringLiteral(EVENTBENCH_SOURCE_DIR "/scenarios"))
        .entryList({"*.yaml"}, QDir::Files, QDir::Name);
}

Scenario byName(const QString &name) {
    if (name == "chain")
        return chain();
    if (name == "tangled")
        return tangled();
    if (name == "reversed pairs")
        return reversedPairs();
    if (name == "complete bipartite")
        return completeBipartite();
    return shipped(name);
}

} // namespace

class TestLayeredLayout : public QObject {
    Q_OBJECT

  private slots:
    void noOverlapAndConstantGaps_data() { geometryRows(); }
    void noOverlapAndConstantGaps();
    void nonCycleEdgesPointRight_data() { geometryRows(); }
    void nonCycleEdgesPointRight();
    void stable_data() { geometryRows(); }
    void stable();
    void ranksAreLongestPaths_data();
    void ranksAreLongestPaths();
    void cycleWithoutProducerIsBroken();
    void crossingsReachTheMinimum_data();
    void crossingsReachTheMinimum();
    void emptyScenario();

  private:
    static void geometryRows();
};

// The small graphs above and every shipped scenario.
void TestLayeredLayout::geometryRows() {
    QTest::addColumn<QString>("name");
    for (const char *name : {"chain", "tangled", "reversed pairs", "complete bipartite"})
        QTest::newRow(name) << name;
    for (const QString &f : shippedFiles())
        QTest::newRow(qPrintable(f)) << f;
}

void TestLayeredLayout::noOverlapAndConstantGaps() {
    QFETCH(QString, name);
    const Scenario s = byName(name);
    const auto pos = layeredLayout(TopologyGraph(s), kColumnGap, kRowGap);
    QCOMPARE(pos.size(), s.nodes.size());
    std::map<double, std::vector<double>> columns;
    for (auto a = pos.begin(); a != pos.end(); ++a) {
        for (auto b = std::next(a); b != pos.end(); ++b) {
            const bool apart = std::abs(a->second.first - b->second.first) >= kNodeWidth ||
                               std::abs(a->second.second - b->second.second) >= kNodeHeight;
            QVERIFY2(apart, qPrintable(QString::fromStdString(a->first + " / " + b->first)));
        }
        columns[a->second.first].push_back(a->second.second);
    }
    for (auto &[x, ys] : columns) {
        QCOMPARE(std::fmod(x, kColumnGap), 0.0);
        std::sort(ys.begin(), ys.end());
        for (std::size_t i = 1; i < ys.size(); ++i)
            QCOMPARE(ys[i] - ys[i - 1], kRowGap);
        QCOMPARE(ys.front(), -ys.back()); // centred on y = 0
    }
}

void TestLayeredLayout::nonCycleEdgesPointRight() {
    QFETCH(QString, name);
    const Scenario s = byName(name);
    const TopologyGraph g(s);
    const auto &graph = g.graph();
    std::vector<int> component(boost::num_vertices(graph));
    boost::strong_components(graph, boost::make_iterator_property_map(
                                        component.begin(), boost::get(boost::vertex_index, graph)));
    const auto pos = layeredLayout(g, kColumnGap, kRowGap);
    const LayerAssignment layers = assignLayers(g);
    int checked = 0;
    for (auto [it, end] = boost::edges(graph); it != end; ++it) {
        const auto u = boost::source(*it, graph);
        const auto v = boost::target(*it, graph);
        const bool setAside =
            std::find(layers.reversed.begin(), layers.reversed.end(), *it) != layers.reversed.end();
        // Only an edge inside a cycle may be set aside.
        QVERIFY(!setAside || component[u] == component[v]);
        if (setAside)
            continue;
        const std::string &a = g.node(u).id;
        const std::string &b = g.node(v).id;
        QVERIFY2(pos.at(a).first < pos.at(b).first,
                 qPrintable(QString::fromStdString(a + " -> " + b)));
        QVERIFY(layers.rank[u] < layers.rank[v]);
        ++checked;
    }
    QVERIFY(checked > 0);
}

void TestLayeredLayout::stable() {
    QFETCH(QString, name);
    const Scenario s = byName(name);
    const Scenario copy = byName(name); // loaded or built again: other addresses, same input
    const auto first = layeredLayout(TopologyGraph(s), kColumnGap, kRowGap);
    const auto second = layeredLayout(TopologyGraph(s), kColumnGap, kRowGap);
    const auto third = layeredLayout(TopologyGraph(copy), kColumnGap, kRowGap);
    QVERIFY(first == second);
    QVERIFY(first == third);
}

void TestLayeredLayout::ranksAreLongestPaths_data() {
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("rank");
    QTest::newRow("producer") << "p" << 0;
    QTest::newRow("topic") << "t" << 1;
    QTest::newRow("consumer") << "c" << 2;
    QTest::newRow("dead-letter queue, right of its source") << "dlq" << 3;
    QTest::newRow("follow-up queue") << "q" << 3;
    QTest::newRow("second consumer") << "c2" << 4;
    QTest::newRow("store at the end") << "store" << 5;
}

void TestLayeredLayout::ranksAreLongestPaths() {
    QFETCH(QString, id);
    QFETCH(int, rank);
    const Scenario s = chain();
    const TopologyGraph g(s);
    const auto v = g.vertexOf(id.toStdString());
    QVERIFY(v.has_value());
    QCOMPARE(assignLayers(g).rank[*v], rank);
    QCOMPARE(layeredLayout(g, kColumnGap, kRowGap).at(id.toStdString()).first, rank * kColumnGap);
}

void TestLayeredLayout::cycleWithoutProducerIsBroken() {
    using K = NodeKind;
    Scenario s;
    s.nodes = {node("t1", K::Topic), node("c1", K::Consumer), node("t2", K::Topic),
               node("c2", K::Consumer)};
    s.edges = {edge("t1", "c1"), edge("c1", "t2"), edge("t2", "c2"), edge("c2", "t1")};
    const TopologyGraph g(s);
    const LayerAssignment layers = assignLayers(g);
    QCOMPARE(layers.rank, (std::vector<int>{0, 1, 2, 3}));
    QCOMPARE(layers.reversed.size(), std::size_t(1));
    QCOMPARE(g.node(boost::source(layers.reversed[0], g.graph())).id, std::string("c2"));
    QCOMPARE(g.node(boost::target(layers.reversed[0], g.graph())).id, std::string("t1"));
}

void TestLayeredLayout::crossingsReachTheMinimum_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("minimum");
    QTest::newRow("reversed pairs") << "reversed pairs" << 0;
    QTest::newRow("complete bipartite") << "complete bipartite" << 1;
}

void TestLayeredLayout::crossingsReachTheMinimum() {
    QFETCH(QString, name);
    QFETCH(int, minimum);
    const Scenario s = byName(name);
    const TopologyGraph g(s);
    const auto pos = layeredLayout(g, kColumnGap, kRowGap);
    QCOMPARE(drawnCrossings(s, pos), minimum);
    QCOMPARE(assignLayers(g).crossings, minimum);
    if (name == "reversed pairs") {
        // File order would cross: the producers keep theirs, the rest follow them.
        QVERIFY(pos.at("p1").second < pos.at("p2").second);
        QVERIFY(pos.at("t3").second < pos.at("t2").second);
        QVERIFY(pos.at("t2").second < pos.at("t1").second);
        QVERIFY(pos.at("c1").second < pos.at("c3").second);
    }
}

void TestLayeredLayout::emptyScenario() {
    const Scenario s;
    const TopologyGraph g(s);
    QVERIFY(layeredLayout(g, kColumnGap, kRowGap).empty());
    QVERIFY(assignLayers(g).layers.empty());
}

QTEST_GUILESS_MAIN(TestLayeredLayout)
#include "tst_layered_layout.moc"
