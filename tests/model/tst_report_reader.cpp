// model::readReport (issue 17: `merge --db` reads replications back from their reports): what
// writeReport writes reads back as the same report, and a damaged file is named with its line
// and column.
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <fstream>

#include "model/results/ReportReader.h"
#include "model/results/ReportWriter.h"
#include "support/RunHelpers.h"
#include "support/SpecExample.h"

using namespace eventbench;

class TestReportReader : public QObject {
    Q_OBJECT

  private slots:
    void roundTrip() {
        const model::RunReport report = testing::runScenarioText(
            std::string(testing::kSpecExample) + "\n"); // faults, expectations, events
        QVERIFY(!report.series.empty() && !report.events.empty());
        QVERIFY(!report.expectations.empty());
        QTemporaryDir dir;
        QVERIFY(model::writeReport(dir.path().toStdString(), report).empty());
        model::Diagnostics diags;
        const auto back = model::readReport(dir.path().toStdString(), &diags);
        QVERIFY2(back, diags.empty() ? "" : diags[0].format().c_str());
        QCOMPARE(back->sampleTimes, report.sampleTimes);
        QCOMPARE(back->series.size(), report.series.size());
        for (std::size_t i = 0; i < report.series.size(); ++i) {
            QCOMPARE(back->series[i].node, report.series[i].node);
            QCOMPARE(back->series[i].metric, report.series[i].metric);
            QCOMPARE(back->series[i].values.size(), report.series[i].values.size());
        }
        QCOMPARE(back->summary.size(), report.summary.size());
        for (std::size_t i = 0; i < report.summary.size(); ++i) {
            QCOMPARE(back->summary[i].node, report.summary[i].node);
            QCOMPARE(back->summary[i].stat, report.summary[i].stat);
            QVERIFY(back->summary[i].value == report.summary[i].value ||
                    (std::isnan(back->summary[i].value) && std::isnan(report.summary[i].value)));
        }
        QCOMPARE(back->expectations.size(), report.expectations.size());
        for (std::size_t i = 0; i < report.expectations.size(); ++i) {
            QCOMPARE(back->expectations[i].text, report.expectations[i].text);
            QCOMPARE(back->expectations[i].pass, report.expectations[i].pass);
        }
        QCOMPARE(back->events.size(), report.events.size());
        for (std::size_t i = 0; i < report.events.size(); ++i) {
            QCOMPARE(back->events[i].time, report.events[i].time);
            QCOMPARE(back->events[i].detail, report.events[i].detail);
        }
        QCOMPARE(back->seed, report.seed);
        QCOMPARE(back->eventCount, report.eventCount);
        QCOMPARE(back->messages, report.messages);
        QCOMPARE(back->fingerprint, report.fingerprint);
        QCOMPARE(back->version, report.version);
        QCOMPARE(back->scenarioSha256, report.scenarioSha256);
        QCOMPARE(back->simSeconds, report.simSeconds);
        QCOMPARE(back->unaccounted, report.unaccounted);
        QVERIFY(back->unaccountedMeasured);
    }

    /// ledger.unaccounted reads back from its summary row; a report without one (a live run
    /// that could not measure it) reads back as not measured, never as 0.
    void unaccountedReadsBackFromItsRow() {
        model::RunReport report = testing::runScenarioText(testing::kSpecExample);
        auto row = std::find_if(report.summary.begin(), report.summary.end(), [](const auto &r) {
            return r.node == "ledger" && r.metric == "unaccounted";
        });
        QVERIFY(row != report.summary.end());
        row->value = 5;
        QTemporaryDir dir;
        QVERIFY(model::writeReport(dir.path().toStdString(), report).empty());
        model::Diagnostics diags;
        auto back = model::readReport(dir.path().toStdString(), &diags);
        QVERIFY(back);
        QCOMPARE(back->unaccounted, 5);
        QVERIFY(back->unaccountedMeasured);
        report.summary.erase(row);
        QVERIFY(model::writeReport(dir.path().toStdString(), report).empty());
        back = model::readReport(dir.path().toStdString(), &diags);
        QVERIFY(back);
        QCOMPARE(back->unaccounted, 0);
        QVERIFY(!back->unaccountedMeasured);
    }

    void damagedFileNamed() {
        const model::RunReport report = testing::runScenarioText(testing::kSpecExample);
        QTemporaryDir dir;
        QVERIFY(model::writeReport(dir.path().toStdString(), report).empty());
        std::ofstream(dir.filePath("summary.csv").toStdString(), std::ios::app)
            << "orders,produced,total,many\n";
        QFile summary(dir.filePath("summary.csv"));
        QVERIFY(summary.open(QIODevice::ReadOnly));
        const auto line = summary.readAll().count('\n'); // the appended row is the last
        model::Diagnostics diags;
        QVERIFY(!model::readReport(dir.path().toStdString(), &diags));
        QCOMPARE(diags.size(), std::size_t{1});
        const std::string text = diags[0].format();
        const std::string want =
            "summary.csv:" + std::to_string(line) + ":23: error: not a number: 'many'";
        QVERIFY2(text.find(want) != std::string::npos, text.c_str());
        QVERIFY(!model::readReport(dir.filePath("nothing-here").toStdString(), &diags));
    }
};

QTEST_GUILESS_MAIN(TestReportReader)
#include "tst_report_reader.moc"
