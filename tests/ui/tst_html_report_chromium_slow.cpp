// The HTML report in a real browser (README.md#html-report): Debian's headless Chromium
// (`chromium-headless-shell`) loads the report that `eventbench run --report` wrote and takes
// a screenshot, which must not be blank: many colours (the charts' lines, the topology's
// shapes) and a fair share of non-white pixels. The browser is stopped by its PID whatever
// happens. EVENTBENCH_REPORT_SHOT=FILE keeps the screenshot for a person to look at.
#include <signal.h>

#include <QImage>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QUrl>
#include <QtTest>

#include "support/CliRunner.h"

namespace {

const char *const kScenario = R"(scenario: report-in-a-browser
description: Orders through a topic, jobs through a queue, one crash.
seed: 4
duration: 40s
nodes:
  orders: {kind: producer, rate: 200/s}
  events: {kind: topic, partitions: 3}
  billing: {kind: consumer, service_time: 3ms}
  jobs_in: {kind: producer, rate: 30/s}
  jobs: {kind: queue}
  worker: {kind: consumer, service_time: 25ms}
edges:
  - orders -> events
  - events -> billing
  - jobs_in -> jobs
  - jobs -> worker
faults:
  - {at: 10s, for: 6s, crash: billing}
expect:
  - ledger.unaccounted == 0
)";

/// Chromium, stopped (SIGTERM, then SIGKILL) by its PID when this goes away.
struct StoppedByPid {
    QProcess process;
    ~StoppedByPid() {
        const qint64 pid = process.processId();
        if (pid <= 0)
            return;
        ::kill(pid_t(pid), SIGTERM);
        if (!process.waitForFinished(10000)) {
            ::kill(pid_t(pid), SIGKILL);
            process.waitForFinished(5000);
        }
    }
};

} // namespace

class TestHtmlReportChromium : public eventbench::testing::CliTest {
    Q_OBJECT

  private slots:
    void screenshotIsNotBlank() {
        QString browser = QStandardPaths::findExecutable("chromium-headless-shell");
        if (browser.isEmpty())
            browser = QStandardPaths::findExecutable("chrome-headless-shell",
                                                     {QStringLiteral("/usr/lib/chromium")});
        QVERIFY2(!browser.isEmpty(),
                 "install the Debian package chromium-headless-shell (./scripts/setup.sh test)");
        QVERIFY(m_dir.isValid());
        write("s.yaml", kScenario);
        const Result r = run({"run", "s.yaml", "--report", "report.html", "--quiet"}, false);
        QVERIFY2(r.exitCode == 0, r.err.constData());

        const QString shot = path("shot.png");
        StoppedByPid chromium;
        chromium.process.setProcessChannelMode(QProcess::MergedChannels);
        chromium.process.setWorkingDirectory(m_dir.path());
        chromium.process.start(browser, {"--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                         "--user-data-dir=" + path("profile"),
                                         "--screenshot=" + shot, "--window-size=1280,1800",
                                         QUrl::fromLocalFile(path("report.html")).toString()});
        QVERIFY2(chromium.process.waitForStarted(10000), "chromium does not start");
        const bool ended = chromium.process.waitForFinished(90000);
        QVERIFY2(ended, "chromium did not finish within 90 s");
        const QByteArray log = chromium.process.readAll();
        QVERIFY2(chromium.process.exitCode() == 0, log.constData());

        QImage image(shot);
        QVERIFY2(!image.isNull(), log.constData());
        QCOMPARE(image.size(), QSize(1280, 1800));
        if (qEnvironmentVariableIsSet("EVENTBENCH_REPORT_SHOT"))
            image.save(qEnvironmentVariable("EVENTBENCH_REPORT_SHOT"));
        QSet<QRgb> colours;
        qint64 nonWhite = 0;
        const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
        for (int y = 0; y < rgb.height(); ++y) {
            const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
            for (int x = 0; x < rgb.width(); ++x) {
                colours.insert(line[x]);
                nonWhite += qRed(line[x]) < 245 || qGreen(line[x]) < 245 || qBlue(line[x]) < 245;
            }
        }
        const double share = double(nonWhite) / (rgb.width() * rgb.height());
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
        QVERIFY2(share > 0.02 && share < 0.9, qPrintable(QString::number(share)));
    }
};

QTEST_GUILESS_MAIN(TestHtmlReportChromium)
#include "tst_html_report_chromium_slow.moc"
