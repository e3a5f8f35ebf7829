// `eventbench export asyncapi` then `import asyncapi` over every bundled scenario
// (README.md#asyncapi): the exported document validates against the official AsyncAPI 3.0.0
// schema (the import checks it and refuses it otherwise) and comes back with the same
// topology: the same nodes of the same kinds, the same edges with their filters and
// bindings, and the key settings of every node; the scenario it gives runs balanced.
#include <QDir>
#include <QtTest>

#include <set>

#include "model/yaml/ScenarioLoader.h"
#include "support/CliRunner.h"

namespace {

using eventbench::model::Node;
using eventbench::model::NodeKind;
using eventbench::model::Scenario;

/// The nodes an AsyncAPI document can carry: buses, and the clients and stores on an edge.
std::set<std::string> carriedNodes(const Scenario &s) {
    std::set<std::string> out;
    for (const Node &n : s.nodes)
        if (eventbench::model::isBus(n.kind))
            out.insert(n.id);
    for (const auto &e : s.edges) {
        out.insert(e.from);
        out.insert(e.to);
    }
    return out;
}

void compareNode(const Node &a, const Node &b, const Scenario &s) {
    QCOMPARE(b.kind, a.kind);
    switch (a.kind) {
    case NodeKind::Topic:
        QCOMPARE(b.topic.partitions, a.topic.partitions);
        QCOMPARE(b.topic.retention, a.topic.retention);
        QCOMPARE(b.topic.retentionBytes, a.topic.retentionBytes);
        break;
    case NodeKind::Queue:
        QCOMPARE(b.queue.fifo, a.queue.fifo);
        QCOMPARE(b.queue.visibilityTimeout, a.queue.visibilityTimeout);
        QCOMPARE(b.queue.maxReceiveCount, a.queue.maxReceiveCount);
        QCOMPARE(b.queue.deadLetter, a.queue.deadLetter);
        QCOMPARE(b.queue.delay, a.queue.delay);
        QCOMPARE(b.queue.retention, a.queue.retention);
        break;
    case NodeKind::Producer:
        QCOMPARE(b.producer.instances, a.producer.instances);
        QCOMPARE(b.producer.rate.rate, a.producer.rate.meanRate(s.duration));
        break;
    case NodeKind::Consumer:
        QCOMPARE(b.consumer.instances, a.consumer.instances);
        QCOMPARE(b.consumer.serviceTime.expectedValue(), a.consumer.serviceTime.expectedValue());
        break;
    case NodeKind::Exchange:
        QCOMPARE(b.exchange.unroutable, a.exchange.unroutable);
        break;
    case NodeKind::Store:
        break;
    }
}

} // namespace

class TestAsyncApiRoundTrip : public eventbench::testing::CliTest {
    Q_OBJECT

  private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void exportToStandardOutputAndBadInput() {
        const QString file = write("small.yaml", "scenario: small\nduration: 1m\nnodes:\n"
                                                 "  p: {kind: producer, rate: 5/s}\n"
                                                 "  t: {kind: topic, partitions: 6}\n"
                                                 "edges: [p -> t]\n");
        const Result r = run({"export", "asyncapi", file});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("asyncapi: \"3.0.0\"\n"));
        QVERIFY(r.out.contains("        partitions: 6\n"));
        QVERIFY(r.out.contains("    x-eventbench-rate: 5.0\n"));
        const QString bad = write("bad.yaml", "scenario: bad\nduration: 1m\nnodes:\n"
                                              "  t: {kind: topic, partitions: none}\n");
        const Result refused = run({"export", "asyncapi", bad, "-o", path("never.yaml")});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.startsWith((bad + ":4:").toUtf8()), refused.err.constData());
        QVERIFY(!QFile::exists(path("never.yaml")));
    }

    void everyBundledScenario_data() {
        QTest::addColumn<QString>("file");
        const QDir dir(EVENTBENCH_SOURCE_DIR "/scenarios");
        const QStringList files = dir.entryList({"*.yaml"}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 20);
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void everyBundledScenario() {
        QFETCH(QString, file);
        roundTrip(file);
    }

    // A queue with a dead_letter but no max_receive_count: an sqs redrive policy would give it
    // the binding's default of 10 receives, so the channel's extension carries it instead.
    void deadLetterQueueWithoutReceiveLimit() {
        QFile f(path("dlq.yaml"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("scenario: dlq-without-limit\nseed: 3\nduration: 60s\nnodes:\n"
                "  orders: {kind: producer, rate: 20/s}\n"
                "  jobs: {kind: queue, visibility_timeout: 5s, dead_letter: parked}\n"
                "  parked: {kind: queue}\n"
                "  workers: {kind: consumer, instances: 2, service_time: 10ms}\n"
                "  auditors: {kind: consumer, service_time: 1ms}\n"
                "edges:\n  - orders -> jobs\n  - jobs -> workers\n  - parked -> auditors\n");
        f.close();
        roundTrip(path("dlq.yaml"));
        QVERIFY(!readAll(path("doc.yaml")).contains("redrivePolicy"));
        QVERIFY(readAll(path("doc.yaml")).contains("x-eventbench-dead-letter: \"parked\""));
    }

  private:
    static QByteArray readAll(const QString &file) {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    void roundTrip(const QString &file) {
        const auto original = eventbench::model::loadScenarioFile(file.toStdString());
        QVERIFY(original.scenario);
        const Scenario &a = *original.scenario;
        const Result exported = run({"export", "asyncapi", file, "-o", path("doc.yaml")});
        QCOMPARE(exported.exitCode, 0);
        const Result imported =
            run({"import", "asyncapi", path("doc.yaml"), "-o", path("back.yaml")});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QVERIFY2(!imported.err.contains("warning:"), imported.err.constData());
        const auto back = eventbench::model::loadScenarioFile(path("back.yaml").toStdString());
        QVERIFY(back.scenario);
        const Scenario &b = *back.scenario;
        QCOMPARE(b.duration, a.duration);
        const std::set<std::string> ids = carriedNodes(a);
        QCOMPARE(b.nodes.size(), ids.size());
        for (const std::string &id : ids) {
            const Node *nb = b.findNode(id);
            QVERIFY2(nb, id.c_str());
            compareNode(*a.findNode(id), *nb, a);
        }
        QCOMPARE(b.edges.size(), a.edges.size());
        for (const auto &e : a.edges) {
            const auto it = std::find_if(b.edges.begin(), b.edges.end(), [&](const auto &x) {
                return x.from == e.from && x.to == e.to;
            });
            QVERIFY2(it != b.edges.end(), (e.from + " -> " + e.to).c_str());
            QCOMPARE(it->filter, e.filter);
            QCOMPARE(it->binding, e.binding);
        }
        const Result ran =
            run({"run", path("back.yaml"), "--duration", "10s", "--out", path("run"), "--quiet"});
        QVERIFY2(ran.exitCode == 0 || ran.exitCode == 1, ran.err.constData()); // no expectations
        QVERIFY(eventbench::testing::csvLines(path("run/summary.csv"))
                    .contains("ledger,unaccounted,total,0"));
    }
};

QTEST_GUILESS_MAIN(TestAsyncApiRoundTrip)
#include "tst_asyncapi_round_trip.moc"
