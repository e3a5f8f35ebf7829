// Scenario values (Scenario.cpp) and the YAML writer: everything the writer emits loads back
// into an equal Scenario (the app's saves reload identically, README.md#the-desktop-app).
#include <QtTest>

#include <cmath>

#include "model/scenario/ExpectationParser.h"
#include "model/yaml/ScenarioLoader.h"
#include "model/yaml/ScenarioWriter.h"
#include "support/SpecExample.h"

using namespace eventbench::model;

namespace {

constexpr SimTime kSec = kNanosPerSecond;
constexpr SimTime kMs = kNanosPerMilli;

Node makeNode(const std::string &id, NodeKind kind) {
    Node n;
    n.id = id;
    n.kind = kind;
    return n;
}

Node producer(const std::string &id, double rate) {
    Node n = makeNode(id, NodeKind::Producer);
    n.producer.rate.rate = rate;
    return n;
}

Edge edge(const std::string &from, const std::string &to) {
    Edge e;
    e.from = from;
    e.to = to;
    return e;
}

Distribution dist(Distribution::Kind kind, Quantity q = Quantity::Duration) {
    Distribution d;
    d.kind = kind;
    d.quantity = q;
    return d;
}

WeightedChoice one(const std::string &v) {
    return WeightedChoice{{{v, 1.0}}};
}

Fault fault(Fault::Kind kind, SimTime at, const std::string &target) {
    Fault f;
    f.kind = kind;
    f.at = at;
    f.target = target;
    return f;
}

Expectation expectation(const char *text) {
    std::string error;
    auto e = parseExpectation(text, &error, nullptr);
    if (!e)
        qFatal("bad expectation in the test: %s: %s", text, error.c_str());
    return *e;
}

std::string diagnosticsText(const Diagnostics &d) {
    std::string s;
    for (const auto &x : d)
        s += x.format() + "\n";
    return s;
}

// Every node kind with (nearly) every knob away from its default.
Scenario richScenario() {
    Scenario s;
    s.name = "every-knob";
    s.description = "Round trip: \"quotes\", a # that is no comment, and: colons";
    s.seed = 18446744073709551615ULL;
    s.duration = 10 * 60 * kSec;
    s.sampleEvery = 500 * kMs;
    s.warmup = 30 * kSec;

    Node orders = producer("orders", 0);
    auto &op = orders.producer;
    op.rate.kind = RateProfile::Kind::Burst;
    op.rate.base = 100;
    op.rate.peak = 1000;
    op.rate.every = 60 * kSec;
    op.rate.burstFor = 10 * kSec;
    op.arrivals = ProducerSpec::Arrivals::Constant;
    op.instances = 2;
    op.event = "OrderCreated";
    op.size = dist(Distribution::Kind::Lognormal, Quantity::Size);
    op.size.mean = 2000;
    op.size.p99 = 16384;
    op.keys = {KeySpec::Kind::Zipf, 10000, 1.2, {}, {}};
    op.attributes = {{"region", WeightedChoice{{{"eu", 0.7}, {"us", 0.3}}}},
                     {"flag", one("yes")},
                     {"count", one("123")},
                     {"spaced", one("a b")},
                     {"true", one("false")},
                     {"sports", WeightedChoice{{{"rugby", 1}, {"*football", 1}}, true}}};
    op.routingKey = WeightedChoice{{{"order.created", 0.8}, {"order.updated", 0.2}}};
    op.schemaVersion = 2;
    op.retry = {5, 250 * kMs, 2.0};
    op.buffer = 20000;
    op.idempotent = false;
    orders.pos = std::make_pair(10.5, -20.0);
    s.nodes.push_back(orders);

    Node payments = producer("payments", 0);
    payments.producer.rate.kind = RateProfile::Kind::Ramp;
    payments.producer.rate.from = 0;
    payments.producer.rate.to = 1000;
    payments.producer.rate.over = 5 * 60 * kSec;
    payments.producer.routingKey = one("payment.done");
    payments.producer.size = Distribution::constant(512, Quantity::Size);
    payments.producer.retry = {3, 100 * kMs, 1.0}; // only max_attempts differs
    s.nodes.push_back(payments);

    Node clicks = producer("clicks", 0);
    clicks.producer.rate.kind = RateProfile::Kind::Steps;
    clicks.producer.rate.steps = {{0, 100}, {2 * 60 * kSec, 500}, {5 * 60 * kSec, 0.5}};
    clicks.producer.keys = {KeySpec::Kind::Uniform, 50, 1.0, {}, {}};
    clicks.producer.size = dist(Distribution::Kind::Empirical, Quantity::Size);
    clicks.producer.size.values = {512, 1024, 1e6};
    clicks.producer.size.weights = {0.7, 0.2, 0.1};
    s.nodes.push_back(clicks);

    Node sensor = producer("sensor.eu-1", 0);
    sensor.producer.rate.kind = RateProfile::Kind::Sine;
    sensor.producer.rate.mean = 200;
    sensor.producer.rate.amplitude = 100;
    sensor.producer.rate.period = 3600 * kSec;
    sensor.producer.size = dist(Distribution::Kind::Uniform, Quantity::Size);
    sensor.producer.size.min = 100;
    sensor.producer.size.max = 4096;
    s.nodes.push_back(sensor);

    Node topic = makeNode("order-events", NodeKind::Topic);
    topic.topic.partitions = 6;
    topic.topic.retention = 3600 * kSec;
    topic.topic.retentionBytes = 1073741824;
    topic.topic.partitioner = TopicSpec::Partitioner::RoundRobin;
    topic.topic.appendLatency = dist(Distribution::Kind::Normal);
    topic.topic.appendLatency.mean = 2 * kMs;
    topic.topic.appendLatency.stddev = 500'000;
    topic.pos = std::make_pair(300.0, 0.0);
    s.nodes.push_back(topic);

    Node work = makeNode("work", NodeKind::Queue);
    auto &q = work.queue;
    q.visibilityTimeout = 45 * kSec;
    q.redelivery = QueueSpec::Redelivery::Immediate;
    q.maxReceiveCount = 5;
    q.deadLetter = "work-dlq";
    q.retention = 86400 * kSec;
    q.delay = 250 * kMs;
    q.ttl = 10 * 60 * kSec;
    q.maxLength = 100000;
    q.overflow = QueueSpec::Overflow::RejectPublish;
    q.fifo = true;
    q.dedupWindow = 2 * 60 * kSec;
    s.nodes.push_back(work);
    s.nodes.push_back(makeNode("picked", NodeKind::Queue));
    s.nodes.push_back(makeNode("work-dlq", NodeKind::Queue));
    s.nodes.push_back(makeNode("inventory-dlq", NodeKind::Queue));

    Node router = makeNode("router", NodeKind::Exchange);
    router.exchange.unroutable = "work-dlq";
    s.nodes.push_back(router);

    Node inventory = makeNode("inventory", NodeKind::Consumer);
    auto &c = inventory.consumer;
    c.instances = 3;
    c.concurrency = 4;
    c.serviceTime = dist(Distribution::Kind::Exponential);
    c.serviceTime.mean = 8 * kMs;
    c.failure = 0.01;
    c.retry = {3, 100 * kMs, 2.0};
    c.deadLetter = "inventory-dlq";
    c.idempotent = true;
    c.dedupWindow = 10 * 60 * kSec;
    c.accepts = {1, 2};
    c.maxPollRecords = 100;
    c.commit = ConsumerSpec::Commit::AfterEach;
    c.commitInterval = 1 * kSec;
    c.assignment = ConsumerSpec::Assignment::Sticky;
    c.sessionTimeout = 10 * kSec;
    c.rebalanceTime = 1500 * kMs;
    inventory.pos = std::make_pair(600.25, 120.0);
    s.nodes.push_back(inventory);

    Node analytics = makeNode("analytics", NodeKind::Consumer);
    analytics.consumer.serviceTime = dist(Distribution::Kind::Uniform);
    analytics.consumer.serviceTime.min = 1 * kMs;
    analytics.consumer.serviceTime.max = 9 * kMs;
    analytics.consumer.assignment = ConsumerSpec::Assignment::RoundRobin;
    analytics.consumer.commit = ConsumerSpec::Commit::BeforeProcess;
    s.nodes.push_back(analytics);

    Node worker = makeNode("worker", NodeKind::Consumer);
    worker.consumer.batch = 10;
    worker.consumer.serviceTime = dist(Distribution::Kind::Empirical);
    worker.consumer.serviceTime.values = {1 * kMs, 2 * kMs, 30 * kMs};
    worker.consumer.serviceTime.weights = {0.7, 0.2, 0.1};
    worker.consumer.retry = {2, 0, 1.0};
    s.nodes.push_back(worker);

    Node db = makeNode("db", NodeKind::Store);
    db.store.writeTime = dist(Distribution::Kind::Lognormal);
    db.store.writeTime.mean = 2 * kMs;
    db.store.writeTime.p99 = 20 * kMs;
    db.store.capacity = 8;
    s.nodes.push_back(db);

    s.edges.push_back(edge("orders", "order-events"));
    Edge pay = edge("payments", "router");
    pay.latency = Distribution::constant(5 * kMs);
    pay.longForm = true;
    s.edges.push_back(pay);
    Edge filtered = edge("router", "work");
    FilterPolicy policy;
    FilterCondition eu, prefix, numeric, exists, anythingBut;
    eu.text = "eu";
    prefix.kind = FilterCondition::Kind::Prefix;
    prefix.text = "e";
    numeric.kind = FilterCondition::Kind::Numeric;
    numeric.numeric = {{">", 0}, {"<=", 150}};
    exists.kind = FilterCondition::Kind::Exists;
    exists.exists = false;
    anythingBut.kind = FilterCondition::Kind::AnythingBut;
    anythingBut.anythingBut = {"free", "trial"};
    FilterCondition notOrder;
    notOrder.kind = FilterCondition::Kind::AnythingButPrefix;
    notOrder.text = "order-";
    policy.attributes = {{"region", {eu, prefix}},
                         {"amount", {numeric}},
                         {"flag", {exists}},
                         {"tier", {anythingBut}},
                         {"event", {notOrder}}};
    filtered.filter = policy;
    filtered.longForm = true;
    s.edges.push_back(filtered);
    Edge bound = edge("router", "order-events");
    bound.binding = std::vector<std::string>{"order.#"};
    bound.longForm = true;
    s.edges.push_back(bound);
    Edge listed = edge("router", "picked");
    listed.binding = std::vector<std::string>{"*.orange.*", "lazy.#", ""};
    listed.longForm = true;
    s.edges.push_back(listed);
    s.edges.push_back(edge("payments", "order-events"));
    Edge mapped = edge("clicks", "order-events"); // map form with nothing but from and to
    mapped.longForm = true;
    s.edges.push_back(mapped);
    s.edges.push_back(edge("sensor.eu-1", "work"));
    s.edges.push_back(edge("order-events", "inventory"));
    s.edges.push_back(edge("order-events", "analytics"));
    s.edges.push_back(edge("work", "worker"));
    s.edges.push_back(edge("inventory", "db"));
    Edge followUp = edge("worker", "order-events");
    followUp.ratio = 0.5;
    followUp.latency = dist(Distribution::Kind::Exponential);
    followUp.latency->mean = 3 * kMs;
    followUp.longForm = true;
    s.edges.push_back(followUp);

    using K = Fault::Kind;
    Fault crash = fault(K::Crash, 2 * 60 * kSec, "inventory");
    crash.duration = 30 * kSec;
    crash.instances = 1;
    Fault pause = fault(K::Pause, 3 * 60 * kSec, "analytics");
    pause.duration = 60 * kSec;
    Fault slow = fault(K::Slow, 60 * kSec, "worker");
    slow.factor = 3;
    Fault outage = fault(K::Outage, 4 * 60 * kSec, "work");
    outage.duration = 20 * kSec;
    Fault latency = fault(K::Latency, 60 * kSec, "orders");
    latency.edgeTo = "order-events";
    latency.add = 50 * kMs;
    Fault isolate = fault(K::Isolate, 6 * 60 * kSec, "inventory");
    isolate.duration = 10 * kSec;
    Fault duplicate = fault(K::Duplicate, 0, "order-events");
    duplicate.probability = 0.01;
    Fault poison = fault(K::Poison, 30 * kSec, "payments");
    poison.probability = 0.001;
    Fault schema = fault(K::Schema, 7 * 60 * kSec, "orders");
    schema.version = 3;
    Fault spike = fault(K::Spike, 5 * 60 * kSec, "orders");
    spike.duration = 60 * kSec;
    spike.factor = 2.5;
    Fault rebalance = fault(K::Rebalance, 8 * 60 * kSec, "inventory");
    s.faults = {crash,     pause,  slow,   outage, latency,  isolate,
                duplicate, poison, schema, spike,  rebalance};

    s.expectations = {expectation("max(inventory.lag) < 5000"),
                      expectation("final(inventory-dlq.depth) <= 50"),
                      expectation("p99(inventory.latency) < 250ms"),
                      expectation("ledger.unaccounted == 0"),
                      expectation("total(db.duplicate_writes) != 1.5k"),
                      expectation("mean(work.depth) >= 0.5")};
    return s;
}

// The smallest valid scenario: every knob at its default.
Scenario minimalScenario() {
    Scenario s;
    s.name = "minimal";
    s.duration = 60 * kSec;
    s.nodes.push_back(producer("p", 10));
    for (NodeKind kind : {NodeKind::Topic, NodeKind::Queue, NodeKind::Exchange, NodeKind::Consumer,
                          NodeKind::Store})
        s.nodes.push_back(makeNode(toString(kind), kind));
    s.nodes.push_back(makeNode("worker", NodeKind::Consumer));
    s.edges = {edge("p", "topic"),        edge("topic", "consumer"), edge("p", "exchange"),
               edge("exchange", "queue"), edge("queue", "worker"),   edge("consumer", "store")};
    return s;
}

// The example of scenarios/README.md, verbatim.
using eventbench::testing::kSpecExample;

} // namespace

class TestWriter : public QObject {
    Q_OBJECT
  private slots:
    void expectedValue_data();
    void expectedValue();
    void rateAt_data();
    void rateAt();
    void maxRate();
    void meanRate_data();
    void meanRate();
    void equality();
    void nodeKinds();
    void minimalText();
    void roundTripMinimal();
    void roundTripRich();
    void roundTripQuoting_data();
    void roundTripQuoting();
    void roundTripSpecExample();
    void roundTripFailureModes();
};

void TestWriter::expectedValue_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<QList<double>>("params"); // kind-specific, see below
    QTest::addColumn<double>("expected");
    using K = Distribution::Kind;
    QTest::newRow("constant") << int(K::Constant) << QList<double>{5} << 5.0;
    QTest::newRow("exponential") << int(K::Exponential) << QList<double>{8} << 8.0;
    QTest::newRow("uniform") << int(K::Uniform) << QList<double>{1, 9} << 5.0;
    QTest::newRow("normal far from 0")
        << int(K::Normal) << QList<double>{5, 1} << 5.000001486719941;
    QTest::newRow("normal at 0") << int(K::Normal) << QList<double>{0, 1} << 0.7978845608028654;
    QTest::newRow("normal below 0") << int(K::Normal) << QList<double>{-1, 1} << 0.5251352761609811;
    QTest::newRow("normal in ns") << int(K::Normal) << QList<double>{3e6, 1e6}
                                  << 3004437.8390421257;
    QTest::newRow("normal no spread") << int(K::Normal) << QList<double>{3, 0} << 3.0;
    QTest::newRow("lognormal") << int(K::Lognormal) << QList<double>{4, 30} << 4.0;
    QTest::newRow("empirical weighted")
        << int(K::Empirical) << QList<double>{1, 2, 30, 0.7, 0.2, 0.1} << 4.1;
    QTest::newRow("empirical unweighted") << int(K::Empirical) << QList<double>{1, 2, 3} << 2.0;
}

void TestWriter::expectedValue() {
    QFETCH(int, kind);
    QFETCH(QList<double>, params);
    QFETCH(double, expected);
    Distribution d;
    d.kind = static_cast<Distribution::Kind>(kind);
    switch (d.kind) {
    case Distribution::Kind::Constant:
        d.value = params[0];
        break;
    case Distribution::Kind::Exponential:
        d.mean = params[0];
        break;
    case Distribution::Kind::Uniform:
        d.min = params[0], d.max = params[1];
        break;
    case Distribution::Kind::Normal:
        d.mean = params[0], d.stddev = params[1];
        break;
    case Distribution::Kind::Lognormal:
        d.mean = params[0], d.p99 = params[1];
        break;
    case Distribution::Kind::Empirical:
        if (params.size() == 6) {
            d.values = {params[0], params[1], params[2]};
            d.weights = {params[3], params[4], params[5]};
        } else {
            d.values = {params.begin(), params.end()};
        }
        break;
    }
    QVERIFY2(std::abs(d.expectedValue() - expected) <= 1e-12 * std::max(1.0, std::abs(expected)),
             QByteArray::number(d.expectedValue(), 'g', 17));
}

namespace {
RateProfile burst() {
    RateProfile p;
    p.kind = RateProfile::Kind::Burst;
    p.base = 100, p.peak = 1000, p.every = 60 * kSec, p.burstFor = 10 * kSec;
    return p;
}
RateProfile ramp(double from, double to, SimTime over) {
    RateProfile p;
    p.kind = RateProfile::Kind::Ramp;
    p.from = from, p.to = to, p.over = over;
    return p;
}
RateProfile steps() {
    RateProfile p;
    p.kind = RateProfile::Kind::Steps;
    p.steps = {{10 * kSec, 100}, {120 * kSec, 500}};
    return p;
}
RateProfile sine(double mean, double amplitude, SimTime period) {
    RateProfile p;
    p.kind = RateProfile::Kind::Sine;
    p.mean = mean, p.amplitude = amplitude, p.period = period;
    return p;
}
} // namespace

Q_DECLARE_METATYPE(RateProfile)

void TestWriter::rateAt_data() {
    QTest::addColumn<RateProfile>("profile");
    QTest::addColumn<qint64>("t");
    QTest::addColumn<double>("rate");
    RateProfile constant;
    constant.rate = 7;
    QTest::newRow("constant") << constant << qint64(123 * kSec) << 7.0;
    QTest::newRow("burst start") << burst() << qint64(0) << 1000.0;
    QTest::newRow("burst last ns") << burst() << qint64(10 * kSec - 1) << 1000.0;
    QTest::newRow("burst end") << burst() << qint64(10 * kSec) << 100.0;
    QTest::newRow("burst gap") << burst() << qint64(60 * kSec - 1) << 100.0;
    QTest::newRow("burst 2nd") << burst() << qint64(60 * kSec) << 1000.0;
    QTest::newRow("burst 3rd") << burst() << qint64(125 * kSec) << 1000.0;
    QTest::newRow("burst 3rd gap") << burst() << qint64(131 * kSec) << 100.0;
    QTest::newRow("ramp start") << ramp(0, 1000, 300 * kSec) << qint64(0) << 0.0;
    QTest::newRow("ramp half") << ramp(0, 1000, 300 * kSec) << qint64(150 * kSec) << 500.0;
    QTest::newRow("ramp end") << ramp(0, 1000, 300 * kSec) << qint64(300 * kSec) << 1000.0;
    QTest::newRow("ramp after") << ramp(0, 1000, 300 * kSec) << qint64(3600 * kSec) << 1000.0;
    QTest::newRow("ramp down") << ramp(200, 100, 100 * kSec) << qint64(25 * kSec) << 175.0;
    QTest::newRow("steps before") << steps() << qint64(0) << 0.0;
    QTest::newRow("steps first") << steps() << qint64(10 * kSec) << 100.0;
    QTest::newRow("steps first end") << steps() << qint64(120 * kSec - 1) << 100.0;
    QTest::newRow("steps second") << steps() << qint64(120 * kSec) << 500.0;
    QTest::newRow("steps later") << steps() << qint64(3600 * kSec) << 500.0;
    QTest::newRow("sine 0") << sine(200, 100, 3600 * kSec) << qint64(0) << 200.0;
    QTest::newRow("sine quarter") << sine(200, 100, 3600 * kSec) << qint64(900 * kSec) << 300.0;
    QTest::newRow("sine half") << sine(200, 100, 3600 * kSec) << qint64(1800 * kSec) << 200.0;
    QTest::newRow("sine 3/4") << sine(200, 100, 3600 * kSec) << qint64(2700 * kSec) << 100.0;
    QTest::newRow("sine next period")
        << sine(200, 100, 3600 * kSec) << qint64(4500 * kSec) << 300.0;
    QTest::newRow("sine floored") << sine(50, 100, 4 * kSec) << qint64(3 * kSec) << 0.0;
    QTest::newRow("sine peak") << sine(50, 100, 4 * kSec) << qint64(1 * kSec) << 150.0;
}

void TestWriter::rateAt() {
    QFETCH(RateProfile, profile);
    QFETCH(qint64, t);
    QFETCH(double, rate);
    QVERIFY2(std::abs(profile.rateAt(t) - rate) < 1e-9,
             QByteArray::number(profile.rateAt(t), 'g', 17));
}

void TestWriter::maxRate() {
    RateProfile constant;
    constant.rate = 7;
    QCOMPARE(constant.maxRate(), 7.0);
    QCOMPARE(burst().maxRate(), 1000.0);
    QCOMPARE(ramp(200, 100, 100 * kSec).maxRate(), 200.0);
    QCOMPARE(ramp(0, 1000, 100 * kSec).maxRate(), 1000.0);
    QCOMPARE(steps().maxRate(), 500.0);
    QCOMPARE(sine(200, 100, 3600 * kSec).maxRate(), 300.0);
    QCOMPARE(sine(50, -100, 4 * kSec).maxRate(), 150.0);
}

void TestWriter::meanRate_data() {
    QTest::addColumn<RateProfile>("profile");
    QTest::addColumn<qint64>("horizon");
    QTest::addColumn<double>("mean");
    QTest::newRow("burst one cycle") << burst() << qint64(60 * kSec) << 250.0;
    QTest::newRow("burst partial") << burst() << qint64(65 * kSec) << 307.6923076923077;
    QTest::newRow("burst long run") << burst() << qint64(0) << 250.0;
    QTest::newRow("ramp during") << ramp(0, 1000, 300 * kSec) << qint64(150 * kSec) << 250.0;
    QTest::newRow("ramp exactly") << ramp(0, 1000, 300 * kSec) << qint64(300 * kSec) << 500.0;
    QTest::newRow("ramp after") << ramp(0, 1000, 300 * kSec) << qint64(600 * kSec) << 750.0;
    QTest::newRow("ramp long run") << ramp(0, 1000, 300 * kSec) << qint64(0) << 1000.0;
    QTest::newRow("steps") << steps() << qint64(240 * kSec) << 295.8333333333333;
    QTest::newRow("steps long run") << steps() << qint64(0) << 500.0;
    QTest::newRow("sine period") << sine(200, 100, 3600 * kSec) << qint64(3600 * kSec) << 200.0;
    QTest::newRow("sine quarter") << sine(200, 100, 3600 * kSec) << qint64(900 * kSec)
                                  << 263.66197723675816;
    QTest::newRow("sine clipped half")
        << sine(0, 100, 4 * kSec) << qint64(4 * kSec) << 31.830988618379067;
    QTest::newRow("sine clipped") << sine(50, 100, 4 * kSec) << qint64(4 * kSec)
                                  << 60.899778104422936;
    QTest::newRow("sine clipped 10 periods")
        << sine(50, 100, 4 * kSec) << qint64(40 * kSec) << 60.899778104422936;
    QTest::newRow("sine clipped long run")
        << sine(50, 100, 4 * kSec) << qint64(0) << 60.899778104422936;
    QTest::newRow("sine negative amplitude")
        << sine(50, -100, 4 * kSec) << qint64(4 * kSec) << 60.899778104422936;
    QTest::newRow("sine rising quarter")
        << sine(50, 100, 4 * kSec) << qint64(1 * kSec) << 113.66197723675813;
    QTest::newRow("sine falling quarter")
        << sine(50, -100, 4 * kSec) << qint64(1 * kSec) << 8.137578972087743;
}

void TestWriter::meanRate() {
    QFETCH(RateProfile, profile);
    QFETCH(qint64, horizon);
    QFETCH(double, mean);
    QVERIFY2(std::abs(profile.meanRate(horizon) - mean) < 1e-9 * std::max(1.0, mean),
             QByteArray::number(profile.meanRate(horizon), 'g', 17));
}

void TestWriter::equality() {
    Node a = makeNode("t", NodeKind::Topic);
    Node b = a;
    b.where = {3, 4};
    b.producer.instances = 9; // not a producer: ignored
    b.consumer.batch = 9;
    QVERIFY(a == b);
    b.topic.partitions = 2;
    QVERIFY(!(a == b));
    b = a;
    b.pos = std::make_pair(1.0, 2.0);
    QVERIFY(!(a == b));
    b = a;
    b.id = "u";
    QVERIFY(!(a == b));
    b = a;
    b.kind = NodeKind::Queue;
    QVERIFY(!(a == b));

    Edge e = edge("a", "b"), f = e;
    f.where = {7, 1};
    QVERIFY(e == f);
    f.ratio = 2;
    QVERIFY(!(e == f));
    f = e;
    f.longForm = true;
    QVERIFY(!(e == f));

    Fault x = fault(Fault::Kind::Crash, kSec, "c"), y = x;
    y.where = {1, 1};
    QVERIFY(x == y);
    y.instances = 1;
    QVERIFY(!(x == y));

    Expectation p = expectation("max(c.lag) < 5"), q = p;
    q.where = {2, 3};
    QVERIFY(p == q);
    q.text = "max(c.lag) < 5.0";
    QVERIFY(!(p == q));

    Scenario s = minimalScenario(), t = s;
    t.fileName = "elsewhere.yaml";
    t.nodes[1].where = {9, 9};
    QVERIFY(s == t);
    t.seed = 2;
    QVERIFY(!(s == t));
    t = s;
    t.expectations.push_back(p);
    QVERIFY(!(s == t));

    QVERIFY(s.findNode("exchange") == &s.nodes[3]);
    QVERIFY(s.findNode("nope") == nullptr);
}

void TestWriter::nodeKinds() {
    const char *names[] = {"producer", "topic", "queue", "exchange", "consumer", "store"};
    const NodeKind kinds[] = {NodeKind::Producer, NodeKind::Topic,    NodeKind::Queue,
                              NodeKind::Exchange, NodeKind::Consumer, NodeKind::Store};
    const bool bus[] = {false, true, true, true, false, false};
    for (int i = 0; i < 6; ++i) {
        QCOMPARE(std::string(toString(kinds[i])), std::string(names[i]));
        QVERIFY(nodeKindFromString(names[i]) == kinds[i]);
        QCOMPARE(isBus(kinds[i]), bus[i]);
    }
    QVERIFY(!nodeKindFromString("Topic").has_value());
    QVERIFY(!nodeKindFromString("bus").has_value());
    QVERIFY(!nodeKindFromString("").has_value());
}

void TestWriter::minimalText() {
    QCOMPARE(writeScenarioYaml(minimalScenario()), std::string("scenario: minimal\n"
                                                               "duration: 1m\n"
                                                               "\n"
                                                               "nodes:\n"
                                                               "  p: {kind: producer, rate: 10/s}\n"
                                                               "  topic: {kind: topic}\n"
                                                               "  queue: {kind: queue}\n"
                                                               "  exchange: {kind: exchange}\n"
                                                               "  consumer: {kind: consumer}\n"
                                                               "  store: {kind: store}\n"
                                                               "  worker: {kind: consumer}\n"
                                                               "\n"
                                                               "edges:\n"
                                                               "  - p -> topic\n"
                                                               "  - topic -> consumer\n"
                                                               "  - p -> exchange\n"
                                                               "  - exchange -> queue\n"
                                                               "  - queue -> worker\n"
                                                               "  - consumer -> store\n"));
}

void TestWriter::roundTripMinimal() {
    const Scenario s = minimalScenario();
    const std::string yaml = writeScenarioYaml(s);
    const LoadResult r = loadScenarioText(yaml, "minimal.yaml");
    QVERIFY2(r.scenario.has_value(), (diagnosticsText(r.diagnostics) + yaml).c_str());
    QVERIFY2(*r.scenario == s, yaml.c_str());
    QCOMPARE(r.scenario->fileName, std::string("minimal.yaml"));
}

void TestWriter::roundTripRich() {
    const Scenario s = richScenario();
    const std::string yaml = writeScenarioYaml(s);
    const LoadResult r = loadScenarioText(yaml, "rich.yaml");
    QVERIFY2(r.scenario.has_value(), (diagnosticsText(r.diagnostics) + yaml).c_str());
    const Scenario &back = *r.scenario;
    // Part by part first, so that a failure names what differs.
    QCOMPARE(back.name, s.name);
    QCOMPARE(back.description, s.description);
    QCOMPARE(back.seed, s.seed);
    QCOMPARE(back.duration, s.duration);
    QCOMPARE(back.sampleEvery, s.sampleEvery);
    QCOMPARE(back.warmup, s.warmup);
    QCOMPARE(back.nodes.size(), s.nodes.size());
    for (std::size_t i = 0; i < s.nodes.size(); ++i)
        QVERIFY2(back.nodes[i] == s.nodes[i], ("node " + s.nodes[i].id + "\n" + yaml).c_str());
    QCOMPARE(back.edges.size(), s.edges.size());
    for (std::size_t i = 0; i < s.edges.size(); ++i)
        QVERIFY2(back.edges[i] == s.edges[i],
                 ("edge " + s.edges[i].from + " -> " + s.edges[i].to).c_str());
    QCOMPARE(back.faults.size(), s.faults.size());
    for (std::size_t i = 0; i < s.faults.size(); ++i)
        QVERIFY2(back.faults[i] == s.faults[i], ("fault #" + std::to_string(i)).c_str());
    QCOMPARE(back.expectations.size(), s.expectations.size());
    for (std::size_t i = 0; i < s.expectations.size(); ++i)
        QCOMPARE(back.expectations[i].text, s.expectations[i].text);
    QVERIFY(back == s);
    // Writing what was loaded gives the same text again.
    QCOMPARE(writeScenarioYaml(back), yaml);

    // Spot checks of the text: quoting and the short and long edge forms.
    for (const char *part :
         {"flag: \"yes\"", "count: \"123\"", "spaced: \"a b\"", "\"true\": \"false\"",
          "latency: \"orders -> order-events\"", "  - orders -> order-events\n",
          "  - {from: clicks, to: order-events}\n", "binding: order.#",
          "binding: [\"*.orange.*\", lazy.#, \"\"]", "sports: [rugby, \"*football\"]",
          "event: [{anything-but: {prefix: order-}}]", "seed: 18446744073709551615\n",
          "sample_every: 500ms\n", "warmup: 30s\n", "  - max(inventory.lag) < 5000\n",
          "pos: [10.5, -20]"})
        QVERIFY2(yaml.find(part) != std::string::npos, (std::string(part) + "\n" + yaml).c_str());
    // Keys in the order of scenarios/README.md.
    std::size_t last = 0;
    for (const char *key : {"scenario:", "description:", "seed:", "duration:", "sample_every:",
                            "warmup:", "\nnodes:", "\nedges:", "\nfaults:", "\nexpect:"}) {
        const std::size_t at = yaml.find(key);
        QVERIFY2(at != std::string::npos && at >= last, key);
        last = at;
    }
}

void TestWriter::roundTripQuoting_data() {
    QTest::addColumn<QString>("value");
    for (const char *v :
         {"yes",       "No",          "TRUE",       "off",    "On",     "y",       "null",
          "Null",      "~",           "123",        "1.5",    "-1",     "+1",      ".inf",
          "0x1F",      "1e3",         "2001-12-14", "a b",    "a: b",   "a:b",     "a #b",
          "#x",        "[x]",         "{x}",        "x,y",    "*alias", "&anchor", "!tag",
          "|",         "> x",         "'q'",        "\"dq\"", "it's",   "café",    "tab\there",
          "new\nline", "back\\slash", "trailing:",  "@at",    "`tick",  "%pct",    "?q",
          "- dash",    " lead",       "trail ",     "plain",  "order.*"})
        QTest::newRow(v) << QString::fromUtf8(v);
}

void TestWriter::roundTripQuoting() {
    QFETCH(QString, value);
    const std::string v = value.toStdString();
    Scenario s = minimalScenario();
    s.description = v;
    s.nodes[0].producer.event = v;
    s.nodes[0].producer.attributes = {{"a", one(v)}, {v, WeightedChoice{{{v, 0.5}, {"x", 0.5}}}}};
    s.nodes[0].producer.routingKey = one(v);
    const std::string yaml = writeScenarioYaml(s);
    const LoadResult r = loadScenarioText(yaml, "quoting.yaml");
    QVERIFY2(r.scenario.has_value(), (diagnosticsText(r.diagnostics) + yaml).c_str());
    QCOMPARE(r.scenario->description, v);
    QCOMPARE(r.scenario->nodes[0].producer.event, v);
    QVERIFY2(r.scenario->nodes[0].producer.attributes == s.nodes[0].producer.attributes,
             yaml.c_str());
    QVERIFY(r.scenario->nodes[0].producer.routingKey == s.nodes[0].producer.routingKey);
    QVERIFY(*r.scenario == s);
}

void TestWriter::roundTripSpecExample() {
    const LoadResult first = loadScenarioText(kSpecExample, "spec.yaml");
    QVERIFY2(first.scenario.has_value(), diagnosticsText(first.diagnostics).c_str());
    const Scenario &s = *first.scenario;
    QCOMPARE(s.nodes.size(), std::size_t(8));
    QCOMPARE(s.edges.size(), std::size_t(6));
    QCOMPARE(s.faults.size(), std::size_t(3));
    QCOMPARE(s.expectations.size(), std::size_t(4));

    const std::string yaml = writeScenarioYaml(s);
    const LoadResult second = loadScenarioText(yaml, "written.yaml");
    QVERIFY2(second.scenario.has_value(), (diagnosticsText(second.diagnostics) + yaml).c_str());
    QVERIFY2(*second.scenario == s, yaml.c_str());
    QCOMPARE(writeScenarioYaml(*second.scenario), yaml);
    // The written text keeps the example's own spelling where it is canonical.
    for (const char *part :
         {"scenario: orders-and-payments\n", "seed: 42\n", "duration: 10m\n", "warmup: 30s\n",
          "  order-events: {kind: topic, partitions: 6, retention: 1h}\n",
          "  inventory-dlq: {kind: queue}\n", "  - orders -> order-events\n",
          "  - {at: 2m, for: 30s, crash: inventory, instances: 1}\n",
          "  - {at: 5m, for: 1m, spike: orders, factor: 2}\n",
          "  - {at: 0s, duplicate: order-events, probability: 0.01}\n",
          "  - p99(notification.latency) < 250ms\n"})
        QVERIFY2(yaml.find(part) != std::string::npos, (std::string(part) + "\n" + yaml).c_str());
}

// The failure-mode knobs (breaker, acl, tls, store failure) and faults on stores read back
// equal, with shares written as percentages.
void TestWriter::roundTripFailureModes() {
    const std::string text =
        "scenario: failures\nduration: 1m\nnodes:\n"
        "  p: {kind: producer, rate: 10/s}\n"
        "  t: {kind: topic, acl: {publish: [p], consume: [c]}, tls: {handshake: 40ms, "
        "overhead: 7.5%}}\n"
        "  q: {kind: queue, acl: {consume: []}}\n"
        "  x: {kind: exchange, tls: {overhead: 0.05}}\n"
        "  c: {kind: consumer, circuit_breaker: {failure_rate: 25%, window: 5, when_open: "
        "fail}}\n"
        "  db: {kind: store, failure: 0.02}\n"
        "edges: [p -> t, t -> c, c -> db]\n"
        "faults:\n  - {at: 1s, for: 2s, outage: db}\n  - {at: 3s, slow: db, factor: 3}\n";
    const LoadResult first = loadScenarioText(text, "failures.yaml");
    QVERIFY2(first.scenario.has_value(), diagnosticsText(first.diagnostics).c_str());
    const Scenario &s = *first.scenario;
    const BreakerSpec &b = *s.nodes[4].consumer.circuitBreaker;
    QCOMPARE(b.failureRate, 0.25);
    QCOMPARE(b.window, 5);
    QCOMPARE(b.minCalls, 10);
    QCOMPARE(b.openFor, 30 * kSec);
    QVERIFY(b.whenOpen == BreakerSpec::WhenOpen::Fail);
    QCOMPARE(s.nodes[1].topic.tls->overhead, 0.075);
    QCOMPARE(s.nodes[1].topic.tls->handshake, 40 * kMs);
    QCOMPARE(s.nodes[3].exchange.tls->handshake, 30 * kMs);
    QVERIFY(!s.nodes[2].queue.acl->publish.has_value());
    QVERIFY(s.nodes[2].queue.acl->consume->empty());
    QCOMPARE(s.nodes[5].store.failure, 0.02);
    const std::string yaml = writeScenarioYaml(s);
    for (const char *part : {"failure_rate: 25%", "overhead: 7.5%", "overhead: 5%",
                             "acl: {publish: [p], consume: [c]}", "acl: {consume: []}",
                             "when_open: fail", "failure: 0.02", "outage: db", "slow: db"})
        QVERIFY2(yaml.find(part) != std::string::npos, (std::string(part) + "\n" + yaml).c_str());
    const LoadResult back = loadScenarioText(yaml, "failures.yaml");
    QVERIFY2(back.scenario.has_value(), (diagnosticsText(back.diagnostics) + yaml).c_str());
    QVERIFY2(*back.scenario == s, yaml.c_str());
    QCOMPARE(writeScenarioYaml(*back.scenario), yaml);
    // Out of range shares are refused at their position.
    const LoadResult bad = loadScenarioText(
        "scenario: bad\nduration: 1m\nnodes:\n  q: {kind: queue, tls: {overhead: 150%}}\n",
        "bad.yaml");
    QVERIFY(!bad.scenario.has_value() || hasErrors(bad.diagnostics));
    QVERIFY2(diagnosticsText(bad.diagnostics).find("bad.yaml:4:36: error: tls.overhead") !=
                 std::string::npos,
             diagnosticsText(bad.diagnostics).c_str());
}

QTEST_GUILESS_MAIN(TestWriter)
#include "tst_writer.moc"
