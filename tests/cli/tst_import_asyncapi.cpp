// `eventbench import asyncapi` (README.md#asyncapi) on the AsyncAPI specification's own
// examples and documents written from the binding specifications' examples
// (tests/data/asyncapi/SOURCES.md): the topology each binding gives, the positioned
// warnings, refusal of documents the official schema rejects (exit 2, with the position),
// references that cannot be followed, and every converted scenario running balanced.
#include <QtTest>

#include "model/yaml/ScenarioLoader.h"
#include "support/CliRunner.h"

namespace {

using eventbench::model::NodeKind;
using eventbench::model::Scenario;
constexpr long long kSecond = 1'000'000'000;

QString data(const char *name) {
    return QStringLiteral(EVENTBENCH_SOURCE_DIR "/tests/data/asyncapi/") + name;
}

int count(const Scenario &s, NodeKind kind) {
    return static_cast<int>(std::count_if(s.nodes.begin(), s.nodes.end(),
                                          [&](const auto &n) { return n.kind == kind; }));
}

bool hasEdge(const Scenario &s, const char *from, const char *to) {
    return std::any_of(s.edges.begin(), s.edges.end(),
                       [&](const auto &e) { return e.from == from && e.to == to; });
}

} // namespace

class TestImportAsyncApi : public eventbench::testing::CliTest {
    Q_OBJECT

    QByteArray m_err;

    Scenario imported(const char *document) {
        const Result r = run({"import", "asyncapi", data(document), "-o", path("out.yaml")});
        m_err = r.err;
        if (r.exitCode != 0)
            qFatal("import failed: %s", r.err.constData());
        const auto loaded = eventbench::model::loadScenarioFile(path("out.yaml").toStdString());
        if (!loaded.scenario)
            qFatal("the converted scenario does not load");
        // Every converted scenario runs with a balanced ledger.
        const Result ran =
            run({"run", path("out.yaml"), "--duration", "20s", "--out", path("run"), "--quiet"});
        if (ran.exitCode != 0 || !eventbench::testing::csvLines(path("run/summary.csv"))
                                      .contains("ledger,unaccounted,total,0"))
            qFatal("the converted scenario did not run balanced: %s", ran.err.constData());
        return *loaded.scenario;
    }
    bool warned(const char *document, const char *position, const char *text) const {
        return m_err.contains((data(document) + ":" + position + ": warning: " + text).toUtf8());
    }

  private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void streetlights30() {
        const Scenario s = imported("streetlights-kafka-asyncapi.yml");
        QCOMPARE(s.name, std::string("Streetlights Kafka API"));
        QCOMPARE(count(s, NodeKind::Topic), 4);
        QCOMPARE(count(s, NodeKind::Producer), 3);
        QCOMPARE(count(s, NodeKind::Consumer), 1);
        QCOMPARE(s.edges.size(), std::size_t(4));
        QVERIFY(hasEdge(s, "lightingMeasured", "receiveLightMeasurement"));
        QVERIFY(hasEdge(s, "turnOn", "lightTurnOn"));
        QCOMPARE(s.findNode("lightsDim")->topic.partitions, 1);
        const char *doc = "streetlights-kafka-asyncapi.yml";
        QVERIFY2(warned(doc, "41:5",
                        "channel 'lightingMeasured' has no kafka, sqs, sns or amqp "
                        "binding: a topic with default settings (servers: kafka-secure)"),
                 m_err);
        QVERIFY2(warned(doc, "74:3", "AsyncAPI gives no processing time"), m_err);
        QVERIFY2(warned(doc, "85:3", "AsyncAPI gives no rate: producer 'turnOn'"), m_err);
        QVERIFY2(warned(doc, "1:11", "AsyncAPI says nothing of a run's length"), m_err);
        QCOMPARE(m_err.count("warning:"), 9);
    }

    void streetlights26PublishIsReceive() {
        // 2.x: `publish` is what the application receives, `subscribe` what it sends.
        const Scenario s = imported("streetlights-kafka-2.6.yml");
        QCOMPARE(count(s, NodeKind::Topic), 4);
        QCOMPARE(count(s, NodeKind::Producer), 3);
        QCOMPARE(count(s, NodeKind::Consumer), 1);
        const auto *receiver = s.findNode("receiveLightMeasurement");
        QVERIFY(receiver && receiver->kind == NodeKind::Consumer);
        QCOMPARE(s.findNode("turnOn")->kind, NodeKind::Producer);
        QVERIFY(hasEdge(s,
                        "smartylighting.streetlights.1.0.event.-streetlightId-.lighting.measured",
                        "receiveLightMeasurement"));
        QVERIFY2(warned("streetlights-kafka-2.6.yml", "34:7", "AsyncAPI gives no processing time"),
                 m_err);
    }

    void kafkaBindingsAndReply() {
        const Scenario s = imported("adeo-kafka-request-reply-asyncapi.yml");
        const auto *request = s.findNode("costingRequestChannel");
        QVERIFY(request && request->kind == NodeKind::Topic);
        QCOMPARE(request->topic.partitions, 3);
        QCOMPARE(request->topic.retention, 60000000LL * 1'000'000); // retention.ms 60000000
        QCOMPARE(s.findNode("costingResponseChannel")->topic.partitions, 1);
        QVERIFY(hasEdge(s, "costingRequestChannel", "receiveACostingRequest"));
        QVERIFY(hasEdge(s, "receiveACostingRequest", "costingResponseChannel")); // the reply
        QVERIFY2(warned("adeo-kafka-request-reply-asyncapi.yml", "71:5",
                        "topic 'costingResponseChannel': no partition count"),
                 m_err);
    }

    void amqpQueuesAndExchanges() {
        const Scenario rpc = imported("rpc-server-asyncapi.yml");
        QCOMPARE(count(rpc, NodeKind::Queue), 2);
        QVERIFY(hasEdge(rpc, "sendSumResult", "queue"));
        QVERIFY(hasEdge(rpc, "rpc_queue", "sum"));
        const Scenario s = imported("amqp-exchange-asyncapi.yml");
        QCOMPARE(count(s, NodeKind::Exchange), 2);
        QCOMPARE(s.findNode("publishSignUp")->producer.routingKey->options[0].first,
                 std::string("user.{userId}.signedup"));
        bool bound = false, fanout = false;
        for (const auto &e : s.edges) {
            if (e.from == "myExchange" && e.to == "sendWelcomeEmail-queue")
                bound = e.binding == std::vector<std::string>{"user.*.signedup"};
            if (e.from == "auditExchange" && e.to == "auditSignUp-queue")
                fanout = !e.binding;
        }
        QVERIFY(bound);
        QVERIFY(fanout);
        QVERIFY(hasEdge(s, "jobs", "runJob"));
    }

    void snsAndSqs() {
        const Scenario s = imported("sns-sqs-orders-2.6.yml");
        QCOMPARE(s.findNode("order-placed")->kind, NodeKind::Exchange);
        const auto &warehouse = s.findNode("warehouse-queue")->queue;
        QCOMPARE(warehouse.visibilityTimeout, 60 * kSecond);
        QCOMPARE(warehouse.delay, 5 * kSecond);
        QCOMPARE(warehouse.retention, 86400 * kSecond);
        QCOMPARE(warehouse.maxReceiveCount, std::optional<int>(5));
        QCOMPARE(warehouse.deadLetter, std::string("warehouse-dlq"));
        QCOMPARE(s.findNode("warehouse-dlq")->queue.retention, 1209600 * kSecond);
        const auto &fraud = s.findNode("fraud-queue")->queue;
        QVERIFY(fraud.fifo);
        QCOMPARE(fraud.maxReceiveCount, std::optional<int>(10)); // the binding's default
        QCOMPARE(fraud.deadLetter, std::string("fraud-dlq"));    // named by its ARN
        int filters = 0;
        for (const auto &e : s.edges)
            if (e.from == "order-placed" && e.filter) {
                ++filters;
                QCOMPARE(e.filter->attributes.size(), std::size_t(1));
            }
        QCOMPARE(filters, 2);
        QVERIFY(hasEdge(s, "warehouse-queue", "warehouse"));
        QVERIFY(hasEdge(s, "fraud-queue", "warehouse"));
        QVERIFY(hasEdge(s, "checkout", "order-placed"));
    }

    void largePublicDocument() {
        const Scenario s = imported("slack-rtm-asyncapi.yml");
        QCOMPARE(s.nodes.size(), std::size_t(3));
        QVERIFY(hasEdge(s, "sendMessages", "root"));
        QVERIFY2(warned("slack-rtm-asyncapi.yml", "16:5",
                        "channel 'root' has no kafka, sqs, sns "
                        "or amqp binding: a topic with default "
                        "settings (servers: https)"),
                 m_err);
    }

    void jsonDocuments() {
        const QString file = write(
            "api.json",
            "{\n  \"asyncapi\": \"3.0.0\",\n  \"info\": {\"title\": \"json\", \"version\": "
            "\"1\"},\n"
            "  \"channels\": {\n"
            "    \"events\": {\"address\": \"events\", \"bindings\": {\"kafka\": {\"partitions\": "
            "4}}},\n"
            "    \"jobs\": {\"bindings\": {\"sqs\": {\"queue\": {\"name\": \"jobs\", "
            "\"fifoQueue\": true,\n"
            "      \"visibilityTimeout\": 45}}}}\n  },\n"
            "  \"operations\": {\n"
            "    \"emit\": {\"action\": \"send\", \"channel\": {\"$ref\": \"#/channels/events\"},\n"
            "      \"x-eventbench-rate\": 40},\n"
            "    \"work\": {\"action\": \"receive\", \"channel\": {\"$ref\": "
            "\"#/channels/jobs\"},\n"
            "      \"x-eventbench-service-time\": 0.002, \"x-eventbench-instances\": 3}\n  }\n}\n");
        const Result r = run({"import", "asyncapi", file, "-o", path("json.yaml")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto s =
            eventbench::model::loadScenarioFile(path("json.yaml").toStdString()).scenario;
        QVERIFY(s);
        QCOMPARE(s->findNode("events")->topic.partitions, 4);
        QVERIFY(s->findNode("jobs")->queue.fifo);
        QCOMPARE(s->findNode("jobs")->queue.visibilityTimeout, 45 * kSecond);
        QCOMPARE(s->findNode("emit")->producer.rate.rate, 40.0);
        QCOMPARE(s->findNode("work")->consumer.instances, 3);
        QCOMPARE(s->findNode("work")->consumer.serviceTime.value, 2e6);
        // Rate and service time given: only the run length is a default.
        QCOMPARE(r.err.count("warning:"), 1);
        QVERIFY(r.err.contains(file.toUtf8() +
                               ":2:15: warning: AsyncAPI says nothing of a run's length"));
    }

    void invalidDocumentsAreRefused() {
        struct Case {
            const char *text;
            const char *expected;
        };
        const Case cases[] = {
            {"asyncapi: 3.0.0\ninfo:\n  title: x\n  version: '1'\nchannels:\n  a:\n    bindings:\n"
             "      kafka:\n        partitions: lots\n",
             ":9:21: error: the document does not validate against the AsyncAPI 3.0.0 schema: "
             "Value type not permitted by 'type' constraint. (at "
             "/channels/a/bindings/kafka/partitions)"},
            {"asyncapi: 3.0.0\ninfo:\n  title: x\n",
             ":3:3: error: the document does not validate against the AsyncAPI 3.0.0 schema: "
             "Missing required property 'version'. (at /info)"},
            {"asyncapi: '2.6.0'\ninfo: {title: x, version: '1'}\nchannels:\n  a:\n    publish:\n"
             "      operationId: 7\n",
             ":6:20: error: the document does not validate against the AsyncAPI 2.6.0 schema"},
            {"asyncapi: '2.5.0'\ninfo: {title: x, version: '1'}\n",
             ":1:11: error: AsyncAPI 2.5.0: eventbench reads AsyncAPI 2.6.0 and 3.0.0 documents"},
            {"asyncapi: 3.0.0\ninfo: {title: x, version: '1'}\nchannels: [\n", ":4:1: error:"},
        };
        int i = 0;
        for (const Case &c : cases) {
            const QString file = write(QString("bad%1.yaml").arg(i++), c.text);
            const Result r = run({"import", "asyncapi", file, "-o", path("never.yaml")});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.startsWith((file + c.expected).toUtf8()), r.err);
            QVERIFY(!QFile::exists(path("never.yaml")));
        }
    }

    // Hostile documents end in bounded time with a positioned error, or convert: a queue whose
    // dead-letter queue has its own (the redrive list grew while it was walked), texts too long
    // for std::regex (a 10,000-character location overflowed the stack), a nested pattern that
    // backtracked for minutes, text that is not UTF-8, and one binding shared by reference
    // between thousands of operations (millions of edges).
    void hostileDocumentsAreBounded() {
        const QString chain =
            write("chain.yaml",
                  "asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\nchannels:\n  orders:\n"
                  "    bindings:\n      sqs:\n        queue: {name: orders, fifoQueue: false, "
                  "redrivePolicy: {deadLetterQueue: {name: orders-dlq}}}\n        deadLetterQueue: "
                  "{name: orders-dlq, fifoQueue: false, redrivePolicy: {deadLetterQueue: {name: "
                  "orders-dlq2}}}\n");
        const Result chained = run({"import", "asyncapi", chain, "-o", path("chain-out.yaml")});
        QCOMPARE(chained.exitCode, 0);
        const auto s = eventbench::model::loadScenarioFile(path("chain-out.yaml").toStdString());
        QVERIFY(s.scenario);
        QCOMPARE(s.scenario->findNode("orders")->queue.deadLetter, std::string("orders-dlq"));
        QCOMPARE(s.scenario->findNode("orders-dlq")->queue.deadLetter, std::string("orders-dlq2"));

        const QByteArray head = "asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\nchannels:\n"
                                "  orders:\n    address: orders\n    messages:\n      m:\n";
        struct Case {
            const char *name;
            QByteArray text;
            const char *expected;
        };
        const Case cases[] = {
            {"location.yaml",
             head +
                 "        payload: {type: string}\n        correlationId: {location: "
                 "\"$message.header#/" +
                 QByteArray(20000, 'a') + "\"}\n",
             ":9:35: error: 'location' longer than 512 characters"},
            {"avro.yaml",
             head +
                 "        payload:\n          schemaFormat: "
                 "'application/vnd.apache.avro;version=1.9.0'\n          schema: {type: "
                 "record, name: R, namespace: '" +
                 QByteArray(60, 'a') + "!', fields: []}\n",
             ":10:"},
            {"latin1.yaml", "asyncapi: 3.0.0\ninfo: {title: \"caf\xe9\", version: '1'}\n",
             ":2:19: error: the document is not UTF-8 text (byte 0xE9 here)"},
        };
        for (const Case &c : cases) {
            const QString file = write(c.name, c.text);
            QElapsedTimer took;
            took.start();
            const Result r = run({"import", "asyncapi", file, "-o", path("never.yaml")});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.startsWith((file + c.expected).toUtf8()), r.err.left(300));
            QVERIFY2(took.elapsed() < 30000, c.name);
            QVERIFY(!QFile::exists(path("never.yaml")));
        }

        QByteArray shared = "asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\nchannels:\n"
                            "  news:\n    address: news\n    bindings:\n      sns: {name: "
                            "news}\noperations:\n";
        for (int i = 0; i < 1000; ++i)
            shared += "  op" + QByteArray::number(i) +
                      ":\n    action: receive\n    channel: {$ref: '#/channels/news'}\n"
                      "    bindings: {$ref: '#/components/operationBindings/big'}\n";
        shared += "components:\n  operationBindings:\n    big:\n      sns:\n        consumers:\n";
        for (int j = 0; j < 2000; ++j)
            shared += "          - {protocol: sqs, endpoint: {name: q" + QByteArray::number(j) +
                      "}, rawMessageDelivery: false}\n";
        const QString big = write("shared.yaml", shared);
        const Result tooLarge = run({"import", "asyncapi", big});
        QCOMPARE(tooLarge.exitCode, 2);
        QVERIFY2(tooLarge.err.contains(":105:3: error: this operation makes the scenario larger "
                                       "than 10000 nodes or 50000 edges"),
                 tooLarge.err.left(300));
    }

    // Kafka users write retention.ms as Long.MAX_VALUE for "forever": ten years (the longest a
    // scenario takes), not an overflow.
    void unlimitedRetentionIsTenYears() {
        const QString file =
            write("retention.yaml",
                  "asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\nchannels:\n  events:\n"
                  "    bindings:\n      kafka:\n        partitions: 3\n        "
                  "topicConfiguration: {retention.ms: 9223372036854775807}\n");
        const Result r = run({"import", "asyncapi", file, "-o", path("retention-out.yaml")});
        QCOMPARE(r.exitCode, 0);
        const auto s =
            eventbench::model::loadScenarioFile(path("retention-out.yaml").toStdString());
        QVERIFY2(s.scenario, r.err);
        QCOMPARE(s.scenario->findNode("events")->topic.retention, 3650LL * 86400 * kSecond);
    }

    void referenceCyclesEndWithAWarning() {
        const QString file = write(
            "cycle.yaml", "asyncapi: 3.0.0\ninfo: {title: x, version: '1'}\nchannels:\n"
                          "  a: {$ref: '#/components/channels/b'}\n  real: {address: real}\n"
                          "components:\n  channels:\n    b: {$ref: '#/components/channels/c'}\n"
                          "    c: {$ref: '#/components/channels/b'}\n"
                          "operations:\n  o: {action: send, channel: {$ref: '#/channels/real'}}\n");
        const Result r = run({"import", "asyncapi", file});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(
            r.err.contains((file + ":4:6: warning: a chain of more than 32 references").toUtf8()),
            r.err);
        QVERIFY(r.out.contains("o -> real"));
    }
};

QTEST_GUILESS_MAIN(TestImportAsyncApi)
#include "tst_import_asyncapi.moc"
