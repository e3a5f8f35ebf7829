// A sweep recorded in the results store (`eventbench sweep --db`, issue 17) in the app's Runs
// panel (offscreen, real clicks): listed as one row of kind sweep, opened with Open into the
// sweep dialog, whose plot and table show the stored figures (means and 95% intervals of the
// chosen figure at each value), refused by Compare and deleted with Delete.
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QTableWidget>
#include <QtTest>

#include <cmath>

#include "model/store/ResultsStore.h"
#include "support/CliRunner.h"
#include "ui/history/RunsPanel.h"
#include "ui/sweep/SweepDialog.h"
#include "ui/sweep/SweepPlot.h"

using namespace eventbench;

namespace {

const char *const kScenario = R"(scenario: panel-sweep
seed: 8
duration: 4s
nodes:
  orders: {kind: producer, rate: 80/s}
  events: {kind: topic, partitions: 2}
  billing: {kind: consumer, service_time: {distribution: exponential, mean: 3ms}}
edges:
  - orders -> events
  - events -> billing
expect:
  - ledger.unaccounted == 0
  - mean(billing.latency) < 4ms
)";

void clickRow(ui::RunsPanel *panel, qint64 id, Qt::KeyboardModifiers mods = {}) {
    QTableWidget *t = panel->table();
    for (int row = 0; row < t->rowCount(); ++row) {
        if (t->item(row, 0)->text() != QString::number(id))
            continue;
        QTest::mouseClick(t->viewport(), Qt::LeftButton, mods,
                          t->visualItemRect(t->item(row, 1)).center());
        return;
    }
    QFAIL(qPrintable(QStringLiteral("entry %1 is not in the table").arg(id)));
}

} // namespace

class TestRunsPanelSweep : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    testing::CliRunner m_cli{m_dir.path()};

  private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void opensAStoredSweepInThePlot() {
        const QString db = m_cli.path("panel.db");
        const QString file = m_cli.write("panel-sweep.yaml", kScenario);
        const auto r = m_cli.run({"sweep", file, "--vary", "nodes.billing.instances=1,2,4",
                                  "--replications", "3", "--db", db, "--quiet"});
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());
        QCOMPARE(m_cli.run({"run", file, "--db", db, "--quiet"}).exitCode, 0);
        model::ResultsStore store;
        QVERIFY(store.open(db.toStdString(), model::ResultsStore::OpenMode::ReadOnly).empty());
        const auto stored = store.loadSweep(1, nullptr);
        QVERIFY(stored);
        QCOMPARE(stored->combinations.size(), std::size_t{3});

        ui::RunsPanel panel(db);
        panel.resize(900, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTableWidget *t = panel.table();
        QCOMPARE(t->rowCount(), 2);
        QCOMPARE(t->item(1, 0)->text(), QString("1")); // newest first
        QCOMPARE(t->item(1, 1)->text(), QString("panel-sweep"));
        QCOMPARE(t->item(1, 6)->text(), QString("-"));
        QCOMPARE(t->item(1, 7)->text(), QString("sweep"));
        QCOMPARE(t->item(0, 7)->text(), QString("run"));

        clickRow(&panel, 1);
        QTest::mouseClick(panel.openButton(), Qt::LeftButton);
        ui::SweepDialog *dialog = panel.lastSweep();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->windowTitle().startsWith("Sweep 1"));
        // Nothing to run: the run controls are not shown.
        QVERIFY(!dialog->findChild<QPushButton *>("sweepRun")->isEnabled());
        QVERIFY(!dialog->findChild<QPushButton *>("sweepRun")->isVisible());
        QVERIFY(!dialog->findChild<QLineEdit *>("sweepPath")->isVisible());
        QCOMPARE(dialog->findChild<QLineEdit *>("sweepPath")->text(),
                 QString("nodes.billing.instances"));

        // The figure of the first expectation on a node, in ms, at each stored value.
        QCOMPARE(dialog->figure(), QString("billing.latency.mean"));
        const ui::SweepPlot *plot = dialog->plot();
        QCOMPARE(plot->points().size(), 3);
        QCOMPARE(plot->xValues(), (QVector<double>{1, 2, 4}));
        QVERIFY(!plot->categorical());
        for (int c = 0; c < 3; ++c) {
            const auto *f = stored->figure(std::size_t(c), "billing", "latency", "mean");
            QVERIFY(f);
            QCOMPARE(f->ci.n, std::size_t{3});
            const ui::SweepPlot::Point &p = plot->points()[c];
            QCOMPARE(p.label, QString::number(c == 2 ? 4 : c + 1));
            QCOMPARE(p.mean, f->ci.mean);
            QCOMPARE(p.low, f->ci.low);
            QCOMPARE(p.high, f->ci.high);
            QVERIFY(p.mean > 0.001 && p.mean < 0.02); // a latency of some ms
            QVERIFY(p.low < p.mean && p.mean < p.high);
            QCOMPARE(plot->meanSeries()->at(c).y(), f->ci.mean * 1000); // drawn in ms
            const auto &combination = stored->combinations[std::size_t(c)];
            QCOMPARE(dialog->table()->item(c, 2)->text(), QString("3"));
            // A failing value names its expectation, judged again on the stored means.
            const QString verdict = dialog->table()->item(c, 3)->text();
            if (combination.failed == 0)
                QCOMPARE(verdict, QString("PASS"));
            else
                QVERIFY2(verdict.startsWith(QString("FAIL (%1 of 2): ").arg(combination.failed)) &&
                             verdict.contains("(measured "),
                         qPrintable(verdict));
        }
        QCOMPARE(plot->errorBars().size(), 3);
        // More instances: less waiting.
        QVERIFY(plot->points()[2].mean < plot->points()[0].mean);

        // Another figure from the stored ones.
        QVERIFY(dialog->setFigure("ledger.unaccounted.total"));
        QCOMPARE(plot->points()[1].mean, 0.0);
        dialog->close();

        // Compare refuses a sweep; Delete removes it (and only it).
        clickRow(&panel, 2, Qt::ControlModifier);
        QVERIFY(panel.compareSelected() == nullptr);
        QVERIFY2(panel.statusLabel()->text().contains("Sweep 1 cannot be compared"),
                 qPrintable(panel.statusLabel()->text()));
        clickRow(&panel, 1);
        QCOMPARE(panel.deleteSelected(false), 1);
        QCOMPARE(panel.shownIds(), std::vector<qint64>{2});
        model::ResultsStore after; // a reader opened before the delete may read a snapshot
        QVERIFY(after.open(db.toStdString()).empty());
        QVERIFY(!after.loadSweep(1, nullptr));
        QVERIFY(after.findRun(2, nullptr));
    }
};

QTEST_MAIN(TestRunsPanelSweep)
#include "tst_runs_panel_sweep.moc"
