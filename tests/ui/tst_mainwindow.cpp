// The desktop window end to end (offscreen): open a scenario onto the canvas, run it to the
// end through the RunController at max speed, and check that what the GUI received and
// charted equals the engine's own report; palette, connect, knob edits, save and reload.
#include <QLineSeries>
#include <QListWidget>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <cmath>

#include "model/yaml/ScenarioLoader.h"
#include "support/CliRunner.h"
#include "support/gui/CascadeConfirm.h"
#include "ui/canvas/GraphScene.h"
#include "ui/canvas/GraphView.h"
#include "ui/canvas/NodeItem.h"
#include "ui/canvas/PalettePanel.h"
#include "ui/charts/ChartPlan.h"
#include "ui/charts/ChartsPanel.h"
#include "ui/charts/MetricChart.h"
#include "ui/editor/CanvasEditor.h"
#include "ui/editor/Document.h"
#include "ui/editor/FileController.h"
#include "ui/inspector/DiagnosticsPanel.h"
#include "ui/live/EventLogPanel.h"
#include "ui/live/LiveView.h"
#include "ui/live/PartitionsPanel.h"
#include "ui/live/RunToolBar.h"
#include "ui/window/MainWindow.h"

using namespace eventbench;
using eventbench::ui::MainWindow;
using State = eventbench::ui::RunController::State;

namespace {

const QString kScenario =
    QStringLiteral(EVENTBENCH_SOURCE_DIR "/scenarios/orders-and-payments.yaml");

bool sameValue(double a, double b) {
    return a == b || (std::isnan(a) && std::isnan(b));
}

const model::RunReport::Series *findSeries(const model::RunReport &r, const std::string &node,
                                           const std::string &metric) {
    for (const auto &s : r.series)
        if (s.node == node && s.metric == metric)
            return &s;
    return nullptr;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void opensScenarioOntoCanvas();
    void runsToEndAndChartsMatchReport();
    void guiAndCliReportsAreIdentical();
    void stepAdvancesOneSample();
    void pacedRunDoesNotOutrunItsSpeed();
    void paletteDoubleClickAddsNode();
    void connectRefusesForbiddenEdges();
    void knobEditsAreValidatedAndUndoable();
    void saveAndReloadGivesEqualScenario();
    void deleteTakesReferencesAlong();
    void canvasDragMovesAndShiftDragConnects();
    void chartsFollowSelection();
    void brokenFileOpensToBeFixed();
};

void TestMainWindow::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("eventbench-tests"));
    QVERIFY2(QFile::exists(kScenario), qPrintable(kScenario));
}

void TestMainWindow::opensScenarioOntoCanvas() {
    MainWindow w;
    QVERIFY(w.files()->openFile(kScenario));
    QCOMPARE(w.graphScene()->nodeCount(), 8);
    QCOMPARE(w.graphScene()->edgeCount(), 6);
    QCOMPARE(w.graphScene()->nodeItem("orders")->kind(), model::NodeKind::Producer);
    QCOMPARE(w.graphScene()->nodeItem("inventory-db")->kind(), model::NodeKind::Store);
    QCOMPARE(w.runToolBar()->seedBox()->value(), 42);
    QVERIFY(!w.document()->isModified());
    // Layered layout: producers, then topics, then consumers, then what they feed.
    auto x = [&](const char *id) { return w.graphScene()->nodeItem(id)->pos().x(); };
    QCOMPARE(x("orders"), 0.0);
    QCOMPARE(x("payments"), 0.0);
    QCOMPARE(x("order-events"), 230.0);
    QCOMPARE(x("inventory"), 460.0);
    QCOMPARE(x("inventory-db"), 690.0);
    QCOMPARE(x("inventory-dlq"), 690.0);
}

void TestMainWindow::runsToEndAndChartsMatchReport() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.files()->openFile(kScenario));
    w.runToolBar()->setSpeedIndex(3); // max
    w.graphScene()->selectOnly("inventory");
    // The GUI thread must keep turning while the engine runs flat out on its worker.
    QElapsedTimer sinceTick;
    qint64 longestGap = 0;
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout,
                     [&] { longestGap = std::max(longestGap, sinceTick.restart()); });
    QVERIFY(w.startRun());
    sinceTick.start();
    ticker.start(5);
    QVERIFY(!w.graphScene()->isEditable());
    QVERIFY(!w.palette()->isEnabled());
    auto *run = w.runController();
    QTRY_VERIFY_WITH_TIMEOUT(run->state() == State::Finished, 300000);
    ticker.stop();
    QVERIFY2(longestGap < 1000, qPrintable(QString::number(longestGap)));
    QVERIFY(w.liveView()->redraws() >= 1);
    const model::RunReport *report = run->report();
    QVERIFY(report);
    QVERIFY(w.graphScene()->isEditable());
    const auto &data = run->data();

    // Every sample and event the engine recorded reached the GUI, none twice.
    QCOMPARE(data.sampleCount(), report->sampleTimes.size());
    QCOMPARE(data.sampleCount(), std::size_t(600));
    QCOMPARE(data.events().size(), report->events.size());
    QCOMPARE(data.seriesCount(), report->series.size());
    for (std::size_t i = 0; i < report->series.size(); ++i)
        for (std::size_t k = 0; k < data.sampleCount(); ++k)
            QVERIFY2(sameValue(data.values(int(i))[k], report->series[i].values[k]),
                     qPrintable(QString::fromStdString(report->series[i].node + "." +
                                                       report->series[i].metric)));

    // The totals in the summary are the sums of the series the GUI holds.
    for (const char *metric : {"received", "processed", "dead_lettered"}) {
        const auto *total = report->find("inventory", metric, "total");
        QVERIFY(total);
        QCOMPARE(data.sum(data.seriesIndex("inventory", metric)), total->value);
    }
    QVERIFY(report->find("inventory", "processed", "total")->value > 100000);

    // What the charts show ends on the report's numbers.
    w.liveView()->refreshNow();
    QLineSeries *processed = w.charts()->series("inventory", "processed");
    QVERIFY(processed);
    QVERIFY(processed->count() <= ui::MetricChart::kMaxPoints);
    const auto *series = findSeries(*report, "inventory", "processed");
    QCOMPARE(processed->at(processed->count() - 1).x(), report->sampleTimes.back());
    QCOMPARE(processed->at(processed->count() - 1).y(), series->values.back() / 1.0);
    QLineSeries *dead = w.charts()->series("inventory", "dead_lettered");
    QVERIFY(dead);
    QCOMPARE(dead->at(dead->count() - 1).y(),
             report->find("inventory", "dead_lettered", "total")->value);
    QLineSeries *lag = w.charts()->series("inventory", "lag");
    QVERIFY(lag);
    QCOMPARE(lag->at(lag->count() - 1).y(), findSeries(*report, "inventory", "lag")->values.back());

    // The ledger must balance and the verdicts are in the event log.
    QCOMPARE(report->unaccounted, std::int64_t(0));
    QCOMPARE(w.eventLog()->topLevelItemCount(),
             int(report->events.size() + report->expectations.size() + 1));
    QVERIFY(w.graphScene()->nodeItem("inventory")->badge().startsWith("lag "));
    // The assignment rows reach the event log; the partitions table shows the report's rows.
    QVERIFY(!w.eventLog()->findItems("assignment", Qt::MatchExactly, 2).isEmpty());
    QCOMPARE(w.partitionsPanel()->rowCount(), int(report->partitions.size()));
    QVERIFY(!report->partitions.empty());
    const auto &last = report->partitions.back();
    const int lastRow = w.partitionsPanel()->rowCount() - 1;
    QCOMPARE(w.partitionsPanel()->item(lastRow, 0)->text(), QString::fromStdString(last.topic));
    QCOMPARE(w.partitionsPanel()->item(lastRow, 5)->text(), QString::number(last.lagMax));
    QVERIFY(!w.graphScene()->nodeItem("orders")->badge().isEmpty());

    // A picture of the finished window, for a person to look at.
    if (qEnvironmentVariableIsSet("EVENTBENCH_UI_SHOT"))
        w.grab().save(qEnvironmentVariable("EVENTBENCH_UI_SHOT"));

    QTemporaryDir dir;
    QString error;
    QVERIFY2(w.exportReport(dir.path(), &error), qPrintable(error));
    QVERIFY(QFile::exists(dir.filePath("summary.csv")));
    QVERIFY(QFile::exists(dir.filePath("timeseries.csv")));
    QVERIFY(w.charts()->exportPng(dir.filePath("charts.png")));
    QVERIFY(QFileInfo(dir.filePath("charts.png")).size() > 1000);
}

void TestMainWindow::guiAndCliReportsAreIdentical() {
    // The GUI's export and `eventbench run --out` must write the same CSV for the same run
    // (apart from the wall-clock time it took).
    MainWindow w;
    QVERIFY(w.files()->openFile(kScenario));
    w.runToolBar()->setSpeedIndex(3);
    QVERIFY(w.startRun());
    QTRY_VERIFY_WITH_TIMEOUT(w.runController()->state() == State::Finished, 300000);
    QTemporaryDir gui, cli;
    QVERIFY(w.exportReport(gui.path()));

    QVERIFY2(QFile::exists(EVENTBENCH_BINARY), "build the eventbench target first");
    const testing::CliResult run =
        testing::CliRunner().run({"run", kScenario, "--out", cli.path(), "--quiet"});
    QVERIFY(run.err != "timed out");
    QCOMPARE(run.exitCode, 0);

    auto read = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(unreadable)");
    };
    for (const char *name : {"timeseries.csv", "events.csv", "partitions.csv"})
        QVERIFY2(read(gui.filePath(name)) == read(cli.filePath(name)), name);
    auto withoutWall = [&](const QString &path) {
        QList<QByteArray> lines = read(path).split('\n');
        lines.removeIf([](const QByteArray &l) { return l.startsWith("run,wall_seconds,"); });
        return lines;
    };
    const auto guiSummary = withoutWall(gui.filePath("summary.csv"));
    QVERIFY(guiSummary.size() > 100);
    QCOMPARE(guiSummary, withoutWall(cli.filePath("summary.csv")));

    // Every point on every chart is a number of the headless run (time and value, after the
    // chart's transform: per second, running total, milliseconds), for the charted nodes.
    QMap<QString, QMap<double, double>> cliSeries; // "node/metric" -> time -> value
    const QList<QByteArray> rows = read(cli.filePath("timeseries.csv")).split('\n');
    for (int i = 1; i < rows.size(); ++i) {
        const QList<QByteArray> f = rows[i].split(',');
        if (f.size() == 4)
            cliSeries[QString::fromUtf8(f[1] + '/' + f[2])][f[0].toDouble()] = f[3].toDouble();
    }
    w.graphScene()->clearSelection();
    for (const char *id : {"orders", "order-events", "inventory", "inventory-dlq", "inventory-db"})
        w.graphScene()->nodeItem(id)->setSelected(true);
    w.liveView()->refreshNow();
    int lines = 0, points = 0;
    for (int c = 0; c < ui::kChartCount; ++c) {
        ui::MetricChart *chart = w.charts()->chart(ui::ChartId(c));
        for (const ui::ChartLine &line : chart->lines()) {
            const QMap<double, double> cliLine = cliSeries.value(line.node + '/' + line.metric);
            QVERIFY2(cliLine.size() == 600, qPrintable(line.node + '/' + line.metric));
            // The chart's y of each sample, computed from the CLI's numbers.
            QMap<double, double> expected;
            double total = 0;
            for (auto it = cliLine.begin(); it != cliLine.end(); ++it) {
                total = ui::ChartPlan::apply(line.transform, it.value(), 1.0, total);
                expected[it.key()] = total;
                if (line.transform != ui::Transform::Cumulative)
                    total = 0;
            }
            QLineSeries *s = chart->series(line.node, line.metric);
            QVERIFY(s && s->count() > 0);
            for (const QPointF &p : s->points()) {
                QVERIFY2(expected.contains(p.x()), qPrintable(QString::number(p.x())));
                QVERIFY2(sameValue(p.y(), expected.value(p.x())),
                         qPrintable(QStringLiteral("%1/%2 at %3: %4 vs %5")
                                        .arg(line.node, line.metric)
                                        .arg(p.x())
                                        .arg(p.y())
                                        .arg(expected.value(p.x()))));
                ++points;
            }
            ++lines;
        }
    }
    qInfo("%d chart lines, %d points, each equal to the headless run's number", lines, points);
    QVERIFY(lines >= 15);
}

void TestMainWindow::stepAdvancesOneSample() {
    MainWindow w;
    QVERIFY(w.files()->openFile(kScenario));
    QVERIFY(w.startRun(true));
    auto *run = w.runController();
    run->step();
    QTRY_COMPARE_WITH_TIMEOUT(run->data().sampleCount(), std::size_t(1), 20000);
    QCOMPARE(run->data().now(), model::kNanosPerSecond);
    run->step();
    run->step();
    QTRY_COMPARE_WITH_TIMEOUT(run->data().sampleCount(), std::size_t(3), 20000);
    QCOMPARE(run->data().now(), 3 * model::kNanosPerSecond);
    QCOMPARE(run->state(), State::Paused);
    QVERIFY(!w.graphScene()->isEditable());
    run->stop();
    QCOMPARE(run->state(), State::Stopped);
    QVERIFY(w.graphScene()->isEditable());
}

void TestMainWindow::pacedRunDoesNotOutrunItsSpeed() {
    MainWindow w;
    QVERIFY(w.files()->openFile(kScenario));
    w.runToolBar()->setSpeedIndex(1); // 10x
    QElapsedTimer wall;
    wall.start();
    QVERIFY(w.startRun());
    QTest::qWait(1500);
    const double simSeconds = double(w.runController()->data().now()) / 1e9;
    const double maxAllowed = 10.0 * double(wall.elapsed()) / 1000.0 + 1.0;
    QVERIFY2(simSeconds <= maxAllowed, qPrintable(QString::number(simSeconds)));
    QVERIFY(simSeconds > 0);
    w.runController()->pause();
    QCOMPARE(w.runController()->state(), State::Paused);
    w.runController()->stop();
}

void TestMainWindow::paletteDoubleClickAddsNode() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.files()->openFile(kScenario));
    ui::PalettePanel *palette = w.palette();
    QListWidgetItem *queue = palette->itemFor(model::NodeKind::Queue);
    const QPoint at = palette->visualItemRect(queue).center();
    QTest::mouseClick(palette->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(palette->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(w.graphScene()->nodeCount(), 9);
    ui::NodeItem *added = w.graphScene()->nodeItem("queue1");
    QVERIFY(added);
    QCOMPARE(added->kind(), model::NodeKind::Queue);
    QCOMPARE(w.graphScene()->selectedNodeIds(), QStringList{"queue1"});
    QVERIFY(w.document()->isModified());
    QVERIFY(w.document()->scenario().findNode("queue1")->pos.has_value());
    w.document()->undoStack()->undo();
    QCOMPARE(w.graphScene()->nodeCount(), 8);
    QVERIFY(!w.document()->isModified());
}

void TestMainWindow::connectRefusesForbiddenEdges() {
    MainWindow w;
    QVERIFY(w.files()->openFile(kScenario));
    QString reason;
    QVERIFY(!w.editor()->connectNodes("orders", "notification", &reason));
    QVERIFY2(reason.contains("topic, queue or exchange"), qPrintable(reason));
    QVERIFY(!w.editor()->connectNodes("orders", "order-events", &reason));
    QVERIFY(reason.contains("already connected"));
    QVERIFY(!w.editor()->connectNodes("inventory-db", "inventory", &reason));
    QCOMPARE(w.graphScene()->edgeCount(), 6);
    QVERIFY(w.editor()->connectNodes("payments", "order-events", &reason));
    QCOMPARE(w.graphScene()->edgeCount(), 7);
    QCOMPARE(w.document()->scenario().edges.back().from, std::string("payments"));
    QVERIFY(w.document()->diagnostics().empty());
}

void TestMainWindow::knobEditsAreValidatedAndUndoable() {
    MainWindow w;
    QVERIFY(w.files()->openFile(kScenario));
    QVERIFY(w.editor()->editKnob("nodes.inventory", "instances", "5"));
    QCOMPARE(w.document()->scenario().findNode("inventory")->consumer.instances, 5);
    QVERIFY(w.editor()->editKnob("nodes.inventory", "service_time",
                                 "{distribution: uniform, min: 1ms, max: 3ms}"));
    const auto &st = w.document()->scenario().findNode("inventory")->consumer.serviceTime;
    QCOMPARE(st.kind, model::Distribution::Kind::Uniform);
    QCOMPARE(st.max, 3e6);
    QString reason;
    QVERIFY(!w.editor()->editKnob("nodes.inventory", "instances", "many", &reason));
    QVERIFY(!reason.isEmpty());
    QVERIFY(!w.editor()->editKnob("nodes.orders", "rate", "-5/s", &reason));
    QVERIFY(!w.editor()->editKnob("edges.3", "ratio", "0.5", &reason));
    QVERIFY2(reason.contains("follow-up"), qPrintable(reason));
    QVERIFY2(w.editor()->editKnob("edges.3", "latency", "5ms", &reason), qPrintable(reason));
    QCOMPARE(w.document()->scenario().edges[3].latency->value, 5e6);
    QCOMPARE(w.document()->scenario().edges[3].to, std::string("inventory"));
    QVERIFY(w.editor()->editKnob("", "duration", "2m"));
    QCOMPARE(w.document()->scenario().duration, 120 * model::kNanosPerSecond);
    QCOMPARE(w.document()->undoStack()->count(), 4);
    while (w.document()->undoStack()->canUndo())
        w.document()->undoStack()->undo();
    QCOMPARE(w.document()->scenario().findNode("inventory")->consumer.instances, 3);
    QVERIFY(!w.document()->isModified());
}

void TestMainWindow::saveAndReloadGivesEqualScenario() {
    MainWindow w;
    QVERIFY(w.files()->openFile(kScenario));
    w.editor()->moveNodes({{"orders", QPointF(-40, 70)}});
    w.editor()->addNodeAt(model::NodeKind::Exchange, QPointF(300, 400));
    QVERIFY(w.editor()->connectNodes("inventory", "exchange1"));
    QTemporaryDir dir;
    const QString path = dir.filePath("saved.yaml");
    QVERIFY(w.files()->saveTo(path));
    QVERIFY(!w.document()->isModified());
    QCOMPARE(w.document()->filePath(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(w.files()->recentFiles().value(0), QFileInfo(path).absoluteFilePath());

    model::LoadResult r = model::loadScenarioFile(path.toStdString());
    QVERIFY(r.scenario);
    QVERIFY(*r.scenario == w.document()->scenario());
    QCOMPARE(r.scenario->findNode("orders")->pos, std::make_optional(std::make_pair(-40.0, 70.0)));

    MainWindow again;
    QVERIFY(again.files()->openFile(path));
    QVERIFY(again.document()->scenario() == w.document()->scenario());
    QCOMPARE(again.graphScene()->nodeCount(), 9);
    QCOMPARE(again.graphScene()->edgeCount(), 7);
}

void TestMainWindow::deleteTakesReferencesAlong() {
    MainWindow w;
    QVERIFY(w.files()->openFile(kScenario));
    const model::Scenario before = w.document()->scenario();
    w.graphScene()->selectOnly("inventory-dlq");
    w.editor()->deleteSelection();
    QVERIFY(testing::answerCascadeDelete());
    QCOMPARE(w.graphScene()->nodeCount(), 7);
    const model::Scenario &s = w.document()->scenario();
    QVERIFY(!s.findNode("inventory-dlq"));
    QCOMPARE(s.findNode("inventory")->consumer.deadLetter, std::string());
    QCOMPARE(s.expectations.size(), before.expectations.size() - 1);
    QVERIFY(w.document()->diagnostics().empty());
    w.graphScene()->selectOnly("order-events");
    w.editor()->deleteSelection();
    QVERIFY(testing::answerCascadeDelete());
    QCOMPARE(w.graphScene()->edgeCount(), 3); // orders->, ->notification, ->inventory gone
    QCOMPARE(w.document()->scenario().faults.size(), before.faults.size() - 1);
    w.document()->undoStack()->undo();
    w.document()->undoStack()->undo();
    QVERIFY(w.document()->scenario() == before);
    QCOMPARE(w.graphScene()->edgeCount(), 6);
}

void TestMainWindow::canvasDragMovesAndShiftDragConnects() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.files()->openFile(kScenario));
    ui::GraphView *view = w.graphView();
    view->resetZoom();
    view->centerOn(345, 0);
    QWidget *vp = view->viewport();
    auto at = [&](const char *id) {
        return view->mapFromScene(w.graphScene()->nodeItem(id)->scenePos());
    };

    // Shift+drag from payments to order-events adds that edge.
    QTest::mousePress(vp, Qt::LeftButton, Qt::ShiftModifier, at("payments"));
    QTest::mouseMove(vp, (at("payments") + at("order-events")) / 2);
    QTest::mouseMove(vp, at("order-events"));
    QTest::mouseRelease(vp, Qt::LeftButton, Qt::ShiftModifier, at("order-events"));
    QCOMPARE(w.graphScene()->edgeCount(), 7);
    QCOMPARE(w.document()->scenario().edges.back().from, std::string("payments"));
    QCOMPARE(w.document()->scenario().edges.back().to, std::string("order-events"));

    // A plain drag moves the node: one undoable step, whole pixels.
    const auto before = *w.document()->scenario().findNode("inventory-db")->pos;
    const QPoint start = at("inventory-db");
    QTest::mousePress(vp, Qt::LeftButton, {}, start);
    for (int i = 1; i <= 5; ++i)
        QTest::mouseMove(vp, start + QPoint(10 * i, 6 * i));
    QTest::mouseRelease(vp, Qt::LeftButton, {}, start + QPoint(50, 30));
    const auto after = *w.document()->scenario().findNode("inventory-db")->pos;
    QCOMPARE(after.first, before.first + 50);
    QCOMPARE(after.second, before.second + 30);
    QCOMPARE(w.document()->undoStack()->count(), 2);
    w.document()->undoStack()->undo();
    QCOMPARE(*w.document()->scenario().findNode("inventory-db")->pos, before);
    QCOMPARE(w.graphScene()->nodeItem("inventory-db")->pos(), QPointF(before.first, before.second));
}

void TestMainWindow::chartsFollowSelection() {
    MainWindow w;
    QVERIFY(w.files()->openFile(kScenario));
    w.runToolBar()->setSpeedIndex(3);
    QVERIFY(w.startRun());
    QTRY_VERIFY_WITH_TIMEOUT(w.runController()->state() == State::Finished, 300000);
    w.liveView()->refreshNow();
    // Nothing selected: every consumer is charted.
    QVERIFY(w.charts()->series("inventory", "processed"));
    QVERIFY(w.charts()->series("notification", "processed"));
    QVERIFY(w.charts()->series("notification", "latency_p99"));
    QVERIFY(!w.charts()->series("orders", "published"));
    w.graphScene()->selectOnly("orders");
    QLineSeries *published = w.charts()->series("orders", "published");
    QVERIFY(published);
    QVERIFY(!w.charts()->series("inventory", "processed"));
    QVERIFY(published->count() >= 100 && published->count() <= ui::MetricChart::kMaxPoints);
    const auto &data = w.runController()->data();
    const int s = data.seriesIndex("orders", "published");
    QCOMPARE(published->at(0), QPointF(data.times().front(), data.values(s).front()));
    QCOMPARE(published->at(published->count() - 1), QPointF(600, data.last(s)));
}

void TestMainWindow::brokenFileOpensToBeFixed() {
    MainWindow w;
    QVERIFY(w.files()->openFile(kScenario));
    w.editor()->moveNodes({{"orders", QPointF(10, 10)}});
    QTemporaryDir dir;
    const QString path = dir.filePath("broken.yaml");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("scenario: x\nduration: 1m\nnodes:\n  a: {kind: producer, rate: fast}\n");
    f.close();
    // The file opens to be fixed (Source view): its text is held, the canvas is empty.
    QVERIFY(!w.files()->openFile(path));
    QCOMPARE(w.graphScene()->nodeCount(), 0);
    QVERIFY(w.document()->brokenText());
    QCOMPARE(w.document()->filePath(), QFileInfo(path).absoluteFilePath());
    QVERIFY(w.diagnosticsPanel()->errorCount() >= 1);
    QVERIFY(w.diagnosticsPanel()->topLevelItem(0)->text(0).contains("broken.yaml:4:"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
