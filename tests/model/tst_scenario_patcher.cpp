// The line-preserving save (ScenarioPatcher): an edit changes only the lines it concerns,
// comments and key order stay, and an unedited file comes back byte for byte.
#include <QtTest>

#include <QDir>
#include <fstream>
#include <sstream>

#include "model/scenario/ExpectationParser.h"
#include "model/yaml/ScenarioLoader.h"
#include "model/yaml/ScenarioPatcher.h"

using namespace eventbench::model;

namespace {

std::vector<std::string> lines(const std::string &text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

// The lines between the common head and the common tail: what was taken and what was put.
struct LineDiff {
    std::vector<std::string> removed, added;
};

LineDiff diff(const std::string &a, const std::string &b) {
    const std::vector<std::string> x = lines(a), y = lines(b);
    std::size_t head = 0;
    while (head < x.size() && head < y.size() && x[head] == y[head])
        ++head;
    std::size_t tail = 0;
    while (tail < x.size() - head && tail < y.size() - head &&
           x[x.size() - 1 - tail] == y[y.size() - 1 - tail])
        ++tail;
    LineDiff d;
    d.removed.assign(x.begin() + head, x.end() - tail);
    d.added.assign(y.begin() + head, y.end() - tail);
    return d;
}

Scenario load(const std::string &text) {
    LoadResult r = loadScenarioText(text, "test.yaml");
    if (!r.scenario)
        qFatal("does not load: %s", r.diagnostics.empty() ? "" : r.diagnostics[0].message.c_str());
    return *r.scenario;
}

Node *node(Scenario &s, const std::string &id) {
    for (Node &n : s.nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

// Patches `text` with `edit` and checks the result loads as the edited scenario.
template <typename F> std::string patch(const std::string &text, F edit) {
    const Scenario base = load(text);
    Scenario after = base;
    edit(after);
    const std::string out = patchScenarioYaml(text, base, after);
    Scenario reloaded = load(out);
    for (std::size_t i = 0; i < reloaded.nodes.size() && i < after.nodes.size(); ++i)
        if (!reloaded.nodes[i].pos)
            reloaded.nodes[i].pos = after.nodes[i].pos;
    if (!(reloaded == after))
        qFatal("the patched text does not load as the edit:\n%s", out.c_str());
    return out;
}

const std::string kCommented = R"(# Orders, with the user's own notes.
scenario: commented
seed: 7   # fixed for the blog post
duration: 1m

nodes:
  # the producer
  orders:   {kind: producer, rate: 100/s}   # peak hour
  bus:      {kind: topic, partitions: 4}
  workers:
    kind: consumer
    instances: 2        # two pods
    # service time measured in prod
    service_time: 5ms
  audit: {kind: consumer}

edges:
  - orders -> bus   # main path
  - bus -> workers
  - bus -> audit

# what must hold
expect:
  - max(workers.lag) < 100   # SLO
  - ledger.unaccounted == 0
)";

} // namespace

class TestScenarioPatcher : public QObject {
    Q_OBJECT
  private slots:
    void everyBundledScenarioRoundTripsByteForByte() {
        const QDir dir(QStringLiteral(EVENTBENCH_SOURCE_DIR "/scenarios"));
        const QStringList files = dir.entryList({"*.yaml"}, QDir::Files);
        QVERIFY(files.size() >= 10);
        for (const QString &f : files) {
            std::ifstream in(dir.filePath(f).toStdString(), std::ios::binary);
            const std::string text((std::istreambuf_iterator<char>(in)), {});
            const Scenario s = load(text);
            QCOMPARE(patchScenarioYaml(text, s, s), text);
            // One knob edited: exactly one line changes (or is added), nothing else.
            const std::string seeded = patch(text, [](Scenario &x) { x.seed += 1; });
            const LineDiff d = diff(text, seeded);
            QVERIFY2(d.added.size() == 1 && d.removed.size() <= 1, qPrintable(f));
            QVERIFY2(d.added[0].rfind("seed: ", 0) == 0, qPrintable(f));
            for (const Node &n : s.nodes) {
                if (n.kind != NodeKind::Consumer)
                    continue;
                const std::string more =
                    patch(text, [&](Scenario &x) { node(x, n.id)->consumer.instances += 1; });
                const LineDiff c = diff(text, more);
                QVERIFY2(c.added.size() == 1 && c.removed.size() <= 1, qPrintable(f));
                QVERIFY2(c.added[0].find("instances: " + std::to_string(n.consumer.instances +
                                                                        1)) != std::string::npos,
                         qPrintable(f));
            }
        }
    }

    void aKnobEditKeepsCommentsAndChangesOneLine() {
        std::string out =
            patch(kCommented, [](Scenario &s) { node(s, "workers")->consumer.instances = 5; });
        LineDiff d = diff(kCommented, out);
        QCOMPARE(d.removed, std::vector<std::string>{"    instances: 2        # two pods"});
        QCOMPARE(d.added, std::vector<std::string>{"    instances: 5        # two pods"});

        out = patch(kCommented, [](Scenario &s) { node(s, "bus")->topic.partitions = 8; });
        d = diff(kCommented, out);
        QCOMPARE(d.added, std::vector<std::string>{"  bus:      {kind: topic, partitions: 8}"});

        out = patch(kCommented, [](Scenario &s) { node(s, "orders")->producer.rate.rate = 250; });
        d = diff(kCommented, out);
        QCOMPARE(d.added, std::vector<std::string>{
                              "  orders:   {kind: producer, rate: 250/s}   # peak hour"});
        out = patch(kCommented, [](Scenario &s) { s.seed = 9; });
        QCOMPARE(diff(kCommented, out).added,
                 std::vector<std::string>{"seed: 9   # fixed for the blog post"});
    }

    void aKnobResetOrSetAddsOrRemovesOnlyItsKey() {
        // Reset to default: the key goes, in a block node and in a flow node.
        std::string out =
            patch(kCommented, [](Scenario &s) { node(s, "workers")->consumer.instances = 1; });
        LineDiff d = diff(kCommented, out);
        QCOMPARE(d.removed, std::vector<std::string>{"    instances: 2        # two pods"});
        QVERIFY(d.added.empty());
        out = patch(kCommented, [](Scenario &s) { node(s, "bus")->topic.partitions = 1; });
        QCOMPARE(diff(kCommented, out).added,
                 std::vector<std::string>{"  bus:      {kind: topic}"});
        // A knob set anew goes after its catalogue neighbours.
        out = patch(kCommented, [](Scenario &s) { node(s, "audit")->consumer.instances = 3; });
        QCOMPARE(diff(kCommented, out).added,
                 std::vector<std::string>{"  audit: {kind: consumer, instances: 3}"});
        out = patch(kCommented, [](Scenario &s) { node(s, "workers")->consumer.concurrency = 4; });
        d = diff(kCommented, out);
        QVERIFY(d.removed.empty());
        QCOMPARE(d.added, std::vector<std::string>{"    concurrency: 4"});
        QVERIFY(out.find("instances: 2        # two pods\n    concurrency: 4\n") !=
                std::string::npos);
    }

    void nodesAreAddedRenamedAndDeletedByTheirLinesOnly() {
        std::string out = patch(kCommented, [](Scenario &s) {
            Node n;
            n.id = "billing";
            n.kind = NodeKind::Queue;
            s.nodes.push_back(n);
        });
        LineDiff d = diff(kCommented, out);
        QVERIFY(d.removed.empty());
        QCOMPARE(d.added, std::vector<std::string>{"  billing: {kind: queue}"});

        out = patch(kCommented, [](Scenario &s) {
            std::erase_if(s.nodes, [](const Node &n) { return n.id == "audit"; });
            std::erase_if(s.edges, [](const Edge &e) { return e.to == "audit"; });
        });
        QVERIFY(out.find("audit") == std::string::npos);
        QVERIFY(out.find("# two pods") != std::string::npos);
        QCOMPARE(lines(out).size(), lines(kCommented).size() - 2);

        out = patch(kCommented, [](Scenario &s) {
            node(s, "audit")->id = "archive";
            s.edges[2].to = "archive";
        });
        QVERIFY(out.find("  archive: {kind: consumer}\n") != std::string::npos);
        QVERIFY(out.find("  - bus -> archive\n") != std::string::npos);
        QCOMPARE(lines(out).size(), lines(kCommented).size());

        // A node moved on the canvas gains `pos`; the others stay without it.
        out = patch(kCommented, [](Scenario &s) { node(s, "audit")->pos = {{120, 40}}; });
        d = diff(kCommented, out);
        QCOMPARE(d.added.size(), std::size_t(1));
        QVERIFY(d.added[0].rfind("  audit: {kind: consumer, pos: [", 0) == 0);
    }

    void listItemsMoveOneByOne() {
        std::string out =
            patch(kCommented, [](Scenario &s) { s.edges.erase(s.edges.begin() + 1); });
        LineDiff d = diff(kCommented, out);
        QCOMPARE(d.removed, std::vector<std::string>{"  - bus -> workers"});
        QVERIFY(d.added.empty());

        out = patch(kCommented, [](Scenario &s) { s.expectations.pop_back(); });
        d = diff(kCommented, out);
        QCOMPARE(d.removed, std::vector<std::string>{"  - ledger.unaccounted == 0"});

        // A changed item keeps its comment.
        out = patch(kCommented, [](Scenario &s) {
            std::string error;
            s.expectations[0] = *parseExpectation("max(workers.lag) < 200", &error, nullptr);
        });
        QCOMPARE(diff(kCommented, out).added,
                 std::vector<std::string>{"  - max(workers.lag) < 200   # SLO"});

        // A section the file does not have is added before the later ones and their comments.
        out = patch(kCommented, [](Scenario &s) {
            Fault f;
            f.kind = Fault::Kind::Crash;
            f.at = 10 * kNanosPerSecond;
            f.target = "workers";
            s.faults.push_back(f);
        });
        d = diff(kCommented, out);
        QVERIFY(d.removed.empty());
        QCOMPARE(d.added.size(), std::size_t(3));
        QCOMPARE(d.added[0], std::string("faults:"));
        QVERIFY(out.find("\n\n# what must hold\nexpect:") != std::string::npos);

        // The last item gone: the section goes.
        out = patch(kCommented, [](Scenario &s) { s.expectations.clear(); });
        QVERIFY(out.find("expect") == std::string::npos);
        QVERIFY(out.find("  - bus -> audit\n") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestScenarioPatcher)
#include "tst_scenario_patcher.moc"
