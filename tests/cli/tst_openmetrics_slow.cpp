// `eventbench run --metrics-out` against a real Prometheus (README.md#openmetrics): the file
// passes `promtool check metrics` (but for the lint of kafka_exporter's `_sum` name), `promtool
// tsdb create-blocks-from openmetrics` loads it, a `prometheus` started on those blocks on a
// loopback port serves every sample of the file, and the values it returns are timeseries.csv's
// (counters as running totals). Prometheus is stopped by its PID whatever happens. Needs the Debian
// package `prometheus`.
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QUrl>
#include <cmath>

#include "support/CliRunner.h"
#include "support/LoopbackPort.h"

using eventbench::testing::fileBytes;
using eventbench::testing::lines;

namespace {

const char *const kScenario = R"(scenario: om-prometheus
seed: 11
duration: 30s
nodes:
  orders: {kind: producer, rate: 300/s}
  events: {kind: topic, partitions: 4}
  billing: {kind: consumer, service_time: 3ms}
  jobs_in: {kind: producer, rate: 40/s}
  jobs: {kind: queue}
  worker: {kind: consumer, service_time: 20ms}
edges:
  - orders -> events
  - events -> billing
  - jobs_in -> jobs
  - jobs -> worker
faults:
  - {at: 8s, for: 5s, crash: billing}
)";

constexpr double kEpoch = 1767225600; // the default --epoch, 2026-01-01T00:00:00Z

/// GET `target` from 127.0.0.1:port over HTTP/1.0; the body, or empty when it fails.
QByteArray httpGet(int port, const QByteArray &target, int *status = nullptr) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    QByteArray response;
    if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0) {
        const QByteArray request = "GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
        if (::send(fd, request.constData(), request.size(), 0) == request.size()) {
            char buf[65536];
            for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
                response.append(buf, int(n));
        }
    }
    ::close(fd);
    const int headerEnd = response.indexOf("\r\n\r\n");
    if (status)
        *status = response.startsWith("HTTP/") ? response.mid(9, 3).toInt() : 0;
    return headerEnd < 0 ? QByteArray() : response.mid(headerEnd + 4);
}

/// A child process that is stopped (SIGTERM, then SIGKILL) by its PID when this goes away.
struct StoppedByPid {
    QProcess process;
    ~StoppedByPid() {
        const qint64 pid = process.processId();
        if (pid <= 0)
            return;
        ::kill(pid_t(pid), SIGTERM);
        if (!process.waitForFinished(15000)) {
            ::kill(pid_t(pid), SIGKILL);
            process.waitForFinished(5000);
        }
    }
};

/// timeseries.csv as (node, metric) -> [(time_s, value)].
QMap<QPair<QString, QString>, QVector<QPair<double, double>>> timeseries(const QString &path) {
    QMap<QPair<QString, QString>, QVector<QPair<double, double>>> out;
    const QStringList l = lines(fileBytes(path));
    for (int i = 1; i < l.size(); ++i) {
        const QStringList f = l[i].split(',');
        out[{f[1], f[2]}].append({f[0].toDouble(), f[3] == "nan" ? NAN : f[3].toDouble()});
    }
    return out;
}

bool same(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a));
}

} // namespace

class TestOpenMetricsPrometheus : public eventbench::testing::CliTest {
    Q_OBJECT

    /// Runs `program args` to its end (with `input` as stdin when given); its exit code.
    int tool(const QString &program, const QStringList &args, QByteArray *output,
             const QString &input = {}) {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.setWorkingDirectory(m_dir.path());
        if (!input.isEmpty())
            p.setStandardInputFile(input);
        p.start(program, args);
        if (!p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        *output = p.readAll();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    /// The samples Prometheus holds for `selector` over the whole run: [(unix s, value)].
    QVector<QPair<double, double>> query(int port, const QString &selector) {
        const QString expr = selector + QStringLiteral("[3650d]");
        const QByteArray target = "/api/v1/query?query=" + QUrl::toPercentEncoding(expr) +
                                  "&time=" + QByteArray::number(qint64(kEpoch) + 3600);
        const QJsonObject reply = QJsonDocument::fromJson(httpGet(port, target)).object();
        QVector<QPair<double, double>> out;
        if (reply.value("status").toString() != "success")
            return out;
        for (const QJsonValue series : reply.value("data").toObject().value("result").toArray())
            for (const QJsonValue point : series.toObject().value("values").toArray()) {
                const QJsonArray p = point.toArray();
                const QString v = p[1].toString();
                out.append({p[0].toDouble(), v == "NaN" ? NAN : v.toDouble()});
            }
        return out;
    }

  private slots:
    void prometheusServesTheRun() {
        const QString promtool = QStandardPaths::findExecutable("promtool");
        const QString prometheus = QStandardPaths::findExecutable("prometheus");
        QVERIFY2(!promtool.isEmpty() && !prometheus.isEmpty(),
                 "install the Debian package prometheus (./scripts/setup.sh test)");
        QVERIFY(m_dir.isValid());
        write("s.yaml", kScenario);
        const Result r = run({"run", "s.yaml", "--out", "out", "--metrics-out", "run.om", "--db",
                              "runs.db", "--quiet"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray om = fileBytes(path("run.om"));
        QVERIFY(om.endsWith("# EOF\n"));

        // promtool's linter objects to one name, kafka_exporter's own
        // `kafka_consumergroup_lag_sum` (a gauge ending `_sum`, which the lint keeps for
        // summaries): exit 3 with that problem alone; anything else fails.
        QByteArray output;
        const int checked = tool(promtool, {"check", "metrics"}, &output, path("run.om"));
        QVERIFY2(checked == 0 || checked == 3, output.constData());
        for (const QString &line : lines(output))
            QVERIFY2(line.startsWith(QLatin1String("kafka_consumergroup_lag_sum non-histogram and "
                                                   "non-summary metrics should not have \"_sum\" "
                                                   "suffix")),
                     output.constData());
        // Without that family the file is lint-clean.
        QByteArray clean;
        for (const QString &line : lines(om))
            if (!line.contains(QLatin1String("kafka_consumergroup_lag_sum")))
                clean += line.toUtf8() + '\n';
        write("clean.om", clean);
        QVERIFY2(tool(promtool, {"check", "metrics"}, &output, path("clean.om")) == 0,
                 output.constData());
        QVERIFY2(tool(promtool, {"tsdb", "create-blocks-from", "openmetrics", "run.om", "data"},
                      &output) == 0,
                 output.constData());

        const int port = eventbench::testing::freeLoopbackPort();
        QVERIFY(port > 0);
        write("prometheus.yml", "global:\n  scrape_interval: 1h\n");
        StoppedByPid server;
        server.process.setWorkingDirectory(m_dir.path());
        server.process.setProcessChannelMode(QProcess::MergedChannels);
        server.process.start(prometheus,
                             {"--config.file=prometheus.yml", "--storage.tsdb.path=data",
                              // The blocks are from 2026-01-01 on: keep them whatever today is.
                              "--storage.tsdb.retention.time=100y",
                              "--web.listen-address=127.0.0.1:" + QString::number(port)});
        QVERIFY2(server.process.waitForStarted(10000), "prometheus does not start");
        int status = 0;
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 60000) {
            httpGet(port, "/-/ready", &status);
            if (status == 200 || server.process.state() != QProcess::Running)
                break;
            QTest::qWait(250);
        }
        QVERIFY2(status == 200, server.process.readAll().constData());

        // Every sample of the file is there.
        int fileSamples = 0;
        for (const QString &line : lines(om))
            fileSamples += !line.startsWith('#');
        QCOMPARE(query(port, R"({__name__=~".+"})").size(), fileSamples);

        // And their values are timeseries.csv's.
        const auto csv = timeseries(path("out/timeseries.csv"));
        struct Check {
            const char *selector;
            const char *node;
            const char *metric;
            bool cumulative;
        };
        const Check checks[] = {
            {R"(kafka_consumergroup_lag_sum{consumergroup="billing",topic="events"})", "billing",
             "lag", false},
            {R"(kafka_consumergroup_members{consumergroup="billing"})", "billing", "instances_up",
             false},
            {R"(rabbitmq_queue_messages_ready{queue="jobs"})", "jobs", "depth", false},
            {R"(rabbitmq_queue_messages_unacked{queue="jobs"})", "jobs", "in_flight", false},
            {R"(eventbench_consumer_processed_total{node="billing"})", "billing", "processed",
             true},
            {R"(eventbench_topic_appended_total{node="events"})", "events", "appended", true},
            {R"(eventbench_consumer_latency_p99_seconds{node="billing"})", "billing", "latency_p99",
             false},
            {R"(eventbench_consumer_lag{node="worker"})", "worker", "lag", false},
            {R"(eventbench_ledger_obligations_total)", "ledger", "obligations", true},
        };
        for (const Check &c : checks) {
            const auto expected = csv.value({c.node, c.metric});
            const auto got = query(port, c.selector);
            QVERIFY2(!expected.isEmpty(), c.metric);
            QVERIFY2(got.size() == expected.size(), c.selector);
            double total = 0;
            for (int i = 0; i < got.size(); ++i) {
                total += std::isnan(expected[i].second) ? 0 : expected[i].second;
                QVERIFY2(same(got[i].first, kEpoch + expected[i].first), c.selector);
                QVERIFY2(same(got[i].second, c.cumulative ? total : expected[i].second),
                         qPrintable(QStringLiteral("%1 at %2: %3")
                                        .arg(c.selector)
                                        .arg(got[i].first)
                                        .arg(got[i].second)));
            }
        }
        // The stored run exports the same text but the per-partition families (the results
        // store keeps no partitions); --epoch moves every timestamp.
        const Result stored =
            run({"runs", "export", "1", "--db", "runs.db", "--metrics-out", "stored.om"});
        QVERIFY2(stored.exitCode == 0, stored.err.constData());
        QByteArray withoutPartitions;
        for (const QString &line : lines(om)) {
            const QString name = line.startsWith('#')
                                     ? line.section(' ', 2, 2)
                                     : line.section(QRegularExpression("[{ ]"), 0, 0);
            if (name != "kafka_consumergroup_lag" && name != "kafka_consumergroup_current_offset" &&
                name != "kafka_topic_partition_current_offset")
                withoutPartitions += line.toUtf8() + '\n';
        }
        QVERIFY(withoutPartitions.size() > 1000 && withoutPartitions.size() < om.size());
        QVERIFY(fileBytes(path("stored.om")) == withoutPartitions);
        QVERIFY(run({"runs", "export", "1", "--db", "runs.db", "--metrics-out", "zero.om",
                     "--epoch", "1970-01-01T00:00:00Z"})
                    .exitCode == 0);
        const QStringList zero = lines(fileBytes(path("zero.om")));
        QVERIFY(zero.size() > 3 && zero[2].endsWith(QLatin1String(" 1")));

        // The lag moved (the crash), so the comparison compared something.
        const auto lag = csv.value({"billing", "lag"});
        QVERIFY(std::any_of(lag.begin(), lag.end(), [](const auto &p) { return p.second > 100; }));
    }
};

QTEST_GUILESS_MAIN(TestOpenMetricsPrometheus)
#include "tst_openmetrics_slow.moc"
