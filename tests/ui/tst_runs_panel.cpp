// The app's results store end to end (offscreen, real clicks): every run of the window is
// recorded (complete, or interrupted when stopped) with exactly the report the run produced;
// the Runs dock lists the runs, filters by scenario, reopens a run's charts and summary,
// overlays two runs with their summaries compared and the changes highlighted, and deletes.
#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

#include <sstream>

#include "model/results/ReportWriter.h"
#include "model/store/ResultsStore.h"
#include "model/store/ResultsStoreCompare.h"
#include "ui/charts/OverlayChart.h"
#include "ui/editor/FileController.h"
#include "ui/history/RunRecorder.h"
#include "ui/history/RunsPanel.h"
#include "ui/history/StoredRunView.h"
#include "ui/live/RunToolBar.h"
#include "ui/window/MainWindow.h"
#include "ui/window/WindowLayout.h"

using namespace eventbench;
using ui::MainWindow;
using State = ui::RunController::State;

namespace {

const char *const kPipeline = R"(scenario: panel-test
seed: 4
duration: 30s
sample_every: 1s
nodes:
  orders: {kind: producer, rate: 200/s}
  events: {kind: topic, partitions: 2}
  billing: {kind: consumer, service_time: 2ms}
  audit: {kind: consumer, service_time: 1ms}
edges:
  - orders -> events
  - events -> billing
  - events -> audit
faults:
  - {at: 10s, for: 3s, crash: billing}
expect:
  - ledger.unaccounted == 0
)";

std::string csv(const model::RunReport &r) {
    std::ostringstream out;
    model::writeTimeseriesCsv(out, r);
    model::writeSummaryCsv(out, r);
    model::writeEventsCsv(out, r);
    return out.str();
}

void clickButton(QAbstractButton *b) {
    QVERIFY(b->isEnabled());
    // A check box reacts on its box and label, which sit at its left.
    const QPoint at =
        qobject_cast<QCheckBox *>(b) ? QPoint(8, b->height() / 2) : b->rect().center();
    QTest::mouseClick(b, Qt::LeftButton, {}, at);
}

void clickAction(MainWindow &w, QAction *action) {
    QWidget *button = w.runToolBar()->widgetForAction(action);
    QVERIFY(button);
    QVERIFY(action->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

/// Clicks the row of run `id` in the Runs table (with ctrl to add it to the selection).
void clickRun(ui::RunsPanel *panel, qint64 id, Qt::KeyboardModifiers mods = {}) {
    QTableWidget *t = panel->table();
    for (int row = 0; row < t->rowCount(); ++row) {
        if (t->item(row, 0)->text() != QString::number(id))
            continue;
        t->scrollToItem(t->item(row, 1));
        QTest::mouseClick(t->viewport(), Qt::LeftButton, mods,
                          t->visualItemRect(t->item(row, 1)).center());
        return;
    }
    QFAIL(qPrintable(QStringLiteral("run %1 is not in the table").arg(id)));
}

/// Picks `text` in a combo box the way a user does from the keyboard: focus, arrow keys.
void chooseInCombo(QComboBox *box, const QString &text) {
    const int index = box->findText(text);
    QVERIFY2(index >= 0, qPrintable(text));
    box->setFocus();
    while (box->currentIndex() != index) {
        const int before = box->currentIndex();
        QTest::keyClick(box, before < index ? Qt::Key_Down : Qt::Key_Up);
        QVERIFY(box->currentIndex() != before);
    }
}

/// Answers the next message box with `button` as soon as it shows.
void answerNextMessageBox(QMessageBox::StandardButton button) {
    auto *timer = new QTimer;
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        timer->stop();
        timer->deleteLater();
        QTest::mouseClick(box->button(button), Qt::LeftButton);
    });
    timer->start(20);
}

} // namespace

class TestRunsPanel : public QObject {
    Q_OBJECT

  private:
    QTemporaryDir m_dir;
    QString m_db;

    QString scenarioFile(const QString &name, const QByteArray &text) {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(text);
        return path;
    }
    /// Opens `file` and runs it to the end at full speed by clicking Run.
    void runToEnd(MainWindow &w, const QString &file, int seed) {
        QVERIFY(w.files()->openFile(file));
        w.runToolBar()->setSpeedIndex(3); // as fast as possible
        w.runToolBar()->seedBox()->setValue(seed);
        clickAction(w, w.runToolBar()->runAction());
        QTRY_COMPARE_WITH_TIMEOUT(w.runController()->state(), State::Finished, 60000);
        QVERIFY(w.recorder()->waitUntilWritten());
    }
    static ui::RunsPanel *showPanel(MainWindow &w) {
        w.show();
        if (!QTest::qWaitForWindowExposed(&w))
            return nullptr;
        w.findChild<QDockWidget *>(QStringLiteral("runsDock"))->raise();
        QTest::qWait(50);
        return w.runsPanel();
    }

  private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        m_db = m_dir.filePath("app-results.db");
        qputenv("EVENTBENCH_DB", m_db.toUtf8());
    }

    void storeLivesInTheUserDataDirectory() {
        qunsetenv("EVENTBENCH_DB");
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir(dir).removeRecursively();
        QCOMPARE(ui::RunRecorder::defaultStorePath(), dir + "/results.db");
        QVERIFY(QFileInfo(dir).isDir()); // created when missing
        QDir(dir).removeRecursively();
        qputenv("EVENTBENCH_DB", m_db.toUtf8());
        QCOMPARE(ui::RunRecorder::defaultStorePath(), m_db);
    }

    void everyRunIsRecordedAsItRan() {
        MainWindow w;
        ui::RunsPanel *panel = showPanel(w);
        QVERIFY(panel);
        QCOMPARE(w.recorder()->storePath(), m_db);
        runToEnd(w, scenarioFile("pipeline.yaml", kPipeline), 4);
        QVERIFY2(w.recorder()->problem().isEmpty(), qPrintable(w.recorder()->problem()));

        model::ResultsStore store;
        QVERIFY(store.open(m_db.toStdString()).empty());
        const auto runs = store.listRuns("", nullptr);
        QCOMPARE(runs.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(runs[0].status + "/" + runs[0].verdict + "/" +
                                        runs[0].source + "/" + runs[0].scenario),
                 QString("complete/pass/app/panel-test"));
        QCOMPARE(runs[0].seed, std::uint64_t{4});
        QCOMPARE(runs[0].samples, std::int64_t{30});
        // The store holds exactly the report the window's run produced.
        const auto back = store.loadReport(runs[0].id, nullptr);
        QVERIFY(back);
        QCOMPARE(QString::fromStdString(csv(*back)),
                 QString::fromStdString(csv(*w.runController()->report())));
        QVERIFY(QString::fromStdString(store.scenarioText(runs[0].id)).contains("rate: 200/s"));
        using K = model::NodeKind;
        const std::vector<std::pair<std::string, K>> kinds = {{"orders", K::Producer},
                                                              {"events", K::Topic},
                                                              {"billing", K::Consumer},
                                                              {"audit", K::Consumer}};
        QCOMPARE(store.nodeKinds(runs[0].id), kinds);

        // The dock shows it, refreshed by the recorder.
        QTRY_COMPARE(panel->table()->rowCount(), 1);
        QCOMPARE(panel->table()->item(0, 1)->text(), QString("panel-test"));
        QCOMPARE(panel->table()->item(0, 4)->text(), QString("complete (pass)"));
        QCOMPARE(panel->table()->item(0, 6)->text(), QString("30"));
        // Status, kind, wall time and samples are in sight at the default layout, at 1024x700
        // too, without scrolling.
        for (const QSize size : {QSize(1024, 700), QSize(1600, 1000), QSize(2560, 1440)}) {
            w.resize(size);
            w.windowLayout()->applyDefault();
            w.findChild<QDockWidget *>(QStringLiteral("runsDock"))->raise();
            QTest::qWait(50);
            QTableWidget *t = panel->table();
            QCOMPARE(t->horizontalScrollBar()->value(), 0);
            for (const int column : {4, 7, 5, 6}) {
                const QRect cell = t->visualItemRect(t->item(0, column));
                QVERIFY2(cell.left() >= 0 && cell.right() <= t->viewport()->width(),
                         qPrintable(QStringLiteral("%1x%2: column %3 at %4..%5 of %6")
                                        .arg(size.width())
                                        .arg(size.height())
                                        .arg(t->horizontalHeaderItem(column)->text())
                                        .arg(cell.left())
                                        .arg(cell.right())
                                        .arg(t->viewport()->width())));
            }
            // Every cell on one line and whole (the start time, last, scrolls into sight).
            QCOMPARE(t->rowHeight(0), t->verticalHeader()->defaultSectionSize());
            for (int column = 0; column < t->columnCount(); ++column)
                QVERIFY2(t->columnWidth(column) >=
                             t->fontMetrics().horizontalAdvance(t->item(0, column)->text()),
                         qPrintable(t->item(0, column)->text()));
        }
    }

    void stoppedRunIsInterruptedWithItsSamples() {
        MainWindow w;
        ui::RunsPanel *panel = showPanel(w);
        QVERIFY(panel);
        QVERIFY(w.files()->openFile(scenarioFile(
            "long.yaml", QByteArray(kPipeline).replace("duration: 30s", "duration: 10m"))));
        w.runToolBar()->setSpeedIndex(1); // 10x: a sample every 100 ms
        clickAction(w, w.runToolBar()->runAction());
        QTRY_VERIFY_WITH_TIMEOUT(w.runController()->data().sampleCount() >= 4, 30000);
        clickAction(w, w.runToolBar()->stopAction());
        QCOMPARE(w.runController()->state(), State::Stopped);
        const std::size_t seen = w.runController()->data().sampleCount();
        QVERIFY(w.recorder()->waitUntilWritten());

        model::ResultsStore store;
        QVERIFY(store.open(m_db.toStdString()).empty());
        const auto runs = store.listRuns("", nullptr);
        QCOMPARE(runs.size(), std::size_t{2});
        QCOMPARE(QString::fromStdString(runs[1].status), QString("interrupted"));
        QCOMPARE(runs[1].verdict, std::string());
        // Every sample the window had received is in the store.
        QCOMPARE(runs[1].samples, std::int64_t(seen));
        const auto report = store.loadReport(runs[1].id, nullptr);
        QVERIFY(report);
        const auto &data = w.runController()->data();
        QCOMPARE(report->sampleTimes, data.times());
        for (std::size_t s = 0; s < data.seriesCount(); ++s)
            QCOMPARE(report->series[s].values.size(), seen);
        QTRY_COMPARE(panel->table()->rowCount(), 2);
        QCOMPARE(panel->table()->item(0, 4)->text(), QString("interrupted")); // newest first
    }

    void reopensARunsCharts() {
        MainWindow w;
        ui::RunsPanel *panel = showPanel(w);
        QVERIFY(panel);
        QCOMPARE(panel->shownIds(), (std::vector<qint64>{2, 1}));
        clickRun(panel, 1);
        QVERIFY(!panel->compareButton()->isEnabled());
        clickButton(panel->openButton());
        ui::StoredRunView *view = panel->lastView();
        QVERIFY(view);
        QVERIFY(!view->comparing());
        QVERIFY(view->heading()->text().startsWith("run 1 · panel-test · seed 4 · "));

        model::ResultsStore store;
        QVERIFY(store.open(m_db.toStdString()).empty());
        const auto report = store.loadReport(1, nullptr);
        QVERIFY(report);
        // Consumers are charted, as in the live view: billing's throughput is its processed
        // count per second at every sample.
        QCOMPARE(view->nodeList()->count(), 4);
        ui::OverlayChart *throughput = view->chart(ui::ChartId::Throughput);
        QLineSeries *billing = throughput->series("billing", "processed", 0);
        QVERIFY(billing);
        QVERIFY(!throughput->series("orders", "published", 0)); // producers are not ticked
        const std::vector<double> *values = nullptr;
        for (const auto &series : report->series)
            if (series.node == "billing" && series.metric == "processed")
                values = &series.values;
        QVERIFY(values);
        QCOMPARE(billing->count(), 30);
        for (int k = 0; k < 30; ++k) {
            QCOMPARE(billing->at(k).x(), report->sampleTimes[std::size_t(k)]);
            QCOMPARE(billing->at(k).y(), (*values)[std::size_t(k)]); // 1 s samples: per second
        }
        // Ticking the producer (click its row, Space) adds its lines.
        QListWidget *nodes = view->nodeList();
        QListWidgetItem *orders = nodes->findItems("orders (producer)", Qt::MatchExactly).value(0);
        QVERIFY(orders);
        QTest::mouseClick(nodes->viewport(), Qt::LeftButton, {},
                          nodes->visualItemRect(orders).center());
        QCOMPARE(nodes->currentItem(), orders);
        QTest::keyClick(nodes, Qt::Key_Space);
        QCOMPARE(orders->checkState(), Qt::Checked);
        QVERIFY(throughput->series("orders", "published", 0));
        // The summary table is the run's summary.
        QCOMPARE(view->summaryTable()->rowCount(), int(report->summary.size()));
        QCOMPARE(view->summaryTable()->item(0, 0)->text(),
                 QString::fromStdString(report->summary[0].node));
        view->close();
    }

    void comparesTwoRunsSideBySide() {
        MainWindow w;
        ui::RunsPanel *panel = showPanel(w);
        QVERIFY(panel);
        runToEnd(w, scenarioFile("pipeline.yaml", kPipeline), 9);
        QTRY_COMPARE(panel->shownIds(), (std::vector<qint64>{3, 2, 1}));
        clickRun(panel, 1);
        clickRun(panel, 3, Qt::ControlModifier);
        QVERIFY(!panel->openButton()->isEnabled());
        clickButton(panel->compareButton());
        ui::StoredRunView *view = panel->lastView();
        QVERIFY(view);
        QVERIFY(view->comparing());
        QCOMPARE(view->runA().run.id, qint64{1});
        QCOMPARE(view->runB()->run.id, qint64{3});

        // Both runs on the same chart: B dashed in A's colour.
        ui::OverlayChart *throughput = view->chart(ui::ChartId::Throughput);
        QLineSeries *a = throughput->series("billing", "processed", 0);
        QLineSeries *b = throughput->series("billing", "processed", 1);
        QVERIFY(a && b);
        QCOMPARE(a->pen().style(), Qt::SolidLine);
        QCOMPARE(b->pen().style(), Qt::DashLine);
        QCOMPARE(a->pen().color(), b->pen().color());
        QCOMPARE(a->count(), 30);
        QCOMPARE(b->count(), 30);
        // Every line of A has its B: billing's and audit's, twice.
        int solid = 0;
        for (QAbstractSeries *series : throughput->chart()->series()) {
            const QString name = series->objectName();
            if (!name.endsWith("@0"))
                continue;
            ++solid;
            const QStringList key = name.chopped(2).split('/');
            QVERIFY(throughput->series(key[0], key[1], 1));
        }
        QVERIFY(solid >= 2);
        QCOMPARE(throughput->lineCount(), 2 * solid);
        QVERIFY(b->name().endsWith(" · run 3"));

        // The summaries side by side, exactly the figures `runs compare` prints, the changed
        // ones highlighted.
        model::ResultsStore store;
        QVERIFY(store.open(m_db.toStdString()).empty());
        const auto ra = store.findRun(1, nullptr), rb = store.findRun(3, nullptr);
        const auto fa = store.loadReport(1, nullptr, false),
                   fb = store.loadReport(3, nullptr, false);
        const auto figures = model::compareRuns(*ra, *fa, *rb, *fb);
        QTableWidget *table = view->summaryTable();
        QCOMPARE(table->rowCount(), int(figures.size()));
        int changed = 0;
        for (int r = 0; r < table->rowCount(); ++r) {
            const auto &f = figures[std::size_t(r)];
            QCOMPARE(table->item(r, 1)->text(), QString::fromStdString(f.metric));
            const bool isChanged = f.changed();
            changed += isChanged ? 1 : 0;
            QCOMPARE(table->item(r, 3)->background().color() == ui::StoredRunView::changedColour(),
                     isChanged);
            QCOMPARE(table->item(r, 3)->font().bold(), isChanged);
        }
        QVERIFY(changed > 5);
        QCOMPARE(view->changedRows(), changed);
        // Numbers in the figure's unit without float noise: an equal pair differs by "0", a
        // latency reads in ms (or s), no difference has more than six significant digits.
        int equal = 0, latencies = 0;
        for (int r = 0; r < table->rowCount(); ++r) {
            const auto &f = figures[std::size_t(r)];
            if (!f.numeric())
                continue;
            const QString diff = table->item(r, 5)->text();
            if (f.a && f.b && *f.a == *f.b) {
                QCOMPARE(diff, QString("0"));
                ++equal;
            }
            if (f.metric == "latency") {
                QVERIFY2(table->item(r, 3)->text().endsWith(" ms") ||
                             table->item(r, 3)->text().endsWith(" s"),
                         qPrintable(table->item(r, 3)->text()));
                ++latencies;
            }
            QString digits = diff.section(' ', 0, 0);
            digits.remove(QRegularExpression("[^0-9]"));
            while (digits.startsWith('0') && digits.size() > 1)
                digits.remove(0, 1);
            QVERIFY2(digits.size() <= 7, qPrintable(diff));
        }
        QVERIFY(equal > 0 && latencies > 0);
        const auto seedRow = table->findItems("seed", Qt::MatchExactly).value(0);
        QVERIFY(seedRow);
        QCOMPARE(table->item(seedRow->row(), 3)->text() + "|" +
                     table->item(seedRow->row(), 4)->text() + "|" +
                     table->item(seedRow->row(), 5)->text() + "|" +
                     table->item(seedRow->row(), 6)->text(),
                 QString("4|9|+5|2.25"));
        // "Only changes" hides the rest.
        clickButton(view->onlyChanges());
        int hidden = 0;
        for (int r = 0; r < table->rowCount(); ++r)
            hidden += table->isRowHidden(r) ? 1 : 0;
        QCOMPARE(hidden, table->rowCount() - changed);
        view->close();
    }

    void filtersByScenarioAndDeletes() {
        MainWindow w;
        ui::RunsPanel *panel = showPanel(w);
        QVERIFY(panel);
        runToEnd(
            w, scenarioFile("other.yaml", QByteArray(kPipeline).replace("panel-test", "other")), 1);
        QTRY_COMPARE(panel->shownIds(), (std::vector<qint64>{4, 3, 2, 1}));
        chooseInCombo(panel->scenarioFilter(), "other");
        QCOMPARE(panel->shownIds(), (std::vector<qint64>{4}));
        chooseInCombo(panel->scenarioFilter(), "panel-test");
        QCOMPARE(panel->shownIds(), (std::vector<qint64>{3, 2, 1}));

        clickRun(panel, 2);
        answerNextMessageBox(QMessageBox::Yes);
        clickButton(panel->deleteButton());
        QTRY_COMPARE(panel->shownIds(), (std::vector<qint64>{3, 1}));
        model::ResultsStore store;
        QVERIFY(store.open(m_db.toStdString()).empty());
        model::Diagnostics diags;
        QVERIFY(!store.findRun(2, &diags));
        // Saying No keeps the run.
        clickRun(panel, 3);
        answerNextMessageBox(QMessageBox::No);
        clickButton(panel->deleteButton());
        QTest::qWait(50);
        QCOMPARE(panel->shownIds(), (std::vector<qint64>{3, 1}));
    }

    void aForeignStoreIsLeftAloneAndRunsStillWork() {
        const QString notes = scenarioFile("notes.txt", "not a database\n");
        qputenv("EVENTBENCH_DB", notes.toUtf8());
        {
            MainWindow w;
            ui::RunsPanel *panel = showPanel(w);
            QVERIFY(panel);
            QVERIFY(panel->statusLabel()->text().contains("not a SQLite database"));
            runToEnd(w, scenarioFile("pipeline.yaml", kPipeline), 4);
            QVERIFY(w.recorder()->problem().contains("not a SQLite database"));
            QCOMPARE(panel->table()->rowCount(), 0);
        }
        qputenv("EVENTBENCH_DB", m_db.toUtf8());
        QFile f(notes);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("not a database\n"));
    }
};

QTEST_MAIN(TestRunsPanel)
#include "tst_runs_panel.moc"
