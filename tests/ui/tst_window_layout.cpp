// The window's layout at the sizes people have: 1024×700 leaves the canvas, the charts and the
// docks usable; 2560×1440 gives the charts room; the docks are remembered between sessions and
// View > Reset Layout puts them back; the run and compare windows and the dialogs open on the
// screen; the "Finished" line stays; New and Close reset the event log, charts and diagnostics;
// the event log's detail is readable whole; Help opens the documentation.
#define QTEST_QPA_MOUSE_HANDLING
#include <QDockWidget>
#include <QLabel>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTableWidget>
#include <QTextBrowser>
#include <QtTest>

#include "support/gui/GuiDriver.h"
#include "ui/charts/ChartsPanel.h"
#include "ui/editor/FileController.h"
#include "ui/history/RunRecorder.h"
#include "ui/history/RunsPanel.h"
#include "ui/history/StoredRunView.h"
#include "ui/inspector/DiagnosticsPanel.h"
#include "ui/live/EventLogPanel.h"
#include "ui/live/LiveView.h"
#include "ui/live/RunController.h"
#include "ui/live/RunToolBar.h"
#include "ui/sweep/SweepDialog.h"
#include "ui/window/RunStatusLabel.h"
#include "ui/window/WindowActions.h"
#include "ui/window/WindowLayout.h"

using namespace eventbench;
using eventbench::testing::GuiDriver;
using eventbench::ui::MainWindow;
using State = eventbench::ui::RunController::State;

namespace {

const QString kScenarios = QStringLiteral(EVENTBENCH_SOURCE_DIR "/scenarios/");

QDockWidget *dock(MainWindow &w, const char *name) {
    return w.findChild<QDockWidget *>(QLatin1String(name));
}

QWidget *chartsArea(MainWindow &w) {
    return w.findChild<QScrollArea *>("chartsScroll")->viewport();
}

// Inside the screen's free area: the frame's top left, and the window's extent unless the
// window cannot be that small (its layout's minimum; the offscreen screen is only 800 wide).
bool onScreen(QWidget *window) {
    const QRect area = window->screen()->availableGeometry();
    const QRect r = window->frameGeometry();
    const QSize least = window->minimumSizeHint().expandedTo(window->minimumSize());
    const bool fitsWide = r.right() <= area.right() + 1 || r.width() <= least.width();
    const bool fitsHigh = r.bottom() <= area.bottom() + 1 || r.height() <= least.height();
    return area.contains(r.topLeft()) && fitsWide && fitsHigh;
}

} // namespace

class TestWindowLayout : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void smallWindowStaysUsable();
    void largeWindowGivesTheChartsRoom();
    void docksRememberedAndReset();
    void runAndResetsAndWindowsOnScreen();
    void helpShowsTheDocumentation();
    void statusCutAtAWord();
    void docksKeepTheirSharesOnResize();
};

// Shrinking or growing the window keeps each dock's share (not its pixels, which would leave
// a small window's canvas a strip and give a large window's room to the canvas alone).
void TestWindowLayout::docksKeepTheirSharesOnResize() {
    MainWindow w;
    GuiDriver d(w);
    QVERIFY(w.files()->openFile(kScenarios + "orders-and-payments.yaml"));
    w.resize(1600, 1000);
    QVERIFY(d.show());
    w.windowLayout()->applyDefault();
    QTest::qWait(50);
    QDockWidget *inspector = dock(w, "inspectorDock");
    QDockWidget *charts = dock(w, "chartsDock");
    double inspectorShare = inspector->width() / 1600.0;
    double chartsShare = charts->height() / 1000.0;
    for (const QSize size : {QSize(1024, 700), QSize(2560, 1440), QSize(1600, 1000)}) {
        w.resize(size);
        QTest::qWait(50);
        const QSize canvas = w.graphView()->size();
        qInfo("%dx%d: canvas %dx%d, inspector %d, charts %d", size.width(), size.height(),
              canvas.width(), canvas.height(), inspector->width(), charts->height());
        QVERIFY(std::abs(inspector->width() / double(size.width()) - inspectorShare) < 0.03 ||
                inspector->width() <= inspector->minimumSizeHint().width() + 8);
        QVERIFY(std::abs(charts->height() / double(size.height()) - chartsShare) < 0.04);
        QVERIFY(canvas.width() >= size.width() * 45 / 100);
        QVERIFY(canvas.width() <= size.width() * 75 / 100);
        QVERIFY(canvas.height() >= ui::WindowLayout::kMinCanvasHeight);
        inspectorShare = inspector->width() / double(size.width()); // the next step's start
        chartsShare = charts->height() / double(size.height());
    }
}

// The run's verdict takes the status bar's room; when that is too little it is cut after a
// whole word, never mid-word, and the tooltip has it all.
void TestWindowLayout::statusCutAtAWord() {
    MainWindow w;
    GuiDriver d(w);
    w.resize(1024, 700);
    QVERIFY(d.show());
    const QString text =
        QStringLiteral("Finished: 1234567 events in 12.34 s; expectations 3 passed, 2 failed "
                       "(inventory.latency.p99 < 250ms over the whole run, measured 40000 ms, and "
                       "payments.dead_lettered.total == 0, measured 12)");
    ui::RunStatusLabel *label = w.runStatusLabel();
    label->show(text, true);
    QTest::qWait(50);
    const QString cut = label->shownText();
    QVERIFY2(cut.endsWith(QStringLiteral("…")) && cut.size() > 30, qPrintable(cut));
    const QString head = cut.chopped(1);
    QVERIFY2(text.startsWith(head) && !text.at(head.size()).isLetterOrNumber(), qPrintable(cut));
    QVERIFY(label->fontMetrics().horizontalAdvance(cut) <= label->contentsRect().width());
    QCOMPARE(label->toolTip(), text);
    QCOMPARE(label->text(), text);
    // A wide window shows it whole.
    w.resize(2560, 1440);
    QTRY_COMPARE(label->shownText(), text);
}

void TestWindowLayout::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("eventbench-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_window_layout"));
    QSettings().remove(QStringLiteral("window"));
}

void TestWindowLayout::smallWindowStaysUsable() {
    MainWindow w;
    GuiDriver d(w);
    QVERIFY(w.files()->openFile(kScenarios + "orders-and-payments.yaml"));
    QVERIFY(w.minimumSizeHint().width() <= 1024);
    QVERIFY(w.minimumSizeHint().height() <= 700);
    w.resize(1024, 700);
    QVERIFY(d.show());
    w.windowLayout()->applyDefault();
    QTest::qWait(50);
    QCOMPARE(w.size(), QSize(1024, 700));
    const QSize canvas = w.graphView()->viewport()->size();
    const QSize charts = chartsArea(w)->size();
    qInfo("1024x700: canvas %dx%d, charts %dx%d, log %dx%d, inspector %dx%d", canvas.width(),
          canvas.height(), charts.width(), charts.height(), w.eventLog()->width(),
          w.eventLog()->height(), w.inspector()->width(), w.inspector()->height());
    // The canvas keeps the larger share; the charts, log, palette and inspector stay readable.
    QVERIFY(canvas.width() >= 1024 * 45 / 100);
    QVERIFY(canvas.height() >= 700 * 35 / 100);
    QVERIFY(w.charts()->isVisible());
    QVERIFY(charts.width() >= 380 && charts.height() >= 150);
    QVERIFY(w.eventLog()->isVisible() && w.eventLog()->width() >= 150);
    QVERIFY(w.inspector()->isVisible() && w.inspector()->width() >= 200);
    QVERIFY(w.palette()->isVisible() && w.palette()->width() >= 100);
    // The tabs of the docks beside the charts show their whole names.
    int tabs = 0;
    for (QTabBar *bar : w.findChildren<QTabBar *>(QString(), Qt::FindDirectChildrenOnly))
        for (int i = 0; i < bar->count(); ++i) {
            ++tabs;
            QCOMPARE(bar->elideMode(), Qt::ElideNone);
            QVERIFY2(bar->tabRect(i).width() >=
                         bar->fontMetrics().horizontalAdvance(bar->tabText(i)),
                     qPrintable(bar->tabText(i)));
        }
    QVERIFY(tabs >= 6); // event log, diagnostics, partitions; inspector, runs, source
    // Smaller still: the canvas never collapses to a strip.
    w.resize(1024, 560);
    QTest::qWait(50);
    QVERIFY(w.graphView()->height() >= ui::WindowLayout::kMinCanvasHeight);
}

void TestWindowLayout::largeWindowGivesTheChartsRoom() {
    MainWindow w;
    GuiDriver d(w);
    w.resize(2560, 1440);
    QVERIFY(d.show());
    w.windowLayout()->applyDefault();
    QTest::qWait(50);
    const QSize canvas = w.graphView()->viewport()->size();
    const QSize charts = chartsArea(w)->size();
    qInfo("2560x1440: canvas %dx%d, charts %dx%d", canvas.width(), canvas.height(), charts.width(),
          charts.height());
    // About half the height and three quarters of the bottom: seven charts in three rows, each
    // wider than tall (less the grid's vertical scroll bar when there is one).
    QVERIFY(charts.height() >= 640 && charts.width() >= 1300);
    // The canvas still shows a graph the size of the bundled example at full scale.
    QVERIFY(canvas.height() >= 550 && canvas.width() >= 1400);
    // The charts fill the room they are given.
    QVERIFY(w.charts()->height() >= charts.height() - 2);
}

void TestWindowLayout::docksRememberedAndReset() {
    int height = 0;
    {
        MainWindow w;
        GuiDriver d(w);
        QVERIFY(!w.windowLayout()->restoreAndRemember()); // nothing saved yet
        w.resize(1400, 900);
        QVERIFY(d.show());
        w.resizeDocks({dock(w, "chartsDock")}, {220}, Qt::Vertical);
        dock(w, "paletteDock")->hide();
        QTest::qWait(50);
        height = dock(w, "chartsDock")->height();
        w.close();
    }
    MainWindow w;
    GuiDriver d(w);
    QVERIFY(w.windowLayout()->restoreAndRemember());
    QVERIFY(d.show());
    QTest::qWait(50);
    QCOMPARE(w.size(), QSize(1400, 900));
    QVERIFY(std::abs(dock(w, "chartsDock")->height() - height) <= 4);
    QVERIFY(!dock(w, "paletteDock")->isVisible());
    // View > Reset Layout: every dock back, the charts a third of the height.
    w.windowActions()->resetLayoutAction()->trigger();
    QTest::qWait(50);
    QVERIFY(dock(w, "paletteDock")->isVisible());
    QVERIFY(dock(w, "chartsDock")->height() >= 900 * 30 / 100);
    QSettings().remove(QStringLiteral("window"));
}

void TestWindowLayout::runAndResetsAndWindowsOnScreen() {
    MainWindow w;
    GuiDriver d(w);
    w.resize(1024, 700);
    QVERIFY(d.show());
    QVERIFY(w.files()->openFile(kScenarios + "rabbitmq-topic-dlx.yaml"));
    w.runToolBar()->setSpeedIndex(3);
    d.canvasKey(Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(w.runController()->state() == State::Finished, 60000);
    w.liveView()->refreshNow();
    // The verdict stays in the status bar, not a message gone in seconds.
    QVERIFY(w.runStatusLabel()->text().startsWith("Finished:"));
    QTest::qWait(5500);
    QVERIFY(w.runStatusLabel()->text().startsWith("Finished:"));
    QVERIFY(w.runStatusLabel()->isVisible());
    // Every row's detail can be read whole.
    QVERIFY(w.eventLog()->topLevelItemCount() > 0);
    for (int i = 0; i < w.eventLog()->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *row = w.eventLog()->topLevelItem(i);
        QCOMPARE(row->toolTip(3).contains(row->text(3)), true);
    }
    // The strip under the log shows the newest row whole, then the row clicked, however narrow
    // the log's columns are at 1024 px.
    auto *detail = w.findChild<QLabel *>(QStringLiteral("eventLogDetail"));
    QVERIFY(detail && detail->isVisible());
    const QTreeWidgetItem *newest =
        w.eventLog()->topLevelItem(w.eventLog()->topLevelItemCount() - 1);
    QVERIFY(detail->text().endsWith(newest->text(3)));
    const QTreeWidgetItem *first = w.eventLog()->topLevelItem(0);
    w.eventLog()->scrollToItem(first);
    QTest::mouseClick(w.eventLog()->viewport(), Qt::LeftButton, {},
                      w.eventLog()->visualItemRect(first).center());
    QTRY_VERIFY(detail->text().startsWith(first->text(0)));
    QVERIFY(detail->text().contains(first->text(2)) && detail->text().endsWith(first->text(3)));

    // The run window of the Runs panel and the sweep dialog open on the screen.
    QVERIFY(w.recorder()->waitUntilWritten());
    w.runsPanel()->refresh();
    w.runsPanel()->table()->selectRow(0);
    ui::StoredRunView *view = w.runsPanel()->openSelected();
    QVERIFY(view);
    QVERIFY(QTest::qWaitForWindowExposed(view));
    // Its top left on the screen; the run window's charts need 892 px, more than the offscreen
    // screen's 800, so only its place is checked here.
    QVERIFY(view->screen()->availableGeometry().contains(view->frameGeometry().topLeft()));
    view->close();
    w.findChild<QAction *>("sweepAction")->trigger();
    auto *sweep = w.findChild<ui::SweepDialog *>();
    QVERIFY(sweep && QTest::qWaitForWindowExposed(sweep));
    QVERIFY(onScreen(sweep));
    sweep->close();

    // File > Close: the log, the charts and the diagnostics start again.
    d.activate();
    QVERIFY(w.windowActions()->closeAction()->isEnabled());
    w.windowActions()->closeAction()->trigger();
    QCOMPARE(w.eventLog()->topLevelItemCount(), 0);
    QCOMPARE(w.runController()->state(), State::Idle);
    QCOMPARE(w.runController()->data().sampleCount(), std::size_t(0));
    QVERIFY(w.runStatusLabel()->text().isEmpty());
    QCOMPARE(w.diagnosticsPanel()->topLevelItemCount(), 0);
    QVERIFY(!w.windowActions()->saveRunAction()->isEnabled());
    QCOMPARE(w.graphScene()->nodeCount(), 0);
}

void TestWindowLayout::helpShowsTheDocumentation() {
    MainWindow w;
    GuiDriver d(w);
    QVERIFY(d.show());
    QMenu *help = w.windowActions()->helpMenu();
    QAction *docs = help->findChild<QAction *>("documentation");
    QVERIFY(docs);
    QVERIFY(help->findChild<QAction *>("about"));
    QVERIFY(!ui::WindowActions::documentationFile("README.md").isEmpty());
    docs->trigger();
    auto *window = w.findChild<QDialog *>("documentationWindow");
    QVERIFY(window && QTest::qWaitForWindowExposed(window));
    QVERIFY(onScreen(window));
    auto *text = window->findChild<QTextBrowser *>("documentationText");
    QVERIFY(text->toPlainText().contains("The desktop app"));
    window->close();
}

QTEST_MAIN(TestWindowLayout)
#include "tst_window_layout.moc"
