// Charts that stay readable in a small window, driven offscreen: at 1024×700 every live chart
// keeps a plot area of at least 90 px and its title clear of the reset and enlarge buttons
// (the grid scrolls instead); the compare window scrolls its charts, keeps each legend off the
// other charts and shows several summary rows; fault band labels stay inside the plot area
// without overlapping and carry no tooltip; an enlarged chart drops the stale crosshair.
#define QTEST_QPA_MOUSE_HANDLING
#include <QGraphicsRectItem>
#include <QGraphicsTextItem>
#include <QHeaderView>
#include <QScrollArea>
#include <QTableWidget>
#include <QToolButton>
#include <QValueAxis>
#include <QtTest>

#include "support/gui/GuiDriver.h"
#include "ui/charts/ChartGrid.h"
#include "ui/charts/ChartsPanel.h"
#include "ui/charts/MetricChart.h"
#include "ui/charts/OverlayChart.h"
#include "ui/editor/FileController.h"
#include "ui/history/RunRecorder.h"
#include "ui/history/StoredRunData.h"
#include "ui/history/StoredRunView.h"
#include "ui/live/LiveView.h"
#include "ui/live/RunToolBar.h"

using namespace eventbench;
using eventbench::testing::runToEnd;
using State = ui::RunController::State;

namespace {

const QString kCrash =
    QStringLiteral(EVENTBENCH_SOURCE_DIR "/scenarios/consumer-crash-replay.yaml");

/// The plot area of `c` in its viewport's pixels.
QRect plotRect(const ui::PlotView *c) {
    const QRectF scene = c->chart()->mapRectToScene(c->chart()->plotArea());
    return c->mapFromScene(scene).boundingRect();
}

/// Where the chart's title is drawn, in viewport pixels (empty if it has none).
QRect titleRect(const ui::PlotView *c) {
    for (QGraphicsItem *item : c->scene()->items()) {
        auto *text = dynamic_cast<QGraphicsTextItem *>(item);
        if (text && text->isVisible() && !text->toPlainText().isEmpty() &&
            c->chart()->title().startsWith(text->toPlainText().left(6)))
            return c->mapFromScene(text->sceneBoundingRect()).boundingRect();
    }
    return {};
}

/// `w` in the coordinates of `to`.
QRect rectIn(const QWidget *w, const QWidget *to) {
    return QRect(w->mapTo(to, QPoint(0, 0)), w->size());
}

} // namespace

class TestChartLayout : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("eventbench-tests"));
        QVERIFY(QFile::exists(kCrash));
    }
    void liveChartsReadableAtSmallWindow();
    void bandLabelsAndEnlarge();
    void compareAtSmallWindow();
};

void TestChartLayout::liveChartsReadableAtSmallWindow() {
    ui::MainWindow w;
    w.resize(1024, 700);
    testing::GuiDriver gui(w);
    QVERIFY(gui.show());
    w.findChild<QAction *>(QStringLiteral("resetLayout"))->trigger();
    QVERIFY(runToEnd(w, kCrash));
    QTest::qWait(100);
    int checked = 0;
    for (ui::PlotView *c : w.charts()->grid()->visibleCharts()) {
        ++checked;
        const QRect plot = plotRect(c);
        QVERIFY2(
            plot.height() >= 90,
            qPrintable(
                QStringLiteral("%1: plot %2 px tall").arg(c->chart()->title()).arg(plot.height())));
        const QRect title = titleRect(c);
        QVERIFY2(!title.isEmpty(), qPrintable(c->chart()->title()));
        for (const char *name : {"chartEnlarge", "chartResetZoom"}) {
            auto *b = c->viewport()->findChild<QToolButton *>(QString::fromLatin1(name));
            QVERIFY(b);
            QVERIFY2(!b->geometry().intersects(title),
                     qPrintable(QStringLiteral("%1: title %2,%3 %4x%5 under %6")
                                    .arg(c->chart()->title())
                                    .arg(title.x())
                                    .arg(title.y())
                                    .arg(title.width())
                                    .arg(title.height())
                                    .arg(QString::fromLatin1(name))));
        }
        // The time axis labels are not elided to "…".
        QVERIFY(c->xAxis()->tickCount() >= 2);
    }
    QVERIFY(checked >= 4);
    // The dock is smaller than the charts: the grid scrolls.
    auto *scroll = w.findChild<QScrollArea *>(QStringLiteral("chartsScroll"));
    QVERIFY(scroll);
    QVERIFY(w.charts()->height() >= w.charts()->grid()->minimumSizeHint().height());
}

// Band labels stacked inside the plot area, no tooltip on a band, no stale readout after
// enlarging, and the dead-letter chart's title without doubled parentheses.
void TestChartLayout::bandLabelsAndEnlarge() {
    ui::MainWindow w;
    w.resize(1024, 700);
    testing::GuiDriver gui(w);
    QVERIFY(gui.show());
    w.findChild<QAction *>(QStringLiteral("resetLayout"))->trigger();
    QVERIFY(runToEnd(w, kCrash));
    ui::MetricChart *c = w.charts()->chart(ui::ChartId::Throughput);
    QVERIFY(c->isVisible());
    const double end = c->xAxis()->max();
    QVector<ui::FaultBand> bands;
    for (int i = 0; i < 6; ++i) // close together, long names, the last past the right edge
        bands.append(
            {10.0 + i * 2, 40.0 + i, QStringLiteral("partition leader-%1 on broker").arg(i)});
    bands.append({0, end, QStringLiteral("whole-run latency on payments")});
    bands.append({end - 1, end, QStringLiteral("late crash inventory at the end")});
    c->setBands(bands);
    QTest::qWait(50);
    const QRect plot = plotRect(c);
    int drawn = 0;
    for (int i = 0; i < bands.size(); ++i) {
        const QRect r = c->bandLabelRect(i);
        if (r.isEmpty())
            continue;
        ++drawn;
        QVERIFY2(plot.contains(r), qPrintable(QStringLiteral("label %1 at %2,%3 %4x%5")
                                                  .arg(i)
                                                  .arg(r.x())
                                                  .arg(r.y())
                                                  .arg(r.width())
                                                  .arg(r.height())));
        for (int j = 0; j < i; ++j)
            QVERIFY2(!r.intersects(c->bandLabelRect(j)),
                     qPrintable(QString("%1 %2").arg(i).arg(j)));
    }
    QVERIFY(drawn >= 3);
    for (QGraphicsItem *item : c->scene()->items())
        QVERIFY(item->toolTip().isEmpty());

    // Hover, then enlarge: the readout goes.
    const QPoint p = c->viewportPointOf(QPointF(30, c->yAxis()->max() / 2));
    QTest::mouseMove(c->viewport(), p);
    QTRY_VERIFY(!c->readoutText().isEmpty());
    QTest::mouseDClick(c->viewport(), Qt::LeftButton, {}, p);
    QTRY_VERIFY(c->isEnlarged());
    QVERIFY(c->readoutText().isEmpty());

    const QString dl = w.charts()->chart(ui::ChartId::DeadLetters)->chart()->title();
    QVERIFY2(dl.startsWith("Dead-lettered and lost, total") && !dl.contains("(total)"),
             qPrintable(dl));
}

// The compare window at 1024×700: its charts scroll, no legend covers another chart's plot
// area, every plot area is at least 90 px tall, the summary shows at least 4 rows, and both
// runs' bands name their run.
void TestChartLayout::compareAtSmallWindow() {
    ui::MainWindow w;
    testing::GuiDriver gui(w);
    QVERIFY(gui.show());
    QVERIFY(runToEnd(w, kCrash));
    QVERIFY(runToEnd(w, kCrash));
    // The store is written on its own thread: beside other tests a write has taken 15 s.
    QVERIFY(w.recorder()->waitUntilWritten(60000));
    model::ResultsStore store;
    QVERIFY(store.open(w.recorder()->storePath().toStdString()).empty());
    QVERIFY(store.listRuns({}, nullptr).size() >= 2);
    const auto runs = store.listRuns({}, nullptr);
    auto a = std::make_shared<const ui::StoredRunData>(
        *ui::StoredRunData::load(store, runs[runs.size() - 2].id, nullptr));
    auto b = std::make_shared<const ui::StoredRunData>(
        *ui::StoredRunData::load(store, runs.back().id, nullptr));
    ui::StoredRunView view(a, b);
    view.resize(1024, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(100);
    QVERIFY(view.findChild<QScrollArea *>(QStringLiteral("storedRunChartsScroll")));
    const QVector<ui::PlotView *> charts = view.chartGrid()->visibleCharts();
    QVERIFY(charts.size() >= 4);
    for (ui::PlotView *c : charts) {
        QVERIFY2(plotRect(c).height() >= 90, qPrintable(c->chart()->title()));
        const QRect legend = rectIn(c->legendStrip(), &view);
        QVERIFY(legend.top() >= rectIn(c, &view).top());
        for (ui::PlotView *other : charts) {
            if (other == c)
                continue;
            const QRect plot =
                plotRect(other).translated(other->viewport()->mapTo(&view, QPoint()));
            QVERIFY2(!legend.intersects(plot), qPrintable(c->chart()->title()));
        }
        // The two runs had the same faults at the same times: one band each, for both runs.
        QVERIFY(!c->bands().isEmpty());
        for (const ui::FaultBand &band : c->bands())
            QVERIFY2(band.label.endsWith(QStringLiteral(" (both runs)")), qPrintable(band.label));
    }
    auto *table = view.findChild<QTableWidget *>(QStringLiteral("storedRunSummary"));
    QVERIFY(table->rowCount() >= 6);
    const int rows = table->viewport()->height() / table->verticalHeader()->defaultSectionSize();
    QVERIFY2(rows >= 4, qPrintable(QString::number(rows)));
}

QTEST_MAIN(TestChartLayout)
#include "tst_chart_layout.moc"
