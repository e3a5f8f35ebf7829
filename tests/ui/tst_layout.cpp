// Layout: layered left-to-right placement (rank = longest path from producers), dead-letter
// targets to the right of their source, hand-placed nodes kept.
#include <QtTest>

#include "ui/canvas/Layout.h"

using namespace eventbench;
using eventbench::ui::Layout;

namespace {

model::Node node(const std::string &id, model::NodeKind kind) {
    model::Node n;
    n.id = id;
    n.kind = kind;
    return n;
}

model::Edge edge(const std::string &a, const std::string &b) {
    model::Edge e;
    e.from = a;
    e.to = b;
    return e;
}

// p -> t -> c -> q -> c2 -> store, plus c's dead letters into dlq.
model::Scenario chain() {
    using K = model::NodeKind;
    model::Scenario s;
    s.nodes = {node("store", K::Store), node("c2", K::Consumer), node("q", K::Queue),
               node("c", K::Consumer),  node("t", K::Topic),     node("p", K::Producer),
               node("dlq", K::Queue)};
    s.nodes[3].consumer.deadLetter = "dlq";
    s.edges = {edge("p", "t"), edge("t", "c"), edge("c", "q"), edge("q", "c2"),
               edge("c2", "store")};
    return s;
}

} // namespace

class TestLayout : public QObject {
    Q_OBJECT
  private slots:
    void ranksFollowLongestPath_data();
    void ranksFollowLongestPath();
    void siblingsDoNotOverlap();
    void placeMissingKeepsHandPlacedNodes();
    void cycleTerminates();
};

void TestLayout::ranksFollowLongestPath_data() {
    QTest::addColumn<QString>("id");
    QTest::addColumn<double>("x");
    QTest::newRow("producer") << "p" << 0.0;
    QTest::newRow("topic") << "t" << 1 * Layout::kColumnGap;
    QTest::newRow("consumer") << "c" << 2 * Layout::kColumnGap;
    QTest::newRow("dead-letter queue") << "dlq" << 3 * Layout::kColumnGap;
    QTest::newRow("follow-up queue") << "q" << 3 * Layout::kColumnGap;
    QTest::newRow("second consumer") << "c2" << 4 * Layout::kColumnGap;
    QTest::newRow("store") << "store" << 5 * Layout::kColumnGap;
}

void TestLayout::ranksFollowLongestPath() {
    QFETCH(QString, id);
    QFETCH(double, x);
    const auto pos = Layout::compute(chain());
    QCOMPARE(pos.at(id.toStdString()).first, x);
}

void TestLayout::siblingsDoNotOverlap() {
    const auto pos = Layout::compute(chain());
    QCOMPARE(std::abs(pos.at("dlq").second - pos.at("q").second), Layout::kRowGap);
    QCOMPARE(pos.at("p").second, 0.0);
}

void TestLayout::placeMissingKeepsHandPlacedNodes() {
    model::Scenario s = chain();
    s.nodes[5].pos = std::make_pair(-500.0, 300.0); // p
    QVERIFY(Layout::placeMissing(s));
    QCOMPARE(s.nodes[5].pos, std::make_optional(std::make_pair(-500.0, 300.0)));
    for (const auto &n : s.nodes) {
        QVERIFY(n.pos.has_value());
        if (n.id != "p")
            QVERIFY2(n.pos->second > 300.0, n.id.c_str()); // laid out below the placed one
    }
    QVERIFY(!Layout::placeMissing(s));
}

void TestLayout::cycleTerminates() {
    using K = model::NodeKind;
    model::Scenario s;
    s.nodes = {node("t1", K::Topic), node("c1", K::Consumer), node("t2", K::Topic),
               node("c2", K::Consumer)};
    s.edges = {edge("t1", "c1"), edge("c1", "t2"), edge("t2", "c2"), edge("c2", "t1")};
    const auto pos = Layout::compute(s);
    QCOMPARE(pos.size(), std::size_t(4));
    for (const auto &[id, p] : pos)
        QVERIFY(p.first >= 0 && p.first < 4 * Layout::kColumnGap);
}

QTEST_GUILESS_MAIN(TestLayout)
#include "tst_layout.moc"
