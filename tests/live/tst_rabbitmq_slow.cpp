// `eventbench live` against a real RabbitMQ (README.md, "Checked against a real RabbitMQ"): the
// test starts its own node (Debian's rabbitmq-server) and its own epmd on free loopback ports,
// with every file (mnesia, logs, config, Erlang cookie) in a temporary folder, waits for it with
// a bound, plays the three scenarios of scenarios/live/ and holds the live figures to the
// simulated ones within README's bands: dead letters exact (the broker's dead-letter queue
// against the consumers' count and against the seeded choice), throughput within 5%, mean
// latency within 3 ms + 25%, backlog growth within 10%; and each live run's ledger balances
// (obligations as published, each completed, dead-lettered or held at the end, unaccounted 0), in
// its report and in the results store. It checks that each run deleted what it declared, and
// stops the node and epmd by their PIDs whatever happens.
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <cmath>

#include "live/AmqpClient.h"
#include "live/LiveComparison.h"
#include "live/LiveTally.h"
#include "model/results/ReportReader.h"
#include "model/store/ResultsStore.h"
#include "support/CliRunner.h"
#include "support/LoopbackPort.h"

using namespace eventbench;

namespace {

bool accepting(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(std::uint16_t(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

/// Stops `pid` with SIGTERM, then SIGKILL after `graceMs`; true when it is gone.
bool stopPid(pid_t pid, int graceMs) {
    if (pid <= 0 || ::kill(pid, 0) != 0)
        return true;
    ::kill(pid, SIGTERM);
    for (int waited = 0; waited < graceMs; waited += 100) {
        QTest::qWait(100);
        if (::kill(pid, 0) != 0)
            return true;
    }
    ::kill(pid, SIGKILL);
    QTest::qWait(200);
    return ::kill(pid, 0) != 0;
}

/// A RabbitMQ node and its epmd, all files in a temporary folder; stopped by PID when this goes
/// away (the test's cleanup, or any early exit).
class RabbitNode {
  public:
    int amqpPort = testing::freeLoopbackPort();

    bool start(QString *problem) {
        const QString server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
        const QString epmd = QStandardPaths::findExecutable("epmd");
        if (!QFile::exists(server) || epmd.isEmpty()) {
            *problem = "install the Debian package rabbitmq-server (./scripts/setup.sh test)";
            return false;
        }
        const QString d = m_dir.path();
        QDir().mkpath(d + "/home");
        writeFile(d + "/rabbitmq.conf",
                  "listeners.tcp.1 = 127.0.0.1:" + QByteArray::number(amqpPort) + "\n");
        writeFile(d + "/enabled_plugins", "[].\n");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const int epmdPort = testing::freeLoopbackPort();
        env.insert("HOME", d + "/home"); // the Erlang cookie
        env.insert("ERL_EPMD_PORT", QString::number(epmdPort));
        env.insert("ERL_EPMD_ADDRESS", "127.0.0.1");
        m_epmd.setProcessEnvironment(env);
        m_epmd.setStandardOutputFile(d + "/epmd.log");
        m_epmd.setStandardErrorFile(d + "/epmd.log");
        m_epmd.start(epmd, {"-port", QString::number(epmdPort)});
        if (!m_epmd.waitForStarted(5000)) {
            *problem = "epmd did not start";
            return false;
        }
        env.insert("RABBITMQ_NODENAME", "eventbench-" + QString::number(::getpid()) + "@localhost");
        env.insert("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.insert("RABBITMQ_NODE_PORT", QString::number(amqpPort));
        env.insert("RABBITMQ_DIST_PORT", QString::number(testing::freeLoopbackPort()));
        env.insert("RABBITMQ_MNESIA_BASE", d + "/mnesia");
        env.insert("RABBITMQ_LOG_BASE", d + "/log");
        env.insert("RABBITMQ_CONFIG_FILE", d + "/rabbitmq");
        env.insert("RABBITMQ_ENABLED_PLUGINS_FILE", d + "/enabled_plugins");
        env.insert("RABBITMQ_CONF_ENV_FILE", d + "/rabbitmq-env.conf"); // none: not /etc's
        env.insert("RABBITMQ_PID_FILE", d + "/rabbit.pid");
        // No busy-waiting schedulers: the node shares two cores with the test's threads.
        env.insert("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS",
                   "+sbwt none +sbwtdcpu none +sbwtdio none");
        m_server.setProcessEnvironment(env);
        m_server.setStandardOutputFile(d + "/server.log");
        m_server.setStandardErrorFile(d + "/server.log");
        m_server.setStandardInputFile(QProcess::nullDevice());
        m_server.start(server, {});
        if (!m_server.waitForStarted(5000)) {
            *problem = "rabbitmq-server did not start: " + m_server.errorString();
            return false;
        }
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 60000 && m_server.state() == QProcess::Running) {
            if (accepting(amqpPort))
                return true;
            QTest::qWait(250);
        }
        *problem = "RabbitMQ did not listen on 127.0.0.1:" + QString::number(amqpPort) +
                   " within 60 s; its log: " + QString::fromUtf8(serverLog().right(2000));
        return false;
    }

    void stop() {
        // The script forwards SIGTERM to the Erlang VM and waits for it; the VM's own PID is in
        // its pid file in case the script is gone first.
        QFile pidFile(m_dir.path() + "/rabbit.pid");
        const pid_t vm =
            pidFile.open(QIODevice::ReadOnly) ? pid_t(pidFile.readAll().trimmed().toInt()) : 0;
        stopPid(pid_t(m_server.processId()), 30000);
        stopPid(vm, 5000);
        stopPid(pid_t(m_epmd.processId()), 5000);
        m_server.waitForFinished(1000);
        m_epmd.waitForFinished(1000);
    }

    ~RabbitNode() { stop(); }

    QByteArray serverLog() const {
        QFile f(m_dir.path() + "/server.log");
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

  private:
    static void writeFile(const QString &path, const QByteArray &text) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
    }

    QTemporaryDir m_dir{QDir::tempPath() + "/eventbench-rabbitmq-XXXXXX"};
    QProcess m_epmd;
    QProcess m_server;
};

double figure(const model::RunReport &r, const char *node, const char *metric, const char *stat) {
    const auto *row = r.find(node, metric, stat);
    return row ? row->value : std::nan("");
}

} // namespace

class TestLiveRabbitMq : public testing::CliTest {
    Q_OBJECT

    RabbitNode m_node;
    model::RunReport m_live, m_sim;

    /// Plays scenarios/live/NAME.yaml and reads both reports; false when it failed or left `queue`
    /// (one of the objects it declared) on the broker.
    bool play(const QString &name, const std::string &queue, QByteArray *out) {
        const QString dir = path(name);
        const Result r =
            run({"live", EVENTBENCH_SOURCE_DIR "/scenarios/live/" + name + ".yaml", "--amqp",
                 "127.0.0.1:" + QString::number(m_node.amqpPort), "--record", dir});
        *out = r.out + r.err;
        qInfo().noquote() << r.out;
        if (r.exitCode != 0 && r.exitCode != 1)
            return false;
        model::Diagnostics diags;
        auto live = model::readReport((dir + "/live").toStdString(), &diags);
        auto sim = model::readReport((dir + "/simulated").toStdString(), &diags);
        if (!live || !sim)
            return false;
        m_live = std::move(*live);
        m_sim = std::move(*sim);
        const auto prefix = QRegularExpression("names (\\S+)\\*").match(QString(r.out)).captured(1);
        return !prefix.isEmpty() && deleted(prefix.toStdString() + queue);
    }

    /// True when the broker no longer knows `queue` (a passive declare is refused).
    bool deleted(const std::string &queue) const {
        live::AmqpClient c;
        c.connect("127.0.0.1", m_node.amqpPort, std::chrono::seconds(5));
        try {
            c.readyCount(queue);
        } catch (const live::AmqpError &) {
            return true;
        }
        return false;
    }

    /// The live run's ledger (figures read back from its report and from the results store):
    /// `obligations` owed, each completed, dead-lettered or still held at the end.
    void ledgerBalances(const QString &name, double obligations) {
        QCOMPARE(figure(m_live, "ledger", "obligations", "total"), obligations);
        const double ended = figure(m_live, "ledger", "completed", "total") +
                             figure(m_live, "ledger", "dead_lettered", "total") +
                             figure(m_live, "ledger", "pending", "total");
        QCOMPARE(ended, obligations);
        QCOMPARE(figure(m_live, "ledger", "unaccounted", "total"), 0.0);
        QVERIFY(std::isnan(figure(m_live, "ledger", "expired", "total"))); // not measured
        model::ResultsStore db;
        QVERIFY(db.open((path(name) + "/runs.db").toStdString()).empty());
        const auto stored = db.loadReport(2, nullptr); // the live run, after the simulated one
        QVERIFY(stored);
        QVERIFY(stored->unaccountedMeasured);
        QCOMPARE(stored->unaccounted, 0);
        QCOMPARE(figure(*stored, "ledger", "obligations", "total"), obligations);
    }

    void sameThroughput(const char *consumer) {
        const double live = figure(m_live, consumer, "processed", "total");
        const double sim = figure(m_sim, consumer, "processed", "total");
        QVERIFY2(
            std::abs(live / sim - 1) <= 0.05,
            qPrintable(
                QString("%1 processed: live %2, simulated %3").arg(consumer).arg(live).arg(sim)));
    }

    void sameMeanLatency(const char *consumer) {
        const double live = figure(m_live, consumer, "latency", "mean");
        const double sim = figure(m_sim, consumer, "latency", "mean");
        QVERIFY2(std::abs(live - sim) <= 0.003 + 0.25 * sim,
                 qPrintable(QString("%1 mean latency: live %2 s, simulated %3 s")
                                .arg(consumer)
                                .arg(live)
                                .arg(sim)));
    }

  private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QString problem;
        QVERIFY2(m_node.start(&problem), qPrintable(problem));
    }

    void workQueueWithRetriesAndDeadLetters() {
        QByteArray out;
        QVERIFY2(play("work-queue-dlq", "jobs-dlq", &out), out.constData());
        // The broker's dead-letter queue holds exactly what the consumers moved there...
        const double held = figure(m_live, "jobs-dlq", "depth", "final");
        QCOMPARE(held, figure(m_live, "jobs", "dead_lettered", "total"));
        // ... which is what the seeded choice sends there: the messages whose four attempts
        // (two receives of two attempts) all fail, but for one still on its way at the end.
        const auto produced = std::uint64_t(figure(m_live, "api", "produced", "total"));
        int predicted = 0;
        for (std::uint64_t id = 0; id < produced; ++id) {
            bool all = true;
            for (int receive = 1; receive <= 2 && all; ++receive)
                for (int attempt = 1; attempt <= 2 && all; ++attempt)
                    all = live::attemptFails(5, "worker", id, receive, attempt, 0.3);
            predicted += all;
        }
        QVERIFY2(held <= predicted && held >= predicted - 1,
                 qPrintable(QString("held %1, predicted %2").arg(held).arg(predicted)));
        // 0.3^4 of 8,000 jobs: about 65.
        QVERIFY2(predicted > 30 && predicted < 110, qPrintable(QString::number(predicted)));
        sameThroughput("worker");
        sameMeanLatency("worker");
        // One queue that a consumer reads: one obligation per message published.
        ledgerBalances("work-queue-dlq", figure(m_live, "api", "published", "total"));
    }

    void topicExchangeWithBindings() {
        QByteArray out;
        QVERIFY2(play("topic-bindings", "audit", &out), out.constData());
        for (const char *c : {"eu-desk", "fulfilment", "auditor"}) {
            sameThroughput(c);
            sameMeanLatency(c);
        }
        // The bindings route exactly: `#` takes everything, `*.eu.*` 60% and `orders.#` 70%.
        // Processed, not received: the final depth is read after the consumers closed, and a
        // delivery still in hand then went back to the queue (received and counted there too).
        const double produced = figure(m_live, "shop", "produced", "total");
        const double audit = figure(m_live, "auditor", "processed", "total") +
                             figure(m_live, "audit", "depth", "final");
        QVERIFY2(std::abs(audit - produced) <= 2,
                 qPrintable(QString("%1 of %2").arg(audit).arg(produced)));
        const double eu = figure(m_live, "eu-desk", "received", "total") / produced;
        QVERIFY2(std::abs(eu - 0.6) < 0.03, qPrintable(QString::number(eu)));
        // One obligation per queue a message reaches: audit all, eu 60%, orders 70%.
        const double owed = figure(m_live, "ledger", "obligations", "total");
        QVERIFY2(std::abs(owed / produced - 2.3) < 0.05,
                 qPrintable(QString("%1 of %2").arg(owed).arg(produced)));
        ledgerBalances("topic-bindings", owed);
    }

    void fanoutWithSlowConsumerBacklog() {
        QByteArray out;
        QVERIFY2(play("fanout-backlog", "report-q", &out), out.constData());
        sameThroughput("dashboard");
        sameThroughput("reporting");
        const double live = live::growthRate(m_live, "report-q", "depth", 2);
        const double sim = live::growthRate(m_sim, "report-q", "depth", 2);
        QVERIFY2(std::abs(sim - 100) < 5, qPrintable(QString::number(sim))); // 300/s in, 200/s out
        QVERIFY2(
            std::abs(live / sim - 1) <= 0.10,
            qPrintable(QString("report-q grows %1/s live, %2/s simulated").arg(live).arg(sim)));
        QVERIFY2(std::abs(live::growthRate(m_live, "live-q", "depth", 2)) < 2, out.constData());
        // A fan-out to two queues: two obligations per message published.
        ledgerBalances("fanout-backlog", 2 * figure(m_live, "sensors", "published", "total"));
    }

    // Last, as it stops the node: a broker that goes away in the middle of a run ends the live
    // run within a bound, with exit code 3 ("broke down") and no report.
    void brokerStoppedMidRunExitsThree() {
        QProcess live;
        live.setWorkingDirectory(m_dir.path());
        live.start(EVENTBENCH_BINARY,
                   {"live", EVENTBENCH_SOURCE_DIR "/scenarios/live/fanout-backlog.yaml", "--amqp",
                    "127.0.0.1:" + QString::number(m_node.amqpPort)});
        QVERIFY(live.waitForStarted(5000));
        QTest::qWait(5000); // of its 20 s
        QCOMPARE(live.state(), QProcess::Running);
        m_node.stop();
        // It may have ended while stop() waited for the node (QProcess then reports no wait).
        const bool ended = live.state() == QProcess::NotRunning || live.waitForFinished(120000);
        if (!ended)
            live.kill();
        const QByteArray err = live.readAllStandardError();
        qInfo().noquote() << "after the broker's stop:" << err;
        QVERIFY2(ended, "the live run did not end within 2 minutes of the broker's stop");
        QCOMPARE(live.exitStatus(), QProcess::NormalExit);
        QVERIFY2(live.exitCode() == 3, err.constData());
        QVERIFY2(err.contains("broke down"), err.constData());
        // The teardown cannot reach the broker either: it says why once, and how much is left.
        QVERIFY2(err.count("cannot connect to") == 1, err.constData());
        QVERIFY2(
            QRegularExpression(" \\(\\d+ of \\d+ left\\)").match(QString::fromUtf8(err)).hasMatch(),
            err.constData());
        QVERIFY2(!live.readAllStandardOutput().contains("ledger"), err.constData()); // no report
    }

    void cleanupTestCase() { m_node.stop(); }
};

QTEST_GUILESS_MAIN(TestLiveRabbitMq)
#include "tst_rabbitmq_slow.moc"
