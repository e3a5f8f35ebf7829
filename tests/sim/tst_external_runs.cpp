// External truth through whole scenario runs (loader -> engine -> report), the facts read at
// run time from tests/data/external (its README names every source and caveat):
// - rabbitmq_topic_matching.csv: RabbitMQ's own routing_SUITE.erl `topic` case
//   (rabbitmq/rabbitmq-server deps/rabbit/test/routing_SUITE.erl): one run per routing key,
//   an exchange with one queue per binding, every one of the 324 outcomes checked on the
//   queues' delivered counts.
// - rabbitmq_tutorial5_topics.csv: RabbitMQ tutorial 5 ("Topics",
//   https://www.rabbitmq.com/tutorials/tutorial-five-python): Q2 bound to two patterns with one
//   binding list gets each matching message ONCE.
// - sns_filter_policy.yaml: the AWS SNS Developer Guide's filter-policy cases, each run as a
//   producer with the case's attributes (lists for String.Array) and a filtered exchange edge.
// - sqs_redrive.yaml: Amazon SQS maxReceiveCount (SQS Developer Guide "How do dead-letter
//   queues work?", SQS FAQ, the API's RedrivePolicy text): a message never deleted is received
//   maxReceiveCount times and moved to the dead-letter queue on the next receive.
#include <QTest>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/catalogue/KnobFormat.h"
#include "support/FactTables.h"
#include "support/RunHelpers.h"

using namespace eventbench;
using eventbench::testing::externalFactPath;
using eventbench::testing::figure;
using eventbench::testing::runScenarioText;

namespace {

// Ten messages in the first second, then none; `extra` adds keys to the producer.
std::string tenMessages(const std::string &extra) {
    return "  src: {kind: producer, arrivals: constant, rate: {profile: steps, steps: [[0s, "
           "10/s], [1s, 0/s]]}" +
           extra + "}\n";
}

// A producer's routing_key entry; none for the empty key (a producer without routing_key
// sends the empty key).
std::string routingKeyEntry(const std::string &key) {
    return key.empty() ? std::string() : ", routing_key: " + model::yamlQuoted(key);
}

} // namespace

class ExternalRunsTest : public QObject {
    Q_OBJECT
  private slots:
    // routing_SUITE.erl `topic`: all 324 (binding, key) outcomes, one run per key.
    void rabbitmqTopicTableRuns_data() {
        QTest::addColumn<QString>("key");
        const auto rows = testing::readFactCsv(externalFactPath("rabbitmq_topic_matching.csv"));
        QCOMPARE(rows.size(), std::size_t{324});
        std::set<std::string> keys;
        for (const testing::FactRow &row : rows)
            if (keys.insert(row.at("routing_key")).second)
                QTest::addRow("routing_SUITE topic key '%s'", row.at("routing_key").c_str())
                    << QString::fromStdString(row.at("routing_key"));
        QCOMPARE(keys.size(), std::size_t{12});
    }
    void rabbitmqTopicTableRuns() {
        QFETCH(QString, key);
        const auto rows = testing::readFactCsv(externalFactPath("rabbitmq_topic_matching.csv"));
        std::map<std::string, std::string> patterns; // queue (binding id) -> pattern
        for (const testing::FactRow &row : rows)
            patterns.emplace(row.at("binding_id"), row.at("binding_pattern"));
        std::string nodes =
            tenMessages(routingKeyEntry(key.toStdString())) + "  x: {kind: exchange}\n";
        std::string edges = "  - src -> x\n";
        for (const auto &[queue, pattern] : patterns) {
            nodes += "  " + queue + ": {kind: queue}\n";
            edges +=
                "  - {from: x, to: " + queue + ", binding: " + model::yamlQuoted(pattern) + "}\n";
        }
        const model::RunReport r =
            runScenarioText("scenario: topic\nduration: 2s\nnodes:\n" + nodes + "edges:\n" + edges);
        QCOMPARE(figure(r, "src", "produced"), 10.0);
        int checked = 0;
        for (const testing::FactRow &row : rows) {
            if (row.at("routing_key") != key.toStdString())
                continue;
            const double want = row.at("expected_match") == "true" ? 10.0 : 0.0;
            const double got = figure(r, row.at("binding_id"), "enqueued");
            QVERIFY2(got == want, (row.at("case_id") + " routing_SUITE topic: '" +
                                   row.at("binding_pattern") + "' got " + std::to_string(got))
                                      .c_str());
            ++checked;
        }
        QCOMPARE(checked, 27);
        QCOMPARE(r.unaccounted, 0);
    }

    // Tutorial 5: Q1 "*.orange.*"; Q2 ["*.*.rabbit", "lazy.#"] as one edge, one copy.
    void rabbitmqTutorial5Runs_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("q1Copies");
        QTest::addColumn<int>("q2Copies");
        const auto rows = testing::readFactCsv(externalFactPath("rabbitmq_tutorial5_topics.csv"));
        QCOMPARE(rows.size(), std::size_t{18});
        std::map<std::string, std::pair<int, int>> byKey;
        std::map<std::string, std::string> ids;
        for (const testing::FactRow &row : rows) {
            auto &copies = byKey[row.at("routing_key")];
            (row.at("queue") == "Q1" ? copies.first : copies.second) =
                std::stoi(row.at("expected_copies"));
            QCOMPARE(row.at("queue_bindings"),
                     std::string(row.at("queue") == "Q1" ? "*.orange.*" : "*.*.rabbit|lazy.#"));
            ids[row.at("routing_key")] += row.at("case_id") + " ";
        }
        for (const auto &[key, copies] : byKey)
            QTest::addRow("tutorial-five %s'%s'", ids[key].c_str(), key.c_str())
                << QString::fromStdString(key) << copies.first << copies.second;
    }
    void rabbitmqTutorial5Runs() {
        QFETCH(QString, key);
        QFETCH(int, q1Copies);
        QFETCH(int, q2Copies);
        const model::RunReport r =
            runScenarioText("scenario: tutorial5\nduration: 2s\nnodes:\n" +
                            tenMessages(routingKeyEntry(key.toStdString())) +
                            "  x: {kind: exchange}\n  Q1: {kind: queue}\n  Q2: {kind: queue}\n"
                            "edges:\n  - src -> x\n  - {from: x, to: Q1, binding: \"*.orange.*\"}\n"
                            "  - {from: x, to: Q2, binding: [\"*.*.rabbit\", \"lazy.#\"]}\n");
        QCOMPARE(figure(r, "src", "produced"), 10.0);
        QCOMPARE(figure(r, "Q1", "enqueued"), 10.0 * q1Copies);
        QCOMPARE(figure(r, "Q2", "enqueued"), 10.0 * q2Copies);
        QCOMPARE(figure(r, "x", "unroutable"), q1Copies + q2Copies == 0 ? 10.0 : 0.0);
        QCOMPARE(r.unaccounted, 0);
    }

    // The SNS documentation's policies as exchange filters, attributes from the producer.
    void snsFilterPolicyRuns_data() {
        QTest::addColumn<QString>("attributes");
        QTest::addColumn<QString>("policy");
        QTest::addColumn<bool>("expected");
        const model::YamlNode facts =
            testing::readFactYaml(externalFactPath("sns_filter_policy.yaml"));
        int supported = 0;
        for (const model::YamlNode &c : facts.find("cases")->items) {
            if (c.find("eventbench")->scalar != "supported")
                continue;
            ++supported;
            // {name: {type, value}} -> {name: value}; a list is an SNS String.Array.
            const model::YamlNode &attrs = *c.find("attributes");
            std::string text = "{";
            for (std::size_t i = 0; i < attrs.keys.size(); ++i)
                text += (i ? ", " : "") + model::yamlString(attrs.keys[i].scalar) + ": " +
                        testing::flowYaml(*attrs.values[i].find("value"));
            QTest::addRow("%s %s", c.find("id")->scalar.c_str(), c.find("source")->scalar.c_str())
                << QString::fromStdString(text + "}")
                << QString::fromStdString(testing::flowYaml(*c.find("policy")))
                << (c.find("expected")->scalar == "match");
        }
        QCOMPARE(supported, 40);
    }
    void snsFilterPolicyRuns() {
        QFETCH(QString, attributes);
        QFETCH(QString, policy);
        QFETCH(bool, expected);
        const model::RunReport r =
            runScenarioText("scenario: sns\nduration: 2s\nnodes:\n" +
                            tenMessages(", attributes: " + attributes.toStdString()) +
                            "  x: {kind: exchange}\n  sub: {kind: queue}\n"
                            "edges:\n  - src -> x\n  - {from: x, to: sub, filter: " +
                            policy.toStdString() + "}\n");
        QCOMPARE(figure(r, "sub", "enqueued"), expected ? 10.0 : 0.0);
        QCOMPARE(r.unaccounted, 0);
    }

    // SQS redrive: a consumer that never deletes; each message is received maxReceiveCount
    // times, then moved to the dead-letter queue (the receive that would exceed it).
    void sqsMaxReceiveCount_data() {
        QTest::addColumn<int>("maxReceiveCount");
        QTest::addColumn<int>("deliveries");
        const model::YamlNode facts = testing::readFactYaml(externalFactPath("sqs_redrive.yaml"));
        int rows = 0;
        for (const model::YamlNode &c : facts.find("cases")->items) {
            const model::YamlNode *deliveries = c.find("deliveries_before_dlq");
            if (!deliveries)
                continue;
            QTest::addRow("%s %s", c.find("id")->scalar.c_str(), c.find("source")->scalar.c_str())
                << std::stoi(c.find("max_receive_count")->scalar) << std::stoi(deliveries->scalar);
            ++rows;
        }
        QCOMPARE(rows, 6);
    }
    void sqsMaxReceiveCount() {
        QFETCH(int, maxReceiveCount);
        QFETCH(int, deliveries);
        const model::RunReport r =
            runScenarioText("scenario: redrive\nduration: 60s\nnodes:\n" + tenMessages("") +
                            "  q: {kind: queue, visibility_timeout: 1s, max_receive_count: " +
                            std::to_string(maxReceiveCount) +
                            ", dead_letter: dlq}\n"
                            "  dlq: {kind: queue}\n"
                            "  worker: {kind: consumer, failure: 1}\n"
                            "edges:\n  - src -> q\n  - q -> worker\n");
        QCOMPARE(figure(r, "src", "produced"), 10.0);
        QCOMPARE(figure(r, "worker", "received"), 10.0 * deliveries);
        QCOMPARE(figure(r, "q", "dead_lettered"), 10.0);
        QCOMPARE(figure(r, "dlq", "enqueued"), 10.0);
        QCOMPARE(r.unaccounted, 0);
    }
};

QTEST_APPLESS_MAIN(ExternalRunsTest)
#include "tst_external_runs.moc"
