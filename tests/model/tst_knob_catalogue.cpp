// The knob and fault catalogues (model/catalogue): every entry is documented in
// scenarios/README.md, keys are unique, defaults are what the docs say and read back to
// themselves, sweepable knobs can be varied with --vary, and the validator and the loader
// follow the fault table.
#include <QtTest>

#include <set>

#include "model/catalogue/FaultCatalogue.h"
#include "model/catalogue/KnobCatalogue.h"
#include "model/scenario/SweepPlan.h"
#include "model/scenario/Units.h"
#include "model/yaml/ScenarioLoader.h"
#include "model/yaml/ScenarioValidator.h"
#include "model/yaml/ScenarioWriter.h"

using namespace eventbench::model;

namespace {

constexpr NodeKind kKinds[] = {NodeKind::Producer, NodeKind::Topic,    NodeKind::Queue,
                               NodeKind::Exchange, NodeKind::Consumer, NodeKind::Store};

QString str(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString readme() {
    QFile file(QStringLiteral(EVENTBENCH_SOURCE_DIR "/scenarios/README.md"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// The text under `heading` up to the next heading of the same or a higher level.
QString section(const QString &doc, const QString &heading) {
    const int level = static_cast<int>(heading.indexOf(QLatin1Char(' ')));
    const QStringList lines = doc.split(QLatin1Char('\n'));
    QStringList out;
    bool inside = false;
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1Char('#'))) {
            const int l = static_cast<int>(line.indexOf(QLatin1Char(' ')));
            if (inside && l <= level)
                break;
            if (line.startsWith(heading)) {
                inside = true;
                continue;
            }
        }
        if (inside)
            out << line;
    }
    return out.join(QLatin1Char('\n'));
}

// Table rows one by one, other text paragraph by paragraph.
QStringList units(const QString &text) {
    QStringList out;
    QString paragraph;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1Char('|'))) {
            out << line;
        } else if (line.trimmed().isEmpty()) {
            if (!paragraph.isEmpty())
                out << paragraph;
            paragraph.clear();
        } else {
            paragraph += line + QLatin1Char(' ');
        }
    }
    if (!paragraph.isEmpty())
        out << paragraph;
    return out;
}

// Empty when `key` is documented in `text` with its default, else what is missing.
QString documentation(const QString &text, std::string_view key, std::string_view defaultText) {
    const QString quoted = QLatin1Char('`') + str(key) + QLatin1Char('`');
    QStringList mentions;
    for (const QString &u : units(text))
        if (u.contains(quoted))
            mentions << u;
    if (mentions.isEmpty())
        return quoted + QStringLiteral(" is not documented");
    for (const QString &u : mentions)
        if (u.contains(str(defaultText)))
            return {};
    return quoted + QStringLiteral(" is documented without its default '") + str(defaultText) +
           QLatin1Char('\'');
}

Node defaultNode(NodeKind kind) {
    Node n;
    n.id = "n";
    n.kind = kind;
    return n;
}

std::string nodeYaml(NodeKind kind, std::string_view key, const std::string &text) {
    std::string yaml = "scenario: t\nduration: 10s\nnodes:\n  n:\n    kind: ";
    yaml += toString(kind);
    yaml += "\n";
    if (kind == NodeKind::Producer && key != "rate")
        yaml += "    rate: 1/s\n";
    return yaml + "    " + std::string(key) + ": " + text + "\n";
}

// One node of each kind, wired so that the scenario loads (warnings are fine).
const char *const kEveryKind = R"(scenario: every-kind
duration: 10s
nodes:
  p: {kind: producer, rate: 10/s, instances: 3}
  t: {kind: topic, partitions: 2}
  q: {kind: queue, dead_letter: dlq}
  dlq: {kind: queue}
  x: {kind: exchange}
  c: {kind: consumer, instances: 2}
  w: {kind: consumer}
  s: {kind: store}
edges:
  - p -> t
  - p -> x
  - x -> q
  - t -> c
  - q -> w
  - c -> s
)";

std::string idOf(NodeKind kind) {
    switch (kind) {
    case NodeKind::Producer:
        return "p";
    case NodeKind::Topic:
        return "t";
    case NodeKind::Queue:
        return "q";
    case NodeKind::Exchange:
        return "x";
    case NodeKind::Consumer:
        return "c";
    case NodeKind::Store:
        return "s";
    }
    return {};
}

QString firstError(const LoadResult &r) {
    for (const auto &d : r.diagnostics)
        if (d.severity == Diagnostic::Severity::Error)
            return QString::fromStdString(d.message);
    return {};
}

} // namespace

class TestKnobCatalogue : public QObject {
    Q_OBJECT
  private slots:
    void keysAreUnique();
    void everyKnobIsDocumented();
    void everyFaultIsDocumented();
    void defaultsAreWhatTheTableSays();
    void nodeDefaultsReadBack();
    void edgeAndScenarioDefaultsReadBack();
    void sweepableKnobsCanBeVaried();
    void shapesFollowTheValues();
    void faultsFollowTheirKinds();
    void suggestedFaultsReadBack();
};

void TestKnobCatalogue::keysAreUnique() {
    for (NodeKind kind : kKinds) {
        std::set<std::string_view> keys{nodeKindKnob().key, nodePosKnob().key};
        for (const NodeKnob &k : nodeKnobs(kind)) {
            QVERIFY2(keys.insert(k.key).second, qPrintable(str(k.key)));
            QCOMPARE(findNodeKnob(kind, k.key), &k);
        }
        QCOMPARE(keys.size(), nodeKnobs(kind).size() + 2);
    }
    std::set<std::string_view> edge;
    for (const EdgeKnob &k : edgeKnobs())
        QVERIFY2(edge.insert(k.key).second, qPrintable(str(k.key)));
    std::set<std::string_view> top{"nodes", "edges", "faults", "expect"};
    for (const ScenarioKnob &k : scenarioKnobs())
        QVERIFY2(top.insert(k.key).second, qPrintable(str(k.key)));

    std::set<std::string_view> fault;
    for (const FaultParam &p : faultParams())
        QVERIFY2(fault.insert(p.key).second, qPrintable(str(p.key)));
    for (std::size_t i = 0; i < faultKinds().size(); ++i) {
        const FaultInfo &info = faultKinds()[i];
        QVERIFY2(fault.insert(info.name).second, qPrintable(str(info.name)));
        QCOMPARE(static_cast<std::size_t>(info.kind), i);
        QCOMPARE(&faultInfo(info.kind), &info);
        QVERIFY(faultKindList().find(info.name) != std::string::npos);
        if (!info.parameter.empty())
            QVERIFY2(findFaultParam(info.parameter), qPrintable(str(info.parameter)));
    }
}

void TestKnobCatalogue::everyKnobIsDocumented() {
    const QString doc = readme();
    QVERIFY(!doc.isEmpty());
    for (NodeKind kind : kKinds) {
        const QString text = section(doc, QStringLiteral("### ") + toString(kind));
        QVERIFY2(!text.isEmpty(), toString(kind));
        for (const NodeKnob &k : nodeKnobs(kind)) {
            const QString problem = documentation(text, k.key, k.defaultText);
            QVERIFY2(problem.isEmpty(), qPrintable(str(toString(kind)) + ": " + problem));
            QVERIFY(!k.description.empty());
        }
    }
    const QString nodes = section(doc, QStringLiteral("## A complete file"));
    for (const NodeKnob *k : {&nodeKindKnob(), &nodePosKnob()})
        QVERIFY2(nodes.contains(QLatin1Char('`') + str(k->key) + QLatin1Char('`')) ||
                     nodes.contains(str(k->key) + QLatin1Char(':')),
                 qPrintable(str(k->key)));
    const QString edges = section(doc, QStringLiteral("## Edges"));
    for (const EdgeKnob &k : edgeKnobs()) {
        const QString problem = documentation(edges, k.key, k.defaultText);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("edge: ") + problem));
    }
    for (const ScenarioKnob &k : scenarioKnobs()) {
        const QString problem = documentation(nodes, k.key, k.defaultText);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("scenario: ") + problem));
    }
}

void TestKnobCatalogue::everyFaultIsDocumented() {
    const QString faults = section(readme(), QStringLiteral("## Faults"));
    QVERIFY(!faults.isEmpty());
    for (const FaultInfo &info : faultKinds()) {
        const QString entry =
            QLatin1Char('`') + str(info.name) + QStringLiteral(": ") + str(info.target);
        QVERIFY2(faults.contains(entry), qPrintable(entry));
        QVERIFY(!info.description.empty());
    }
    for (const FaultParam &p : faultParams())
        QVERIFY2(faults.contains(QLatin1Char('`') + str(p.key) + QLatin1Char('`')) ||
                     faults.contains(str(p.key) + QStringLiteral(": ")),
                 qPrintable(str(p.key)));
}

// A default that is a value is written as the table's default text; an absent one is not
// written, and the inspector shows the table's word for it (`event` alone says "(node id)"
// where the docs say "the node id").
void TestKnobCatalogue::defaultsAreWhatTheTableSays() {
    for (NodeKind kind : kKinds) {
        const Node n = defaultNode(kind);
        for (const NodeKnob &k : nodeKnobs(kind)) {
            const auto text = k.codec.write(n, k);
            if (k.required)
                continue;
            QVERIFY2(k.codec.isDefault(n), qPrintable(str(k.key)));
            if (text)
                QCOMPARE(str(*text), str(k.defaultText));
            else if (k.showEach)
                QVERIFY(k.showEach(n).empty());
            else if (k.key == "event")
                QCOMPARE(str(k.codec.show(n, k)), QStringLiteral("(node id)"));
            else
                QCOMPARE(str(k.codec.show(n, k)), str(k.defaultText));
        }
    }
    const Edge e;
    for (const EdgeKnob &k : edgeKnobs())
        if (!k.required)
            QVERIFY2(k.codec.isDefault(e), qPrintable(str(k.key)));
    const Scenario s;
    for (const ScenarioKnob &k : scenarioKnobs()) {
        if (k.required)
            continue;
        QVERIFY2(k.codec.isDefault(s), qPrintable(str(k.key)));
        if (const auto text = k.codec.write(s, k))
            QCOMPARE(str(*text), str(k.defaultText));
    }
}

void TestKnobCatalogue::nodeDefaultsReadBack() {
    for (NodeKind kind : kKinds) {
        Node expected = defaultNode(kind);
        if (kind == NodeKind::Producer)
            expected.producer.rate.rate = 1;
        for (const NodeKnob &k : nodeKnobs(kind)) {
            const auto text = k.codec.write(defaultNode(kind), k);
            if (!text)
                continue; // absent by default: nothing to write
            const LoadResult r = loadScenarioText(nodeYaml(kind, k.key, *text), "t.yaml");
            const QString what = str(toString(kind)) + '.' + str(k.key) + ": " + str(*text);
            QVERIFY2(r.scenario, qPrintable(what + " -> " + firstError(r)));
            const Node *loaded = r.scenario->findNode("n");
            QVERIFY(loaded);
            if (k.required) {
                QCOMPARE(str(*k.codec.write(*loaded, k)), str(*text));
                continue;
            }
            QVERIFY2(*loaded == expected, qPrintable(what));
        }
    }
}

void TestKnobCatalogue::edgeAndScenarioDefaultsReadBack() {
    const Scenario def;
    const LoadResult base = loadScenarioText(kEveryKind, "every.yaml");
    QVERIFY2(base.scenario, qPrintable(firstError(base)));
    for (const ScenarioKnob &k : scenarioKnobs()) {
        const auto text = k.codec.write(k.required ? *base.scenario : def, k);
        if (!text)
            continue; // absent by default: nothing to write
        const std::string setting = std::string(k.key) + "=" + *text;
        const LoadResult r = loadScenarioText(kEveryKind, "every.yaml", {setting});
        QVERIFY2(r.scenario, qPrintable(QString::fromStdString(setting) + " -> " + firstError(r)));
        QCOMPARE(str(*k.codec.write(*r.scenario, k)), str(*text));
    }
    Edge edge = base.scenario->edges.front();
    edge.longForm = true;
    for (const EdgeKnob &k : edgeKnobs()) {
        const auto text = k.codec.write(edge, k);
        if (!text || k.required)
            continue;
        const std::string setting =
            "edges.0={from: p, to: t, " + std::string(k.key) + ": " + *text + "}";
        const LoadResult r = loadScenarioText(kEveryKind, "every.yaml", {setting});
        QVERIFY2(r.scenario, qPrintable(QString::fromStdString(setting) + " -> " + firstError(r)));
        QVERIFY2(r.scenario->edges.front() == edge, qPrintable(QString::fromStdString(setting)));
    }
}

// A knob's shape picks the inspector's structured editor: each shaped knob takes a value of
// its shape, and no other knob (a fixed one aside) takes a distribution, a rate profile or a
// retry policy, so none that should have an editor lacks it.
void TestKnobCatalogue::shapesFollowTheValues() {
    const std::pair<KnobShape, std::string> samples[] = {
        {KnobShape::DurationDistribution, "{distribution: lognormal, mean: 5ms, p99: 40ms}"},
        {KnobShape::SizeDistribution, "{distribution: uniform, min: 1KB, max: 9KB}"},
        {KnobShape::RateProfile, "{profile: sine, mean: 200/s, amplitude: 100/s, period: 1h}"},
        {KnobShape::Retry, "{max_attempts: 2, backoff: 1s, multiplier: 2}"}};
    int shaped = 0;
    for (NodeKind kind : kKinds)
        for (const NodeKnob &k : nodeKnobs(kind)) {
            if (k.fixed)
                continue;
            for (const auto &[shape, text] : samples) {
                const bool loads =
                    loadScenarioText(nodeYaml(kind, k.key, text), "t.yaml").scenario.has_value();
                const QString what = str(toString(kind)) + '.' + str(k.key) + ": " + str(text);
                QVERIFY2(loads == (k.shape == shape), qPrintable(what));
            }
            shaped += k.shape != KnobShape::Text;
        }
    QCOMPARE(shaped, 7); // rate, size, retry; append_latency; service_time, retry; write_time
    const EdgeKnob *latency = nullptr;
    for (const EdgeKnob &k : edgeKnobs())
        if (k.shape != KnobShape::Text)
            latency = &k;
    QVERIFY(latency && latency->shape == KnobShape::DurationDistribution);
    const std::string setting =
        "edges.0={from: p, to: t, " + std::string(latency->key) + ": " + samples[0].second + "}";
    QVERIFY(loadScenarioText(kEveryKind, "every.yaml", {setting}).scenario);
}

// What the sweep dialog suggests and `--vary` accepts: each sweepable knob with its value in
// the base scenario, or the least its range allows when it has none.
void TestKnobCatalogue::sweepableKnobsCanBeVaried() {
    const LoadResult base = loadScenarioText(kEveryKind, "every.yaml");
    QVERIFY2(base.scenario, qPrintable(firstError(base)));
    auto vary = [&](const std::string &path, const std::string &value) -> QString {
        Diagnostics problems;
        const SweepPlan plan = SweepPlan::parse({path + "=" + value}, &problems);
        if (!problems.empty())
            return QString::fromStdString(problems.front().message);
        if (plan.combinations() != 1)
            return QStringLiteral("not one combination");
        const LoadResult r = loadScenarioText(kEveryKind, "every.yaml", plan.overrides(0));
        return r.scenario ? QString() : firstError(r);
    };
    int sweepable = 0;
    for (const ScenarioKnob &k : scenarioKnobs()) {
        if (!k.sweepable)
            continue;
        ++sweepable;
        const std::string value = *k.codec.write(*base.scenario, k);
        const QString problem = vary(std::string(k.key), value);
        QVERIFY2(problem.isEmpty(), qPrintable(str(k.key) + ": " + problem));
    }
    for (NodeKind kind : kKinds) {
        const Node &node = *base.scenario->findNode(idOf(kind));
        for (const NodeKnob &k : nodeKnobs(kind)) {
            if (!k.sweepable)
                continue;
            ++sweepable;
            const auto text = k.codec.write(node, k);
            const std::string value = text ? *text : formatNumber(k.range.min);
            const std::string path = "nodes." + node.id + "." + std::string(k.key);
            const QString problem = vary(path, value);
            QVERIFY2(problem.isEmpty(), qPrintable(QString::fromStdString(path) + ": " + problem));
        }
    }
    QVERIFY(sweepable > 10);
}

// The validator accepts a fault exactly on the node kinds its catalogue entry names.
void TestKnobCatalogue::faultsFollowTheirKinds() {
    const LoadResult base = loadScenarioText(kEveryKind, "every.yaml");
    QVERIFY2(base.scenario, qPrintable(firstError(base)));
    for (const FaultInfo &info : faultKinds()) {
        if (info.kind == Fault::Kind::Latency)
            continue;
        for (NodeKind kind : kKinds) {
            Scenario s = *base.scenario;
            Fault f = suggestedFault(info.kind, *s.findNode(idOf(kind)));
            f.instances.reset();
            s.faults = {f};
            const bool refused = hasErrors(validateScenario(s));
            QVERIFY2(refused != info.takes(kind),
                     qPrintable(str(info.name) + " on a " + toString(kind)));
        }
    }
}

// The dialog's first values make a valid fault, which the writer writes and the loader
// reads back unchanged.
void TestKnobCatalogue::suggestedFaultsReadBack() {
    const LoadResult base = loadScenarioText(kEveryKind, "every.yaml");
    QVERIFY2(base.scenario, qPrintable(firstError(base)));
    for (const FaultInfo &info : faultKinds()) {
        Scenario s = *base.scenario;
        Fault f;
        if (info.kind == Fault::Kind::Latency) {
            f.kind = info.kind;
            f.target = "p";
            f.edgeTo = "t";
            f.add = 5 * kNanosPerMilli;
        } else {
            NodeKind kind = NodeKind::Producer;
            for (NodeKind k : kKinds)
                if (info.takes(k)) {
                    kind = k;
                    break;
                }
            f = suggestedFault(info.kind, *s.findNode(idOf(kind)));
        }
        f.at = kNanosPerSecond;
        s.faults = {f};
        const LoadResult r = loadScenarioText(writeScenarioYaml(s), "written.yaml");
        QVERIFY2(r.scenario, qPrintable(str(info.name) + ": " + firstError(r)));
        QCOMPARE(r.scenario->faults.size(), std::size_t{1});
        QVERIFY2(r.scenario->faults.front() == f, qPrintable(str(info.name)));
    }
}

QTEST_APPLESS_MAIN(TestKnobCatalogue)
#include "tst_knob_catalogue.moc"
