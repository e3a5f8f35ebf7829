// Faults injected while a run is live, from a node's context menu (right-click on the canvas,
// a menu item, the parameter dialog), as a user does: they go to the worker thread through
// RunController and Engine::injectFault, and land in the event log and in the report's
// events.csv. A crash of inventory makes duplicates and lag rise against the same run without
// it, in the report's numbers.
#define QTEST_QPA_MOUSE_HANDLING
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLineSeries>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include "support/gui/GuiDriver.h"
#include "ui/charts/ChartsPanel.h"
#include "ui/editor/FileController.h"
#include "ui/live/EventLogPanel.h"
#include "ui/live/FaultDialog.h"
#include "ui/live/LiveView.h"
#include "ui/live/RunController.h"
#include "ui/live/RunToolBar.h"

using namespace eventbench;
using eventbench::testing::GuiDriver;
using eventbench::ui::MainWindow;
using State = eventbench::ui::RunController::State;

namespace {

// The reference example's topology without its faults, for three minutes.
const char *const kScenario = R"yaml(scenario: crash-from-the-menu
seed: 7
duration: 3m
nodes:
  orders:         {kind: producer, rate: 200/s, keys: {distribution: uniform, count: 10000}}
  payments:       {kind: producer, rate: 150/s}
  order-events:   {kind: topic, partitions: 6}
  payment-events: {kind: topic, partitions: 3}
  notification:   {kind: consumer, instances: 3, service_time: 4ms}
  inventory:
    kind: consumer
    instances: 3
    service_time: {distribution: exponential, mean: 8ms}
    dead_letter: inventory-dlq
  inventory-dlq:  {kind: queue}
  inventory-db:   {kind: store, write_time: 2ms}
edges:
  - orders -> order-events
  - payments -> payment-events
  - order-events -> notification
  - order-events -> inventory
  - payment-events -> notification
  - inventory -> inventory-db
expect:
  - ledger.unaccounted == 0
)yaml";

const model::RunReport::Series *series(const model::RunReport &r, const char *node,
                                       const char *metric) {
    for (const auto &s : r.series)
        if (s.node == node && s.metric == metric)
            return &s;
    return nullptr;
}

// The largest value of a series between two times (seconds).
double maxBetween(const model::RunReport &r, const char *node, const char *metric, double from,
                  double to) {
    const auto *s = series(r, node, metric);
    double m = 0;
    for (std::size_t i = 0; s && i < r.sampleTimes.size(); ++i)
        if (r.sampleTimes[i] >= from && r.sampleTimes[i] <= to)
            m = std::max(m, s->values[i]);
    return m;
}

double total(const model::RunReport &r, const char *node, const char *metric) {
    const auto *row = r.find(node, metric, "total");
    return row ? row->value : -1;
}

QList<QByteArray> readLines(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().split('\n') : QList<QByteArray>{};
}

} // namespace

class TestFaults : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void menuOffersTheFaultsOfEachKind_data();
    void menuOffersTheFaultsOfEachKind();
    void crashFromTheMenuRaisesDuplicatesAndLag();
    void everyFaultKindReachesTheReport();

  private:
    // A window on the scenario, shown and active.
    bool openIn(MainWindow &w, GuiDriver &d);
    // Right-clicks `node`, chooses `item` and returns the dialog it opened (or nullptr).
    ui::FaultDialog *chooseFault(GuiDriver &d, const QString &node, const QString &item);
    void clickInject(ui::FaultDialog *dialog);

    QTemporaryDir m_dir;
    QString m_path;
};

void TestFaults::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("eventbench-tests"));
    m_path = m_dir.filePath("crash.yaml");
    QFile f(m_path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kScenario);
}

bool TestFaults::openIn(MainWindow &w, GuiDriver &d) {
    w.resize(1600, 1000);
    if (!d.show() || !w.files()->openFile(m_path))
        return false;
    QTest::qWait(20);
    return true;
}

ui::FaultDialog *TestFaults::chooseFault(GuiDriver &d, const QString &node, const QString &item) {
    QMenu *menu = d.nodeMenu(node);
    if (!menu || !d.clickMenuItem(menu, item))
        return nullptr;
    ui::FaultDialog *dialog = nullptr;
    static_cast<void>(QTest::qWaitFor(
        [&] { return (dialog = d.window().nodeMenu()->dialog()) && dialog->isVisible(); }, 3000));
    return dialog;
}

void TestFaults::clickInject(ui::FaultDialog *dialog) {
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QTest::mouseClick(ok, Qt::LeftButton, {}, ok->rect().center());
}

void TestFaults::menuOffersTheFaultsOfEachKind_data() {
    QTest::addColumn<QString>("node");
    QTest::addColumn<QStringList>("faults");
    QTest::newRow("producer") << "orders"
                              << QStringList{"fault-crash",         "fault-pause", "fault-poison",
                                             "fault-schema change", "fault-spike", "fault-isolate"};
    QTest::newRow("topic") << "order-events"
                           << QStringList{"fault-outage", "fault-duplicate burst"};
    QTest::newRow("queue") << "inventory-dlq"
                           << QStringList{"fault-outage", "fault-duplicate burst"};
    QTest::newRow("consumer") << "inventory"
                              << QStringList{"fault-crash",   "fault-pause",     "fault-slow",
                                             "fault-isolate", "fault-rebalance", "fault-replay",
                                             "fault-scale"};
    QTest::newRow("store") << "inventory-db" << QStringList{"fault-slow", "fault-outage"};
}

void TestFaults::menuOffersTheFaultsOfEachKind() {
    QFETCH(QString, node);
    QFETCH(QStringList, faults);
    MainWindow w;
    GuiDriver d(w);
    QVERIFY(openIn(w, d));
    auto faultItems = [](QMenu *menu, bool enabled) {
        QStringList names;
        for (QAction *a : menu->actions())
            if (a->objectName().startsWith("fault-") && a->isEnabled() == enabled)
                names << a->objectName();
        return names;
    };
    // While editing, the faults are listed but disabled; Rename and Delete are there.
    QMenu *menu = d.nodeMenu(node);
    QVERIFY(menu);
    QCOMPARE(faultItems(menu, false), faults);
    QCOMPARE(faultItems(menu, true), QStringList{});
    QCOMPARE(w.graphScene()->selectedNodeIds(), QStringList{node});
    menu->close();
    // During a run (F10 = Step starts one, paused) they are enabled; Delete is not.
    d.canvasKey(Qt::Key_F10);
    QTRY_COMPARE(w.runController()->state(), State::Paused);
    menu = d.nodeMenu(node);
    QVERIFY(menu);
    QCOMPARE(faultItems(menu, true), faults);
    QCOMPARE(faultItems(menu, false), QStringList{});
    QVERIFY(!d.clickMenuItem(menu, "delete"));
    menu->close();
    w.runController()->stop();
}

void TestFaults::crashFromTheMenuRaisesDuplicatesAndLag() {
    // Without the crash: the baseline, run flat out.
    model::RunReport baseline;
    {
        MainWindow w;
        GuiDriver d(w);
        QVERIFY(openIn(w, d));
        w.runToolBar()->setSpeedIndex(3);
        QVERIFY(w.startRun());
        QTRY_VERIFY_WITH_TIMEOUT(w.runController()->state() == State::Finished, 120000);
        baseline = *w.runController()->report();
    }

    MainWindow w;
    GuiDriver d(w);
    QVERIFY(openIn(w, d));
    w.graphScene()->selectOnly("inventory"); // the charts follow inventory
    w.runToolBar()->setSpeedIndex(2);        // 100x: three minutes in under two seconds
    d.canvasKey(Qt::Key_F5);                 // Run
    QTRY_COMPARE(w.runController()->state(), State::Running);
    QTRY_VERIFY_WITH_TIMEOUT(w.runController()->data().now() >= 40 * model::kNanosPerSecond, 20000);
    d.canvasKey(Qt::Key_F6); // Pause
    QCOMPARE(w.runController()->state(), State::Paused);
    QTRY_VERIFY(w.runController()->data().now() > 0);
    QTest::qWait(150); // the worker has published where it stopped
    const double pausedAt = double(w.runController()->data().now()) / 1e9;

    // Right-click inventory > Crash…; all instances (Down from 1 to "all"), for 30 s.
    ui::FaultDialog *dialog = chooseFault(d, "inventory", "fault-crash");
    QVERIFY(dialog);
    auto *instances = dialog->findChild<QSpinBox *>("instances");
    QVERIFY(instances);
    QCOMPARE(instances->value(), 1);
    instances->setFocus();
    QTest::keyClick(instances, Qt::Key_Down);
    QCOMPARE(instances->text(), QStringLiteral("all"));
    QCOMPARE(dialog->findChild<QLineEdit *>("duration")->text(), QStringLiteral("30s"));
    QSignalSpy injected(w.runController(), &ui::RunController::faultInjected);
    clickInject(dialog);
    QTRY_COMPARE(injected.count(), 1);
    const auto fault = injected.front().at(0).value<model::Fault>();
    QVERIFY(injected.front().at(1).toBool());
    QCOMPARE(fault.kind, model::Fault::Kind::Crash);
    QCOMPARE(fault.target, std::string("inventory"));
    QVERIFY(!fault.instances);
    QCOMPARE(fault.duration, std::make_optional(30 * model::kNanosPerSecond));
    const double crashAt = double(fault.at) / 1e9;
    QVERIFY2(std::abs(crashAt - pausedAt) < 1.0,
             qPrintable(QStringLiteral("%1 vs %2").arg(crashAt).arg(pausedAt)));
    QVERIFY(w.statusBar()->currentMessage().startsWith("Injected crash into inventory"));

    d.canvasKey(Qt::Key_F5); // Resume
    QTRY_VERIFY_WITH_TIMEOUT(w.runController()->state() == State::Finished, 120000);
    const model::RunReport &r = *w.runController()->report();
    QCOMPARE(r.unaccounted, std::int64_t(0));

    // The crash and its end are in the report's events, at the times the GUI said.
    QTemporaryDir out;
    QVERIFY(w.exportReport(out.path()));
    const QList<QByteArray> events = readLines(out.filePath("events.csv"));
    auto row = [&](const char *event) -> QByteArray {
        for (const QByteArray &l : events)
            if (l.contains(",inventory," + QByteArray(event) + ","))
                return l;
        return {};
    };
    const QByteArray applied = row("fault_applied");
    const QByteArray reverted = row("fault_reverted");
    QVERIFY2(applied.endsWith(",crash for=30s"), applied.constData());
    QVERIFY(reverted.endsWith(",crash for=30s"));
    QCOMPARE(applied.split(',').front().toDouble(), crashAt);
    QVERIFY(std::abs(reverted.split(',').front().toDouble() - (crashAt + 30)) < 1e-6);
    // ... and in the event log on screen.
    const auto logged = w.eventLog()->findItems("fault_applied", Qt::MatchExactly, 2);
    QCOMPARE(logged.size(), 1);
    QCOMPARE(logged.front()->text(1), QStringLiteral("inventory"));

    // Duplicates: none without the crash; the replay after it makes them.
    const double dupBase = total(baseline, "inventory", "duplicates");
    const double dupCrash = total(r, "inventory", "duplicates");
    const double dupWritesCrash = total(r, "inventory-db", "duplicate_writes");
    qInfo("inventory duplicates: %g without the crash, %g with it (duplicate writes %g)", dupBase,
          dupCrash, dupWritesCrash);
    QCOMPARE(dupBase, 0.0);
    // How many depends on where the pause landed in the 5 s auto-commit interval: the replay
    // covers what was processed since the last commit, at most 5 s of 200/s.
    QVERIFY(dupCrash > 0 && dupCrash <= 1100);
    QCOMPARE(dupWritesCrash, dupCrash); // a non-idempotent consumer writes each one again
    // Lag: everything produced for inventory while it is down piles up (200/s for 30 s).
    const double lagBase = maxBetween(baseline, "inventory", "lag", crashAt, crashAt + 60);
    const double lagCrash = maxBetween(r, "inventory", "lag", crashAt, crashAt + 60);
    qInfo("inventory max lag after t=%.1f s: %g without the crash, %g with it", crashAt, lagBase,
          lagCrash);
    QVERIFY(lagBase < 1500);
    QVERIFY(lagCrash > 200.0 * 30 * 0.9);
    QVERIFY(lagCrash > lagBase + 4000);
    QVERIFY(maxBetween(r, "inventory", "lag_time", crashAt, crashAt + 60) >= 29);
    // Until the crash the two runs are the same run.
    QCOMPARE(maxBetween(r, "inventory", "lag", 0, crashAt - 1),
             maxBetween(baseline, "inventory", "lag", 0, crashAt - 1));

    // The chart of inventory shows the duplicates as they came.
    w.liveView()->refreshNow();
    QLineSeries *dups = w.charts()->series("inventory", "duplicates");
    QVERIFY(dups);
    double peak = 0;
    for (const QPointF &p : dups->points())
        peak = std::max(peak, p.y());
    QVERIFY(peak > 0);
}

void TestFaults::everyFaultKindReachesTheReport() {
    MainWindow w;
    GuiDriver d(w);
    QVERIFY(openIn(w, d));
    d.canvasKey(Qt::Key_F10); // Step: a paused run at t = 1 s
    QTRY_COMPARE(w.runController()->data().sampleCount(), std::size_t(1));
    QSignalSpy injected(w.runController(), &ui::RunController::faultInjected);

    struct Case {
        const char *node;
        const char *item;
        const char *field; // the parameter typed in, or nullptr
        const char *value;
        const char *detail; // what events.csv says when it is applied
    };
    const Case cases[] = {
        {"orders", "fault-pause", "duration", "20s", "pause for=20s"},
        {"orders", "fault-poison", "probability", "0.25", "poison probability=0.25 for=30s"},
        {"payments", "fault-schema change", "version", "3", "schema version=3"},
        {"payments", "fault-spike", "factor", "3", "spike factor=3 for=1m"},
        {"order-events", "fault-outage", "duration", "5s", "outage for=5s"},
        {"payment-events", "fault-duplicate burst", "probability", "0.5",
         "duplicate probability=0.5 for=10s"},
        {"notification", "fault-slow", "factor", "6", "slow factor=6 for=1m"},
        {"notification", "fault-isolate", nullptr, nullptr, "isolate instances=1 for=30s"},
        {"inventory-dlq", "fault-outage", "duration", "", "outage"},
        {"inventory-db", "fault-slow", "factor", "2", "slow factor=2 for=1m"},
        // Scaling asks for the group's new size, which may be above today's members.
        {"notification", "fault-scale", "instances", "5", "scale instances=5"},
    };
    for (const Case &c : cases) {
        // The dialog deletes itself on close: hold it by a guarded pointer.
        QPointer<ui::FaultDialog> dialog = chooseFault(d, c.node, c.item);
        QVERIFY2(dialog, c.item);
        if (c.field) {
            QWidget *field = dialog->findChild<QWidget *>(c.field);
            QVERIFY2(field, c.field);
            QLineEdit *edit = qobject_cast<QLineEdit *>(field);
            if (auto *spin = qobject_cast<QAbstractSpinBox *>(field))
                edit = spin->findChild<QLineEdit *>();
            QVERIFY(edit);
            edit->setFocus();
            QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
            QTest::keyClick(edit, Qt::Key_Delete);
            QTest::keyClicks(edit, c.value);
        }
        clickInject(dialog);
        QVERIFY2(QTest::qWaitFor([&] { return !dialog || !dialog->isVisible(); }, 3000), c.item);
    }
    // Rebalance has nothing to ask: the menu item sends it at once.
    QMenu *menu = d.nodeMenu("inventory");
    QVERIFY(menu && d.clickMenuItem(menu, "fault-rebalance"));
    QTRY_COMPARE(injected.count(), int(std::size(cases)) + 1);
    for (const QList<QVariant> &args : injected)
        QVERIFY(args.at(1).toBool());

    w.runToolBar()->setSpeedIndex(3);
    d.canvasKey(Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(w.runController()->state() == State::Finished, 120000);
    QTemporaryDir out;
    QVERIFY(w.exportReport(out.path()));
    const QList<QByteArray> events = readLines(out.filePath("events.csv"));
    for (const Case &c : cases) {
        const QByteArray want = QByteArray(",") + c.node + ",fault_applied," + c.detail;
        QVERIFY2(std::any_of(events.begin(), events.end(),
                             [&](const QByteArray &l) { return l.endsWith(want); }),
                 want.constData());
    }
    QVERIFY(std::any_of(events.begin(), events.end(), [](const QByteArray &l) {
        return l.contains(",inventory,fault_applied,rebalance");
    }));
    QVERIFY(std::any_of(events.begin(), events.end(), [](const QByteArray &l) {
        return l.contains(",inventory,rebalance_started,");
    }));
    QCOMPARE(w.runController()->report()->unaccounted, std::int64_t(0));
}

QTEST_MAIN(TestFaults)
#include "tst_faults.moc"
