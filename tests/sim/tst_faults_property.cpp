// Property test: many random fault schedules on random small topologies (seeded, so every
// failure is reproducible by its trial number), with the failure modes drawn too: failing and
// slow stores and their outages, circuit breakers in both modes, TLS on buses. Every run must
// balance its ledger and keep per-partition order except where a redelivery explains it.
#include <QtTest>

#include <random>
#include <sstream>

#include "support/RunHelpers.h"

using namespace eventbench;
using eventbench::testing::figure;
using eventbench::testing::runScenarioText;

class FaultsPropertyTest : public QObject {
    Q_OBJECT
  private slots:
    void randomSchedulesBalanceTheLedger_data();
    void randomSchedulesBalanceTheLedger();
};

namespace {

/// Writes one random scenario for `trial`.
class ScenarioGenerator {
  public:
    explicit ScenarioGenerator(std::uint64_t trial) : m_rng(trial * 7919 + 17) {}

    std::string generate() {
        std::ostringstream y;
        y << "scenario: random\nseed: " << pick(1, 1000) << "\nduration: 60s\nnodes:\n";
        const int producers = pick(1, 3), topics = pick(1, 3), queues = pick(0, 2);
        const bool exchange = chance(0.5);
        for (int i = 0; i < producers; ++i) {
            y << "  p" << i << ": {kind: producer, rate: " << pick(20, 200) << "/s"
              << (chance(0.5) ? ", arrivals: constant" : "")
              << (chance(0.6) ? ", keys: {distribution: uniform, count: 50}" : "")
              << ", attributes: {region: {a: 0.5, b: 0.5}}"
              << ", routing_key: {x.y: 0.5, x.z: 0.5}"
              << ", idempotent: " << (chance(0.5) ? "true" : "false")
              << ", buffer: " << pick(20, 3000) << ", retry: {max_attempts: " << pick(2, 40)
              << ", backoff: " << pick(10, 300) << "ms}}\n";
            m_producers.push_back("p" + std::to_string(i));
        }
        for (int i = 0; i < topics; ++i) {
            y << "  t" << i << ": {kind: topic, partitions: " << pick(1, 6)
              << (chance(0.3) ? ", retention: " + std::to_string(pick(3, 30)) + "s" : "")
              << (chance(0.2) ? ", retention_bytes: 200KB" : "") << tls() << "}\n";
            m_buses.push_back("t" + std::to_string(i));
        }
        for (int i = 0; i < queues; ++i) {
            y << "  q" << i << ": {kind: queue, visibility_timeout: " << pick(1, 8) << "s"
              << ", redelivery: " << (chance(0.5) ? "immediate" : "visibility")
              << (chance(0.5) ? ", max_receive_count: 3, dead_letter: dlq" : "")
              << (chance(0.3) ? ", fifo: true" : "") << (chance(0.2) ? ", ttl: 5s" : "") << tls()
              << (chance(0.2) ? ", max_length: 300, overflow: " +
                                    std::string(chance(0.5) ? "drop-head" : "reject-publish")
                              : "")
              << "}\n";
            m_buses.push_back("q" + std::to_string(i));
        }
        y << "  dlq: {kind: queue}\n";
        if (exchange)
            y << "  x: {kind: exchange" << (chance(0.5) ? ", unroutable: dlq" : "") << "}\n";
        std::vector<std::string> edges;
        for (const auto &p : m_producers) {
            edges.push_back(p + " -> " + (exchange && chance(0.4) ? "x" : any(m_buses)));
        }
        if (exchange) {
            const std::size_t first = pickIndex(m_buses.size());
            edges.push_back("{from: x, to: " + m_buses[first] + ", filter: {region: [a]}}");
            if (m_buses.size() > 1)
                edges.push_back("{from: x, to: " + m_buses[(first + 1) % m_buses.size()] +
                                ", binding: 'x.*'}");
        }
        int consumer = 0;
        for (std::size_t b = 0; b < m_buses.size(); ++b) {
            const int readers = pick(1, 2);
            for (int r = 0; r < readers; ++r) {
                const std::string c = "c" + std::to_string(consumer++);
                const bool deadLetter = chance(0.4);
                y << "  " << c << ": {kind: consumer, instances: " << pick(1, 4)
                  << ", concurrency: " << pick(1, 3)
                  << ", service_time: {distribution: exponential, mean: " << pick(1, 15) << "ms}"
                  << ", failure: 0." << pick(0, 15) << ", retry: {max_attempts: " << pick(1, 3)
                  << ", backoff: " << pick(0, 30) << "ms}"
                  << (deadLetter ? ", dead_letter: dlq" : "") << breaker(deadLetter)
                  << ", idempotent: " << (chance(0.5) ? "true" : "false")
                  << ", commit: " << anyOf({"auto", "after_each", "before_process"})
                  << ", assignment: " << anyOf({"range", "roundrobin", "sticky"})
                  << ", session_timeout: " << pick(2, 15) << "s, rebalance_time: " << pick(1, 3)
                  << "s, commit_interval: " << pick(1, 5) << "s, max_poll_records: " << pick(1, 100)
                  << ", batch: " << pick(1, 4) << groupKnobs() << "}\n";
                m_consumers.push_back(c);
                if (m_buses[b].front() == 't')
                    m_topicConsumers.push_back(c);
                edges.push_back(m_buses[b] + " -> " + c);
                // Follow-ups only flow to later buses, so there are no cycles.
                if (b + 1 < m_buses.size() && chance(0.4))
                    edges.push_back("{from: " + c +
                                    ", to: " + m_buses[b + 1 + pickIndex(m_buses.size() - b - 1)] +
                                    ", ratio: 0." + std::to_string(pick(2, 9)) + "}");
                if (chance(0.3)) {
                    y << "  " << c << "-db: {kind: store, write_time: 1ms, capacity: " << pick(1, 4)
                      << (chance(0.5) ? ", failure: 0.0" + std::to_string(pick(1, 9)) : "")
                      << "}\n";
                    edges.push_back(c + " -> " + c + "-db");
                    m_stores.push_back(c + "-db");
                }
            }
        }
        y << "edges:\n";
        for (const auto &e : edges)
            y << "  - " << e << "\n";
        y << "faults:\n";
        const int faults = pick(3, 9);
        for (int i = 0; i < faults; ++i)
            y << "  - " << fault() << "\n";
        return y.str();
    }

  private:
    std::string tls() {
        if (!chance(0.25))
            return "";
        return ", tls: {handshake: " + std::to_string(pick(0, 200)) +
               "ms, overhead: " + std::to_string(pick(0, 30)) + "%}";
    }
    // `fail` only with a dead_letter: rejected at once on a queue that requeues at once, a
    // message would come back at the same instant for ever.
    std::string breaker(bool deadLetter) {
        if (!chance(0.35))
            return "";
        return ", circuit_breaker: {failure_rate: " + std::to_string(pick(10, 90)) +
               "%, window: " + std::to_string(pick(2, 20)) +
               ", min_calls: " + std::to_string(pick(1, 20)) +
               ", open_for: " + std::to_string(pick(200, 8000)) +
               "ms, half_open_calls: " + std::to_string(pick(1, 5)) +
               ", when_open: " + (deadLetter && chance(0.5) ? "fail" : "pause") + "}";
    }
    /// Late joins, where a new group starts, and autoscaling.
    std::string groupKnobs() {
        std::ostringstream k;
        if (chance(0.3))
            k << ", start: " << (chance(0.5) ? "earliest" : "latest");
        if (chance(0.2))
            k << ", join_at: " << pick(1, 40) << "s";
        if (chance(0.25))
            k << ", autoscale: {min: " << pick(1, 2) << ", max: " << pick(2, 6)
              << ", target_lag: " << pick(5, 200) << ", interval: " << pick(1, 5)
              << "s, cooldown: " << pick(0, 20) << "s, startup: " << pick(0, 5) << "s}";
        return k.str();
    }

    std::string fault() {
        std::ostringstream f;
        f << "{at: " << pick(0, 50000) << "ms";
        if (chance(0.8))
            f << ", for: " << pick(500, 20000) << "ms";
        if (!m_stores.empty() && chance(0.2)) {
            if (chance(0.5))
                f << ", outage: " << any(m_stores);
            else
                f << ", slow: " << any(m_stores) << ", factor: " << pick(2, 20);
            f << "}";
            return f.str();
        }
        switch (pick(0, 12)) {
        case 0:
            f << ", crash: " << any(m_consumers) << ", instances: 1";
            break;
        case 1:
            f << ", crash: " << any(m_consumers);
            break;
        case 2:
            f << ", pause: " << any(m_consumers) << ", instances: 1";
            break;
        case 3:
            f << ", isolate: " << any(chance(0.5) ? m_consumers : m_producers) << ", instances: 1";
            break;
        case 4:
            f << ", slow: " << any(m_consumers) << ", factor: " << pick(2, 10);
            break;
        case 5:
            f << ", outage: " << any(m_buses);
            break;
        case 6:
            f << ", duplicate: " << any(m_buses) << ", probability: 0." << pick(1, 5);
            break;
        case 7:
            f << ", poison: " << any(m_producers) << ", probability: 0.0" << pick(1, 9);
            break;
        case 8:
            f << ", spike: " << any(m_producers) << ", factor: " << pick(2, 4);
            break;
        case 9:
            f << ", rebalance: " << any(m_consumers);
            break;
        case 10:
            if (m_topicConsumers.empty())
                f << ", rebalance: " << any(m_consumers);
            else if (chance(0.5))
                f << ", replay: " << any(m_topicConsumers) << ", to: earliest";
            else
                f << ", replay: " << any(m_topicConsumers) << ", to: " << pick(1, 40) << "s";
            break;
        case 11:
            f << ", scale: " << any(m_consumers) << ", instances: " << pick(1, 6);
            break;
        default:
            f << ", schema: " << any(m_producers) << ", version: 2";
            break;
        }
        f << "}";
        return f.str();
    }
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
    std::size_t pickIndex(std::size_t n) { return static_cast<std::size_t>(pick(0, int(n) - 1)); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_rng) < p; }
    const std::string &any(const std::vector<std::string> &v) { return v[pickIndex(v.size())]; }
    std::string anyOf(std::initializer_list<const char *> v) {
        return *(v.begin() + pickIndex(v.size()));
    }

    std::mt19937_64 m_rng;
    std::vector<std::string> m_producers, m_buses, m_consumers, m_stores, m_topicConsumers;
};

} // namespace

void FaultsPropertyTest::randomSchedulesBalanceTheLedger_data() {
    QTest::addColumn<int>("trial");
    for (int trial = 0; trial < 120; ++trial)
        QTest::newRow(qPrintable(QString("trial-%1").arg(trial))) << trial;
}

void FaultsPropertyTest::randomSchedulesBalanceTheLedger() {
    QFETCH(int, trial);
    const std::string yaml = ScenarioGenerator(static_cast<std::uint64_t>(trial)).generate();
    model::RunReport r;
    try {
        r = runScenarioText(yaml);
    } catch (const std::exception &e) {
        QFAIL(qPrintable(QString::fromStdString(std::string(e.what()) + "\n" + yaml)));
    }
    QVERIFY2(r.unaccounted == 0,
             qPrintable(QString("unaccounted %1\n%2").arg(r.unaccounted).arg(yaml.c_str())));
    QVERIFY2(r.orderViolations == 0, qPrintable(QString::fromStdString(yaml)));
    QCOMPARE(figure(r, "ledger", "obligations"),
             figure(r, "ledger", "completed") + figure(r, "ledger", "dead_lettered") +
                 figure(r, "ledger", "discarded") + figure(r, "ledger", "expired") +
                 figure(r, "ledger", "skipped") + figure(r, "ledger", "pending"));
    // An idempotent group suppresses duplicates, and replayed records it had completed.
    for (const auto &row : r.summary)
        if (row.metric == "duplicates_suppressed" && row.stat == "total")
            QVERIFY(row.value <=
                    figure(r, row.node, "duplicates") + figure(r, row.node, "replayed"));
}

QTEST_GUILESS_MAIN(FaultsPropertyTest)
#include "tst_faults_property.moc"
