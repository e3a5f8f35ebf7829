// The HTML report (README.md#html-report): one self-contained page (no outside reference: no
// URL, no src, no stylesheet or script link), each chart and the topology an inline SVG that
// is well-formed XML, the run's verdicts, summary and events in it, and the same run giving
// the same bytes: in one process, across two `eventbench run --report` processes (one without
// a display), from `runs export --report`, and from File > Export HTML Report in the app.
// Rendered in a real browser: tst_html_report_chromium_slow.cpp.
#include <QAction>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include "model/yaml/ScenarioLoader.h"
#include "support/CliRunner.h"
#include "support/RunHelpers.h"
#include "ui/editor/FileController.h"
#include "ui/live/RunController.h"
#include "ui/live/RunToolBar.h"
#include "ui/report/HtmlReport.h"
#include "ui/window/ExportActions.h"
#include "ui/window/MainWindow.h"

using namespace eventbench;

namespace {

const char *const kScenario = R"(scenario: report-test
description: A topic and a queue pipeline <with> a crash & a failing expectation.
seed: 3
duration: 20s
nodes:
  orders: {kind: producer, rate: 150/s}
  events: {kind: topic, partitions: 2}
  billing: {kind: consumer, service_time: 3ms}
  billing-db: {kind: store, write_time: 1ms}
  jobs_in: {kind: producer, rate: 30/s}
  jobs: {kind: queue}
  worker: {kind: consumer, service_time: 20ms}
edges:
  - orders -> events
  - events -> billing
  - billing -> billing-db
  - jobs_in -> jobs
  - jobs -> worker
faults:
  - {at: 6s, for: 3s, crash: billing}
expect:
  - ledger.unaccounted == 0
  - max(billing.lag) < 5
)";

/// Every `<svg>...</svg>` of the page.
QStringList svgsOf(const QString &html) {
    QStringList out;
    static const QRegularExpression svg(QStringLiteral("<svg[\\s>].*?</svg>"),
                                        QRegularExpression::DotMatchesEverythingOption);
    for (auto it = svg.globalMatch(html); it.hasNext();)
        out << it.next().captured(0);
    return out;
}

/// The checks every report passes; `what` names it in failures.
void checkReport(const QByteArray &bytes, const char *what) {
    QVERIFY2(bytes.startsWith("<!DOCTYPE html>"), what);
    const QString html = QString::fromUtf8(bytes);
    // Self-contained: nothing outside the file is named.
    for (const char *outside : {"http:", "https:", "file:", "//", "src=", "<link", "<script",
                                "@import", "href", "<image"})
        QVERIFY2(!html.contains(QLatin1String(outside), Qt::CaseInsensitive),
                 qPrintable(QStringLiteral("%1 has %2").arg(what, outside)));
    // url() only for a gradient of the same picture; ids unique in the page.
    static const QRegularExpression url(QStringLiteral(R"(url\(([^)]*)\))"));
    static const QRegularExpression id(QStringLiteral(R"re(\bid="([^"]+)")re"));
    QSet<QString> ids;
    for (auto it = id.globalMatch(html); it.hasNext();) {
        const QString name = it.next().captured(1);
        QVERIFY2(!ids.contains(name),
                 qPrintable(QStringLiteral("%1: id %2 twice").arg(what, name)));
        ids.insert(name);
    }
    const QStringList svgs = svgsOf(html);
    for (const QString &svg : svgs)
        for (auto it = url.globalMatch(svg); it.hasNext();) {
            const QString target = it.next().captured(1);
            QVERIFY2(target.startsWith('#') &&
                         svg.contains(QStringLiteral("id=\"%1\"").arg(target.mid(1))),
                     qPrintable(QStringLiteral("%1: url(%2)").arg(what, target)));
        }
    QVERIFY2(
        html.count(QLatin1String("url(")) ==
            [&] {
                int n = 0;
                for (const QString &svg : svgs)
                    n += int(svg.count(QLatin1String("url(")));
                return n;
            }(),
        what);
    // The topology and at least one chart of each consumer and bus.
    QVERIFY2(svgs.size() >= 1 + 5, what);
    for (const QString &svg : svgs) {
        QXmlStreamReader xml(svg);
        int elements = 0;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement)
                ++elements;
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString() + " in " + svg.left(200)));
        QVERIFY2(elements > 10, what);
        QVERIFY(svg.contains(QLatin1String("<title>")));
        QVERIFY(svg.contains(QLatin1String("viewBox=")));
    }
    // The sections, the verdicts, the events; the description escaped.
    for (const char *part :
         {"<h2>Topology</h2>", "<h2>Expectations</h2>", "<h2>Summary</h2>", "<h2>Charts</h2>",
          "<h2>Events</h2>", "PASS", "FAIL", "max(billing.lag) &lt; 5", "crash",
          "&lt;with&gt; a crash &amp;", "<h3>billing <small>(consumer)</small></h3>",
          "<h3>jobs <small>(queue)</small></h3>"})
        QVERIFY2(html.contains(QLatin1String(part)),
                 qPrintable(QStringLiteral("%1 lacks %2").arg(what, part)));
    QVERIFY2(!html.contains(QLatin1String("wall")), what); // nothing of the clock
}

} // namespace

class TestHtmlReport : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QFile f(m_dir.filePath("report-test.yaml"));
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(kScenario) > 0);
    }

    void inProcess() {
        const model::LoadResult loaded = model::loadScenarioText(kScenario, "report-test.yaml");
        QVERIFY(loaded.scenario);
        const model::RunReport report = testing::runScenarioText(kScenario);
        ui::HtmlReport::Input in;
        in.report = &report;
        in.scenario = &*loaded.scenario;
        in.nodes = ui::HtmlReport::nodesOf(*loaded.scenario);
        in.sampleEvery = loaded.scenario->sampleEvery;
        const QByteArray a = ui::HtmlReport::render(in);
        checkReport(a, "in process");
        QCOMPARE(ui::HtmlReport::render(in), a);
        // Without the scenario (a stored run whose scenario no longer loads): no topology,
        // still the charts.
        in.scenario = nullptr;
        const QByteArray noScenario = ui::HtmlReport::render(in);
        QVERIFY(!noScenario.contains("<h2>Topology</h2>"));
        QVERIFY(svgsOf(QString::fromUtf8(noScenario)).size() >= 5);
    }

    void commandLineTwiceSameBytes() {
        testing::CliRunner cli(m_dir.path());
        const testing::CliResult one = cli.run(
            {"run", "report-test.yaml", "--report", "one.html", "--db", "runs.db", "--quiet"});
        QCOMPARE(one.exitCode, 1); // the lag expectation fails, on purpose
        // The second without a display: the report draws offscreen all the same.
        const testing::CliResult two =
            cli.run({"run", "report-test.yaml", "--report", "two.html", "--quiet"}, false);
        QCOMPARE(two.exitCode, 1);
        const QByteArray a = testing::fileBytes(cli.path("one.html"));
        checkReport(a, "run --report");
        QVERIFY2(a == testing::fileBytes(cli.path("two.html")), "two runs, two different reports");

        const testing::CliResult exported =
            cli.run({"runs", "export", "1", "--db", "runs.db", "--report", "stored.html"}, false);
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QVERIFY(exported.out.contains("stored.html"));
        const QByteArray stored = testing::fileBytes(cli.path("stored.html"));
        checkReport(stored, "runs export --report");
        QVERIFY2(stored == a, "the stored run's report differs from the run's");

        // A run with overrides: its stored scenario is the file, the overrides are applied
        // again (the topology shows two billing members).
        const testing::CliResult over =
            cli.run({"run", "report-test.yaml", "--set", "nodes.billing.instances=2", "--seed", "9",
                     "--report", "over.html", "--db", "runs.db", "--quiet"});
        QVERIFY2(over.exitCode == 0 || over.exitCode == 1, over.err.constData());
        QVERIFY(cli.run({"runs", "export", "2", "--db", "runs.db", "--report", "over2.html"})
                    .exitCode == 0);
        const QByteArray overBytes = testing::fileBytes(cli.path("over.html"));
        QVERIFY(overBytes.contains("×2"));
        QVERIFY2(testing::fileBytes(cli.path("over2.html")) == overBytes,
                 "the stored run with overrides gives another report");

        const testing::CliResult bad =
            cli.run({"run", "report-test.yaml", "--report", "no/such/dir/x.html", "--quiet"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("x.html"), bad.err.constData());
    }

    void appExport() {
        ui::MainWindow w;
        QVERIFY(w.files()->openFile(m_dir.filePath("report-test.yaml")));
        QAction *action = w.exportActions()->htmlReportAction();
        QVERIFY(!action->isEnabled());
        w.runToolBar()->setSpeedIndex(3);
        QVERIFY(w.startRun());
        QTRY_VERIFY_WITH_TIMEOUT(w.runController()->state() == ui::RunController::State::Finished,
                                 300000);
        QVERIFY(action->isEnabled());
        QVERIFY(w.exportActions()->openMetricsAction()->isEnabled());
        QString error;
        QVERIFY2(w.exportActions()->exportHtmlReport(m_dir.filePath("app.html"), &error),
                 qPrintable(error));
        const QByteArray a = testing::fileBytes(m_dir.filePath("app.html"));
        checkReport(a, "File > Export HTML Report");
        QVERIFY(w.exportActions()->exportHtmlReport(m_dir.filePath("app2.html")));
        QVERIFY(testing::fileBytes(m_dir.filePath("app2.html")) == a);
        QVERIFY(w.exportActions()->exportOpenMetrics(m_dir.filePath("app.om"), &error));
        QVERIFY(testing::fileBytes(m_dir.filePath("app.om")).endsWith("# EOF\n"));
        QVERIFY(!w.exportActions()->exportHtmlReport(m_dir.filePath("no/such/dir/x.html"), &error));
        QVERIFY(error.contains(QLatin1String("x.html")));
    }

  private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestHtmlReport)
#include "tst_html_report.moc"
