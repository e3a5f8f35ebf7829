// External truth for exchange matching (model/routing/MessageMatching), the facts read at run
// time from tests/data/external (its README names every source and caveat):
// - rabbitmq_topic_matching.csv: the 324 (binding, routing key) outcomes asserted by RabbitMQ's
//   own test rabbitmq/rabbitmq-server deps/rabbit/test/routing_SUITE.erl, case `topic`.
// - rabbitmq_tutorial5_topics.csv: the outcomes stated by RabbitMQ tutorial 5 ("Topics",
//   https://www.rabbitmq.com/tutorials/tutorial-five-python), bindings as lists.
// - sns_filter_policy.yaml: the 43 filter-policy cases of the AWS SNS Developer Guide
//   (string, numeric and key matching, AND/OR, example policies, constraints); each row's
//   name carries the case id and its source id (D-STR, D-NUM, ...) from the file.
// Policies are read by the scenario reader (FieldReader::filterPolicy), as a file would be.
#include <QTest>

#include <string>
#include <vector>

#include "model/routing/MessageMatching.h"
#include "model/yaml/FieldReader.h"
#include "support/FactTables.h"

using namespace eventbench;
using eventbench::testing::externalFactPath;

namespace {

std::vector<std::string> splitOn(const std::string &text, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t at; (at = text.find(sep, start)) != std::string::npos; start = at + 1)
        out.push_back(text.substr(start, at - start));
    out.push_back(text.substr(start));
    return out;
}

// SNS message attributes {name: {type, value}} as eventbench sees them: a String.Array or
// Number.Array is the same name repeated, once per element.
model::AttributeValues snsAttributes(const model::YamlNode &attributes) {
    model::AttributeValues out;
    for (std::size_t i = 0; i < attributes.keys.size(); ++i) {
        const model::YamlNode *value = attributes.values[i].find("value");
        if (value->isSequence())
            for (const model::YamlNode &element : value->items)
                out.emplace_back(attributes.keys[i].scalar, element.scalar);
        else
            out.emplace_back(attributes.keys[i].scalar, value->scalar);
    }
    return out;
}

} // namespace

class ExternalMatchingTest : public QObject {
    Q_OBJECT
  private slots:
    // RabbitMQ routing_SUITE.erl `topic`: every (binding, key) pair of its first assertion
    // block; an empty field is the empty pattern or the empty key.
    void rabbitmqTopicTable_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("expected");
        const auto rows = testing::readFactCsv(externalFactPath("rabbitmq_topic_matching.csv"));
        QCOMPARE(rows.size(), std::size_t{324});
        for (const testing::FactRow &row : rows)
            QTest::addRow("%s routing_SUITE topic: '%s' vs '%s'", row.at("case_id").c_str(),
                          row.at("binding_pattern").c_str(), row.at("routing_key").c_str())
                << QString::fromStdString(row.at("binding_pattern"))
                << QString::fromStdString(row.at("routing_key"))
                << (row.at("expected_match") == "true");
    }
    void rabbitmqTopicTable() {
        QFETCH(QString, pattern);
        QFETCH(QString, key);
        QFETCH(bool, expected);
        const std::string p = pattern.toStdString(), k = key.toStdString();
        QCOMPARE(model::bindingPatternMatches(p, k), expected);
        QCOMPARE(model::bindingMatches({p}, k), expected);
    }

    // RabbitMQ tutorial 5: Q2 bound with "*.*.rabbit" AND "lazy.#" is one edge with a list.
    void rabbitmqTutorial5_data() {
        QTest::addColumn<QString>("bindings");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("expected");
        const auto rows = testing::readFactCsv(externalFactPath("rabbitmq_tutorial5_topics.csv"));
        QCOMPARE(rows.size(), std::size_t{18});
        for (const testing::FactRow &row : rows)
            QTest::addRow("%s tutorial-five %s '%s'", row.at("case_id").c_str(),
                          row.at("queue").c_str(), row.at("routing_key").c_str())
                << QString::fromStdString(row.at("queue_bindings"))
                << QString::fromStdString(row.at("routing_key"))
                << (row.at("expected_delivered") == "true");
    }
    void rabbitmqTutorial5() {
        QFETCH(QString, bindings);
        QFETCH(QString, key);
        QFETCH(bool, expected);
        QCOMPARE(model::bindingMatches(splitOn(bindings.toStdString(), '|'), key.toStdString()),
                 expected);
    }

    // AWS SNS filter policies: the supported cases match as the documentation says; the
    // unsupported ones (cidr) are refused by the reader rather than silently misread.
    void snsFilterPolicies_data() {
        QTest::addColumn<int>("index");
        const model::YamlNode facts =
            testing::readFactYaml(externalFactPath("sns_filter_policy.yaml"));
        const model::YamlNode &cases = *facts.find("cases");
        QCOMPARE(cases.items.size(), std::size_t{43});
        for (std::size_t i = 0; i < cases.items.size(); ++i)
            QTest::addRow("%s %s", cases.items[i].find("id")->scalar.c_str(),
                          cases.items[i].find("source")->scalar.c_str())
                << static_cast<int>(i);
    }
    void snsFilterPolicies() {
        QFETCH(int, index);
        const model::YamlNode facts =
            testing::readFactYaml(externalFactPath("sns_filter_policy.yaml"));
        const model::YamlNode &c = facts.find("cases")->items[static_cast<std::size_t>(index)];
        model::Diagnostics diagnostics;
        model::FieldReader reader("sns_filter_policy.yaml", {}, diagnostics);
        const auto policy = reader.filterPolicy(*c.find("policy"), "filter");
        if (c.find("eventbench")->scalar == "unsupported") {
            QVERIFY(!policy);
            QVERIFY(!diagnostics.empty());
            QVERIFY2(diagnostics.front().message.find("unknown filter condition") !=
                         std::string::npos,
                     diagnostics.front().message.c_str());
            return;
        }
        QVERIFY2(policy, diagnostics.empty() ? "" : diagnostics.front().message.c_str());
        const bool expected = c.find("expected")->scalar == "match";
        QCOMPARE(model::filterPolicyMatches(*policy, snsAttributes(*c.find("attributes"))),
                 expected);
    }
};

QTEST_APPLESS_MAIN(ExternalMatchingTest)
#include "tst_external_matching.moc"
