// Explicit producer keys, member ids and the assignment rows of events.csv, and the
// per-partition report (partitions.csv), as scenarios/README.md describes them.
#include <QTest>

#include <sstream>
#include <string>

#include "model/results/ReportWriter.h"
#include "model/yaml/ScenarioLoader.h"
#include "model/yaml/ScenarioWriter.h"
#include "support/RunHelpers.h"

using eventbench::model::KeySpec;
using eventbench::model::RunReport;
using eventbench::testing::runScenarioText;

namespace {

std::vector<std::string> assignmentRows(const RunReport &r, const std::string &group) {
    std::vector<std::string> out;
    for (const auto &e : r.events)
        if (e.node == group && e.event == "assignment")
            out.push_back(e.detail);
    return out;
}

const RunReport::PartitionRow *rowOf(const RunReport &r, const std::string &topic, int partition,
                                     const std::string &group) {
    for (const auto &p : r.partitions)
        if (p.topic == topic && p.partition == partition && p.group == group)
            return &p;
    return nullptr;
}

std::string partitionsCsv(const RunReport &r) {
    std::ostringstream out;
    eventbench::model::writePartitionsCsv(out, r);
    return out.str();
}

} // namespace

class TestKeysAndPartitions : public QObject {
    Q_OBJECT
  private slots:
    void explicitKeysLoadAndWriteBack() {
        const std::string text = "scenario: k\nduration: 1s\nnodes:\n"
                                 "  p: {kind: producer, rate: 1/s, keys: {values: [\"21\", foobar, "
                                 "order-7, \"\"], weights: [1, 2, 0, 1.5]}}\n"
                                 "  t: {kind: topic}\nedges:\n  - p -> t\n";
        const auto loaded = eventbench::model::loadScenarioText(text, "k.yaml");
        QVERIFY(loaded.scenario);
        const KeySpec &k = loaded.scenario->nodes.front().producer.keys;
        QCOMPARE(k.kind, KeySpec::Kind::Values);
        QCOMPARE(k.values, (std::vector<std::string>{"21", "foobar", "order-7", ""}));
        QCOMPARE(k.weights, (std::vector<double>{1, 2, 0, 1.5}));
        const std::string written = eventbench::model::writeScenarioYaml(*loaded.scenario);
        const auto again = eventbench::model::loadScenarioText(written, "again.yaml");
        QVERIFY2(again.scenario, written.c_str());
        QVERIFY(*again.scenario == *loaded.scenario);
        // The count form keeps working.
        const auto counted = eventbench::model::loadScenarioText(
            "scenario: k\nduration: 1s\nnodes:\n  p: {kind: producer, rate: 1/s, keys: "
            "{distribution: uniform, count: 5}}\n  t: {kind: topic}\nedges:\n  - p -> t\n",
            "c.yaml");
        QVERIFY(counted.scenario);
        QCOMPARE(counted.scenario->nodes.front().producer.keys.kind, KeySpec::Kind::Uniform);
    }

    // Kafka's murmur2 of "21" and "foobar" (UtilsTest.testMurmur2) picks partitions 4 and 6
    // of 8; the weights 3:1 share the messages between them.
    void explicitKeysGoToTheirPartitions() {
        const RunReport r = runScenarioText(
            "scenario: k\nduration: 100s\nseed: 3\nnodes:\n"
            "  p: {kind: producer, rate: 40/s, keys: {values: [\"21\", foobar], weights: [3, 1]}}\n"
            "  t: {kind: topic, partitions: 8}\nedges:\n  - p -> t\n");
        std::int64_t total = 0;
        for (int p = 0; p < 8; ++p) {
            const auto *row = rowOf(r, "t", p, "");
            QVERIFY(row);
            total += row->appended;
            if (p != 4 && p != 6)
                QCOMPARE(row->appended, std::int64_t(0));
        }
        QVERIFY(total > 3000);
        const double share = double(rowOf(r, "t", 4, "")->appended) / double(total);
        QVERIFY2(share > 0.7 && share < 0.8, qPrintable(QString::number(share)));
    }

    // Round robin deals in the order of topic names (audit before orders), whatever the
    // order of the edges.
    void assignmentRowsListEveryMember() {
        const RunReport r = runScenarioText(
            "scenario: a\nduration: 60s\nnodes:\n"
            "  p: {kind: producer, rate: 10/s}\n"
            "  orders: {kind: topic, partitions: 3}\n  audit: {kind: topic, partitions: 2}\n"
            "  g: {kind: consumer, instances: 4, assignment: roundrobin, session_timeout: 5s}\n"
            "edges:\n  - p -> orders\n  - p -> audit\n  - orders -> g\n  - audit -> g\n"
            "faults:\n  - {at: 10s, crash: g, instances: 1}\n  - {at: 30s, rebalance: g}\n");
        const auto rows = assignmentRows(r, "g");
        QVERIFY(rows.size() >= 3);
        QCOMPARE(rows[0],
                 std::string("#0 audit[0],orders[2]; #1 audit[1]; #2 orders[0]; #3 orders[1]"));
        // Member #0 crashes at 10s; once session_timeout evicts it, it is no longer listed.
        const std::string withoutFirst =
            "#1 audit[0],orders[1]; #2 audit[1],orders[2]; #3 orders[0]";
        QCOMPARE(rows[1], withoutFirst);
        QCOMPARE(rows.back(), withoutFirst);
        // Every assignment row comes right after a rebalance_done, except the first.
        int done = 0;
        for (const auto &e : r.events)
            done += e.node == "g" && e.event == "rebalance_done";
        QCOMPARE(int(rows.size()), done + 1);
    }

    // Member ids compare as strings, as Kafka's member ids do: "#10" comes before "#2".
    void memberIdsOrderAsStrings() {
        const RunReport r =
            runScenarioText("scenario: m\nduration: 1s\nnodes:\n  p: {kind: producer, rate: 1/s}\n"
                            "  t: {kind: topic, partitions: 11}\n"
                            "  g: {kind: consumer, instances: 11, assignment: roundrobin}\n"
                            "edges:\n  - p -> t\n  - t -> g\n");
        const auto rows = assignmentRows(r, "g");
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0], std::string("#0 t[0]; #1 t[1]; #10 t[2]; #2 t[3]; #3 t[4]; #4 t[5]; "
                                      "#5 t[6]; #6 t[7]; #7 t[8]; #8 t[9]; #9 t[10]"));
    }

    // A restarted member joins with the next id; lag_max is the most the lag ever was, which
    // here is reached when the group starts reading again after its rebalance.
    void partitionsReport() {
        const std::string text =
            "scenario: r\nduration: 30s\nnodes:\n"
            "  p: {kind: producer, rate: 10/s, arrivals: constant}\n"
            "  t: {kind: topic, partitions: 1}\n  unread: {kind: topic, partitions: 2}\n"
            "  g: {kind: consumer, commit: after_each, rebalance_time: 3s}\n"
            "edges:\n  - p -> t\n  - p -> unread\n  - t -> g\n"
            "faults:\n  - {at: 0s, for: 5s, crash: g}\n";
        const RunReport r = runScenarioText(text);
        QCOMPARE(r.partitions.size(), std::size_t(3));
        const auto *row = rowOf(r, "t", 0, "g");
        QVERIFY(row);
        QVERIFY(row->appended >= 299 && row->appended <= 301);
        QCOMPARE(row->ownerFinal, 1);
        QVERIFY2(row->lagFinal <= 1, qPrintable(QString::number(row->lagFinal)));
        QVERIFY2(row->lagMax >= 79 && row->lagMax <= 81, qPrintable(QString::number(row->lagMax)));
        const std::string csv = partitionsCsv(r);
        QVERIFY(csv.rfind("topic,partition,group,appended,lag_final,lag_max,owner_final\n"
                          "t,0,g,",
                          0) == 0);
        QVERIFY2(csv.find("\nunread,0,,") != std::string::npos, csv.c_str());
        QVERIFY2(csv.find("\nunread,1,,") != std::string::npos, csv.c_str());
        QCOMPARE(csv.back(), '\n');
        QVERIFY(csv.find(",,,\n") != std::string::npos);     // no group: empty lag and owner
        QCOMPARE(partitionsCsv(runScenarioText(text)), csv); // the same run, byte for byte
    }
};

QTEST_GUILESS_MAIN(TestKeysAndPartitions)
#include "tst_keys_and_partitions.moc"
