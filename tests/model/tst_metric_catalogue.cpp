// The metric catalogue (model/catalogue/MetricCatalogue): its rows are consistent (ids in
// order, names unique per kind, a key figure per kind, node-table figures among the summary
// statistics), scenarios/README.md documents every row, and a run samples and summarises
// every metric of every node exactly as the catalogue lists it.
#include <QtTest>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "model/catalogue/MetricCatalogue.h"
#include "model/scenario/ExpectationParser.h"
#include "model/yaml/ScenarioLoader.h"
#include "sim/engine/Engine.h"

using namespace eventbench::model;

namespace {

constexpr NodeKind kKinds[] = {NodeKind::Producer, NodeKind::Topic,    NodeKind::Queue,
                               NodeKind::Exchange, NodeKind::Consumer, NodeKind::Store};

std::string ownerName(const MetricDef &m) {
    return m.kind ? toString(*m.kind) : "ledger";
}

std::vector<std::string> cells(const std::string &line) {
    std::vector<std::string> out;
    std::stringstream in(line);
    std::string cell;
    std::getline(in, cell, '|'); // before the first bar
    while (std::getline(in, cell, '|')) {
        const auto first = cell.find_first_not_of(' ');
        const auto last = cell.find_last_not_of(' ');
        out.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
    }
    return out;
}

/// The rows of the README's metric tables (`| metric | node | type | unit | meaning |`).
std::vector<std::vector<std::string>> readmeMetricRows() {
    std::ifstream in(std::string(EVENTBENCH_SOURCE_DIR) + "/scenarios/README.md");
    std::vector<std::vector<std::string>> rows;
    bool inMetrics = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("## ", 0) == 0)
            inMetrics = line == "## Metrics";
        if (inMetrics && line.rfind("| `", 0) == 0)
            rows.push_back(cells(line));
    }
    return rows;
}

// Every node kind, with traffic through each.
const char *const kAllKinds = R"(
scenario: every-kind
duration: 20s
sample_every: 1s
nodes:
  orders: {kind: producer, rate: 50/s}
  fan: {kind: exchange}
  log: {kind: topic, partitions: 2}
  jobs: {kind: queue}
  reader: {kind: consumer, service_time: 2ms}
  worker: {kind: consumer, service_time: 2ms}
  db: {kind: store}
edges:
  - orders -> fan
  - fan -> log
  - fan -> jobs
  - log -> reader
  - jobs -> worker
  - worker -> db
)";

} // namespace

class TestMetricCatalogue : public QObject {
    Q_OBJECT

  private slots:
    void rowsAreInIdOrder() {
        const auto rows = metricCatalogue();
        QCOMPARE(rows.size(), kMetricCount);
        std::set<MetricId> ids;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            QCOMPARE(static_cast<std::size_t>(rows[i].id), i);
            QVERIFY(ids.insert(rows[i].id).second);
            QCOMPARE(&metricDef(rows[i].id), &rows[i]);
        }
    }

    void namesAreUniquePerKind() {
        std::map<std::string, std::set<std::string>> seen; // owner -> series names
        for (const MetricDef &m : metricCatalogue()) {
            QVERIFY2(m.name && *m.name, ownerName(m).c_str());
            QVERIFY(m.description && *m.description);
            for (const std::string &series : seriesNamesOf(m))
                QVERIFY2(seen[ownerName(m)].insert(series).second,
                         (ownerName(m) + "." + series).c_str());
        }
        for (const NodeKind kind : kKinds) {
            QVERIFY(!metricsOf(kind).empty());
            for (const MetricDef &m : metricsOf(kind)) {
                QCOMPARE(m.kind, std::optional<NodeKind>(kind));
                QCOMPARE(findMetric(kind, m.name), &m);
            }
        }
        QCOMPARE(ledgerFigures().size(), ledgerMetrics().size());
        for (const MetricDef &m : ledgerMetrics())
            QVERIFY(m.isLedger());
    }

    void everyKindHasItsKeyFigures() {
        for (const NodeKind kind : kKinds) {
            int badges = 0, charted = 0, keys = 0;
            for (const MetricDef &m : metricsOf(kind)) {
                badges += m.hasRole(MetricRole::Badge) ? 1 : 0;
                charted += m.chart != ChartGroup::None ? 1 : 0;
                keys += m.hasRole(MetricRole::ChartKey) ? 1 : 0;
                if (m.hasRole(MetricRole::ChartKey))
                    QVERIFY(m.chart != ChartGroup::None);
                QVERIFY(!chartLabel(m).empty());
            }
            QVERIFY2(badges == 1, toString(kind));
            QVERIFY2(charted > 0 && keys > 0, toString(kind));
            const MetricDef *badge = metricWithRole(kind, MetricRole::Badge);
            QVERIFY(badge && badge->type != MetricType::Latency);
            // Edge thickness: what enters every node that can be a target, what leaves a
            // producer or a consumer.
            if (kind != NodeKind::Producer)
                QVERIFY2(metricWithRole(kind, MetricRole::Inflow), toString(kind));
            if (kind == NodeKind::Producer || kind == NodeKind::Consumer)
                QVERIFY2(metricWithRole(kind, MetricRole::Outflow), toString(kind));
        }
        for (const MetricDef &m : ledgerMetrics())
            QCOMPARE(m.chart, ChartGroup::None);
    }

    void tableFiguresAreSummaryStatistics() {
        using S = Expectation::Stat;
        for (const MetricDef &m : metricCatalogue()) {
            QVERIFY(!m.stats.empty());
            for (const S stat : {m.table.first, m.table.second}) {
                if (stat != S::None)
                    QVERIFY2(std::find(m.stats.begin(), m.stats.end(), stat) != m.stats.end(),
                             m.name);
            }
            if (m.table.second != S::None)
                QVERIFY(m.table.first != S::None);
        }
        for (const S stat : latencySeriesStats())
            QVERIFY(stat != S::None);
    }

    void guessesAKindFromItsSeries() {
        // For runs recorded without their nodes' kinds.
        for (const NodeKind kind : kKinds) {
            std::vector<std::string> names;
            for (const MetricDef &m : metricsOf(kind))
                for (const std::string &s : seriesNamesOf(m))
                    names.push_back(s);
            QCOMPARE(kindFromMetricNames(names), kind);
            names.resize(1); // an older run with fewer metrics
            QCOMPARE(kindFromMetricNames(names), kind);
        }
        QCOMPARE(kindFromMetricNames({}), NodeKind::Consumer);
        QCOMPARE(kindFromMetricNames({"no_such_metric"}), NodeKind::Consumer);
    }

    void readmeDocumentsEveryMetric() {
        const auto rows = readmeMetricRows();
        QVERIFY2(!rows.empty(), "no metric table under '## Metrics' in scenarios/README.md");
        for (const MetricDef &m : metricCatalogue()) {
            const std::string name = std::string("`") + m.name + "`";
            const auto row = std::find_if(rows.begin(), rows.end(), [&](const auto &r) {
                return r.size() >= 5 && r[0] == name && r[1] == ownerName(m);
            });
            const std::string what = ownerName(m) + " " + m.name;
            QVERIFY2(row != rows.end(), ("scenarios/README.md does not document " + what).c_str());
            QCOMPARE(QString::fromStdString((*row)[2]), QString(toString(m.type)));
            QCOMPARE(QString::fromStdString((*row)[3]), QString(toString(m.unit)));
            QVERIFY2(!(*row)[4].empty(), what.c_str());
        }
        // And documents nothing the catalogue does not have.
        for (const auto &r : rows) {
            const std::string name = r[0].substr(1, r[0].size() - 2);
            const bool known = std::any_of(
                metricCatalogue().begin(), metricCatalogue().end(),
                [&](const MetricDef &m) { return name == m.name && r[1] == ownerName(m); });
            QVERIFY2(known, (r[1] + " " + name + " is not in the catalogue").c_str());
        }
    }

    void aRunSamplesEveryMetricOfEveryNode() {
        const LoadResult loaded = loadScenarioText(kAllKinds, "every-kind.yaml");
        QVERIFY(loaded.scenario);
        QVERIFY(!hasErrors(loaded.diagnostics));
        eventbench::sim::Engine engine(*loaded.scenario);
        engine.runToEnd();
        const RunReport report = engine.takeReport();

        // The series: each node's catalogue metrics in order, then the ledger's.
        std::vector<std::pair<std::string, std::string>> expected;
        for (const Node &n : loaded.scenario->nodes)
            for (const MetricDef &m : metricsOf(n.kind))
                for (const std::string &s : seriesNamesOf(m))
                    expected.emplace_back(n.id, s);
        for (const MetricDef &m : ledgerMetrics())
            expected.emplace_back("ledger", m.name);
        QCOMPARE(report.series.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(report.series[i].node, expected[i].first);
            QCOMPARE(report.series[i].metric, expected[i].second);
            QCOMPARE(report.series[i].values.size(), report.sampleTimes.size());
        }

        // The summary: every statistic the catalogue lists; a counter's total is the sum of
        // its intervals; every key figure saw traffic.
        for (const Node &n : loaded.scenario->nodes)
            for (const MetricDef &m : metricsOf(n.kind)) {
                for (const auto stat : m.stats)
                    QVERIFY2(report.find(n.id, m.name, statName(stat)),
                             (n.id + "." + m.name + " " + statName(stat)).c_str());
                const auto series =
                    std::find_if(report.series.begin(), report.series.end(), [&](const auto &s) {
                        return s.node == n.id && s.metric == m.name;
                    });
                if (m.type == MetricType::Counter) {
                    double sum = 0;
                    for (double v : series->values)
                        sum += v;
                    QCOMPARE(report.find(n.id, m.name, "total")->value, sum);
                }
                if (m.hasRole(MetricRole::Badge) && m.type == MetricType::Counter)
                    QVERIFY2(report.find(n.id, m.name, "total")->value > 0, m.name);
            }
        for (const MetricDef &m : ledgerMetrics())
            QVERIFY2(report.find("ledger", m.name, "total"), m.name);

        // Each figure reads its own counter: what one node passes on, the next one counts.
        const auto total = [&](const std::string &node, MetricId id) {
            return report.find(node, metricDef(id).name, "total")->value;
        };
        const double published = total("orders", MetricId::ProducerPublished);
        QVERIFY(published > 0);
        QCOMPARE(total("orders", MetricId::ProducerProduced), published);
        QCOMPARE(total("fan", MetricId::ExchangeRouted), 2 * published); // a copy per edge
        QCOMPARE(total("fan", MetricId::ExchangeUnroutable), 0.0);
        QCOMPARE(total("log", MetricId::TopicAppended), published);
        QCOMPARE(total("jobs", MetricId::QueueEnqueued), published);
        QCOMPARE(total("ledger", MetricId::LedgerObligations), 2 * published);
        QCOMPARE(total("ledger", MetricId::LedgerCompleted),
                 total("reader", MetricId::ConsumerProcessed) +
                     total("worker", MetricId::ConsumerProcessed));
        QCOMPARE(report.find("ledger", metricDef(MetricId::LedgerUnaccounted).name, "total")->value,
                 0.0);
        QVERIFY(report.find("ledger", metricDef(MetricId::LedgerObligations).name, "total")->value >
                0);
    }
};

QTEST_GUILESS_MAIN(TestMetricCatalogue)
#include "tst_metric_catalogue.moc"
