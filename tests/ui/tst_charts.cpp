// Charts a person can analyse (issue 14), driven offscreen with real mouse and keyboard
// events: the hover readout equals timeseries.csv at the sample under the mouse; the wheel,
// a rubber band and Home change and restore the axis range; a double-click enlarges a chart
// and Esc brings the grid back; every node keeps its colour in the live, stored and compared
// charts; a fault is a band from fault_applied to fault_reverted on every chart; the export
// writes a PNG and an SVG of the chosen size with the caption; the dead-letter chart shows the
// queues that dead-letter; a selected bus shows only its own charts; ticks are 1/2/5×10^k
// in the unit the range calls for (ms, s, min), thousands separated.
#define QTEST_QPA_MOUSE_HANDLING
#include <QCategoryAxis>
#include <QImage>
#include <QLineEdit>
#include <QLineSeries>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolButton>
#include <QValueAxis>
#include <QtTest>
#include <cmath>

#include "support/gui/GuiDriver.h"
#include "ui/charts/AxisUnit.h"
#include "ui/charts/ChartGrid.h"
#include "ui/charts/ChartsPanel.h"
#include "ui/charts/MetricChart.h"
#include "ui/charts/NiceScale.h"
#include "ui/charts/NodePalette.h"
#include "ui/charts/OverlayChart.h"
#include "ui/editor/FileController.h"
#include "ui/history/RunRecorder.h"
#include "ui/history/StoredRunData.h"
#include "ui/history/StoredRunView.h"
#include "ui/live/LiveView.h"
#include "ui/live/RunToolBar.h"
#include "ui/sweep/SweepDialog.h"
#include "ui/sweep/SweepWorker.h"

using namespace eventbench;
using eventbench::testing::runToEnd;
using State = ui::RunController::State;

namespace {

const QString kCrash =
    QStringLiteral(EVENTBENCH_SOURCE_DIR "/scenarios/consumer-crash-replay.yaml");
const QString kDlx = QStringLiteral(EVENTBENCH_SOURCE_DIR "/scenarios/rabbitmq-topic-dlx.yaml");

/// "node/metric" -> time -> value, from a timeseries.csv.
QMap<QString, QMap<double, double>> readCsv(const QString &path) {
    QMap<QString, QMap<double, double>> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QList<QByteArray> rows = f.readAll().split('\n');
    for (int i = 1; i < rows.size(); ++i) {
        const QList<QByteArray> c = rows[i].split(',');
        if (c.size() == 4)
            out[QString::fromUtf8(c[1] + '/' + c[2])][c[0].toDouble()] = c[3].toDouble();
    }
    return out;
}

/// Opens `path` in `w` and runs it to the end at full speed.
bool niceStep(double step) {
    const double m = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    return std::fabs(m - 1) < 1e-6 || std::fabs(m - 2) < 1e-6 || std::fabs(m - 5) < 1e-6;
}

// How long a test waits for the recorder's thread to store a run: beside other tests a write
// has taken 15 s.
constexpr int kStoreWaitMs = 60000;

/// The last stored run of the window's results store.
std::optional<ui::StoredRunData> lastStoredRun(ui::MainWindow &w) {
    model::ResultsStore store;
    if (!store.open(w.recorder()->storePath().toStdString()).empty())
        return std::nullopt;
    const auto runs = store.listRuns({}, nullptr);
    if (runs.empty())
        return std::nullopt;
    qint64 newest = 0;
    for (const auto &r : runs)
        newest = std::max<qint64>(newest, qint64(r.id));
    QString error;
    auto data = ui::StoredRunData::load(store, newest, &error);
    if (!data)
        qWarning("lastStoredRun: %s", qPrintable(error));
    return data;
}

/// A plot whose every line reads a 150 s latency (150000 ms) at whole minutes.
class FlatPlot : public ui::PlotView {
  public:
    QVector<Reading> readingsAt(double time) const override {
        return {{QStringLiteral("p99"), Qt::blue, std::round(time / 60) * 60, 150000}};
    }
};

} // namespace

class TestCharts : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("eventbench-tests"));
        QVERIFY(QFile::exists(kCrash));
    }

    void niceTicks() {
        QCOMPARE(ui::NiceScale::niceStep(1.0, 5), 0.2);
        QCOMPARE(ui::NiceScale::niceStep(360, 6), 100.0);
        QCOMPARE(ui::NiceScale::niceStep(0.033, 5), 0.01);
        // The sweep's lag of issue 14: never below zero, ends on whole steps.
        const ui::NiceScale s = ui::NiceScale::around(-224.4, 3400, 5, true);
        QCOMPARE(s.min, 0.0);
        QVERIFY(niceStep(s.step));
        QVERIFY(s.max >= 3400 && std::fmod(s.max, s.step) == 0);
        QCOMPARE(ui::ChartPlan::figureUnit("latency_p99").unit, QString("ms"));
        QCOMPARE(ui::ChartPlan::figureUnit("latency_p99").scale, 1000.0);
        QCOMPARE(ui::ChartPlan::figureUnit("lag_time").unit, QString("s"));
        QCOMPARE(ui::ChartPlan::figureUnit("lag").unit, QString("msg"));
    }

    void unitsFollowTheRange();
    void wholeRunBandLeavesDataReadable();
    void analyseALiveRun();
    void coloursAndBandsAcrossViews();
    void exportWritesPngAndSvg();
    void rightNodesPerChart();
    void screenshots();
};

// Issue 14's "150000" ms axis: times are shown in ms, s or min as their size calls for, and
// other figures with thousands separated, on the axis, in the title and in the readout.
void TestCharts::unitsFollowTheRange() {
    using ui::AxisUnit;
    QCOMPARE(AxisUnit::pick("ms", 800).name, QString("ms"));
    QCOMPARE(AxisUnit::pick("ms", 150000).name, QString("s"));
    QCOMPARE(AxisUnit::pick("ms", 150000).factor, 1000.0);
    QCOMPARE(AxisUnit::pick("s", 300).name, QString("s"));
    QCOMPARE(AxisUnit::pick("s", 3600).name, QString("min"));
    QCOMPARE(AxisUnit::pick("s", 0.05).name, QString("ms"));
    QCOMPARE(AxisUnit::pick("s", 86400).name, QString("h"));
    QCOMPARE(AxisUnit::pick("msg/s", 150000).name, QString("msg/s"));
    QCOMPARE(AxisUnit::pick("ms", 150000).withName(150000), QString("150 s"));
    QCOMPARE((AxisUnit{"msg/s", 1}.withName(150000)), QString("150,000 msg/s"));
    QCOMPARE((AxisUnit{"msg", 1}.withName(1234.5678)), QString("1,234.57 msg"));
    QCOMPARE((AxisUnit{"ms", 1}.withName(-0.0)), QString("0 ms"));
    ui::NiceScale big = ui::NiceScale::around(0, 150000, 5, true);
    QCOMPARE(big.labels().back(), QString("150,000"));

    FlatPlot plot;
    plot.resize(480, 320);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.setTitleAndUnit("Latency", "ms");
    plot.setDataRange(0, 3600, 150000);
    QCOMPARE(plot.chart()->title(), QString("Latency (s)"));
    QCOMPARE(plot.shownUnit().name, QString("s"));
    const QStringList y = static_cast<QCategoryAxis *>(plot.yAxis())->categoriesLabels();
    QVERIFY2(y.front() == "0" && y.back().toDouble() >= 150 && y.back().toDouble() <= 200,
             qPrintable(y.join('|')));
    QCOMPARE(plot.yAxis()->max(), y.back().toDouble() * 1000); // the series stay in ms
    const QStringList x = static_cast<QCategoryAxis *>(plot.xAxis())->categoriesLabels();
    QVERIFY2(x.front() == "0 min" && x.back() == "60 min", qPrintable(x.join('|')));
    QTest::mouseMove(plot.viewport(), plot.viewportPointOf(QPointF(1800, 100000)));
    QTRY_VERIFY(!plot.readoutText().isEmpty());
    QVERIFY2(plot.readoutText().contains("t = 30 min"), qPrintable(plot.readoutText()));
    QVERIFY2(plot.readoutText().contains("p99: 150 s"), qPrintable(plot.readoutText()));
    // A short run's figure stays in ms.
    plot.setDataRange(0, 60, 40);
    QCOMPARE(plot.chart()->title(), QString("Latency (ms)"));
    QCOMPARE(static_cast<QCategoryAxis *>(plot.xAxis())->categoriesLabels().back(),
             QString("60 s"));
}

// A fault over the whole run is a strip along the top with its label, not a tint over every
// line; a shorter one tints its span from top to bottom.
void TestCharts::wholeRunBandLeavesDataReadable() {
    FlatPlot plot;
    plot.resize(480, 320);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.setTitleAndUnit("Latency", "ms");
    plot.setDataRange(0, 300, 40);
    plot.setBands({{0, 300, "outage events"}, {60, 120, "crash inventory"}});
    const QRect whole = plot.bandRect(0), part = plot.bandRect(1);
    const QRect bottom = QRect(plot.viewportPointOf(QPointF(0, 0)),
                               plot.viewportPointOf(QPointF(300, plot.yAxis()->max())))
                             .normalized();
    QVERIFY2(whole.height() <= 8 && whole.width() >= bottom.width() - 2,
             qPrintable(QStringLiteral("%1x%2").arg(whole.width()).arg(whole.height())));
    QVERIFY(std::abs(whole.top() - bottom.top()) <= 2);
    QVERIFY(part.height() >= bottom.height() - 2);
    // Both labels are shown, the strip's under the strip.
    QVERIFY(!plot.bandLabelRect(0).isEmpty() && !plot.bandLabelRect(1).isEmpty());
    QVERIFY(plot.bandLabelRect(0).top() >= whole.bottom() - 1);
}

// Hover, zoom, pan, reset and enlarge on the live throughput chart of a finished run.
void TestCharts::analyseALiveRun() {
    ui::MainWindow w;
    w.resize(1600, 1000);
    testing::GuiDriver gui(w);
    QVERIFY(gui.show());
    QVERIFY(runToEnd(w, kCrash));
    QTemporaryDir dir;
    QVERIFY(w.exportReport(dir.path()));
    const auto csv = readCsv(dir.filePath("timeseries.csv"));
    QVERIFY(csv.contains("inventory/processed"));
    gui.selectNode("inventory");
    QCOMPARE(w.graphScene()->selectedNodeIds(), QStringList{"inventory"});
    w.liveView()->refreshNow();

    ui::MetricChart *chart = w.charts()->chart(ui::ChartId::Throughput);
    QVERIFY(chart->isVisible());
    // Seven charts (the crash shows on the members chart) in the default layout at 1600x1000:
    // three rows of three, each large enough to read (about 249x125).
    QCOMPARE(w.charts()->grid()->visibleCharts().size(), 7);
    QVERIFY2(chart->width() > 220 && chart->height() > 120,
             qPrintable(QStringLiteral("%1x%2").arg(chart->width()).arg(chart->height())));
    QWidget *vp = chart->viewport();
    // The readout at t ≈ 150 s names the sample's time and the CSV's value (per second).
    for (const double at : {30.0, 150.0, 299.0}) {
        // On a busy machine the layout the selection asked for can still move the plot area
        // after the mouse was aimed (the point then read t = 17 s for 30 s): aim again until
        // the readout the move produced names the time aimed at.
        QVector<ui::PlotView::Reading> readings;
        auto aim = [&] {
            const QPoint p = chart->viewportPointOf(QPointF(at, chart->yAxis()->max() / 2));
            QTest::mouseMove(vp, p);
            readings = chart->readingsAt(chart->valueAt(p).x());
            return !readings.isEmpty() && std::fabs(readings.front().time - at) <= 1.0 &&
                   chart->readoutText().contains(
                       QStringLiteral("t = %1 s").arg(readings.front().time));
        };
        QTRY_VERIFY2(aim(), qPrintable(readings.isEmpty() ? QStringLiteral("no reading")
                                                          : QString::number(readings.front().time) +
                                                                ": " + chart->readoutText()));
        const double t = readings.front().time;
        const double expected = csv["inventory/processed"].value(t, NAN); // 1 s samples
        QVERIFY(std::isfinite(expected));
        bool found = false;
        for (const auto &r : readings)
            if (r.series == "out") {
                QCOMPARE(r.value, expected);
                found = true;
            }
        QVERIFY(found);
        const QString text = chart->readoutText();
        QVERIFY2(
            text.contains(QStringLiteral("out: %1 msg/s").arg(QString::number(expected, 'g', 6))),
            qPrintable(text));
    }

    // The wheel zooms the time axis around the mouse.
    const double x0 = chart->xAxis()->min(), x1 = chart->xAxis()->max();
    QCOMPARE(x0, 0.0);
    const QPoint mid = chart->viewportPointOf(QPointF(180, 0));
    QWheelEvent wheel(mid, vp->mapToGlobal(mid), QPoint(), QPoint(0, 240), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(vp, &wheel);
    QVERIFY(chart->isZoomed());
    QVERIFY(chart->xAxis()->min() > x0 && chart->xAxis()->max() < x1);
    QVERIFY(chart->xAxis()->min() < 180 && chart->xAxis()->max() > 180);
    // Home shows the whole run again.
    chart->setFocus();
    QTest::keyClick(chart, Qt::Key_Home);
    QVERIFY(!chart->isZoomed());
    QCOMPARE(chart->xAxis()->min(), x0);
    QCOMPARE(chart->xAxis()->max(), x1);
    // A rubber band from 100 s to 200 s shows 100..200 s.
    const double yMid = chart->yAxis()->max() / 2;
    gui.drag(vp, chart->viewportPointOf(QPointF(100, yMid)),
             chart->viewportPointOf(QPointF(200, yMid)));
    QVERIFY(chart->isZoomed());
    QVERIFY(std::fabs(chart->xAxis()->min() - 100) < 2);
    QVERIFY(std::fabs(chart->xAxis()->max() - 200) < 2);
    QVERIFY(niceStep(chart->xAxis()->tickInterval()));
    // Shift+drag pans: the range keeps its width and moves.
    const double width = chart->xAxis()->max() - chart->xAxis()->min();
    gui.drag(vp, chart->viewportPointOf(QPointF(150, yMid)),
             chart->viewportPointOf(QPointF(130, yMid)), Qt::LeftButton, Qt::ShiftModifier);
    QVERIFY(chart->xAxis()->min() > 110);
    QVERIFY(std::fabs(chart->xAxis()->max() - chart->xAxis()->min() - width) < 1e-6);
    // The reset button.
    auto *reset = chart->findChild<QToolButton *>("chartResetZoom");
    QVERIFY(reset && reset->isEnabled());
    QTest::mouseClick(reset, Qt::LeftButton, {}, reset->rect().center());
    QVERIFY(!chart->isZoomed());

    // A double-click gives the chart the whole grid; Esc brings the others back.
    ui::ChartGrid *grid = w.charts()->grid();
    const QSize small = chart->size();
    QTest::mouseDClick(vp, Qt::LeftButton, {}, mid);
    QCOMPARE(grid->enlarged(), chart);
    QTRY_VERIFY(chart->width() > small.width() && chart->height() > small.height());
    QVERIFY(!w.charts()->chart(ui::ChartId::Lag)->isVisible());
    QTest::keyClick(chart, Qt::Key_Escape);
    QCOMPARE(grid->enlarged(), nullptr);
    QVERIFY(w.charts()->chart(ui::ChartId::Lag)->isVisible());

    // The charts grow with the window.
    const QSize before = chart->size();
    w.resize(2560, 1440);
    QTRY_VERIFY(chart->width() > before.width());
}

// One colour per node in the live, stored and compared charts; the crash is a band from
// fault_applied to fault_reverted on every chart of each.
void TestCharts::coloursAndBandsAcrossViews() {
    ui::MainWindow w;
    w.resize(1600, 1000);
    testing::GuiDriver gui(w);
    QVERIFY(gui.show());
    QVERIFY(runToEnd(w, kCrash));
    w.graphScene()->clearSelection();
    for (const char *id : {"orders", "inventory", "inventory-db"})
        w.graphScene()->nodeItem(id)->setSelected(true);
    w.liveView()->refreshNow();

    // The fault's events.
    double applied = -1, reverted = -1;
    for (const auto &e : w.runController()->data().events()) {
        if (e.event == "fault_applied")
            applied = double(e.time) / 1e9;
        if (e.event == "fault_reverted")
            reverted = double(e.time) / 1e9;
    }
    QCOMPARE(applied, 60.0);
    QCOMPARE(reverted, 180.0);
    int charts = 0;
    for (ui::PlotView *c : w.charts()->grid()->visibleCharts()) {
        ++charts;
        QCOMPARE(c->bands().size(), 1);
        QCOMPARE(c->bands()[0].from, applied);
        QCOMPARE(c->bands()[0].to, reverted);
        QCOMPARE(c->bands()[0].label, QString("crash inventory"));
        const QRect r = c->bandRect(0);
        QVERIFY(std::abs(r.left() - c->viewportPointOf(QPointF(applied, 0)).x()) <= 2);
        QVERIFY(std::abs(r.right() - c->viewportPointOf(QPointF(reverted, 0)).x()) <= 2);
    }
    QVERIFY(charts >= 4);

    QLineSeries *live = w.charts()->series("inventory", "processed");
    QLineSeries *producer = w.charts()->series("orders", "published");
    QVERIFY(live && producer);
    QCOMPARE(live->pen().color(), ui::NodePalette::colour("inventory"));
    QCOMPARE(producer->pen().color(), ui::NodePalette::colour("orders"));
    QVERIFY(live->pen().color() != producer->pen().color());
    const QColor inventoryColour = live->pen().color(); // the series goes with the next run

    // The same run from the results store, alone and compared with a second run.
    QVERIFY(w.recorder()->waitUntilWritten(kStoreWaitMs));
    QVERIFY(lastStoredRun(w).has_value());
    auto a = std::make_shared<const ui::StoredRunData>(*lastStoredRun(w));
    QVERIFY(runToEnd(w, kCrash));
    QVERIFY(w.recorder()->waitUntilWritten(kStoreWaitMs));
    QVERIFY(lastStoredRun(w) && lastStoredRun(w)->run.id != a->run.id);
    auto b = std::make_shared<const ui::StoredRunData>(*lastStoredRun(w));
    for (auto second : {std::shared_ptr<const ui::StoredRunData>{}, b}) {
        ui::StoredRunView view(a, second);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ui::OverlayChart *t = view.chart(ui::ChartId::Throughput);
        QLineSeries *stored = t->series("inventory", "processed", 0);
        QVERIFY(stored);
        QCOMPARE(stored->pen().color(), inventoryColour);
        if (second) {
            QCOMPARE(t->series("inventory", "processed", 1)->pen().color(), inventoryColour);
            QCOMPARE(stored->pen().style(), Qt::SolidLine);
            QCOMPARE(t->series("inventory", "processed", 1)->pen().style(), Qt::DashLine);
        }
        for (ui::PlotView *c : view.chartGrid()->visibleCharts()) {
            QVERIFY(!c->bands().isEmpty());
            QCOMPARE(c->bands()[0].from, applied);
            QCOMPARE(c->bands()[0].to, reverted);
        }
        // The stored chart's readout is the stored sample too.
        const QPoint p = t->viewportPointOf(QPointF(90, t->yAxis()->max() / 2));
        QTest::mouseMove(t->viewport(), p);
        QTRY_VERIFY(t->readoutText().contains("crash inventory"));
    }
}

void TestCharts::exportWritesPngAndSvg() {
    ui::MainWindow w;
    testing::GuiDriver gui(w);
    QVERIFY(gui.show());
    QVERIFY(runToEnd(w, kCrash));
    const QString caption = w.charts()->exportCaption();
    const auto *report = w.runController()->report();
    QVERIFY(caption.contains("consumer-crash-replay"));
    QVERIFY(caption.contains("seed 21"));
    QVERIFY(caption.contains(
        QString::fromStdString(model::ResultsStore::formatFingerprint(report->fingerprint))));
    QTemporaryDir dir;
    QString error;
    QVERIFY2(w.charts()->exportImage(dir.filePath("c.png"), QSize(1800, 1100), &error),
             qPrintable(error));
    QImage png(dir.filePath("c.png"));
    QCOMPARE(png.size(), QSize(1800, 1100));
    // The caption is drawn at the top: dark pixels in the first rows.
    int dark = 0;
    for (int y = 0; y < 24; ++y)
        for (int x = 0; x < 600; ++x)
            dark += qGray(png.pixel(x, y)) < 100 ? 1 : 0;
    QVERIFY(dark > 50);
    QVERIFY2(w.charts()->exportImage(dir.filePath("c.svg"), QSize(1200, 700), &error),
             qPrintable(error));
    QFile svg(dir.filePath("c.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray text = svg.readAll();
    QVERIFY(text.contains("viewBox=\"0 0 1200 700\""));
    QVERIFY(text.contains("consumer-crash-replay"));
    QVERIFY(text.contains("Throughput"));
}

// The dead-letter chart shows the queues that dead-letter; a selected bus shows only its own
// figures' charts, none of them empty.
void TestCharts::rightNodesPerChart() {
    ui::MainWindow w;
    w.resize(1600, 1000);
    testing::GuiDriver gui(w);
    QVERIFY(gui.show());
    QVERIFY(runToEnd(w, kDlx));
    const auto *report = w.runController()->report();
    double queueDeadLetters = 0;
    for (const auto &s : report->summary)
        if (s.metric == "dead_lettered" && s.stat == "total" &&
            QString::fromStdString(s.node).endsWith("-q"))
            queueDeadLetters += s.value;
    QVERIFY(queueDeadLetters > 0);
    ui::MetricChart *dl = w.charts()->chart(ui::ChartId::DeadLetters);
    QVERIFY(dl->isVisible());
    double charted = 0;
    for (const ui::ChartLine &l : dl->lines())
        if (l.node.endsWith("-q") && l.metric == "dead_lettered") {
            QLineSeries *s = dl->series(l.node, l.metric);
            charted += s->at(s->count() - 1).y();
        }
    QCOMPARE(charted, queueDeadLetters);

    gui.selectNode("billing-q");
    w.liveView()->refreshNow();
    int shown = 0;
    for (ui::PlotView *c : w.charts()->grid()->visibleCharts()) {
        ++shown;
        QVERIFY(!c->chart()->series().isEmpty());
    }
    QVERIFY(shown >= 4);
    QVERIFY(!w.charts()->chart(ui::ChartId::Latency)->isVisible());
    gui.selectNode("orders");
    w.liveView()->refreshNow();
    QCOMPARE(w.charts()->grid()->visibleCharts().size(), 2); // routed; unroutable
    QVERIFY(w.charts()->series("orders", "unroutable"));
}

// Pictures for a person to look at (EVENTBENCH_CHART_SHOTS=DIR): a live run with its fault
// band, an enlarged chart with the hover readout, the compare view and the sweep view, at
// 1024×700, 1600×1000 and 2560×1440.
void TestCharts::screenshots() {
    const QString out = qEnvironmentVariable("EVENTBENCH_CHART_SHOTS");
    if (out.isEmpty())
        QSKIP("set EVENTBENCH_CHART_SHOTS=DIR to write the pictures");
    ui::MainWindow w;
    testing::GuiDriver gui(w);
    QVERIFY(gui.show());
    QVERIFY(runToEnd(w, kCrash));
    QVERIFY(runToEnd(w, kCrash));
    for (const QSize size : {QSize(1024, 700), QSize(1600, 1000), QSize(2560, 1440)}) {
        const QString tag = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
        w.resize(size);
        QTest::qWait(200);
        w.grab().save(out + "/live-" + tag + ".png");
        ui::MetricChart *lag = w.charts()->chart(ui::ChartId::Lag);
        QTest::mouseDClick(lag->viewport(), Qt::LeftButton, {}, lag->viewport()->rect().center());
        QTest::qWait(200);
        QTest::mouseMove(lag->viewport(),
                         lag->viewportPointOf(QPointF(150, lag->yAxis()->max() / 2)));
        QTest::qWait(200);
        w.grab().save(out + "/enlarged-" + tag + ".png");
        QTest::keyClick(lag, Qt::Key_Escape);
        model::ResultsStore store;
        QVERIFY(store.open(w.recorder()->storePath().toStdString()).empty());
        const auto runs = store.listRuns({}, nullptr);
        QVERIFY(runs.size() >= 2);
        auto a = std::make_shared<const ui::StoredRunData>(
            *ui::StoredRunData::load(store, runs[runs.size() - 2].id, nullptr));
        auto b = std::make_shared<const ui::StoredRunData>(
            *ui::StoredRunData::load(store, runs.back().id, nullptr));
        ui::StoredRunView view(a, b);
        view.resize(size);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTest::qWait(200);
        view.grab().save(out + "/compare-" + tag + ".png");
        QVERIFY(w.charts()->exportImage(out + "/export-" + tag + ".png", size));
        QVERIFY(w.charts()->exportImage(out + "/export-" + tag + ".svg", size));
    }
    w.findChild<QAction *>("sweepAction")->trigger();
    auto *sweep = w.findChild<ui::SweepDialog *>();
    QVERIFY(sweep);
    sweep->findChild<QLineEdit *>("sweepPath")->setText("nodes.inventory.instances");
    sweep->findChild<QLineEdit *>("sweepValues")->setText("2, 3, 4");
    sweep->findChild<QSpinBox *>("sweepReplications")->setValue(3);
    QVERIFY(sweep->runSweep());
    QVERIFY(QTest::qWaitFor([&] { return !sweep->worker()->isRunning(); }, 300000));
    QTest::qWait(300);
    sweep->setFigure("inventory.latency.p99");
    for (const QSize size : {QSize(1024, 700), QSize(1600, 1000), QSize(2560, 1440)}) {
        sweep->resize(size);
        QTest::qWait(200);
        sweep->grab().save(out +
                           QStringLiteral("/sweep-%1x%2.png").arg(size.width()).arg(size.height()));
        sweep->setFigure("inventory.lag.max");
    }
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
