// The OpenMetrics text of a run (README.md#openmetrics): its shape (TYPE and HELP before each
// family's samples, families not interleaved, counters named `_total` and running totals,
// `# EOF` last), the exporters' names and labels, escaping, the epoch, and that the same run
// gives the same bytes. Loading it into a real Prometheus: tests/cli/tst_openmetrics_slow.cpp.
#include <QtTest>

#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "model/catalogue/MetricCatalogue.h"
#include "model/catalogue/OpenMetricsNames.h"
#include "model/results/OpenMetricsWriter.h"
#include "model/yaml/ScenarioLoader.h"
#include "support/RunHelpers.h"

using namespace eventbench;

namespace {

// A Kafka-like pipeline and a queue-fed worker, with a crash so that counters and gauges move.
const char *const kScenario = R"(scenario: om-test
seed: 7
duration: 12s
nodes:
  orders: {kind: producer, rate: 200/s}
  events: {kind: topic, partitions: 3}
  billing: {kind: consumer, service_time: 2ms}
  jobs_in: {kind: producer, rate: 50/s}
  jobs: {kind: queue}
  worker: {kind: consumer, service_time: 10ms}
edges:
  - orders -> events
  - events -> billing
  - jobs_in -> jobs
  - jobs -> worker
faults:
  - {at: 4s, for: 2s, crash: billing}
)";

model::Scenario scenario() {
    const model::LoadResult loaded = model::loadScenarioText(kScenario, "om-test.yaml");
    if (!loaded.scenario)
        qFatal("the test scenario does not load");
    return *loaded.scenario;
}

std::string text(const model::RunReport &report, const model::Scenario &s,
                 std::int64_t epoch = model::kDefaultEpochSeconds) {
    std::ostringstream out;
    model::writeOpenMetrics(out, report, model::openMetricsNodes(s), epoch);
    return out.str();
}

/// One sample line: name, label text (with braces), value and timestamp as written.
struct Sample {
    std::string name, labels, value, timestamp;
};

Sample parseSample(const std::string &line) {
    Sample s;
    std::size_t i = line.find_first_of("{ ");
    s.name = line.substr(0, i);
    if (line[i] == '{') {
        const std::size_t close = line.find("} ", i);
        s.labels = line.substr(i, close + 1 - i);
        i = close + 1;
    }
    std::istringstream rest(line.substr(i));
    rest >> s.value >> s.timestamp;
    return s;
}

std::vector<std::string> splitLines(const std::string &t) {
    std::vector<std::string> out;
    std::istringstream in(t);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

std::vector<double> valuesOf(const std::string &t, const std::string &name,
                             const std::string &labels) {
    std::vector<double> v;
    for (const std::string &line : splitLines(t))
        if (!line.empty() && line[0] != '#') {
            const Sample s = parseSample(line);
            if (s.name == name && s.labels == labels)
                v.push_back(s.value == "NaN" ? std::nan("") : std::stod(s.value));
        }
    return v;
}

const std::vector<double> &series(const model::RunReport &r, const std::string &node,
                                  const std::string &metric) {
    for (const auto &s : r.series)
        if (s.node == node && s.metric == metric)
            return s.values;
    qFatal("no series %s %s", node.c_str(), metric.c_str());
}

} // namespace

class TestOpenMetrics : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        m_scenario = scenario();
        m_report = testing::runScenarioText(kScenario);
        QVERIFY(m_report.sampleTimes.size() >= 10);
        m_text = text(m_report, m_scenario);
    }

    void shape() {
        const std::vector<std::string> all = splitLines(m_text);
        QCOMPARE(all.back(), std::string("# EOF"));
        QVERIFY(m_text.size() > 2 && m_text.substr(m_text.size() - 6) == "# EOF\n");
        std::set<std::string> closed;
        std::string family, type;
        bool help = false;
        std::size_t samples = 0;
        for (std::size_t i = 0; i + 1 < all.size(); ++i) {
            const std::string &line = all[i];
            QVERIFY2(line != "# EOF", "only the last line is # EOF");
            if (line.rfind("# TYPE ", 0) == 0) {
                std::istringstream in(line.substr(7));
                if (!family.empty())
                    closed.insert(family);
                in >> family >> type;
                QVERIFY2(!closed.count(family), ("family seen twice: " + family).c_str());
                QVERIFY(type == "counter" || type == "gauge");
                if (type == "counter")
                    QVERIFY2(family.size() > 6 && family.substr(family.size() - 6) == "_total",
                             family.c_str());
                help = false;
                continue;
            }
            if (line.rfind("# HELP " + family + " ", 0) == 0) {
                help = true;
                continue;
            }
            if (line.rfind("# UNIT " + family + " seconds", 0) == 0) {
                QVERIFY(family.substr(family.size() - 8) == "_seconds");
                continue;
            }
            QVERIFY2(line[0] != '#', line.c_str());
            const Sample s = parseSample(line);
            QVERIFY2(s.name == family && help, line.c_str());
            QVERIFY(!s.value.empty() && !s.timestamp.empty());
            ++samples;
        }
        // Every sampled series once per sample, plus the per-partition families at the end.
        std::size_t expected = m_report.series.size() * m_report.sampleTimes.size();
        std::set<std::pair<std::string, int>> partitions;
        for (const auto &p : m_report.partitions) {
            partitions.insert({p.topic, p.partition});
            expected += p.group.empty() ? 0 : 2;
        }
        expected += partitions.size();
        QCOMPARE(samples, expected);
    }

    void exporterNamesAndLabels() {
        // A Kafka consumer group: the lag as kafka_exporter names it, per topic and per partition.
        const auto lag = valuesOf(m_text, "kafka_consumergroup_lag_sum",
                                  R"({consumergroup="billing",topic="events"})");
        QCOMPARE(lag, series(m_report, "billing", "lag"));
        QVERIFY(*std::max_element(lag.begin(), lag.end()) > 0); // the crash left a backlog
        QCOMPARE(valuesOf(m_text, "kafka_consumergroup_members", R"({consumergroup="billing"})"),
                 series(m_report, "billing", "instances_up"));
        for (int p = 0; p < 3; ++p) {
            const std::string l = "{consumergroup=\"billing\",topic=\"events\",partition=\"" +
                                  std::to_string(p) + "\"}";
            QCOMPARE(valuesOf(m_text, "kafka_consumergroup_lag", l).size(), std::size_t(1));
            QCOMPARE(valuesOf(m_text, "kafka_topic_partition_current_offset",
                              "{topic=\"events\",partition=\"" + std::to_string(p) + "\"}")
                         .size(),
                     std::size_t(1));
        }
        // A queue as RabbitMQ's plugin names it; its reader is no Kafka group.
        QCOMPARE(valuesOf(m_text, "rabbitmq_queue_messages_ready", R"({queue="jobs"})"),
                 series(m_report, "jobs", "depth"));
        QCOMPARE(valuesOf(m_text, "rabbitmq_queue_messages_unacked", R"({queue="jobs"})"),
                 series(m_report, "jobs", "in_flight"));
        QCOMPARE(valuesOf(m_text, "eventbench_consumer_lag", R"({node="worker"})"),
                 series(m_report, "worker", "lag"));
        QVERIFY(
            valuesOf(m_text, "kafka_consumergroup_lag_sum", R"({consumergroup="worker"})").empty());
        // Everything else under eventbench_* names: counters as running totals.
        const auto &processed = series(m_report, "billing", "processed");
        const auto total =
            valuesOf(m_text, "eventbench_consumer_processed_total", R"({node="billing"})");
        QCOMPARE(total.size(), processed.size());
        double sum = 0;
        for (std::size_t i = 0; i < processed.size(); ++i) {
            sum += processed[i];
            QCOMPARE(total[i], sum);
        }
        QVERIFY(!valuesOf(m_text, "eventbench_consumer_latency_p99_seconds", R"({node="billing"})")
                     .empty());
        QVERIFY(!valuesOf(m_text, "eventbench_ledger_obligations_total", "").empty());
        QVERIFY(m_text.find("# UNIT eventbench_consumer_lag_time_seconds seconds\n") !=
                std::string::npos);
        // Every series of the catalogue under one family or another.
        for (const model::MetricDef &m : model::metricCatalogue())
            if (!m.kind ||
                (*m.kind != model::NodeKind::Exchange && *m.kind != model::NodeKind::Store))
                for (const std::string &name : model::seriesNamesOf(m)) {
                    const std::string family = model::openMetricsFamily(m, name);
                    const bool exported =
                        model::exporterName(m.id, model::ExporterScope::Any) ||
                        model::exporterName(m.id, model::ExporterScope::ReadsOneTopic);
                    QVERIFY2(exported || m_text.find("\n" + family) != std::string::npos,
                             family.c_str());
                }
    }

    void timestampsFromTheEpoch() {
        const auto first = splitLines(m_text);
        const std::string line =
            *std::find_if(first.begin(), first.end(),
                          [](const std::string &l) { return !l.empty() && l[0] != '#'; });
        QCOMPARE(parseSample(line).timestamp,
                 std::to_string(model::kDefaultEpochSeconds +
                                std::llround(m_report.sampleTimes.front())));
        const std::string shifted = text(m_report, m_scenario, 1000);
        QVERIFY(shifted.find(" 1001\n") != std::string::npos);
        QVERIFY(shifted.find(" 17672256") == std::string::npos);
        // Sub-second sampling keeps its fraction.
        model::RunReport r;
        r.sampleTimes = {0.25, 0.5};
        r.series.push_back({"p", "buffered", {1, 2}});
        std::ostringstream out;
        model::writeOpenMetrics(out, r, {{"p", model::NodeKind::Producer, {}}}, 10);
        QVERIFY(out.str().find("eventbench_producer_buffered{node=\"p\"} 1 10.25\n") !=
                std::string::npos);
        QVERIFY(out.str().find("eventbench_producer_buffered{node=\"p\"} 2 10.5\n") !=
                std::string::npos);
    }

    void sameRunSameBytes() {
        const model::RunReport again = testing::runScenarioText(kScenario);
        QCOMPARE(text(again, m_scenario), m_text);
    }

    void escaping() {
        model::RunReport r;
        r.sampleTimes = {1, 2};
        const std::string odd = "a\"b\\c\nd";
        r.series.push_back({odd, "depth", {3, std::nan("")}});
        r.series.push_back({odd, "enqueued", {2, 5}});
        r.series.push_back({"ledger", "pending", {0, std::numeric_limits<double>::infinity()}});
        std::ostringstream out;
        model::writeOpenMetrics(out, r, {{odd, model::NodeKind::Queue, {}}});
        const std::string t = out.str();
        QVERIFY2(
            t.find("rabbitmq_queue_messages_ready{queue=\"a\\\"b\\\\c\\nd\"} 3 1767225601\n") !=
                std::string::npos,
            t.c_str());
        QVERIFY(
            t.find("rabbitmq_queue_messages_ready{queue=\"a\\\"b\\\\c\\nd\"} NaN 1767225602\n") !=
            std::string::npos);
        QVERIFY(t.find("eventbench_queue_enqueued_total{queue") == std::string::npos);
        QVERIFY(
            t.find("eventbench_queue_enqueued_total{node=\"a\\\"b\\\\c\\nd\"} 7 1767225602\n") !=
            std::string::npos);
        QVERIFY(t.find("eventbench_ledger_pending +Inf 1767225602\n") != std::string::npos);
        QCOMPARE(model::openMetricsEscape("x\\y\"z\n"), std::string("x\\\\y\\\"z\\n"));
        // HELP lines hold no escaped quote: promtool's text-format linter refuses it.
        QVERIFY(t.find("# HELP") != std::string::npos);
        for (const std::string &line : splitLines(m_text))
            if (line.rfind("# HELP", 0) == 0)
                QVERIFY2(line.find("\\\"") == std::string::npos, line.c_str());
    }

    void unknownKindsFromSeriesNames() {
        // A stored run without its scenario: the node's kind from its series' names.
        model::RunReport r;
        r.sampleTimes = {1};
        r.series.push_back({"q", "depth", {4}});
        r.series.push_back({"q", "in_flight", {1}});
        std::ostringstream out;
        model::writeOpenMetrics(out, r, {});
        QVERIFY(out.str().find("rabbitmq_queue_messages_ready{queue=\"q\"} 4 1767225601\n") !=
                std::string::npos);
    }

    void epochs() {
        QCOMPARE(model::parseEpoch("2026-01-01T00:00:00Z"),
                 std::optional<std::int64_t>(1767225600));
        QCOMPARE(model::parseEpoch("2026-01-01T00:00:00"), std::optional<std::int64_t>(1767225600));
        QCOMPARE(model::parseEpoch("2026-01-01"), std::optional<std::int64_t>(1767225600));
        QCOMPARE(model::parseEpoch("2024-02-29T12:30:15Z"),
                 std::optional<std::int64_t>(1709209815));
        QCOMPARE(model::parseEpoch("1970-01-01T00:00:00Z"), std::optional<std::int64_t>(0));
        QCOMPARE(model::parseEpoch("1700000000"), std::optional<std::int64_t>(1700000000));
        for (const char *bad : {"", "yesterday", "2026-13-01", "2026-01-01T25:00:00Z",
                                "2026-01-01T00:00:00+02:00", "-5", "2026-01-01T00:00"})
            QVERIFY2(!model::parseEpoch(bad), bad);
    }

  private:
    model::Scenario m_scenario;
    model::RunReport m_report;
    std::string m_text;
};

QTEST_APPLESS_MAIN(TestOpenMetrics)
#include "tst_openmetrics.moc"
