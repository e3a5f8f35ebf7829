// The capacity model (model/CapacityModel) on small topologies with hand-computed answers:
// rate propagation through exchanges (filters, bindings, unroutable), follow-up ratios,
// failures, retries, redeliveries, dead letters, duplicates, spikes and schema versions;
// stations on topics (murmur2 partition shares, zipf hot partitions, idle members); store
// slots; overload; the suggestions; and no NaN or infinity on the bundled scenarios.
#include <QtTest>

#include <QDir>
#include <cmath>

#include "model/capacity/CapacityModel.h"
#include "model/routing/KeyPartitioning.h"
#include "model/routing/Murmur2.h"
#include "model/yaml/ScenarioLoader.h"

using namespace eventbench;

namespace {

struct Analysed {
    model::Scenario scenario;
    model::CapacityReport report;
    const model::ConsumerCapacity &operator[](const std::string &id) const {
        for (const auto &c : report.consumers)
            if (c.node == id)
                return c;
        throw std::runtime_error("no consumer " + id);
    }
};

Analysed analyse(const std::string &body, const char *duration = "100s") {
    const std::string text = std::string("scenario: capacity\nduration: ") + duration + "\n" + body;
    model::LoadResult loaded = model::loadScenarioText(text, "capacity.yaml");
    if (!loaded.scenario) {
        std::string all;
        for (const auto &d : loaded.diagnostics)
            all += d.format() + "\n";
        throw std::runtime_error(all);
    }
    Analysed a{*loaded.scenario, {}};
    const model::TopologyGraph graph(a.scenario);
    a.report = model::analyseCapacity(graph);
    return a;
}

bool near(double a, double b, double tolerance = 1e-9) {
    return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b));
}

#define QNEAR(a, b)                                                                                \
    QVERIFY2(near((a), (b)),                                                                       \
             qPrintable(QString("%1 = %2, expected %3").arg(#a).arg(a, 0, 'g', 15).arg(b)))

// The zipf/uniform weights the simulator draws keys with, and each key's partition from the
// simulator's own partitioner: the hottest partition's share, independently of the model.
std::vector<double> simulatorShares(std::uint64_t count, double skew, int partitions) {
    std::vector<double> shares(static_cast<std::size_t>(partitions), 0.0);
    double total = 0;
    for (std::uint64_t k = 0; k < count; ++k) {
        const double w = skew > 0 ? std::pow(static_cast<double>(k + 1), -skew) : 1.0;
        shares[static_cast<std::size_t>(
            model::kafkaPartition("key-" + std::to_string(k), partitions))] += w;
        total += w;
    }
    for (double &s : shares)
        s /= total;
    return shares;
}

} // namespace

class CapacityModelTest : public QObject {
    Q_OBJECT
  private slots:
    void exchangeRouting();
    void followUpsFailuresAndDeadLetters();
    void retriesHoldTheHandler();
    void queueRedeliveries();
    void autoscaledGroupIsSizedByItsMax();
    void duplicatesSpikesAndProfiles();
    void schemaVersionsAndPoison();
    void partitionShares_data();
    void partitionShares();
    void hottestPartitionDecides();
    void membersSharePartitions();
    void storeSlots();
    void overload();
    void mm1Exactly();
    void roundRobinSplitsVariability();
    void suggestions();
    void bundledScenariosAreFinite();
};

void CapacityModelTest::exchangeRouting() {
    const Analysed a = analyse(R"(nodes:
  src:
    kind: producer
    rate: 100/s
    attributes: {region: {eu: 0.6, us: 0.4}, tier: {gold: 0.1, gold-plus: 0.05, standard: 0.85},
                 amount: {"50": 0.5, "200": 0.3, abc: 0.2}}
    routing_key: {order.placed.web: 0.7, order.placed.mobile: 0.3}
  x: {kind: exchange, unroutable: lost}
  eu: {kind: queue}
  mobile: {kind: queue}
  vip: {kind: queue}
  big: {kind: queue}
  nocolor: {kind: queue}
  lost: {kind: queue}
  eu-c: {kind: consumer}
  mobile-c: {kind: consumer}
  vip-c: {kind: consumer}
  big-c: {kind: consumer}
  nocolor-c: {kind: consumer}
  lost-c: {kind: consumer}
edges:
  - src -> x
  - {from: x, to: eu, filter: {region: [eu]}}
  - {from: x, to: mobile, binding: "order.*.mobile"}
  - {from: x, to: vip, filter: {tier: [{prefix: gold}], region: [{anything-but: [cn]}]}}
  - {from: x, to: big, filter: {amount: [{numeric: [">", 100]}]}}
  - {from: x, to: nocolor, filter: {color: [{exists: false}]}, binding: "#"}
  - eu -> eu-c
  - mobile -> mobile-c
  - vip -> vip-c
  - big -> big-c
  - nocolor -> nocolor-c
  - lost -> lost-c
)");
    QNEAR(a["eu-c"].lambda, 60.0);
    QNEAR(a["mobile-c"].lambda, 30.0);
    QNEAR(a["vip-c"].lambda, 15.0);
    QNEAR(a["big-c"].lambda, 30.0);
    QNEAR(a["nocolor-c"].lambda, 100.0);
    QNEAR(a["lost-c"].lambda, 0.0); // nocolor matches everything
    const Analysed b = analyse(R"(nodes:
  src:
    kind: producer
    rate: 100/s
    attributes: {region: {eu: 0.6, us: 0.4}}
    routing_key: {order.placed.web: 0.7, order.placed.mobile: 0.3}
  x: {kind: exchange, unroutable: lost}
  eu: {kind: queue}
  mobile: {kind: queue}
  lost: {kind: queue}
  eu-c: {kind: consumer}
  mobile-c: {kind: consumer}
  lost-c: {kind: consumer}
edges:
  - src -> x
  - {from: x, to: eu, filter: {region: [eu]}}
  - {from: x, to: mobile, binding: "order.*.mobile"}
  - eu -> eu-c
  - mobile -> mobile-c
  - lost -> lost-c
)");
    // Unroutable: neither eu nor mobile, 0.4 x 0.7.
    QNEAR(b["lost-c"].lambda, 28.0);
    QNEAR(b["lost-c"].peakLambda, 28.0);
    // A binding list passes a message once when several patterns match; a list attribute is
    // carried whole (any element matches); a producer without routing_key sends "".
    const Analysed c = analyse(R"(nodes:
  src:
    kind: producer
    rate: 100/s
    attributes: {sports: [rugby, football], region: {eu: 0.5, us: 0.5}}
    routing_key: {lazy.pink.rabbit: 0.5, quick.brown.fox: 0.5}
  bare: {kind: producer, rate: 10/s}
  x: {kind: exchange}
  q2: {kind: queue}
  fans: {kind: queue}
  empty: {kind: queue}
  q2-c: {kind: consumer}
  fans-c: {kind: consumer}
  empty-c: {kind: consumer}
edges:
  - src -> x
  - bare -> x
  - {from: x, to: q2, binding: ["*.*.rabbit", "lazy.#"]}
  - {from: x, to: fans, filter: {sports: [{anything-but: [rugby]}], region: [eu]}}
  - {from: x, to: empty, binding: ""}
  - q2 -> q2-c
  - fans -> fans-c
  - empty -> empty-c
)");
    QNEAR(c["q2-c"].lambda, 50.0);
    QNEAR(c["fans-c"].lambda, 50.0); // football is not rugby; region eu half the time
    QNEAR(c["empty-c"].lambda, 10.0);
}

void CapacityModelTest::followUpsFailuresAndDeadLetters() {
    const Analysed a = analyse(R"(nodes:
  src: {kind: producer, rate: 100/s}
  q1: {kind: queue}
  a: {kind: consumer, failure: 0.1, retry: {max_attempts: 2}, dead_letter: dlq}
  half: {kind: topic}
  double: {kind: queue}
  dlq: {kind: queue}
  b: {kind: consumer}
  c: {kind: consumer}
  d: {kind: consumer}
  e: {kind: consumer}
edges:
  - src -> q1
  - q1 -> a
  - {from: a, to: half, ratio: 0.5}
  - {from: a, to: double, ratio: 2}
  - half -> b
  - half -> e
  - double -> c
  - dlq -> d
)");
    // a succeeds with 1 - 0.1^2 = 0.99; each topic group sees every message.
    QNEAR(a["a"].lambda, 100.0);
    QNEAR(a["b"].lambda, 49.5);
    QNEAR(a["e"].lambda, 49.5);
    QNEAR(a["c"].lambda, 198.0);
    QNEAR(a["d"].lambda, 1.0);
    // A follow-up loop that shrinks: 100 / (1 - 0.5) deliveries; the ages converge too.
    const Analysed loop = analyse(R"(nodes:
  src: {kind: producer, rate: 100/s}
  q: {kind: queue}
  c: {kind: consumer, service_time: 1ms}
edges: [src -> q, q -> c, {from: c, to: q, ratio: 0.5}]
)");
    QNEAR(loop["c"].lambda, 200.0);
    QVERIFY(std::isfinite(loop["c"].predictedLatency) && loop["c"].predictedLatency > 0.001);
}

void CapacityModelTest::retriesHoldTheHandler() {
    const Analysed a = analyse(R"(nodes:
  src: {kind: producer, rate: 100/s}
  t: {kind: topic}
  dlq: {kind: queue}
  w: {kind: consumer, service_time: 2ms, failure: 0.1, dead_letter: dlq,
      retry: {max_attempts: 3, backoff: 10ms, multiplier: 2}}
edges: [src -> t, t -> w]
)");
    // E[busy] = S + f (b1 + S) + f^2 (b2 + S) = 2 + 0.1 (10 + 2) + 0.01 (20 + 2) = 3.42 ms.
    QNEAR(a["w"].meanService, 0.00342);
    QNEAR(a["w"].utilization, 0.342);
    QCOMPARE(a["w"].servers, 1);
}

void CapacityModelTest::queueRedeliveries() {
    const Analysed a = analyse(R"(nodes:
  src: {kind: producer, rate: 100/s}
  q: {kind: queue, redelivery: immediate, max_receive_count: 3, dead_letter: dlq}
  dlq: {kind: queue}
  w: {kind: consumer, failure: 0.2, service_time: 1ms}
  r: {kind: consumer}
edges: [src -> q, q -> w, dlq -> r]
)");
    // Receives per message 1 + 0.2 + 0.04; after three failed receives the queue moves it.
    QNEAR(a["w"].lambda, 124.0);
    QNEAR(a["r"].lambda, 0.8);
    // Two groups on one queue share its messages by their handlers (1 : 3).
    const Analysed b = analyse(R"(nodes:
  src: {kind: producer, rate: 100/s}
  q: {kind: queue}
  one: {kind: consumer}
  three: {kind: consumer, instances: 3}
edges: [src -> q, q -> one, q -> three]
)");
    QNEAR(b["one"].lambda, 25.0);
    QNEAR(b["three"].lambda, 75.0);
}

void CapacityModelTest::duplicatesSpikesAndProfiles() {
    const Analysed a = analyse(R"(nodes:
  src: {kind: producer, rate: 100/s}
  t: {kind: topic}
  plain: {kind: consumer}
  idem: {kind: consumer, idempotent: true}
  spiky: {kind: producer, rate: 100/s}
  q: {kind: queue}
  s: {kind: consumer}
  bursty: {kind: producer, rate: {profile: burst, base: 100/s, peak: 1000/s, every: 10s, for: 1s}}
  q2: {kind: queue}
  b: {kind: consumer}
edges: [src -> t, t -> plain, t -> idem, spiky -> q, q -> s, bursty -> q2, q2 -> b]
faults:
  - {at: 50s, duplicate: t, probability: 0.1}
  - {at: 20s, for: 10s, spike: spiky, factor: 3}
)");
    // Duplicates for half the run: 5% on average, 10% at worst; an idempotent group skips them.
    QNEAR(a["plain"].lambda, 105.0);
    QNEAR(a["plain"].peakLambda, 110.0);
    QNEAR(a["idem"].lambda, 100.0);
    // 3x for a tenth of the run.
    QNEAR(a["s"].lambda, 120.0);
    QNEAR(a["s"].peakLambda, 300.0);
    QNEAR(a["b"].lambda, 190.0);
    QNEAR(a["b"].peakLambda, 1000.0);
}

void CapacityModelTest::schemaVersionsAndPoison() {
    const Analysed a = analyse(R"(nodes:
  users: {kind: producer, rate: 50/s, arrivals: constant}
  t: {kind: topic}
  old: {kind: consumer, accepts: [1], retry: {max_attempts: 2}, dead_letter: dlq,
        service_time: 2ms}
  dlq: {kind: queue}
  r: {kind: consumer}
  jobs: {kind: producer, rate: 100/s}
  q: {kind: queue, redelivery: immediate, max_receive_count: 3, dead_letter: jobs-dlq}
  jobs-dlq: {kind: queue}
  w: {kind: consumer, service_time: 1ms}
  jr: {kind: consumer, dead_letter: parked}
  parked: {kind: queue}
  pr: {kind: consumer}
edges: [users -> t, t -> old, dlq -> r, jobs -> q, q -> w, jobs-dlq -> jr, parked -> pr]
faults:
  - {at: 50s, schema: users, version: 2}
  - {at: 0s, for: 50s, poison: jobs, probability: 0.02}
)");
    // Half the messages are v2: they fail both attempts and go to the dead letter.
    QNEAR(a["r"].lambda, 25.0);
    QNEAR(a["old"].meanService, 0.5 * 0.002 + 0.5 * 0.004);
    // 1% of the jobs are poison: three receives each, then the queue's dead letter, where
    // they are still poison: jr fails all of them (and nothing else).
    QNEAR(a["w"].lambda, 102.0);
    QNEAR(a["jr"].lambda, 1.0);
    // pr cannot complete them either, and has no dead letter: each comes back every
    // visibility timeout (30 s) for the rest of the run, on average 100 s / (2 x 30 s) times.
    QNEAR(a["pr"].lambda, 100.0 / 60);
}

void CapacityModelTest::partitionShares_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("skew");
    QTest::addColumn<int>("partitions");
    QTest::newRow("uniform 1000 over 6") << 1 << 1000 << 0.0 << 6;
    QTest::newRow("uniform 7 over 3") << 1 << 7 << 0.0 << 3;
    QTest::newRow("zipf 200 s1 over 4") << 2 << 200 << 1.0 << 4;
    QTest::newRow("zipf 5000 s0.8 over 8") << 2 << 5000 << 0.8 << 8;
}

void CapacityModelTest::partitionShares() {
    QFETCH(int, kind);
    QFETCH(int, count);
    QFETCH(double, skew);
    QFETCH(int, partitions);
    model::KeySpec keys;
    keys.kind = kind == 1 ? model::KeySpec::Kind::Uniform : model::KeySpec::Kind::Zipf;
    keys.count = static_cast<std::uint64_t>(count);
    keys.skew = skew;
    const auto shares = model::KeyPartitioning(keys).shares(partitions);
    const auto expected = simulatorShares(keys.count, kind == 1 ? 0.0 : skew, partitions);
    for (int p = 0; p < partitions; ++p)
        QNEAR(shares[static_cast<std::size_t>(p)], expected[static_cast<std::size_t>(p)]);
}

void CapacityModelTest::hottestPartitionDecides() {
    const Analysed a = analyse(R"(nodes:
  src: {kind: producer, rate: 300/s, keys: {distribution: zipf, count: 200, skew: 1.0}}
  t: {kind: topic, partitions: 4}
  w: {kind: consumer, instances: 6, service_time: 6ms}
edges: [src -> t, t -> w]
)");
    const auto shares = simulatorShares(200, 1.0, 4);
    const double hottest = *std::max_element(shares.begin(), shares.end());
    QNEAR(a["w"].utilization, hottest * 300 * 0.006);
    QCOMPARE(a["w"].servers, 4); // two members idle
    // M/D/1 per partition: the mean wait is the rate-weighted P-K wait.
    double wait = 0;
    for (double s : shares) {
        const double rho = s * 300 * 0.006;
        wait += s * rho * 0.006 / (2 * (1 - rho));
    }
    QNEAR(a["w"].predictedWait, wait);
    QNEAR(a["w"].predictedLatency, wait + 0.006);
}

void CapacityModelTest::membersSharePartitions() {
    // Range: member 0 owns partitions 0-1, member 1 partitions 2-3, one handler each.
    const Analysed a = analyse(R"(nodes:
  src: {kind: producer, rate: 200/s, keys: {distribution: uniform, count: 1000}}
  t: {kind: topic, partitions: 4}
  w: {kind: consumer, instances: 2, service_time: {distribution: exponential, mean: 4ms}}
edges: [src -> t, t -> w]
)");
    const auto s = simulatorShares(1000, 0, 4);
    const double m0 = (s[0] + s[1]) * 200, m1 = (s[2] + s[3]) * 200;
    QNEAR(a["w"].utilization, std::max(m0, m1) * 0.004);
    QCOMPARE(a["w"].servers, 2);
    const double w0 = m0 * 0.004 * 0.004 / (1 - m0 * 0.004);
    const double w1 = m1 * 0.004 * 0.004 / (1 - m1 * 0.004);
    QNEAR(a["w"].predictedWait, (m0 * w0 + m1 * w1) / 200);
}

void CapacityModelTest::storeSlots() {
    const Analysed a = analyse(R"(nodes:
  src: {kind: producer, rate: 100/s}
  q: {kind: queue}
  w: {kind: consumer, instances: 4, service_time: 1ms}
  db: {kind: store, write_time: 5ms, capacity: 1}
edges: [src -> q, q -> w, w -> db]
)");
    // The store is M/D/1 at rho 0.5: wait 2.5 ms, held by the writing handler.
    QNEAR(a["w"].meanService, 0.001 + 0.005 + 0.0025);
    QNEAR(a["w"].utilization, 100 * 0.0085 / 4);
}

void CapacityModelTest::overload() {
    const Analysed a = analyse(R"(warmup: 10s
nodes:
  src: {kind: producer, rate: 150/s}
  q: {kind: queue}
  w: {kind: consumer, service_time: {distribution: exponential, mean: 10ms}}
edges: [src -> q, q -> w]
)");
    QVERIFY(a["w"].overloaded);
    QNEAR(a["w"].utilization, 1.5);
    QNEAR(a["w"].lagGrowth, 50.0);
    // Backlog wait averaged over the messages completed after warmup: 0.5 (10 + 100) / 3.
    QNEAR(a["w"].predictedLatency, 0.5 * 110 / 3 + 0.01);
    QCOMPARE(a["w"].suggestedInstances, 2); // 1.5 / 2 = 0.75
}

void CapacityModelTest::mm1Exactly() {
    const Analysed a = analyse(R"(nodes:
  src: {kind: producer, rate: 50/s}
  t: {kind: topic}
  w: {kind: consumer, service_time: {distribution: exponential, mean: 10ms}}
edges: [src -> t, t -> w]
)");
    QNEAR(a["w"].utilization, 0.5);
    QNEAR(a["w"].predictedWait, 0.01);
    QNEAR(a["w"].predictedLatency, 0.02);
    QNEAR(a["w"].arrivalScv, 1.0);
    QNEAR(a["w"].serviceScv, 1.0);
}

void CapacityModelTest::roundRobinSplitsVariability() {
    const Analysed a = analyse(R"(nodes:
  src: {kind: producer, rate: 100/s}
  t: {kind: topic, partitions: 2}
  one: {kind: consumer, service_time: 3ms}
  two: {kind: consumer, instances: 2, service_time: 3ms}
  keyed: {kind: producer, rate: 100/s, keys: {distribution: uniform, count: 100}}
  k: {kind: topic, partitions: 2}
  kc: {kind: consumer, instances: 2, service_time: 3ms}
edges: [src -> t, t -> one, t -> two, keyed -> k, k -> kc]
)");
    // One member takes both halves of the round-robin back: the Poisson stream, M/D/1.
    QNEAR(a["one"].arrivalScv, 1.0);
    QNEAR(a["one"].predictedWait, 0.3 * 0.003 / (2 * 0.7));
    // Two members each take every second message: Erlang-2 arrivals, SCV 1/2.
    QNEAR(a["two"].arrivalScv, 0.5);
    QNEAR(a["two"].predictedWait, 0.15 * 0.003 / 0.85 * (0.5 + 0) / 2);
    // Keys thin the Poisson stream at random: still Poisson.
    QNEAR(a["kc"].arrivalScv, 1.0);
}

void CapacityModelTest::suggestions() {
    const Analysed a = analyse(R"(nodes:
  src: {kind: producer, rate: 100/s}
  q: {kind: queue}
  w: {kind: consumer, service_time: 10ms}
  fine: {kind: producer, rate: 300/s}
  t2: {kind: topic, partitions: 2}
  ok: {kind: consumer, service_time: 5ms}
  busy: {kind: producer, rate: 400/s}
  t3: {kind: topic, partitions: 2}
  grow: {kind: consumer, service_time: 5ms}
  hot: {kind: producer, rate: 200/s, keys: {distribution: uniform, count: 1}}
  t4: {kind: topic, partitions: 8}
  stuck: {kind: consumer, service_time: 5ms}
edges: [src -> q, q -> w, fine -> t2, t2 -> ok, busy -> t3, t3 -> grow, hot -> t4, t4 -> stuck]
)");
    // Queue: work 1.0, so 2 instances (0.5).
    QCOMPARE(a["w"].suggestedInstances, 2);
    QCOMPARE(a["w"].suggestedPartitions, 0);
    // 300/s round-robin over 2 partitions: 0.75 each with 2 members.
    QCOMPARE(a["ok"].suggestedInstances, 2);
    QCOMPARE(a["ok"].suggestedPartitions, 2);
    // 400/s: 1.0 per partition with 2; 3 partitions give 0.67.
    QCOMPARE(a["grow"].suggestedInstances, 3);
    QCOMPARE(a["grow"].suggestedPartitions, 3);
    QVERIFY(a["grow"].overloaded);
    // One key: a single partition takes everything; no count helps.
    QCOMPARE(a["stuck"].suggestedInstances, 0);
    QCOMPARE(a["stuck"].suggestedPartitions, 0);
    QNEAR(a["stuck"].utilization, 1.0);
}

void CapacityModelTest::bundledScenariosAreFinite() {
    const QDir dir(EVENTBENCH_SOURCE_DIR "/scenarios");
    const QStringList files = dir.entryList({"*.yaml"}, QDir::Files);
    QVERIFY(files.size() >= 10);
    for (const QString &name : files) {
        const model::LoadResult loaded = model::loadScenarioFile(dir.filePath(name).toStdString());
        QVERIFY2(loaded.scenario, qPrintable(name));
        const model::TopologyGraph graph(*loaded.scenario);
        const model::CapacityReport r = model::analyseCapacity(graph);
        QVERIFY(!r.consumers.empty());
        for (const auto &c : r.consumers) {
            const QString what = name + ": " + QString::fromStdString(c.node);
            for (double v :
                 {c.lambda, c.peakLambda, c.utilization, c.predictedWait, c.predictedLatency,
                  c.lagGrowth, c.meanService, c.serviceScv, c.arrivalScv})
                QVERIFY2(std::isfinite(v) && v >= 0, qPrintable(what));
            QVERIFY2(c.predictedLatency > 0 && c.servers > 0, qPrintable(what));
            QVERIFY2(c.suggestedInstances > 0, qPrintable(what));
        }
    }
}

// An autoscaled group is sized by the members autoscale can reach (`max`), not by the
// `instances` it starts with: 100/s at 50 ms each is 5 busy handlers, so 1 member is
// overloaded and `max: 10` carries it at rho = 5 / 10.
void CapacityModelTest::autoscaledGroupIsSizedByItsMax() {
    const std::string body = "nodes:\n"
                             "  p: {kind: producer, rate: 100/s}\n"
                             "  q: {kind: queue}\n"
                             "  c: {kind: consumer, service_time: 50ms%1}\n"
                             "edges: [p -> q, q -> c]\n";
    auto with = [&](const std::string &knob) {
        std::string text = body;
        text.replace(text.find("%1"), 2, knob);
        return analyse(text);
    };
    const Analysed fixed = with("");
    QCOMPARE(fixed["c"].servers, std::int64_t(1));
    QVERIFY(fixed["c"].overloaded);
    const Analysed scaled =
        with(", autoscale: {min: 1, max: 10, target_lag: 100, interval: 30s, cooldown: 5m}");
    QCOMPARE(scaled["c"].servers, std::int64_t(10));
    QVERIFY(!scaled["c"].overloaded);
    QNEAR(scaled["c"].utilization, 0.5);
}

QTEST_GUILESS_MAIN(CapacityModelTest)
#include "tst_capacity_model.moc"
