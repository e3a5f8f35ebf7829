// P(WAIT), the capacity table's Erlang C column, held to facts from outside this project:
// tests/data/external/erlang_c.csv (its README gives every source; caveat 10: the package-test
// values are rounded to 3 decimals, one published test value is wrong and kept as a negative
// example, and the grid rows are computed in exact rational arithmetic, not published). Also
// Erlang C for many servers (Halfin and Whitt's limit) and the handler-count bound of
// issue 13 (instances x concurrency overflowed an int and printed a negative server count).
#include <QtTest>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "model/capacity/CapacityModel.h"
#include "model/capacity/QueueingFormulas.h"
#include "model/yaml/ScenarioLoader.h"

using namespace eventbench;

namespace {

/// One RFC 4180 line (quoted fields may hold commas; no line breaks inside).
std::vector<std::string> splitCsv(const std::string &line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
            out.back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            out.emplace_back();
        } else {
            out.back() += c;
        }
    }
    return out;
}

/// The rows of erlang_c.csv as column -> text, `#` lines skipped.
std::vector<std::map<std::string, std::string>> erlangCases() {
    std::ifstream in(EVENTBENCH_SOURCE_DIR "/tests/data/external/erlang_c.csv");
    std::vector<std::map<std::string, std::string>> rows;
    std::vector<std::string> header;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        const auto fields = splitCsv(line);
        if (header.empty()) {
            header = fields;
            continue;
        }
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i)
            row[header[i]] = fields[i];
        rows.push_back(row);
    }
    return rows;
}

/// The textbook Erlang B recursion, written out here to compare the large-c path with.
double erlangCByRecursion(std::int64_t c, double a) {
    double b = 1;
    for (std::int64_t k = 1; k <= c; ++k)
        b = a * b / (static_cast<double>(k) + a * b);
    return c * b / (c - a * (1 - b));
}

model::CapacityReport analyse(const std::string &body) {
    const std::string text = "scenario: wait\nduration: 100s\n" + body;
    model::LoadResult loaded = model::loadScenarioText(text, "wait.yaml");
    if (!loaded.scenario || model::hasErrors(loaded.diagnostics))
        throw std::runtime_error("scenario does not load");
    const model::TopologyGraph graph(*loaded.scenario);
    return model::analyseCapacity(graph);
}

} // namespace

class WaitProbabilityTest : public QObject {
    Q_OBJECT
  private slots:
    void externalTable_data();
    void externalTable();
    void capacityTableShowsErlangC_data();
    void capacityTableShowsErlangC();
    void saturatedAndIdle();
    void manyServers();
    void handlersAreCountedIn64Bits();
    void absurdHandlerCountsAreRefusedWithAPosition();
};

void WaitProbabilityTest::externalTable_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("servers");
    QTest::addColumn<double>("offered");
    QTest::addColumn<QString>("sourceValue");
    QTest::addColumn<int>("rounding");
    QTest::addColumn<double>("computed");
    const auto rows = erlangCases();
    QVERIFY2(rows.size() >= 70, "tests/data/external/erlang_c.csv is missing or short");
    for (const auto &r : rows)
        QTest::newRow(r.at("case_id").c_str())
            << QString::fromStdString(r.at("kind")) << std::stoi(r.at("c_servers"))
            << std::stod(r.at("a_offered_erlangs")) << QString::fromStdString(r.at("source_value"))
            << (r.at("source_rounding").empty() ? 0 : std::stoi(r.at("source_rounding")))
            << std::stod(r.at("computed_C"));
}

// Sources: rodrigo-arenas/pyworkforce pyworkforce/queuing/tests/test_erlang.py (EC-01, EC-02,
// asserted to 3 decimals); PRODYNA/exciting-algorithms tests/erlangc_test.go (EC-03, a wrong
// value: the implementation stops Erlang B one server short); Wolfram Language ErlangC
// documentation inputs (EC-04, EC-05-*); identities C(1,a) = a and C(2,a) = a^2/(2+a); the
// grid computed in exact rational arithmetic (printed to 10 decimals).
void WaitProbabilityTest::externalTable() {
    QFETCH(QString, kind);
    QFETCH(int, servers);
    QFETCH(double, offered);
    QFETCH(QString, sourceValue);
    QFETCH(int, rounding);
    QFETCH(double, computed);
    // Through what the capacity table shows: C(c, a) at the utilisation a / c.
    const double p = model::waitProbability(servers, offered / servers);
    QVERIFY2(std::abs(p - model::erlangC(servers, offered)) < 1e-12, qPrintable(kind));
    const double half = 0.5 * std::pow(10.0, -rounding);
    if (kind == "source") {
        QVERIFY2(std::abs(p - sourceValue.toDouble()) <= half + 1e-12,
                 qPrintable(QString("C = %1, source %2").arg(p, 0, 'g', 12).arg(sourceValue)));
    } else if (kind == "source_incorrect") {
        QVERIFY2(
            std::abs(p - sourceValue.toDouble()) > half,
            qPrintable(QString("C = %1 agrees with the known-wrong %2").arg(p).arg(sourceValue)));
    }
    // Every row: the exact value, printed to 10 decimals.
    QVERIFY2(
        std::abs(p - computed) <= 5e-11 + 1e-12,
        qPrintable(QString("C = %1, computed %2").arg(p, 0, 'g', 12).arg(computed, 0, 'g', 12)));
}

void WaitProbabilityTest::capacityTableShowsErlangC_data() {
    QTest::addColumn<QString>("consumer");
    QTest::addColumn<double>("expected");
    // EC-01 (pyworkforce): 14 handlers at a = 10 Erlangs, as 7 instances x concurrency 2.
    QTest::newRow("EC-01 queue 7x2") << "  work: {kind: consumer, instances: 7, concurrency: 2, "
                                        "service_time: {distribution: exponential, mean: 1s}}\n"
                                     << 0.1741319336;
    // EC-05-c4 (Wolfram inputs): 4 handlers at 2.5 Erlangs; constant service: the column is
    // Erlang C at the utilisation whatever the distributions (the documented approximation).
    QTest::newRow("EC-05-c4 queue 4x1 constant")
        << "  work: {kind: consumer, instances: 4, service_time: 1s}\n"
        << 0.3198567042;
}

void WaitProbabilityTest::capacityTableShowsErlangC() {
    QFETCH(QString, consumer);
    QFETCH(double, expected);
    const int rate = QByteArray(QTest::currentDataTag()).startsWith("EC-01") ? 10 : 2;
    const std::string rateText = rate == 10 ? "10/s" : "2.5/s";
    const auto report =
        analyse("nodes:\n  src: {kind: producer, rate: " + rateText + "}\n  q: {kind: queue}\n" +
                consumer.toStdString() + "edges: [src -> q, q -> work]\n");
    QCOMPARE(report.consumers.size(), std::size_t{1});
    QVERIFY2(std::abs(report.consumers[0].waitProbability - expected) < 1e-9,
             qPrintable(QString::number(report.consumers[0].waitProbability, 'g', 12)));
}

void WaitProbabilityTest::saturatedAndIdle() {
    QCOMPARE(model::waitProbability(3, 1.0), 1.0);
    QCOMPARE(model::waitProbability(3, 1.7), 1.0);
    QCOMPARE(model::waitProbability(3, 0.0), 0.0);
    // A topic consumer: its busiest partition is one server, so P(WAIT) = rho (C(1, a) = a).
    const auto topic = analyse("nodes:\n  src: {kind: producer, rate: 60/s}\n"
                               "  t: {kind: topic, partitions: 2}\n"
                               "  work: {kind: consumer, instances: 2, concurrency: 4, "
                               "service_time: 20ms}\nedges: [src -> t, t -> work]\n");
    QVERIFY(std::abs(topic.consumers[0].utilization - 0.6) < 1e-9);
    QVERIFY(std::abs(topic.consumers[0].waitProbability - 0.6) < 1e-9);
    const auto saturated = analyse("nodes:\n  src: {kind: producer, rate: 300/s}\n"
                                   "  q: {kind: queue}\n  work: {kind: consumer, instances: 2, "
                                   "service_time: 10ms}\nedges: [src -> q, q -> work]\n");
    QVERIFY(saturated.consumers[0].overloaded);
    QCOMPARE(saturated.consumers[0].waitProbability, 1.0);
}

// Halfin and Whitt (1981), "Heavy-traffic limits for queues with many exponential servers",
// Operations Research 29(3): with beta = (1 - rho) sqrt(c) fixed, C(c, c rho) tends to
// 1 / (1 + beta Phi(beta) / phi(beta)) as c grows.
void WaitProbabilityTest::manyServers() {
    // Above the textbook recursion's range the sum from the largest term agrees with it.
    for (const double rho : {0.5, 0.99, 0.999, 0.9999}) {
        const std::int64_t c = 150000;
        const double exact = erlangCByRecursion(c, rho * c);
        QVERIFY2(
            std::abs(model::erlangC(c, rho * c) - exact) <= 1e-9 * std::max(exact, 1e-300),
            qPrintable(
                QString("rho %1: %2 vs %3").arg(rho).arg(model::erlangC(c, rho * c)).arg(exact)));
    }
    const double pi = std::acos(-1.0);
    for (const double beta : {0.5, 1.0, 2.0}) {
        const std::int64_t c = 2'500'000'000; // 50000 instances x 50000 handlers
        const double rho = 1 - beta / std::sqrt(static_cast<double>(c));
        const double phi = std::exp(-beta * beta / 2) / std::sqrt(2 * pi);
        const double Phi = 0.5 * std::erfc(-beta / std::sqrt(2.0));
        const double limit = 1 / (1 + beta * Phi / phi);
        QElapsedTimer clock;
        clock.start();
        const double p = model::waitProbability(c, rho);
        QVERIFY2(std::abs(p - limit) < 1e-3,
                 qPrintable(QString("beta %1: %2 vs limit %3").arg(beta).arg(p).arg(limit)));
        QVERIFY2(clock.elapsed() < 2000, "Erlang C for 2.5e9 servers is not O(sqrt(c))");
    }
    QCOMPARE(model::waitProbability(2'500'000'000, 0.5), 0.0); // below 1e-300
}

// Issue 13 item 2: 50000 x 50000 handlers overflowed an int in the station layout.
void WaitProbabilityTest::handlersAreCountedIn64Bits() {
    const auto report = analyse("nodes:\n  src: {kind: producer, rate: 100/s}\n  q: {kind: queue}\n"
                                "  work: {kind: consumer, instances: 1000, concurrency: 1000}\n"
                                "edges: [src -> q, q -> work]\n");
    QCOMPARE(report.consumers[0].servers, std::int64_t{1000000});
    QVERIFY(report.consumers[0].utilization > 0 && report.consumers[0].utilization < 1e-3);
}

void WaitProbabilityTest::absurdHandlerCountsAreRefusedWithAPosition() {
    const std::string text = "scenario: wait\nduration: 100s\nnodes:\n"
                             "  src: {kind: producer, rate: 100/s}\n  q: {kind: queue}\n"
                             "  work: {kind: consumer, instances: 50000, concurrency: 50000}\n"
                             "edges: [src -> q, q -> work]\n";
    const model::LoadResult loaded = model::loadScenarioText(text, "wait.yaml");
    QVERIFY(model::hasErrors(loaded.diagnostics));
    bool found = false;
    for (const auto &d : loaded.diagnostics) {
        const std::string line = d.format();
        if (line.find("2500000000 handlers") == std::string::npos)
            continue;
        found = true;
        QVERIFY2(line.rfind("wait.yaml:6:", 0) == 0, line.c_str());
    }
    QVERIFY(found);
}

QTEST_GUILESS_MAIN(WaitProbabilityTest)
#include "tst_wait_probability.moc"
