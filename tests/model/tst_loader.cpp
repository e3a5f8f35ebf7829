// The scenario loader (scenarios/README.md, README.md#exit-codes): the reference example, every
// knob, positioned diagnostics for malformed input, several errors in one pass, `--set` overrides
// and hostile input.
#include <QtTest>

#include <QTemporaryDir>

#include "model/yaml/ScenarioLoader.h"
#include "support/SpecExample.h"

using namespace eventbench::model;

namespace {

using eventbench::testing::kSpecExample;

constexpr SimTime kMs = kNanosPerMilli;
constexpr SimTime kS = kNanosPerSecond;

QString joined(const QStringList &lines) {
    return lines.join('\n') + '\n';
}

// Lines 1-3 of most malformed cases: scenario, duration, `nodes:`.
QStringList head() {
    return {"scenario: t", "duration: 10m", "nodes:"};
}

// Lines 4-6: a producer p, a topic t and a consumer c.
QStringList basicNodes() {
    return {"  p: {kind: producer, rate: 10/s}", "  t: {kind: topic}", "  c: {kind: consumer}"};
}

QString allDiagnostics(const LoadResult &r) {
    QString out;
    for (const auto &d : r.diagnostics)
        out += QString::fromStdString(d.format()) + '\n';
    return out;
}

const Node &nodeOf(const Scenario &s, const char *id) {
    const Node *n = s.findNode(id);
    if (!n)
        qFatal("no node %s", id);
    return *n;
}

} // namespace

class TestLoader : public QObject {
    Q_OBJECT

  private slots:
    void specExample();
    void everyKnob();
    void edgesAndFaults();
    void mergeKeys();
    void malformed_data();
    void malformed();
    void threeErrorsAtOnce();
    void overrides();
    void badOverrides_data();
    void badOverrides();
    void files();
    void hostileInput_data();
    void hostileInput();
};

void TestLoader::specExample() {
    const LoadResult r = loadScenarioText(kSpecExample, "spec.yaml");
    QVERIFY2(r.scenario.has_value(), qPrintable(allDiagnostics(r)));
    QVERIFY2(r.diagnostics.empty(), qPrintable(allDiagnostics(r)));
    const Scenario &s = *r.scenario;
    QCOMPARE(s.name, std::string("orders-and-payments"));
    QCOMPARE(s.description,
             std::string("Orders and payments publish; notification and inventory consume."));
    QCOMPARE(s.seed, std::uint64_t(42));
    QCOMPARE(s.duration, 600 * kS);
    QCOMPARE(s.sampleEvery, kS);
    QCOMPARE(s.warmup, 30 * kS);
    QCOMPARE(s.fileName, std::string("spec.yaml"));
    QCOMPARE(s.nodes.size(), std::size_t(8));

    const Node &orders = nodeOf(s, "orders");
    QCOMPARE(orders.kind, NodeKind::Producer);
    QCOMPARE(orders.where.line, 9);
    QCOMPARE(orders.where.column, 3);
    QCOMPARE(orders.producer.rate.kind, RateProfile::Kind::Constant);
    QCOMPARE(orders.producer.rate.rate, 200.0);
    QCOMPARE(orders.producer.event, std::string("OrderCreated"));
    QCOMPARE(orders.producer.keys.kind, KeySpec::Kind::Uniform);
    QCOMPARE(orders.producer.keys.count, std::uint64_t(10000));
    QCOMPARE(orders.producer.instances, 1);
    QCOMPARE(orders.producer.size, Distribution::constant(1000, Quantity::Size));
    QCOMPARE(nodeOf(s, "payments").producer.rate.rate, 150.0);
    QCOMPARE(nodeOf(s, "payments").producer.keys.kind, KeySpec::Kind::None);

    const Node &orderEvents = nodeOf(s, "order-events");
    QCOMPARE(orderEvents.kind, NodeKind::Topic);
    QCOMPARE(orderEvents.topic.partitions, 6);
    QCOMPARE(orderEvents.topic.retention, 3600 * kS);
    QCOMPARE(nodeOf(s, "payment-events").topic.partitions, 3);
    QCOMPARE(nodeOf(s, "payment-events").topic.retention, 7 * 86400 * kS);

    const Node &notification = nodeOf(s, "notification");
    QCOMPARE(notification.kind, NodeKind::Consumer);
    QCOMPARE(notification.consumer.instances, 3);
    QCOMPARE(notification.consumer.serviceTime.kind, Distribution::Kind::Lognormal);
    QCOMPARE(notification.consumer.serviceTime.mean, 4e6);
    QCOMPARE(notification.consumer.serviceTime.p99, 30e6);
    QCOMPARE(notification.consumer.serviceTime.quantity, Quantity::Duration);

    const Node &inventory = nodeOf(s, "inventory");
    QCOMPARE(inventory.where.line, 17);
    QCOMPARE(inventory.consumer.serviceTime.kind, Distribution::Kind::Exponential);
    QCOMPARE(inventory.consumer.serviceTime.mean, 8e6);
    QCOMPARE(inventory.consumer.failure, 0.01);
    QCOMPARE(inventory.consumer.retry.maxAttempts, 3);
    QCOMPARE(inventory.consumer.retry.backoff, 100 * kMs);
    QCOMPARE(inventory.consumer.retry.multiplier, 1.0);
    QCOMPARE(inventory.consumer.deadLetter, std::string("inventory-dlq"));
    QCOMPARE(inventory.consumer.commit, ConsumerSpec::Commit::Auto);
    QCOMPARE(inventory.consumer.maxPollRecords, 500);

    QCOMPARE(nodeOf(s, "inventory-dlq").kind, NodeKind::Queue);
    QCOMPARE(nodeOf(s, "inventory-dlq").queue.visibilityTimeout, 30 * kS);
    QCOMPARE(nodeOf(s, "inventory-db").kind, NodeKind::Store);
    QCOMPARE(nodeOf(s, "inventory-db").store.writeTime, Distribution::constant(2e6));

    QCOMPARE(s.edges.size(), std::size_t(6));
    QCOMPARE(s.edges[0].from, std::string("orders"));
    QCOMPARE(s.edges[0].to, std::string("order-events"));
    QCOMPARE(s.edges[0].longForm, false);
    QCOMPARE(s.edges[0].where.line, 28);
    QCOMPARE(s.edges[0].where.column, 5);
    QCOMPARE(s.edges[5].from, std::string("inventory"));
    QCOMPARE(s.edges[5].to, std::string("inventory-db"));
    QCOMPARE(s.edges[5].ratio, 1.0);

    QCOMPARE(s.faults.size(), std::size_t(3));
    QCOMPARE(s.faults[0].kind, Fault::Kind::Crash);
    QCOMPARE(s.faults[0].at, 120 * kS);
    QCOMPARE(s.faults[0].duration, std::optional<SimTime>(30 * kS));
    QCOMPARE(s.faults[0].target, std::string("inventory"));
    QCOMPARE(s.faults[0].instances, std::optional<int>(1));
    QCOMPARE(s.faults[0].where.line, 36);
    QCOMPARE(s.faults[0].where.column, 5);
    QCOMPARE(s.faults[1].kind, Fault::Kind::Spike);
    QCOMPARE(s.faults[1].factor, 2.0);
    QCOMPARE(s.faults[1].duration, std::optional<SimTime>(60 * kS));
    QCOMPARE(s.faults[2].kind, Fault::Kind::Duplicate);
    QCOMPARE(s.faults[2].at, SimTime(0));
    QCOMPARE(s.faults[2].duration, std::optional<SimTime>());
    QCOMPARE(s.faults[2].probability, 0.01);

    QCOMPARE(s.expectations.size(), std::size_t(4));
    QCOMPARE(s.expectations[0].stat, Expectation::Stat::Max);
    QCOMPARE(s.expectations[0].node, std::string("inventory"));
    QCOMPARE(s.expectations[0].metric, std::string("lag"));
    QCOMPARE(s.expectations[0].op, Expectation::Op::Less);
    QCOMPARE(s.expectations[0].value, 5000.0);
    QCOMPARE(s.expectations[0].where.line, 41);
    QCOMPARE(s.expectations[0].where.column, 5);
    QCOMPARE(s.expectations[2].value, 0.25);
    QCOMPARE(s.expectations[3].node, std::string("ledger"));
    QCOMPARE(s.expectations[3].metric, std::string("unaccounted"));
    QCOMPARE(s.expectations[3].op, Expectation::Op::Equal);
}

void TestLoader::everyKnob() {
    const QString text = joined({
        "scenario: knobs",
        "duration: 1h",
        "nodes:",
        "  prod:",
        "    kind: producer",
        "    pos: [10.5, -20]",
        "    rate: {profile: burst, base: 100/s, peak: 1k/s, every: 1m, for: 10s}",
        "    arrivals: constant",
        "    instances: 4",
        "    event: Thing",
        "    size: {distribution: uniform, min: 1KB, max: 4KiB}",
        "    keys: {distribution: zipf, count: 5k, skew: 1.2}",
        "    attributes: {region: {eu: 0.7, us: 0.3}, tier: gold, amount: 120}",
        "    routing_key: {order.created: 2, order.paid: 1}",
        "    schema_version: 2",
        "    retry: {max_attempts: 5}",
        "    buffer: 20k",
        "    idempotent: false",
        "  ramp: {kind: producer, rate: {profile: ramp, from: 0/s, to: 12000/min, over: 5m}}",
        "  steps: {kind: producer, rate: {profile: steps, steps: [[0s, 100/s], [2m, 500/s]]}}",
        "  sine: {kind: producer, rate: {profile: sine, mean: 200/s, amplitude: 100/s, period: 1h},"
        " routing_key: a.b}",
        "  log:",
        "    kind: topic",
        "    partitions: 12",
        "    retention: 2d",
        "    retention_bytes: 1GiB",
        "    partitioner: roundrobin",
        "    append_latency: {distribution: normal, mean: 2ms, stddev: 500us}",
        "  work:",
        "    kind: queue",
        "    visibility_timeout: 45s",
        "    redelivery: immediate",
        "    max_receive_count: 5",
        "    dead_letter: dlq",
        "    retention: 1d",
        "    delay: 250ms",
        "    ttl: 10m",
        "    max_length: 1M",
        "    overflow: reject-publish",
        "    fifo: true",
        "    dedup_window: 2m",
        "  dlq: {kind: queue}",
        "  router: {kind: exchange, unroutable: dlq}",
        "  dropper: {kind: exchange, unroutable: drop}",
        "  worker:",
        "    kind: consumer",
        "    instances: 6",
        "    concurrency: 4",
        "    service_time: {distribution: empirical, values: [1ms, 2ms, 30ms], weights: [0.7, 0.2,"
        " 0.1]}",
        "    failure: 0.05",
        "    retry: {max_attempts: 3, backoff: 100ms, multiplier: 2}",
        "    dead_letter: dlq",
        "    idempotent: yes",
        "    dedup_window: 1h",
        "    accepts: [1, 2]",
        "    max_poll_records: 100",
        "    commit: before_process",
        "    commit_interval: 1s",
        "    assignment: sticky",
        "    session_timeout: 10s",
        "    rebalance_time: 500ms",
        "    batch: 10",
        "  db: {kind: store, write_time: {distribution: constant, value: 3ms}, capacity: 8}",
        "seed: 18446744073709551615",
        "sample_every: 250ms",
        "warmup: 0",
    });
    const LoadResult r = loadScenarioText(text.toStdString(), "knobs.yaml");
    // Edges are absent on purpose: nothing here is wrong for the loader.
    QVERIFY2(r.scenario.has_value(), qPrintable(allDiagnostics(r)));
    const Scenario &s = *r.scenario;
    QCOMPARE(s.seed, std::uint64_t(18446744073709551615ULL));
    QCOMPARE(s.sampleEvery, 250 * kMs);

    const ProducerSpec &p = nodeOf(s, "prod").producer;
    QCOMPARE(nodeOf(s, "prod").pos, std::optional(std::make_pair(10.5, -20.0)));
    QCOMPARE(p.rate.kind, RateProfile::Kind::Burst);
    QCOMPARE(p.rate.base, 100.0);
    QCOMPARE(p.rate.peak, 1000.0);
    QCOMPARE(p.rate.every, 60 * kS);
    QCOMPARE(p.rate.burstFor, 10 * kS);
    QCOMPARE(p.arrivals, ProducerSpec::Arrivals::Constant);
    QCOMPARE(p.instances, 4);
    QCOMPARE(p.event, std::string("Thing"));
    QCOMPARE(p.size.kind, Distribution::Kind::Uniform);
    QCOMPARE(p.size.quantity, Quantity::Size);
    QCOMPARE(p.size.min, 1000.0);
    QCOMPARE(p.size.max, 4096.0);
    QCOMPARE(p.keys.kind, KeySpec::Kind::Zipf);
    QCOMPARE(p.keys.count, std::uint64_t(5000));
    QCOMPARE(p.keys.skew, 1.2);
    QCOMPARE(p.attributes.size(), std::size_t(3));
    QCOMPARE(p.attributes[0].first, std::string("region"));
    QCOMPARE(p.attributes[0].second.options.size(), std::size_t(2));
    QCOMPARE(p.attributes[0].second.options[0], std::make_pair(std::string("eu"), 0.7));
    QCOMPARE(p.attributes[0].second.options[1], std::make_pair(std::string("us"), 0.3));
    QCOMPARE(p.attributes[1].second.options[0], std::make_pair(std::string("gold"), 1.0));
    QCOMPARE(p.attributes[2].second.options[0], std::make_pair(std::string("120"), 1.0));
    QVERIFY(p.routingKey.has_value());
    QCOMPARE(p.routingKey->options[0], std::make_pair(std::string("order.created"), 2.0));
    QCOMPARE(p.schemaVersion, 2);
    // Unwritten retry fields keep the producer defaults.
    QCOMPARE(p.retry, (RetrySpec{5, 100 * kMs, 1.0}));
    QCOMPARE(p.buffer, std::int64_t(20000));
    QCOMPARE(p.idempotent, false);

    const RateProfile &ramp = nodeOf(s, "ramp").producer.rate;
    QCOMPARE(ramp.kind, RateProfile::Kind::Ramp);
    QCOMPARE(ramp.from, 0.0);
    QCOMPARE(ramp.to, 200.0);
    QCOMPARE(ramp.over, 300 * kS);
    const RateProfile &steps = nodeOf(s, "steps").producer.rate;
    QCOMPARE(steps.kind, RateProfile::Kind::Steps);
    QCOMPARE(steps.steps.size(), std::size_t(2));
    QCOMPARE(steps.steps[1], std::make_pair(120 * kS, 500.0));
    const Node &sine = nodeOf(s, "sine");
    QCOMPARE(sine.producer.rate.kind, RateProfile::Kind::Sine);
    QCOMPARE(sine.producer.rate.mean, 200.0);
    QCOMPARE(sine.producer.rate.amplitude, 100.0);
    QCOMPARE(sine.producer.rate.period, 3600 * kS);
    QCOMPARE(sine.producer.routingKey->options[0], std::make_pair(std::string("a.b"), 1.0));

    const TopicSpec &t = nodeOf(s, "log").topic;
    QCOMPARE(t.partitions, 12);
    QCOMPARE(t.retention, 2 * 86400 * kS);
    QCOMPARE(t.retentionBytes, std::optional<std::int64_t>(1073741824));
    QCOMPARE(t.partitioner, TopicSpec::Partitioner::RoundRobin);
    QCOMPARE(t.appendLatency.kind, Distribution::Kind::Normal);
    QCOMPARE(t.appendLatency.mean, 2e6);
    QCOMPARE(t.appendLatency.stddev, 5e5);

    const QueueSpec &q = nodeOf(s, "work").queue;
    QCOMPARE(q.visibilityTimeout, 45 * kS);
    QCOMPARE(q.redelivery, QueueSpec::Redelivery::Immediate);
    QCOMPARE(q.maxReceiveCount, std::optional<int>(5));
    QCOMPARE(q.deadLetter, std::string("dlq"));
    QCOMPARE(q.retention, 86400 * kS);
    QCOMPARE(q.delay, 250 * kMs);
    QCOMPARE(q.ttl, std::optional<SimTime>(600 * kS));
    QCOMPARE(q.maxLength, std::optional<std::int64_t>(1000000));
    QCOMPARE(q.overflow, QueueSpec::Overflow::RejectPublish);
    QCOMPARE(q.fifo, true);
    QCOMPARE(q.dedupWindow, 120 * kS);
    QCOMPARE(nodeOf(s, "router").exchange.unroutable, std::string("dlq"));
    QCOMPARE(nodeOf(s, "dropper").exchange.unroutable, std::string());

    const ConsumerSpec &c = nodeOf(s, "worker").consumer;
    QCOMPARE(c.instances, 6);
    QCOMPARE(c.concurrency, 4);
    QCOMPARE(c.serviceTime.kind, Distribution::Kind::Empirical);
    QCOMPARE(c.serviceTime.values, (std::vector<double>{1e6, 2e6, 30e6}));
    QCOMPARE(c.serviceTime.weights, (std::vector<double>{0.7, 0.2, 0.1}));
    QCOMPARE(c.failure, 0.05);
    QCOMPARE(c.retry, (RetrySpec{3, 100 * kMs, 2.0}));
    QCOMPARE(c.deadLetter, std::string("dlq"));
    QCOMPARE(c.idempotent, true);
    QCOMPARE(c.dedupWindow, std::optional<SimTime>(3600 * kS));
    QCOMPARE(c.accepts, (std::vector<int>{1, 2}));
    QCOMPARE(c.maxPollRecords, 100);
    QCOMPARE(c.commit, ConsumerSpec::Commit::BeforeProcess);
    QCOMPARE(c.commitInterval, kS);
    QCOMPARE(c.assignment, ConsumerSpec::Assignment::Sticky);
    QCOMPARE(c.sessionTimeout, 10 * kS);
    QCOMPARE(c.rebalanceTime, 500 * kMs);
    QCOMPARE(c.batch, 10);

    const StoreSpec &db = nodeOf(s, "db").store;
    QCOMPARE(db.writeTime, Distribution::constant(3e6));
    QCOMPARE(db.capacity, std::optional<int>(8));
}

void TestLoader::edgesAndFaults() {
    const QString text = joined({
        "scenario: graph",
        "duration: 10m",
        "nodes:",
        "  p: {kind: producer, rate: 5/s, attributes: {region: eu, amount: 7}}",
        "  x: {kind: exchange}",
        "  q1: {kind: queue}",
        "  q2: {kind: queue}",
        "  q3: {kind: queue}",
        "  c: {kind: consumer}",
        "  out: {kind: topic}",
        "edges:",
        "  - p -> x",
        "  - {from: x, to: q1, filter: {region: [eu, us], amount: [{numeric: ['>', 0, '<=', 150]}],"
        " tier: {anything-but: [free, trial]}, vip: {exists: false}, id: {prefix: ord-}},"
        " latency: {distribution: exponential, mean: 5ms}}",
        "  - {from: x, to: q2, binding: 'order.*.#'}",
        "  - {from: x, to: q3, filter: {amount: 7, tier: {anything-but: free}}}",
        "  - q1 -> c",
        "  - {from: c, to: out, ratio: 0.5}",
        "faults:",
        "  - {at: 1m, pause: c, instances: 1}",
        "  - {at: 1m, slow: c, factor: 3}",
        "  - {at: 1m, for: 10s, outage: q1}",
        "  - {at: 1m, latency: \"x -> q1\", add: 50ms}",
        "  - {at: 1m, isolate: p}",
        "  - {at: 1m, poison: p, probability: 0.5}",
        "  - {at: 1m, schema: p, version: 3}",
        "  - {at: 1m, rebalance: c}",
    });
    const LoadResult r = loadScenarioText(text.toStdString(), "g.yaml");
    QVERIFY2(r.scenario.has_value(), qPrintable(allDiagnostics(r)));
    const Scenario &s = *r.scenario;
    QCOMPARE(s.edges.size(), std::size_t(6));
    const Edge &e1 = s.edges[1];
    QCOMPARE(e1.longForm, true);
    QCOMPARE(e1.where.line, 13);
    QVERIFY(e1.latency.has_value());
    QCOMPARE(e1.latency->kind, Distribution::Kind::Exponential);
    QCOMPARE(e1.latency->mean, 5e6);
    QVERIFY(e1.filter.has_value());
    const auto &attrs = e1.filter->attributes;
    QCOMPARE(attrs.size(), std::size_t(5));
    QCOMPARE(attrs[0].first, std::string("region"));
    QCOMPARE(attrs[0].second.size(), std::size_t(2));
    QCOMPARE(attrs[0].second[1].kind, FilterCondition::Kind::Exact);
    QCOMPARE(attrs[0].second[1].text, std::string("us"));
    QCOMPARE(attrs[1].second[0].kind, FilterCondition::Kind::Numeric);
    using Bound = std::pair<std::string, double>;
    QCOMPARE(attrs[1].second[0].numeric, (std::vector<Bound>{{">", 0.0}, {"<=", 150.0}}));
    QCOMPARE(attrs[2].second[0].kind, FilterCondition::Kind::AnythingBut);
    QCOMPARE(attrs[2].second[0].anythingBut, (std::vector<std::string>{"free", "trial"}));
    QCOMPARE(attrs[3].second[0].kind, FilterCondition::Kind::Exists);
    QCOMPARE(attrs[3].second[0].exists, false);
    QCOMPARE(attrs[4].second[0].kind, FilterCondition::Kind::Prefix);
    QCOMPARE(attrs[4].second[0].text, std::string("ord-"));
    QCOMPARE(s.edges[2].binding, std::optional<std::vector<std::string>>({"order.*.#"}));
    QCOMPARE(s.edges[3].filter->attributes[0].second[0].text, std::string("7"));
    QCOMPARE(s.edges[3].filter->attributes[1].second[0].anythingBut,
             (std::vector<std::string>{"free"}));
    QCOMPARE(s.edges[5].ratio, 0.5);

    QCOMPARE(s.faults.size(), std::size_t(8));
    QCOMPARE(s.faults[0].kind, Fault::Kind::Pause);
    QCOMPARE(s.faults[0].instances, std::optional<int>(1));
    QCOMPARE(s.faults[1].kind, Fault::Kind::Slow);
    QCOMPARE(s.faults[1].factor, 3.0);
    QCOMPARE(s.faults[2].kind, Fault::Kind::Outage);
    QCOMPARE(s.faults[2].duration, std::optional<SimTime>(10 * kS));
    QCOMPARE(s.faults[3].kind, Fault::Kind::Latency);
    QCOMPARE(s.faults[3].target, std::string("x"));
    QCOMPARE(s.faults[3].edgeTo, std::string("q1"));
    QCOMPARE(s.faults[3].add, 50 * kMs);
    QCOMPARE(s.faults[4].kind, Fault::Kind::Isolate);
    QCOMPARE(s.faults[5].probability, 0.5);
    QCOMPARE(s.faults[6].kind, Fault::Kind::Schema);
    QCOMPARE(s.faults[6].version, 3);
    QCOMPARE(s.faults[7].kind, Fault::Kind::Rebalance);
    QCOMPARE(s.faults[7].target, std::string("c"));
}

void TestLoader::mergeKeys() {
    const QString text = joined({
        "scenario: merge",
        "duration: 1m",
        "nodes:",
        "  a: &worker {kind: consumer, instances: 2, failure: 0.1}",
        "  b: {<<: *worker, instances: 5}",
        "  c:",
        "    <<: [{concurrency: 3}, *worker]",
        "    concurrency: 4",
    });
    const LoadResult r = loadScenarioText(text.toStdString(), "m.yaml");
    QVERIFY2(r.scenario.has_value(), qPrintable(allDiagnostics(r)));
    const Scenario &s = *r.scenario;
    QCOMPARE(nodeOf(s, "b").kind, NodeKind::Consumer);
    QCOMPARE(nodeOf(s, "b").consumer.instances, 5);
    QCOMPARE(nodeOf(s, "b").consumer.failure, 0.1);
    QCOMPARE(nodeOf(s, "c").consumer.instances, 2);
    QCOMPARE(nodeOf(s, "c").consumer.concurrency, 4);

    const LoadResult bad =
        loadScenarioText("scenario: x\nduration: 1m\nnodes: {a: {<<: 5}}\n", "m.yaml");
    QVERIFY(!bad.scenario.has_value());
    QCOMPARE(QString::fromStdString(bad.diagnostics.at(0).format()),
             QString("m.yaml:3:17: error: a merge key '<<' takes a map or a list of maps, such as "
                     "<<: *defaults"));
}

void TestLoader::malformed_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("fragment");

    const QStringList h = head();
    const QStringList n = basicNodes();
    auto consumer = [&](const QString &knob) {
        return joined(h + QStringList{"  c:", "    kind: consumer", knob});
    };
    auto producer = [&](const QString &rest) {
        return joined(h + QStringList{"  p: {kind: producer, rate: " + rest + "}"});
    };
    auto withEdge = [&](const QString &edge) {
        return joined(h + n + QStringList{"edges:", edge});
    };
    auto withFault = [&](const QString &fault) {
        return joined(h + n + QStringList{"faults:", fault});
    };

    QTest::newRow("unknown top-level key")
        << joined({"scenario: t", "duration: 10m", "sampel_every: 1s", "nodes:", n[0]})
        << "t.yaml:3:1: error:"
        << "unknown key 'sampel_every' in the scenario (did you mean 'sample_every'?)";
    QTest::newRow("missing scenario")
        << joined({"duration: 10m", "nodes:", n[0]}) << "t.yaml:1:1: error:"
        << "missing the required key 'scenario'";
    QTest::newRow("missing duration")
        << joined({"scenario: t", "nodes:", n[0]}) << "t.yaml:1:1: error:"
        << "missing the required key 'duration'";
    QTest::newRow("missing nodes")
        << joined({"scenario: t", "duration: 10m"}) << "t.yaml:1:1: error:"
        << "missing the required key 'nodes'";
    QTest::newRow("invalid unit") << joined({"scenario: t", "duration: 10x", "nodes:", n[0]})
                                  << "t.yaml:2:11: error:"
                                  << "unknown unit 'x'";
    QTest::newRow("negative duration")
        << joined({"scenario: t", "duration: -5s", "nodes:", n[0]}) << "t.yaml:2:11: error:"
        << "must not be negative";
    QTest::newRow("absurd duration")
        << joined({"scenario: t", "duration: 3700d", "nodes:", n[0]}) << "t.yaml:2:11: error:"
        << "more than 10 years";
    QTest::newRow("absurd rate") << producer("2e9/s") << "t.yaml:4:29: error:"
                                 << "more than 1e9/s";
    QTest::newRow("rate of wrong type") << producer("[1, 2]") << "t.yaml:4:29: error:"
                                        << "rate: expected a rate such as 200/s or a map";
    QTest::newRow("producer without rate")
        << joined(h + QStringList{"  p: {kind: producer}"}) << "t.yaml:4:3: error:"
        << "producer 'p' is missing the required key 'rate'";
    QTest::newRow("unknown kind") << joined(h + QStringList{"  p: {kind: prodcer, rate: 1/s}"})
                                  << "t.yaml:4:13: error:"
                                  << "did you mean 'producer'?";
    QTest::newRow("missing kind") << joined(h + QStringList{"  t: {partitions: 3}"})
                                  << "t.yaml:4:3: error:"
                                  << "node 't' is missing the required key 'kind'";
    QTest::newRow("knob of another kind")
        << joined(h + QStringList{"  q: {kind: queue, partitions: 3}"}) << "t.yaml:4:20: error:"
        << "unknown key 'partitions' in queue 'q' ('partitions' is a knob of a topic";
    QTest::newRow("zero partitions")
        << joined(h + QStringList{"  t: {kind: topic, partitions: 0}"}) << "t.yaml:4:32: error:"
        << "partitions: must be between 1 and 100000, found '0'";
    QTest::newRow("absurd partitions")
        << joined(h + QStringList{"  t: {kind: topic, partitions: 200000}"})
        << "t.yaml:4:32: error:"
        << "must be between 1 and 100000, found '200000'";
    QTest::newRow("negative instances") << consumer("    instances: -1") << "t.yaml:6:16: error:"
                                        << "instances: invalid count '-1': must not be negative";
    QTest::newRow("fractional instances") << consumer("    instances: 1.5") << "t.yaml:6:16: error:"
                                          << "expected a whole number";
    QTest::newRow("probability above 1") << consumer("    failure: 1.5") << "t.yaml:6:14: error:"
                                         << "a probability must be between 0 and 1";
    QTest::newRow("bad service time unit")
        << consumer("    service_time: 5xs") << "t.yaml:6:19: error:"
        << "unknown unit 'xs'";
    QTest::newRow("unknown distribution")
        << consumer("    service_time: {distribution: gaussian, mean: 5ms}")
        << "t.yaml:6:34: error:"
        << "expected constant, exponential, uniform, normal, lognormal or empirical";
    QTest::newRow("distribution without mean")
        << consumer("    service_time: {distribution: exponential}") << "t.yaml:6:19: error:"
        << "missing the required key 'mean'";
    QTest::newRow("unknown distribution key")
        << consumer("    service_time: {distribution: exponential, mean: 5ms, stddev: 1ms}")
        << "t.yaml:6:58: error:"
        << "unknown key 'stddev'";
    QTest::newRow("impossible lognormal")
        << consumer("    service_time: {distribution: lognormal, mean: 1ms, p99: 100ms}")
        << "t.yaml:6:34: error:"
        << "no lognormal has this p99";
    QTest::newRow("lognormal p99 below mean")
        << consumer("    service_time: {distribution: lognormal, mean: 5ms, p99: 2ms}")
        << "t.yaml:6:34: error:"
        << "0 < mean < p99";
    QTest::newRow("uniform min above max")
        << consumer("    service_time: {distribution: uniform, min: 9ms, max: 1ms}")
        << "t.yaml:6:34: error:"
        << "min must not exceed max";
    QTest::newRow("retry typo") << consumer("    retry: {max_atempts: 3}") << "t.yaml:6:13: error:"
                                << "unknown key 'max_atempts' in retry (did you mean "
                                   "'max_attempts'?)";
    QTest::newRow("not a boolean") << consumer("    idempotent: maybe") << "t.yaml:6:17: error:"
                                   << "expected true or false, found 'maybe'";
    QTest::newRow("repeated knob")
        << joined(h +
                  QStringList{"  c:", "    kind: consumer", "    instances: 2", "    instances: 3"})
        << "t.yaml:7:5: error:"
        << "duplicate key 'instances' in consumer 'c' (first given on "
           "line 6)";
    QTest::newRow("keys distribution")
        << joined(h + QStringList{"  p: {kind: producer, rate: 1/s, keys: {distribution: normal, "
                                  "count: 5}}"})
        << "t.yaml:4:55: error:"
        << "expected uniform or zipf, found 'normal'";
    QTest::newRow("keys typo")
        << joined(h + QStringList{"  p: {kind: producer, rate: 1/s, keys: {distribution: uniform,"
                                  " count: 5, skw: 1}}"})
        << "t.yaml:4:74: error:"
        << "unknown key 'skw' in keys (did you mean 'skew'?)";
    QTest::newRow("keys weights length")
        << joined(h + QStringList{"  p: {kind: producer, rate: 1/s, keys: {values: [a, b], "
                                  "weights: [1]}}"})
        << "t.yaml:4:66: error:"
        << "keys.weights: 1 weights for 2 values";
    QTest::newRow("keys weights all zero")
        << joined(h + QStringList{"  p: {kind: producer, rate: 1/s, keys: {values: [a, b], "
                                  "weights: [0, 0]}}"})
        << "t.yaml:4:66: error:"
        << "keys.weights: at least one weight must be above 0";
    QTest::newRow("keys weight negative")
        << joined(h + QStringList{"  p: {kind: producer, rate: 1/s, keys: {values: [a, b], "
                                  "weights: [1, -2]}}"})
        << "t.yaml:4:70: error:"
        << "keys.weights";
    QTest::newRow("keys values empty")
        << joined(h + QStringList{"  p: {kind: producer, rate: 1/s, keys: {values: []}}"})
        << "t.yaml:4:49: error:"
        << "keys.values: at least one key is needed";
    QTest::newRow("keys values with count")
        << joined(h +
                  QStringList{"  p: {kind: producer, rate: 1/s, keys: {values: [a], count: 3}}"})
        << "t.yaml:4:40: error:"
        << "keys: give either values (and weights) or distribution and count";
    QTest::newRow("keys weights without values")
        << joined(h + QStringList{"  p: {kind: producer, rate: 1/s, keys: {distribution: uniform, "
                                  "count: 3, weights: [1]}}"})
        << "t.yaml:4:83: error:"
        << "keys.weights: only with values";
    QTest::newRow("burst longer than period")
        << producer("{profile: burst, base: 1/s, peak: 5/s, every: 10s, for: 20s}")
        << "t.yaml:4:85: error:"
        << "'for' must not exceed 'every'";
    QTest::newRow("steps going back")
        << producer("{profile: steps, steps: [[1m, 5/s], [30s, 9/s]]}") << "t.yaml:4:66: error:"
        << "step times must increase";
    QTest::newRow("malformed short edge") << withEdge("  - p => t") << "t.yaml:8:5: error:"
                                          << "expected 'FROM -> TO'";
    QTest::newRow("edge key typo")
        << withEdge("  - {from: p, to: t, latncy: 5ms}") << "t.yaml:8:22: error:"
        << "unknown key 'latncy' in an edge (did you mean 'latency'?)";
    QTest::newRow("edge without to") << withEdge("  - {from: p}") << "t.yaml:8:5: error:"
                                     << "an edge is missing the required key 'to'";
    QTest::newRow("anything-but with another nested key")
        << withEdge("  - {from: x, to: q, filter: {event: {anything-but: {suffix: x}}}}")
        << "t.yaml:8:53: error:"
        << "anything-but: expected a value, a list of values or {prefix: ..}";
    QTest::newRow("empty binding list")
        << withEdge("  - {from: x, to: q, binding: []}") << "t.yaml:8:31: error:"
        << "binding: the list of patterns is empty";
    QTest::newRow("duplicate binding pattern")
        << withEdge("  - {from: x, to: q, binding: [a.#, b, a.#]}") << "t.yaml:8:40: error:"
        << "binding: duplicate pattern";
    QTest::newRow("binding pattern not a value")
        << withEdge("  - {from: x, to: q, binding: [a, {b: c}]}") << "t.yaml:8:35: error:"
        << "binding: expected";
    QTest::newRow("binding without a pattern")
        << withEdge("  - {from: x, to: q, binding: [a, ~]}") << "t.yaml:8:35: error:"
        << "the empty pattern is written";
    QTest::newRow("empty attribute list")
        << joined(h + QStringList{"  p: {kind: producer, rate: 10/s, attributes: {sports: []}}"})
        << "t.yaml:4:56: error:"
        << "attributes.sports: the list is empty";
    QTest::newRow("filter condition typo")
        << withEdge("  - {from: x, to: q, filter: {region: {prefx: eu}}}") << "t.yaml:8:40: error:"
        << "unknown filter condition 'prefx' (did you mean 'prefix'?)";
    QTest::newRow("numeric operator")
        << withEdge("  - {from: x, to: q, filter: {amount: {numeric: [\"~\", 5]}}}")
        << "t.yaml:8:50: error:"
        << "expected =, <, <=, > or >=";
    QTest::newRow("fault without at") << withFault("  - {crash: c}") << "t.yaml:8:5: error:"
                                      << "a fault is missing the required key 'at'";
    QTest::newRow("fault without kind") << withFault("  - {at: 1m}") << "t.yaml:8:5: error:"
                                        << "a fault needs a kind";
    QTest::newRow("fault with two kinds")
        << withFault("  - {at: 1m, crash: c, pause: c}") << "t.yaml:8:24: error:"
        << "has both 'crash' and 'pause'";
    QTest::newRow("fault parameter of another kind")
        << withFault("  - {at: 1m, crash: c, factor: 2}") << "t.yaml:8:24: error:"
        << "'factor' does not apply to a crash fault";
    QTest::newRow("slow without factor")
        << withFault("  - {at: 1m, slow: c}") << "t.yaml:8:14: error:"
        << "a slow fault needs 'factor'";
    QTest::newRow("fault typo") << withFault("  - {at: 1m, crahs: c}") << "t.yaml:8:14: error:"
                                << "unknown key 'crahs' in a fault (did you mean 'crash'?)";
    QTest::newRow("expectation syntax")
        << joined(h + n + QStringList{"expect:", "  - max(c.lag) => 5"}) << "t.yaml:8:16: error:"
        << "expected a comparison operator";
    QTest::newRow("invalid node id")
        << joined(h + QStringList{"  9lives: {kind: topic}"}) << "t.yaml:4:3: error:"
        << "invalid node id '9lives'";
    QTest::newRow("duplicate node id")
        << joined(h + QStringList{"  t: {kind: topic}", "  t: {kind: queue}"})
        << "t.yaml:5:3: error:"
        << "duplicate node id 't' (first defined on line 4)";
    QTest::newRow("nodes is a list")
        << joined({"scenario: t", "duration: 10m", "nodes: [a, b]"}) << "t.yaml:3:8: error:"
        << "nodes: expected a map ({key: value, ...}), found a list";
    QTest::newRow("file is a list") << joined({"- a", "- b"}) << "t.yaml:1:1: error:"
                                    << "a scenario must be a map of keys";
    QTest::newRow("zero sample_every")
        << joined({"scenario: t", "duration: 10m", "sample_every: 0", "nodes:", n[0]})
        << "t.yaml:3:15: error:"
        << "sample_every: must be greater than 0";
    QTest::newRow("sample_every above duration")
        << joined({"scenario: t", "duration: 10m", "sample_every: 20m", "nodes:", n[0]})
        << "t.yaml:3:15: error:"
        << "20m is longer than the run's duration (10m)";
    QTest::newRow("warmup covering the run")
        << joined({"scenario: t", "duration: 10m", "warmup: 10m", "nodes:", n[0]})
        << "t.yaml:3:9: error:"
        << "warmup: 10m leaves nothing";
    QTest::newRow("seed not a number")
        << joined({"scenario: t", "duration: 10m", "seed: abc", "nodes:", n[0]})
        << "t.yaml:3:7: error:"
        << "seed: expected a whole number";
    QTest::newRow("yaml syntax") << joined({"scenario: t", "duration: [10m", "nodes: {}"})
                                 << "t.yaml:3:6: error:"
                                 << "YAML syntax";
    QTest::newRow("tab indentation") << joined({"scenario: t", "nodes:", "\t p: 1"}) << "t.yaml:3:"
                                     << "YAML syntax";
    QTest::newRow("empty file") << ""
                                << "t.yaml: error:"
                                << "the file is empty";
    QTest::newRow("only comments") << "# nothing\n"
                                   << "t.yaml: error:"
                                   << "the file is empty";
}

void TestLoader::malformed() {
    QFETCH(QString, text);
    QFETCH(QString, prefix);
    QFETCH(QString, fragment);
    const LoadResult r = loadScenarioText(text.toStdString(), "t.yaml");
    QVERIFY(!r.scenario.has_value());
    bool found = false;
    for (const auto &d : r.diagnostics) {
        const QString line = QString::fromStdString(d.format());
        found = found || (line.startsWith(prefix) && line.contains(fragment));
    }
    QVERIFY2(found,
             qPrintable("wanted " + prefix + " ... " + fragment + "\ngot:\n" + allDiagnostics(r)));
}

void TestLoader::threeErrorsAtOnce() {
    const QString text = joined({
        "scenario: three",
        "duration: 10m",
        "colour: blue",
        "nodes:",
        "  p: {kind: producer, rate: 10/s}",
        "  t: {kind: topic, partitions: 0}",
        "edges:",
        "  - p -> nowhere",
    });
    const LoadResult r = loadScenarioText(text.toStdString(), "three.yaml");
    QVERIFY(!r.scenario.has_value());
    QCOMPARE(int(r.diagnostics.size()), 3);
    QCOMPARE(QString::fromStdString(r.diagnostics[0].format()),
             QString("three.yaml:3:1: error: unknown key 'colour' in the scenario"));
    QVERIFY(QString::fromStdString(r.diagnostics[1].format())
                .startsWith("three.yaml:6:32: error: partitions: must be between 1 and 100000"));
    QCOMPARE(QString::fromStdString(r.diagnostics[2].format()),
             QString("three.yaml:8:5: error: edge 'p -> nowhere': unknown node 'nowhere'"));
    QCOMPARE(r.diagnostics[1].nodeId, std::string("t"));
}

void TestLoader::overrides() {
    const std::vector<std::string> sets = {
        "nodes.inventory.instances=4",
        "duration=5m",
        "seed=3",
        "nodes.orders.rate=300/s",
        "nodes.notification.service_time={distribution: exponential, mean: 5ms}",
        "nodes.order-events.retention_bytes=1MB", // a knob the file leaves at its default
        "nodes.payments.retry.max_attempts=2",    // inside a map the file does not have
        "nodes.inventory.retry.multiplier=1.5",   // inside a map the file has
        "faults.0.instances=2",
        "expect.0=max(inventory.lag) < 10",
        "nodes.extra={kind: queue}",
        "description=",
    };
    const LoadResult r = loadScenarioText(kSpecExample, "spec.yaml", sets);
    QVERIFY2(r.scenario.has_value(), qPrintable(allDiagnostics(r)));
    const Scenario &s = *r.scenario;
    QCOMPARE(nodeOf(s, "inventory").consumer.instances, 4);
    QCOMPARE(s.duration, 300 * kS);
    QCOMPARE(s.seed, std::uint64_t(3));
    QCOMPARE(nodeOf(s, "orders").producer.rate.rate, 300.0);
    const Distribution &st = nodeOf(s, "notification").consumer.serviceTime;
    QCOMPARE(st.kind, Distribution::Kind::Exponential);
    QCOMPARE(st.mean, 5e6);
    QCOMPARE(nodeOf(s, "order-events").topic.retentionBytes, std::optional<std::int64_t>(1000000));
    QCOMPARE(nodeOf(s, "payments").producer.retry, (RetrySpec{2, 100 * kMs, 1.0}));
    QCOMPARE(nodeOf(s, "inventory").consumer.retry, (RetrySpec{3, 100 * kMs, 1.5}));
    QCOMPARE(s.faults[0].instances, std::optional<int>(2));
    QCOMPARE(s.expectations[0].value, 10.0);
    QCOMPARE(nodeOf(s, "extra").kind, NodeKind::Queue);
    // The rest is untouched.
    QCOMPARE(nodeOf(s, "notification").consumer.instances, 3);
    QCOMPARE(s.warmup, 30 * kS);

    // A node id that contains dots is still found.
    const QString dotted = joined(
        {"scenario: d", "duration: 1m", "nodes:", "  orders.v2: {kind: producer, rate: 1/s}"});
    const LoadResult d =
        loadScenarioText(dotted.toStdString(), "d.yaml", {"nodes.orders.v2.rate=7/s"});
    QVERIFY2(d.scenario.has_value(), qPrintable(allDiagnostics(d)));
    QCOMPARE(nodeOf(*d.scenario, "orders.v2").producer.rate.rate, 7.0);
}

void TestLoader::badOverrides_data() {
    QTest::addColumn<QString>("set");
    QTest::addColumn<QString>("expected");

    QTest::newRow("no equals sign") << "duration"
                                    << "--set: error: in 'duration': expected PATH=VALUE";
    QTest::newRow("empty path part") << "nodes..instances=3"
                                     << "--set: error: in 'nodes..instances=3': the path";
    QTest::newRow("unknown node")
        << "nodes.nosuch.instances=4"
        << "--set: error: in 'nodes.nosuch.instances=4': there is no node 'nosuch' to change";
    QTest::newRow("unknown knob")
        << "nodes.inventory.instancs=4"
        << "--set: error: in 'nodes.inventory.instancs=4': unknown key 'instancs' in consumer "
           "'inventory' (did you mean 'instances'?)";
    QTest::newRow("knob of another kind")
        << "nodes.inventory.partitions=4"
        << "--set: error: in 'nodes.inventory.partitions=4': unknown key 'partitions'";
    QTest::newRow("unknown top-level key")
        << "durration=5m"
        << "--set: error: in 'durration=5m': unknown key 'durration'";
    QTest::newRow("bad value")
        << "duration=abc"
        << "--set: error: in 'duration=abc': duration: invalid duration 'abc'";
    QTest::newRow("bad nested value")
        << "nodes.notification.service_time={distribution: exponential, mean: -1ms}"
        << "--set: error: in 'nodes.notification.service_time={distribution: exponential, mean: "
           "-1ms}': service_time.mean: invalid duration '-1ms': must not be negative";
    QTest::newRow("list index out of range")
        << "edges.9.latency=1ms"
        << "--set: error: in 'edges.9.latency=1ms': 'edges' has 6 entries";
    QTest::newRow("list index not a number") << "faults.first.at=1m"
                                             << "expected an entry number after it, found 'first'";
    QTest::newRow("through a value")
        << "seed.x=1"
        << "--set: error: in 'seed.x=1': 'seed' is a single value; it has no 'x'";
    QTest::newRow("invalid yaml value")
        << "duration=[1"
        << "--set: error: in 'duration=[1': the value is not valid YAML";
    QTest::newRow("fault of a missing node")
        << "faults.0.crash=nobody"
        << "spec.yaml:36:5: error: crash fault: unknown node 'nobody'";
}

void TestLoader::badOverrides() {
    QFETCH(QString, set);
    QFETCH(QString, expected);
    const LoadResult r = loadScenarioText(kSpecExample, "spec.yaml", {set.toStdString()});
    QVERIFY(!r.scenario.has_value());
    bool found = false;
    for (const auto &d : r.diagnostics)
        found = found || QString::fromStdString(d.format()).contains(expected);
    QVERIFY2(found, qPrintable("wanted " + expected + "\ngot:\n" + allDiagnostics(r)));
    if (expected.startsWith("--set"))
        QCOMPARE(r.diagnostics.front().file, std::string("--set"));
}

void TestLoader::files() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = (dir.path() + "/spec.yaml").toStdString();
    {
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kSpecExample);
    }
    const LoadResult ok = loadScenarioFile(path, {"seed=9"});
    QVERIFY2(ok.scenario.has_value(), qPrintable(allDiagnostics(ok)));
    QCOMPARE(ok.scenario->fileName, path);
    QCOMPARE(ok.scenario->seed, std::uint64_t(9));

    const std::string missing = (dir.path() + "/nope.yaml").toStdString();
    const LoadResult none = loadScenarioFile(missing);
    QVERIFY(!none.scenario.has_value());
    QCOMPARE(int(none.diagnostics.size()), 1);
    QCOMPARE(QString::fromStdString(none.diagnostics[0].format()),
             QString::fromStdString(missing + ": error: cannot read the file: it does not exist"));

    const LoadResult directory = loadScenarioFile(dir.path().toStdString());
    QVERIFY(!directory.scenario.has_value());
    QVERIFY(QString::fromStdString(directory.diagnostics[0].message).contains("a directory"));
}

void TestLoader::hostileInput_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("fragment");

    QTest::newRow("binary junk") << QByteArray("\x00\x01\xff\xfe{[\x7f\x80:\x00", 11) << "";
    QByteArray random;
    quint32 x = 12345;
    for (int i = 0; i < 4096; ++i) {
        x = x * 1664525u + 1013904223u;
        random.append(char(x >> 24));
    }
    QTest::newRow("random bytes") << random << "";
    QTest::newRow("deep nesting") << QByteArray(100000, '[') << "";
    QTest::newRow("deep maps") << QByteArray("a: ").repeated(5000) << "";
    QTest::newRow("huge number")
        << QByteArray("scenario: t\nduration: 1e999999999999999999999s\nnodes: {p: {kind: "
                      "producer, rate: 99999999999999999999999999999999/s, instances: "
                      "1e400}}\n")
        << "more than 10 years";
    QTest::newRow("huge integer knob")
        << QByteArray("scenario: t\nduration: 1m\nnodes: {c: {kind: consumer, instances: "
                      "123456789012345678901234567890}}\n")
        << "absurd count";
    QTest::newRow("alias bomb")
        << QByteArray("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, "
                      "*a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, "
                      "*c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, "
                      "*d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n")
        << "too large";
    QTest::newRow("two documents")
        << QByteArray("scenario: a\n---\nscenario: b\n") << "more than one YAML document";
    QTest::newRow("scalar document") << QByteArray("42") << "found a single value";
    QTest::newRow("null node") << QByteArray("scenario: t\nduration: 1m\nnodes:\n  p:\n")
                               << "node 'p': expected a map";
    QTest::newRow("complex key") << QByteArray("? [a, b]\n: 1\n") << "a key must be a plain name";
    QTest::newRow("every section wrong")
        << QByteArray("scenario: [x]\nduration: {a: 1}\nnodes: 5\nedges: 5\nfaults: x\nexpect: "
                      "{a: b}\n")
        << "expect: expected a list";
}

void TestLoader::hostileInput() {
    QFETCH(QByteArray, text);
    QFETCH(QString, fragment);
    const LoadResult r = loadScenarioText(text.toStdString(), "bad.yaml");
    QVERIFY(!r.scenario.has_value());
    QVERIFY(!r.diagnostics.empty());
    bool found = false;
    for (const auto &d : r.diagnostics) {
        QVERIFY(QString::fromStdString(d.format()).startsWith("bad.yaml"));
        found = found || QString::fromStdString(d.message).contains(fragment);
    }
    QVERIFY2(found, qPrintable(allDiagnostics(r)));
}

QTEST_GUILESS_MAIN(TestLoader)
#include "tst_loader.moc"
