// The window stays responsive while the engine runs flat out on its worker thread: a 10 ms
// timer on the GUI thread keeps being answered (p99 lateness under 500 ms; the numbers are
// printed), and a one-hour run with 1 s samples leaves every chart line with a bounded number
// of points that still carry the extremes.
#include <QLineSeries>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <vector>

#include "model/yaml/ScenarioLoader.h"
#include "model/yaml/ScenarioWriter.h"
#include "ui/canvas/GraphScene.h"
#include "ui/canvas/NodeItem.h"
#include "ui/charts/ChartsPanel.h"
#include "ui/charts/MetricChart.h"
#include "ui/editor/FileController.h"
#include "ui/live/LiveView.h"
#include "ui/live/RunController.h"
#include "ui/live/RunToolBar.h"
#include "ui/window/MainWindow.h"

using namespace eventbench;
using eventbench::ui::MainWindow;
using State = eventbench::ui::RunController::State;

namespace {

const QString kScenarios = QStringLiteral(EVENTBENCH_SOURCE_DIR "/scenarios/");

double percentile(std::vector<double> v, double p) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto i = std::size_t(std::ceil(p * double(v.size()))) - 1;
    return v[std::min(i, v.size() - 1)];
}

} // namespace

class TestResponsiveness : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void timerAnsweredDuringFlatOutRun();
    void oneHourRunKeepsChartsBounded();
};

void TestResponsiveness::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("eventbench-tests"));
}

void TestResponsiveness::timerAnsweredDuringFlatOutRun() {
    // The reference example (ten minutes) at ten times its load, so that the run lasts long enough
    // to measure: 3,500 messages a second into 32 + 16 partitions.
    model::LoadResult r = model::loadScenarioFile(
        (kScenarios + "orders-and-payments.yaml").toStdString(),
        {"nodes.orders.rate=2000/s", "nodes.payments.rate=1500/s",
         "nodes.order-events.partitions=32", "nodes.payment-events.partitions=16",
         "nodes.notification.instances=32", "nodes.inventory.instances=32"});
    QVERIFY(r.scenario);
    QCOMPARE(r.scenario->duration, 600 * model::kNanosPerSecond);
    QTemporaryDir dir;
    const QString path = dir.filePath("heavy.yaml");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(model::writeScenarioYaml(*r.scenario)));
    f.close();

    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.files()->openFile(path));
    // Several nodes charted at once: the redraws have work to do.
    for (const char *id : {"orders", "order-events", "inventory", "notification"})
        w.graphScene()->nodeItem(id)->setSelected(true);
    w.runToolBar()->setSpeedIndex(3); // as fast as possible

    std::vector<double> lateMs;
    lateMs.reserve(4096);
    QElapsedTimer sinceTick;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        const double gap = double(sinceTick.nsecsElapsed()) / 1e6;
        sinceTick.start();
        lateMs.push_back(std::max(0.0, gap - 10.0));
    });
    QElapsedTimer wall;
    wall.start();
    QVERIFY(w.startRun());
    sinceTick.start();
    timer.start(10);
    QTRY_VERIFY_WITH_TIMEOUT(w.runController()->state() == State::Finished, 600000);
    timer.stop();
    const double seconds = double(wall.elapsed()) / 1000;

    const double p50 = percentile(lateMs, 0.50);
    const double p99 = percentile(lateMs, 0.99);
    const double max = percentile(lateMs, 1.0);
    qInfo("GUI timer (10 ms) during a %.1f s flat-out run of 10 simulated minutes: %zu ticks, "
          "lateness p50 %.2f ms, p99 %.2f ms, max %.2f ms; %d redraws",
          seconds, lateMs.size(), p50, p99, max, w.liveView()->redraws());
    QVERIFY2(lateMs.size() >= 50, "the run was too short to measure");
    // A liveness bound, not the performance bar: a GUI thread blocked by the run (the defect
    // this guards) is late by the whole run. The 50 ms p99 target is gui_bench's, measured on
    // a quiet machine; here, under sanitizers and beside other tests, 150 ms has been seen.
    QVERIFY2(p99 < 500, qPrintable(QString::number(p99)));
    // The live view kept redrawing while the run went on (not only at the end): at least half
    // of its most (one redraw a ui::LiveView::kRedrawMs). Not all of it: a redraw waits for the
    // next sample after the interval, so a 1.1 s run has drawn 9 times beside other tests.
    const int most = int(seconds * 1000 / ui::LiveView::kRedrawMs);
    QVERIFY2(w.liveView()->redraws() >= std::min(10, most / 2),
             qPrintable(QString("%1 redraws in %2 s").arg(w.liveView()->redraws()).arg(seconds)));
    QCOMPARE(w.runController()->data().sampleCount(), std::size_t(600));
    QCOMPARE(w.runController()->report()->unaccounted, std::int64_t(0));
}

void TestResponsiveness::oneHourRunKeepsChartsBounded() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.files()->openFile(kScenarios + "single-partition-mm1.yaml"));
    w.graphScene()->selectOnly("server");
    w.runToolBar()->setSpeedIndex(3);
    QVERIFY(w.startRun());
    QTRY_VERIFY_WITH_TIMEOUT(w.runController()->state() == State::Finished, 600000);
    w.liveView()->refreshNow();
    const ui::RunData &data = w.runController()->data();
    QCOMPARE(data.sampleCount(), std::size_t(3600));

    int lines = 0;
    for (int c = 0; c < ui::kChartCount; ++c) {
        ui::MetricChart *chart = w.charts()->chart(ui::ChartId(c));
        for (const ui::ChartLine &line : chart->lines()) {
            QLineSeries *s = chart->series(line.node, line.metric);
            QVERIFY(s);
            ++lines;
            // Bounded: at most kMaxPoints whatever the run's length.
            QVERIFY2(s->count() <= ui::MetricChart::kMaxPoints,
                     qPrintable(line.metric + QStringLiteral(": %1").arg(s->count())));
            if (line.transform != ui::Transform::Raw)
                continue;
            // Gauges: the line ends on the last sample and keeps the highest one.
            const auto &v = data.values(line.series);
            QVERIFY(s->count() >= 100);
            QCOMPARE(s->at(s->count() - 1), QPointF(data.times().back(), v.back()));
            double shownMax = 0;
            for (const QPointF &p : s->points())
                shownMax = std::max(shownMax, p.y());
            QCOMPARE(shownMax, *std::max_element(v.begin(), v.end()));
        }
    }
    qInfo("one hour of 1 s samples: %d chart lines, at most %d points each", lines,
          ui::MetricChart::kMaxPoints);
    QVERIFY(lines >= 6);
}

QTEST_MAIN(TestResponsiveness)
#include "tst_responsiveness.moc"
