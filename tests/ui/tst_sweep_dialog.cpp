// Run > Sweep… (issue 8), offscreen: the menu opens the dialog; a sweep runs on worker
// threads and its plot and table hold exactly the means and 95% intervals of the engine's own
// runs; bad knobs and values are refused with a reason; Stop cancels; non-numeric values are
// plotted at equal steps.
#include <QAction>
#include <QCategoryAxis>
#include <QComboBox>
#include <QCompleter>
#include <QHeaderView>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStringListModel>
#include <QTableWidget>
#include <QValueAxis>
#include <QtTest>

#include <cmath>

#include "model/results/ConfidenceInterval.h"
#include "model/yaml/ScenarioLoader.h"
#include "sim/engine/Engine.h"
#include "ui/editor/Document.h"
#include "ui/sweep/SweepDialog.h"
#include "ui/sweep/SweepPlot.h"
#include "ui/sweep/SweepWorker.h"
#include "ui/window/MainWindow.h"

using namespace eventbench;
using eventbench::ui::SweepDialog;
using eventbench::ui::SweepPlot;

namespace {

const char *const kScenario = R"(scenario: sweep-gui
seed: 21
duration: 20s
nodes:
  orders: {kind: producer, rate: 100/s}
  events: {kind: topic, partitions: 2}
  billing: {kind: consumer, service_time: {distribution: exponential, mean: 2ms}}
edges:
  - orders -> events
  - events -> billing
expect:
  - ledger.unaccounted == 0
  - total(orders.produced) > 1500
)";

model::Scenario loaded(const std::string &yaml, const std::vector<std::string> &overrides = {}) {
    model::LoadResult r = model::loadScenarioText(yaml, "sweep-gui.yaml", overrides);
    if (!r.scenario)
        qFatal("scenario does not load: %s", r.diagnostics.front().format().c_str());
    return *r.scenario;
}

/// What the dialog must show for one value: the figure of `reps` engine runs, seeds seed...
model::ConfidenceInterval expected(const std::string &yaml, const std::string &assignment, int reps,
                                   const std::string &node, const std::string &metric,
                                   const std::string &stat) {
    const model::Scenario base = loaded(yaml, {assignment});
    std::vector<double> values;
    for (int r = 0; r < reps; ++r) {
        model::Scenario s = base;
        s.seed += static_cast<std::uint64_t>(r);
        sim::Engine engine(s);
        engine.runToEnd();
        const model::RunReport report = engine.takeReport();
        values.push_back(report.find(node, metric, stat)->value);
    }
    return model::ConfidenceInterval::of(values);
}

struct Fixture {
    ui::Document document;
    SweepDialog dialog{&document};
    Fixture() { document.reset(loaded(kScenario), QString(), {}); }
    void enter(const QString &path, const QString &values, int reps) {
        dialog.findChild<QLineEdit *>("sweepPath")->setText(path);
        dialog.findChild<QLineEdit *>("sweepValues")->setText(values);
        dialog.findChild<QSpinBox *>("sweepReplications")->setValue(reps);
    }
    bool finished() const {
        return !dialog.worker()->isRunning() &&
               dialog.findChild<QPushButton *>("sweepRun")->isEnabled();
    }
};

} // namespace

class TestSweepDialog : public QObject {
    Q_OBJECT
  private slots:
    void menuOpensOneDialog();
    void sweepPlotsMeansWithIntervals();
    void badKnobOrValueIsRefused_data();
    void badKnobOrValueIsRefused();
    void stopCancels();
    void nonNumericValuesAreCategories();
    void wholeValuesGetWholeTicks();
    void survivesScenariosOpenedAfterIt();
};

void TestSweepDialog::menuOpensOneDialog() {
    ui::MainWindow w;
    auto *action = w.findChild<QAction *>("sweepAction");
    QVERIFY(action);
    QCOMPARE(action->text(), QString("S&weep…"));
    action->trigger();
    auto *dialog = w.findChild<SweepDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    action->trigger();
    QCOMPARE(w.findChildren<SweepDialog *>().size(), 1);
}

void TestSweepDialog::sweepPlotsMeansWithIntervals() {
    Fixture f;
    f.enter("nodes.orders.rate", "50/s, 100/s, 200/s", 3);
    QTest::mouseClick(f.dialog.findChild<QPushButton *>("sweepRun"), Qt::LeftButton);
    QVERIFY(f.dialog.worker()->isRunning());
    QVERIFY(!f.dialog.findChild<QPushButton *>("sweepRun")->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(f.finished(), 120000);
    QCOMPARE(f.dialog.worker()->runsDone(), std::size_t{9});
    QVERIFY2(f.dialog.statusText().contains("9 runs done; 2 of 3 values pass every expectation"),
             qPrintable(f.dialog.statusText()));

    // The default figure is the first expectation's on a node.
    QCOMPARE(f.dialog.figure(), QString("orders.produced.total"));
    const std::string yaml = f.document.toYaml();
    const SweepPlot *plot = f.dialog.plot();
    QCOMPARE(plot->points().size(), 3);
    QVERIFY(!plot->categorical());
    QCOMPARE(plot->xValues(), (QVector<double>{50, 100, 200}));
    QCOMPARE(plot->errorBars().size(), 3);
    QCOMPARE(plot->meanSeries()->count(), 3);
    const char *rates[] = {"50/s", "100/s", "200/s"};
    for (int i = 0; i < 3; ++i) {
        const model::ConfidenceInterval ci = expected(
            yaml, std::string("nodes.orders.rate=") + rates[i], 3, "orders", "produced", "total");
        const SweepPlot::Point &p = plot->points()[i];
        QCOMPARE(p.label, QString(rates[i]));
        QCOMPARE(p.mean, ci.mean);
        QCOMPARE(p.low, ci.low);
        QCOMPARE(p.high, ci.high);
        QVERIFY(std::fabs(p.mean - 20 * 50 * (1 << i)) < 0.1 * 20 * 50 * (1 << i));
        QCOMPARE(plot->meanSeries()->at(i), QPointF(plot->xValues()[i], ci.mean));
        // The error bar spans the interval at the value.
        const QList<QPointF> bar = plot->errorBars()[i]->points();
        QCOMPARE(bar.size(), 6);
        QCOMPARE(bar[2], QPointF(plot->xValues()[i], ci.low));
        QCOMPARE(bar[3], QPointF(plot->xValues()[i], ci.high));
    }
    // Ticks of 1, 2 or 5 times a power of ten, and no negative count on the axis.
    const auto axes = plot->chart()->axes(Qt::Vertical);
    QCOMPARE(axes.size(), 1);
    const auto *yAxis = qobject_cast<const QValueAxis *>(axes.front());
    QVERIFY(yAxis && yAxis->min() >= 0);
    const double step = yAxis->tickInterval();
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    QVERIFY2(std::fabs(mantissa - 1) < 1e-6 || std::fabs(mantissa - 2) < 1e-6 ||
                 std::fabs(mantissa - 5) < 1e-6,
             qPrintable(QString::number(step)));
    QVERIFY(plot->chart()->axes(Qt::Horizontal).front()->titleText().endsWith("(/s)"));
    const QTableWidget *table = f.dialog.table();
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(0, 0)->text(), QString("50/s"));
    QCOMPARE(table->item(0, 2)->text(), QString("3"));
    // The failing expectation is named, with its measured value, in the cell and its tooltip.
    QVERIFY2(table->item(0, 3)->text().startsWith("FAIL (1 of 2): ") &&
                 table->item(0, 3)->text().contains("(measured "),
             qPrintable(table->item(0, 3)->text()));
    QVERIFY(table->item(0, 3)->toolTip().contains(table->item(0, 3)->text().mid(15)));
    QCOMPARE(table->item(1, 3)->text(), QString("PASS"));
    QCOMPARE(table->item(2, 3)->text(), QString("PASS"));
    QVERIFY(table->item(1, 1)->text().contains(" ± "));
    // Mean and half-width to the same decimals, thousands separated ("1,003.3 ± 12.4").
    for (int r = 0; r < 3; ++r) {
        const QStringList parts = table->item(r, 1)->text().split(" ± ");
        QCOMPARE(parts.size(), 2);
        const auto decimals = [](const QString &t) {
            return t.contains('.') ? t.size() - t.indexOf('.') - 1 : 0;
        };
        QCOMPARE(decimals(parts[0]), decimals(parts[1].section(' ', 0, 0)));
        if (plot->points()[r].mean >= 1000)
            QVERIFY2(parts[0].contains(','), qPrintable(parts[0]));
    }
    // Every header is whole.
    f.dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&f.dialog));
    for (int c = 0; c < table->columnCount(); ++c) {
        const QString header = table->horizontalHeaderItem(c)->text();
        QVERIFY2(table->horizontalHeader()->sectionSize(c) >=
                     table->horizontalHeader()->fontMetrics().horizontalAdvance(header),
                 qPrintable(header));
    }
    // The Figure chooser: a heading per node (not selectable), then that node's figures.
    const QComboBox *figures = f.dialog.findChild<QComboBox *>("sweepFigure");
    QString heading;
    int headings = 0;
    for (int i = 0; i < figures->count(); ++i) {
        const QStringList key = figures->itemData(i).toStringList();
        if (key.isEmpty()) {
            heading = figures->itemText(i);
            ++headings;
            QVERIFY(!(qobject_cast<const QStandardItemModel *>(figures->model())->item(i)->flags() &
                      Qt::ItemIsSelectable));
        } else {
            QCOMPARE(key[0], heading);
        }
    }
    QVERIFY(headings >= 3 && headings < figures->count() / 3);
    // The plot takes the room of a large window.
    f.dialog.resize(2560, 1440);
    QTRY_VERIFY2(plot->width() > 2400 && plot->height() > 850,
                 qPrintable(QStringLiteral("%1x%2").arg(plot->width()).arg(plot->height())));

    // Another figure re-plots the same runs: the consumer's mean latency.
    QVERIFY(f.dialog.setFigure("billing.latency.mean"));
    const model::ConfidenceInterval latency =
        expected(yaml, "nodes.orders.rate=200/s", 3, "billing", "latency", "mean");
    QCOMPARE(plot->points()[2].mean, latency.mean);
    QCOMPARE(plot->points()[2].high, latency.high);
    QVERIFY(!f.dialog.setFigure("nosuch.figure.total"));
}

void TestSweepDialog::badKnobOrValueIsRefused_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("values");
    QTest::addColumn<QString>("reason");
    QTest::newRow("no such node") << "nodes.nosuch.instances"
                                  << "1,2"
                                  << "no node 'nosuch'";
    QTest::newRow("bad value") << "nodes.billing.instances"
                               << "1,banana"
                               << "Value 'banana'";
    QTest::newRow("empty value") << "nodes.billing.instances"
                                 << "1,,2"
                                 << "value 2 is empty";
    QTest::newRow("nothing entered") << ""
                                     << ""
                                     << "Name the knob";
}

void TestSweepDialog::badKnobOrValueIsRefused() {
    QFETCH(QString, path);
    QFETCH(QString, values);
    QFETCH(QString, reason);
    Fixture f;
    f.enter(path, values, 2);
    QVERIFY(!f.dialog.runSweep());
    QVERIFY(!f.dialog.worker()->isRunning());
    QVERIFY2(f.dialog.statusText().contains(reason), qPrintable(f.dialog.statusText()));
}

void TestSweepDialog::stopCancels() {
    Fixture f;
    f.enter("duration", "3000s, 4000s", 4);
    QVERIFY(f.dialog.runSweep());
    QTest::mouseClick(f.dialog.findChild<QPushButton *>("sweepStop"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(f.finished(), 60000);
    QVERIFY(f.dialog.worker()->runsDone() < 8);
    QVERIFY(f.dialog.worker()->stats().empty());
    QVERIFY2(f.dialog.statusText().startsWith("Stopped"), qPrintable(f.dialog.statusText()));
    QCOMPARE(f.dialog.plot()->points().size(), 0);
}

void TestSweepDialog::nonNumericValuesAreCategories() {
    QCOMPARE(SweepPlot::numericValue("4"), 4.0);
    QCOMPARE(SweepPlot::numericValue("200/s"), 200.0);
    QCOMPARE(SweepPlot::numericValue("15ms"), 0.015);
    QCOMPARE(SweepPlot::numericValue("1KB"), 1000.0);
    QVERIFY(std::isnan(SweepPlot::numericValue("{distribution: exponential, mean: 2ms}")));
    Fixture f;
    f.enter("nodes.billing.service_time", "{distribution: exponential, mean: 2ms}, 3ms", 1);
    QVERIFY(f.dialog.runSweep());
    QTRY_VERIFY_WITH_TIMEOUT(f.finished(), 60000);
    QCOMPARE(f.dialog.figure(), QString("orders.produced.total"));
    QVERIFY(f.dialog.setFigure("billing.latency.mean"));
    const SweepPlot *plot = f.dialog.plot();
    QVERIFY(plot->categorical());
    QCOMPARE(plot->xValues(), (QVector<double>{0, 1}));
    QCOMPARE(plot->points()[0].label, QString("{distribution: exponential, mean: 2ms}"));
    QCOMPARE(plot->errorBars().size(), 0);   // one replication: no interval
    QVERIFY(plot->points()[1].mean > 0.003); // constant 3 ms plus waiting
    QVERIFY(plot->points()[0].mean < plot->points()[1].mean);
    // Latency in milliseconds, as on the live and stored charts.
    QCOMPARE(plot->meanSeries()->at(1).y(), plot->points()[1].mean * 1000);
    QCOMPARE(plot->chart()->axes(Qt::Vertical).front()->titleText(), QString("ms"));
    QVERIFY(f.dialog.table()->item(1, 1)->text().endsWith(" ms"));
}

// A sweep of instances 2..4 (or partitions, any count) has ticks on whole values only, none
// at 2.5; a rate sweep keeps its 1/2/5 steps.
void TestSweepDialog::wholeValuesGetWholeTicks() {
    SweepPlot plot;
    QVector<SweepPlot::Point> points;
    for (int i = 2; i <= 4; ++i)
        points.append({QString::number(i), 10.0 * i, 10.0 * i, 10.0 * i});
    plot.setPoints(points, "nodes.inventory.instances", "inventory.processed.total");
    auto *axis = qobject_cast<QCategoryAxis *>(plot.chart()->axes(Qt::Horizontal).front());
    QVERIFY(axis);
    const QStringList ticks = axis->categoriesLabels();
    QVERIFY(ticks.size() >= 3);
    for (const QString &tick : ticks) {
        const double v = axis->endValue(tick);
        QVERIFY2(v == std::round(v), qPrintable(tick));
    }
    QVERIFY(axis->min() <= 2 && axis->max() >= 4);
    points.clear();
    for (const char *rate : {"0.5", "1", "1.5"})
        points.append({rate, 1, 1, 1});
    plot.setPoints(points, "nodes.orders.rate", "orders.produced.total");
    axis = qobject_cast<QCategoryAxis *>(plot.chart()->axes(Qt::Horizontal).front());
    QVERIFY(axis);
    const QStringList rateTicks = axis->categoriesLabels();
    QVERIFY(std::any_of(rateTicks.begin(), rateTicks.end(), [axis](const QString &tick) {
        return axis->endValue(tick) != std::round(axis->endValue(tick));
    }));
}

// Run > Sweep…, close the dialog, then open one scenario and another (issue 14's crash: the
// dialog's knob completer was deleted by the first change and used by the second).
void TestSweepDialog::survivesScenariosOpenedAfterIt() {
    ui::MainWindow w;
    w.show();
    w.findChild<QAction *>("sweepAction")->trigger();
    auto *dialog = w.findChild<SweepDialog *>();
    QVERIFY(dialog);
    dialog->close();
    auto *path = dialog->findChild<QLineEdit *>("sweepPath");
    const auto words = [path] {
        return qobject_cast<QStringListModel *>(path->completer()->model())->stringList();
    };
    w.document()->reset(loaded(kScenario), QString(), {});
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(words().contains("nodes.billing.service_time"));
    const std::string other =
        QString::fromUtf8(kScenario).replace("billing", "shipping").toStdString();
    w.document()->reset(loaded(other), QString(), {});
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(words().contains("nodes.shipping.service_time"));
    QVERIFY(!words().contains("nodes.billing.service_time"));
    path->setText("nodes.ship");
    QVERIFY(path->completer()->completionCount() > 0);
}

QTEST_MAIN(TestSweepDialog)
#include "tst_sweep_dialog.moc"
