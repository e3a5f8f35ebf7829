// `eventbench import omb` (README.md#openmessaging-benchmark-workloads) on workloads written
// with the fields of the OpenMessaging Benchmark's workloads/ folder (tests/data/omb): the
// topology, rates and timing it derives, the positioned warnings, refusals with exit 2, and
// the converted scenario running with a balanced ledger.
#include <QtTest>

#include "model/yaml/ScenarioLoader.h"
#include "support/CliRunner.h"

namespace {

using eventbench::model::NodeKind;
using eventbench::model::Scenario;

QString data(const char *name) {
    return QStringLiteral(EVENTBENCH_SOURCE_DIR "/tests/data/omb/") + name;
}

} // namespace

class TestImportOmb : public eventbench::testing::CliTest {
    Q_OBJECT

    /// Imports `workload` into out.yaml and loads the result.
    Scenario imported(const char *workload, QByteArray *err = nullptr) {
        const Result r = run({"import", "omb", data(workload), "-o", path("out.yaml")});
        if (err)
            *err = r.err;
        if (r.exitCode != 0)
            qFatal("import failed: %s", r.err.constData());
        const auto loaded = eventbench::model::loadScenarioFile(path("out.yaml").toStdString());
        if (!loaded.scenario)
            qFatal("the converted scenario does not load");
        return *loaded.scenario;
    }

  private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void keyedProducersShareTheRate() {
        QByteArray err;
        const Scenario s = imported("1-topic-3-partitions-keys.yaml", &err);
        QCOMPARE(s.name, std::string("1 topic / 3 partition / json / 3 producers"));
        QCOMPARE(s.nodes.size(), std::size_t(3));
        const auto *producer = s.findNode("producer-0");
        QVERIFY(producer && producer->kind == NodeKind::Producer);
        QCOMPARE(producer->producer.instances, 3);
        QCOMPARE(producer->producer.rate.rate, 300.0);
        QCOMPARE(producer->producer.size.value, 94.0);
        QCOMPARE(producer->producer.keys.count, std::uint64_t(10000)); // OMB's key pool
        QCOMPARE(s.findNode("topic-0")->topic.partitions, 3);
        QCOMPARE(s.findNode("sub-0-0")->consumer.instances, 1);
        QCOMPARE(s.duration, 60LL * 1'000'000'000);
        QCOMPARE(s.warmup, 0LL);
        QCOMPARE(s.edges.size(), std::size_t(2));
        const QString file = data("1-topic-3-partitions-keys.yaml");
        QVERIFY2(err.contains((file + ":6:1: warning: 'payloadFile' is not used").toUtf8()), err);
        QVERIFY2(err.contains((file + ":7:17: warning: KEY_ROUND_ROBIN").toUtf8()), err);
        QVERIFY2(err.contains((file + ":8:1: warning: a workload does not say how long").toUtf8()),
                 err);
    }

    void backlogWorkloadRunsBalanced() {
        const Scenario s = imported("2-topics-backlog.yaml");
        // 2 topics x (producer + topic + 2 subscriptions).
        QCOMPARE(s.nodes.size(), std::size_t(8));
        QCOMPARE(s.edges.size(), std::size_t(6));
        for (const char *group : {"sub-0-0", "sub-0-1", "sub-1-0", "sub-1-1"}) {
            const auto *g = s.findNode(group);
            QVERIFY(g && g->kind == NodeKind::Consumer);
            QCOMPARE(g->consumer.instances, 4);
            // 1 GiB over 2 subscriptions of 2000/s x 64 KiB fills in 4.1 s.
            QCOMPARE(g->consumer.joinAt, 5LL * 1'000'000'000);
            QVERIFY(g->consumer.start == eventbench::model::ConsumerSpec::Start::Earliest);
        }
        QCOMPARE(s.findNode("producer-1")->producer.rate.rate, 1000.0); // 2000/s over 2 topics
        QCOMPARE(s.findNode("topic-1")->topic.partitions, 8);
        QCOMPARE(s.duration, 65LL * 1'000'000'000);
        const Result r = run({"run", path("out.yaml"), "--out", path("runout"), "--quiet"});
        QCOMPARE(r.exitCode, 0);
        const QStringList summary = eventbench::testing::csvLines(path("runout/summary.csv"));
        QVERIFY(summary.contains("ledger,unaccounted,total,0"));
        QVERIFY(summary.contains("ledger,obligations,total,260000")); // 2 x 2 x 65 s x 1000/s
    }

    void unknownFieldsWarn() {
        QByteArray err;
        const Scenario s = imported("unknown-field.yaml", &err);
        QVERIFY2(err.contains((data("unknown-field.yaml") +
                               ":5:1: warning: unknown workload field 'subscriptionPerTopic'")
                                  .toUtf8()),
                 err);
        QCOMPARE(s.findNode("topic-0")->topic.partitions, 2);
        QCOMPARE(s.warmup, 60LL * 1'000'000'000); // OMB's default warm-up of 1 minute
    }

    void badValuesAreRefused() {
        const Result r =
            run({"import", "omb", data("bad-partitions.yaml"), "-o", path("bad.yaml")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith((data("bad-partitions.yaml") +
                                   ":3:21: error: partitionsPerTopic: expected a whole number")
                                      .toUtf8()),
                 r.err);
        QVERIFY(!QFile::exists(path("bad.yaml")));
        const QString many = write("many.yaml", "topics: 1000\npartitionsPerTopic: 1000\n");
        const Result big = run({"import", "omb", many});
        QCOMPARE(big.exitCode, 2);
        QVERIFY2(big.err.contains(":1:9: error: topics x partitionsPerTopic = 1000000"), big.err);
        const QString groups = write("groups.yaml", "topics: 1000\nsubscriptionsPerTopic: 100\n");
        const Result tooMany = run({"import", "omb", groups});
        QCOMPARE(tooMany.exitCode, 2);
        QVERIFY2(tooMany.err.contains(":1:9: error: topics x (subscriptionsPerTopic + 2) = 102000 "
                                      "nodes: more than 10000"),
                 tooMany.err);
        // A backlog that would take longer than a year to fill (past SimTime's range at its
        // extreme) is refused at its field.
        const QString backlog = write("backlog.yaml", "producerRate: 1\nmessageSize: 1\n"
                                                      "consumerBacklogSizeGB: 1000000\n");
        const Result slow = run({"import", "omb", backlog});
        QCOMPARE(slow.exitCode, 2);
        QVERIFY2(slow.err.contains(":3:24: error: consumerBacklogSizeGB 1000000 takes"), slow.err);
        const Result usage = run({"import", "kafka", many});
        QCOMPARE(usage.exitCode, 2);
        QVERIFY(usage.err.contains("unknown import format 'kafka'"));
    }
};

QTEST_GUILESS_MAIN(TestImportOmb)
#include "tst_import_omb.moc"
