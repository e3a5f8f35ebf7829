// `eventbench live` without a broker (README.md, "Checked against a real RabbitMQ"): what it
// refuses (named by FILE:LINE:COL, exit 2, before it connects), the broker objects it plans for a
// scenario, its seeded failure choice and the growth rate it judges backlogs by. The runs on a
// real RabbitMQ are in tst_rabbitmq_slow.cpp.
#include <QtTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "live/LiveComparison.h"
#include "live/LivePlan.h"
#include "live/LiveSupport.h"
#include "live/LiveTally.h"
#include "support/CliRunner.h"
#include "support/RunHelpers.h"

using namespace eventbench;

namespace {

const char *const kRefused = R"(scenario: refused
duration: 10s
nodes:
  orders: {kind: producer, rate: 100/s}
  events: {kind: topic, partitions: 2}
  jobs: {kind: queue, max_receive_count: 3, dead_letter: dlq}
  dlq: {kind: queue}
  reader: {kind: consumer}
  worker: {kind: consumer, failure: 0.1, idempotent: true}
edges:
  - orders -> events
  - orders -> jobs
  - events -> reader
  - jobs -> worker
faults:
  - {at: 2s, for: 1s, crash: worker}
  - {at: 3s, spike: orders, factor: 2}
)";

const char *const kPlayable = R"(scenario: playable
duration: 5s
nodes:
  shop: {kind: producer, rate: 50/s, routing_key: orders.eu, attributes: {region: {eu: 0.5, us: 0.5}}}
  fan: {kind: exchange}
  byKey: {kind: exchange}
  byRegion: {kind: exchange}
  a: {kind: queue, ttl: 30s, max_length: 1000, overflow: reject-publish}
  b: {kind: queue}
  c: {kind: queue}
  d: {kind: queue}
  w: {kind: consumer}
edges:
  - shop -> fan
  - shop -> byKey
  - shop -> byRegion
  - shop -> d
  - fan -> a
  - {from: byKey, to: b, binding: ["orders.*", "audit.#"]}
  - {from: byRegion, to: c, filter: {region: [eu, us], tier: [gold]}}
  - a -> w
)";

/// A loopback TCP port that listens but never accepts: a connection would show as pending.
struct Listener {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int port = 0;
    Listener() {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0 && ::listen(fd, 4) == 0 &&
            ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) == 0)
            port = ntohs(a.sin_port);
        ::fcntl(fd, F_SETFL, O_NONBLOCK);
    }
    ~Listener() { ::close(fd); }
    bool connected() const {
        const int c = ::accept(fd, nullptr, nullptr);
        if (c >= 0)
            ::close(c);
        return c >= 0;
    }
};

} // namespace

class TestLivePlan : public testing::CliTest {
    Q_OBJECT

  private slots:
    void refusesWhatRabbitMqCannotPlay() {
        const model::Diagnostics d = live::checkLivePlayable(testing::scenarioFromText(kRefused));
        QStringList lines;
        for (const auto &x : d)
            lines << QString::fromStdString(x.format());
        const QString all = lines.join('\n');
        // The topic (line 5), the idempotent consumer's knob (line 9), the crash on a queue
        // redelivered by visibility (line 6), the spike (line 17); the crash itself is played.
        QVERIFY2(all.contains("test.yaml:5:3: error: topic 'events'"), qPrintable(all));
        QVERIFY2(all.contains("test.yaml:9:") && all.contains("consumer 'worker': idempotent"),
                 qPrintable(all));
        QVERIFY2(all.contains("test.yaml:6:") &&
                     all.contains("queue 'jobs': redelivery: visibility"),
                 qPrintable(all));
        QVERIFY2(all.contains("test.yaml:17:5: error: fault 'spike: orders'"), qPrintable(all));
        QVERIFY2(!all.contains("fault 'crash"), qPrintable(all));
        QCOMPARE(d.size(), std::size_t(4));
        QCOMPARE(QString::fromStdString(d[0].nodeId), QString("events"));
    }

    void refusesBeforeConnecting() {
        QVERIFY(m_dir.isValid());
        const Listener broker;
        QVERIFY(broker.port > 0);
        write("r.yaml", kRefused);
        const Result r =
            run({"live", "r.yaml", "--amqp", "127.0.0.1:" + QString::number(broker.port)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("r.yaml:5:3: error: topic 'events'"), r.err.constData());
        QVERIFY(!broker.connected());
        QVERIFY(r.out.isEmpty());
    }

    void noBrokerIsAnEnvironmentError() {
        QVERIFY(m_dir.isValid());
        int port = 0;
        {
            const Listener closed; // a port that was free a moment ago, closed again
            port = closed.port;
        }
        write("p.yaml", kPlayable);
        const Result r = run({"live", "p.yaml", "--amqp", "127.0.0.1:" + QString::number(port)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("eventbench: live: cannot reach RabbitMQ at 127.0.0.1:" +
                                  QByteArray::number(port)),
                 r.err.constData());
    }

    void usageErrors() {
        QVERIFY(m_dir.isValid());
        write("p.yaml", kPlayable);
        Result r = run({"live", "p.yaml"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("live needs --amqp HOST:PORT"));
        r = run({"live", "p.yaml", "--amqp", "localhost"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("option --amqp needs HOST:PORT"));
        r = run({"live", "p.yaml", "--amqp", "localhost:5672", "--duration", "11m"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("p.yaml: error: a live run lasts at most 10m"), r.err.constData());
    }

    void plansExchangesQueuesAndBindings() {
        const live::LivePlan plan =
            live::makeLivePlan(testing::scenarioFromText(kPlayable), "run1.", 60'000'000'000);
        QCOMPARE(plan.exchanges.size(), std::size_t(3));
        QCOMPARE(QString::fromStdString(plan.exchanges[0].type), QString("fanout"));
        QCOMPARE(QString::fromStdString(plan.exchanges[1].type), QString("topic"));
        QCOMPARE(QString::fromStdString(plan.exchanges[2].type), QString("headers"));
        QCOMPARE(QString::fromStdString(plan.exchanges[1].name), QString("run1.byKey"));
        // Queue a: x-expires, TTL in ms, max length with overflow.
        const live::AmqpTable &a = plan.queues[0].arguments;
        QCOMPARE(a.size(), std::size_t(4));
        QCOMPARE(*a[0].number, std::int64_t(60000));
        QCOMPARE(QString::fromStdString(a[1].key), QString("x-message-ttl"));
        QCOMPARE(*a[1].number, std::int64_t(30000));
        QCOMPARE(*a[2].number, std::int64_t(1000));
        QCOMPARE(QString::fromStdString(a[3].text), QString("reject-publish"));
        // Bindings: fanout one, topic one per pattern, headers one per value combination.
        QStringList b;
        for (const auto &x : plan.bindings) {
            QString args;
            for (const auto &f : x.arguments)
                args += QString::fromStdString(" " + f.key + "=" + f.text);
            b << QString::fromStdString(x.exchange + ">" + x.queue + ":" + x.key) + args;
        }
        QCOMPARE(b, QStringList({"run1.fan>run1.a:#", "run1.byKey>run1.b:orders.*",
                                 "run1.byKey>run1.b:audit.#",
                                 "run1.byRegion>run1.c: x-match=all region=eu tier=gold",
                                 "run1.byRegion>run1.c: x-match=all region=us tier=gold"}));
        // Producer targets: three exchanges and queue d through the default exchange.
        QCOMPARE(plan.targets.size(), std::size_t(4));
        QCOMPARE(QString::fromStdString(plan.targets[3].queue), QString("run1.d"));
        QVERIFY(plan.targets[3].exchange.empty());
    }

    void seededFailureChoice() {
        // The same arguments choose the same way; over many messages the share is p, and two
        // attempts of one message fail together with p^2 (independent draws).
        QCOMPARE(live::attemptFails(5, "w", 42, 1, 1, 0.3),
                 live::attemptFails(5, "w", 42, 1, 1, 0.3));
        const int n = 200000;
        int one = 0, both = 0, otherSeed = 0;
        for (int i = 0; i < n; ++i) {
            const bool a = live::attemptFails(5, "w", std::uint64_t(i), 1, 1, 0.3);
            one += a;
            both += a && live::attemptFails(5, "w", std::uint64_t(i), 1, 2, 0.3);
            otherSeed += a == live::attemptFails(6, "w", std::uint64_t(i), 1, 1, 0.3);
        }
        // Five standard deviations: sqrt(p(1-p)/n) = 0.001 and 0.00064.
        QVERIFY2(std::abs(one / double(n) - 0.3) < 0.005, qPrintable(QString::number(one)));
        QVERIFY2(std::abs(both / double(n) - 0.09) < 0.0032, qPrintable(QString::number(both)));
        // Another seed agrees only by chance: 0.3^2 + 0.7^2 = 0.58.
        QVERIFY2(std::abs(otherSeed / double(n) - 0.58) < 0.006,
                 qPrintable(QString::number(otherSeed)));
        QVERIFY(!live::attemptFails(5, "w", 1, 1, 1, 0));
        QVERIFY(live::attemptFails(5, "w", 1, 1, 1, 1));
    }

    // A producer's list attribute through a filtering exchange: a headers exchange matches one
    // value per header, so the live run could not route what the simulation does.
    void listAttributesThroughFiltersAreRefused() {
        const model::Scenario s = testing::scenarioFromText(R"(scenario: lists
duration: 5s
nodes:
  shop: {kind: producer, rate: 10/s, attributes: {tags: [gift, express]}}
  x: {kind: exchange}
  q: {kind: queue}
  w: {kind: consumer}
edges:
  - shop -> x
  - {from: x, to: q, filter: {tags: [express]}}
  - q -> w
)");
        const model::Diagnostics d = live::checkLivePlayable(s);
        QCOMPARE(d.size(), std::size_t(1));
        QVERIFY2(
            QString::fromStdString(d[0].format())
                .contains("test.yaml:4:38: error: producer 'shop': attribute 'tags' is a list"),
            d[0].format().c_str());
    }

    // A consumer that processed nothing has no latency on either side: that agrees, and does
    // not fail the live run.
    void figuresMeasuredOnNeitherSideAgree() {
        const model::Scenario s = testing::scenarioFromText(R"(scenario: idle
duration: 5s
nodes:
  q: {kind: queue}
  w: {kind: consumer}
edges:
  - q -> w
)");
        model::RunReport live, sim;
        live.simSeconds = sim.simSeconds = 5;
        live.summary.push_back({"w", "processed", "total", 0});
        sim.summary.push_back({"w", "processed", "total", 0});
        live.summary.push_back({"w", "latency", "mean", std::nan("")});
        int latencies = 0;
        for (const live::ComparedFigure &f : live::compareRuns(s, live, sim))
            if (f.figure.rfind("latency", 0) == 0) {
                ++latencies;
                QVERIFY2(f.agrees, f.figure.c_str());
            }
        QCOMPARE(latencies, 2);
    }

    void growthRateIsTheLeastSquaresSlope() {
        model::RunReport r;
        r.sampleTimes = {1, 2, 3, 4, 5, 6};
        // 10 + 3 t with noise that sums to zero against t after the 2 s warm-up.
        r.series.push_back({"q", "depth", {13, 16, 19 + 1, 22 - 2, 25 + 1, 28}});
        QCOMPARE(live::growthRate(r, "q", "depth", 2), 3.0);
        QCOMPARE(live::growthRate(r, "q", "missing", 0), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestLivePlan)
#include "tst_live_plan.moc"
