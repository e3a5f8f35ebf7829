// Faults visible and reproducible, as a user meets them: the run holds still while the node menu
// and the fault dialog are open, and the dialog says the simulated time the fault starts at (the
// moment of the right-click); the canvas shows the crashed node's instances down during the
// run; the results store keeps the run's scenario with the injected crash in `faults:` at that
// time, and running what it keeps gives the stored fingerprint; Save Run as Scenario writes the
// same scenario.
#define QTEST_QPA_MOUSE_HANDLING
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "model/results/Sha256.h"
#include "model/store/ResultsStore.h"
#include "model/yaml/ScenarioLoader.h"
#include "model/yaml/ScenarioWriter.h"
#include "support/RunHelpers.h"
#include "support/gui/GuiDriver.h"
#include "ui/editor/FileController.h"
#include "ui/history/RunRecorder.h"
#include "ui/live/FaultDialog.h"
#include "ui/live/LiveView.h"
#include "ui/live/RunController.h"
#include "ui/live/RunToolBar.h"
#include "ui/window/RunStatusLabel.h"
#include "ui/window/WindowActions.h"

using namespace eventbench;
using eventbench::testing::GuiDriver;
using eventbench::ui::MainWindow;
using State = eventbench::ui::RunController::State;

namespace {

const char *const kScenario = R"yaml(scenario: fault-record
seed: 11
duration: 3m
nodes:
  orders:       {kind: producer, rate: 200/s, keys: {distribution: uniform, count: 10000}}
  order-events: {kind: topic, partitions: 6}
  inventory:
    kind: consumer
    instances: 3
    service_time: {distribution: exponential, mean: 8ms}
  inventory-db: {kind: store, write_time: 2ms}
edges:
  - orders -> order-events
  - order-events -> inventory
  - inventory -> inventory-db
faults:
  - {at: 150s, for: 5s, slow: inventory, factor: 2}
expect:
  - ledger.unaccounted == 0
)yaml";

QString clockText(model::SimTime t) {
    const qint64 ms = t / model::kNanosPerMilli;
    return QStringLiteral("%1:%2.%3")
        .arg(ms / 60000)
        .arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'))
        .arg((ms % 1000) / 100);
}

} // namespace

class TestFaultRecord : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void injectedCrashIsStoredAndReRunsToTheSameFingerprint();
    void canvasShowsBreakerAndScaledGroup();

  private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestFaultRecord::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("eventbench-tests"));
    m_path = m_dir.filePath("fault-record.yaml");
    QFile f(m_path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kScenario);
}

void TestFaultRecord::canvasShowsBreakerAndScaledGroup() {
    // The store is down from the first second, so the breaker opens within the next and stays
    // open (open_for 1h); the scale fault takes the other group from 2 members to 4.
    const QString path = m_dir.filePath("breaker-scale.yaml");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"yaml(scenario: breaker-scale
seed: 3
duration: 1m
nodes:
  orders:   {kind: producer, rate: 100/s}
  requests: {kind: queue}
  payments:
    kind: consumer
    circuit_breaker: {failure_rate: 50%, window: 10, min_calls: 5, open_for: 1h, half_open_calls: 2, when_open: pause}
  ledger-db: {kind: store, write_time: 1ms}
  events:   {kind: topic, partitions: 6}
  audit:    {kind: consumer, instances: 2}
edges:
  - orders -> requests
  - requests -> payments
  - payments -> ledger-db
  - orders -> events
  - events -> audit
faults:
  - {at: 1s, outage: ledger-db}
  - {at: 1s, scale: audit, instances: 4}
)yaml");
    f.close();
    MainWindow w;
    GuiDriver d(w);
    QVERIFY(d.show());
    QVERIFY(w.files()->openFile(path));
    for (int step = 0; step < 3; ++step) {
        d.canvasKey(Qt::Key_F10); // one second
        QTRY_COMPARE(w.runController()->data().sampleCount(), std::size_t(step + 1));
    }
    w.liveView()->refreshNow();
    const QString payments = w.graphScene()->nodeItem("payments")->runState();
    QVERIFY2(payments.contains("breaker open"), qPrintable(payments));
    QCOMPARE(w.graphScene()->nodeItem("payments")->runStateSeverity(), 1);
    const QString audit = w.graphScene()->nodeItem("audit")->runState();
    QVERIFY2(audit.startsWith("4/4 up"), qPrintable(audit));
}

void TestFaultRecord::injectedCrashIsStoredAndReRunsToTheSameFingerprint() {
    MainWindow w;
    GuiDriver d(w);
    w.resize(1600, 1000);
    QVERIFY(d.show());
    QVERIFY(w.files()->openFile(m_path));
    w.runToolBar()->setSpeedIndex(1); // 10x: the run is under way when the menu opens
    d.canvasKey(Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(w.runController()->data().now() >= 20 * model::kNanosPerSecond, 20000);
    QCOMPARE(w.runController()->state(), State::Running);
    // Before the crash every member is up, and the canvas says so.
    w.liveView()->refreshNow();
    QCOMPARE(w.graphScene()->nodeItem("inventory")->runState(), QStringLiteral("3/3 up"));

    // The right-click holds the run still; so does the dialog.
    QMenu *menu = d.nodeMenu("inventory");
    QVERIFY(menu);
    QCOMPARE(w.runController()->state(), State::Paused);
    QVERIFY(w.nodeMenu()->holding());
    QVERIFY(d.clickMenuItem(menu, "fault-crash"));
    QPointer<ui::FaultDialog> dialog;
    QVERIFY(QTest::qWaitFor(
        [&] { return (dialog = w.nodeMenu()->dialog()) && dialog->isVisible(); }, 3000));
    QTest::qWait(300); // the worker has said where it stopped
    const model::SimTime held = w.runController()->data().now();
    QTest::qWait(300);
    QCOMPARE(w.runController()->data().now(), held);
    QCOMPARE(w.runController()->state(), State::Paused);
    auto *startTime = dialog->findChild<QLabel *>("startTime");
    QVERIFY(startTime);
    QVERIFY2(startTime->text().contains(clockText(held)), qPrintable(startTime->text()));
    QVERIFY(w.runStatusLabel()->text().contains("choose a fault"));

    // All three members, for 30 s.
    auto *instances = dialog->findChild<QSpinBox *>("instances");
    instances->setFocus();
    QTest::keyClick(instances, Qt::Key_Down);
    QSignalSpy injected(w.runController(), &ui::RunController::faultInjected);
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QTest::mouseClick(ok, Qt::LeftButton, {}, ok->rect().center());
    QTRY_COMPARE(injected.count(), 1);
    const auto fault = injected.front().at(0).value<model::Fault>();
    QVERIFY(injected.front().at(1).toBool());
    QCOMPARE(fault.at, held + 1); // the moment of the right-click
    QVERIFY(!w.nodeMenu()->holding());
    QTRY_COMPARE(w.runController()->state(), State::Running);

    // The canvas shows the crash while it lasts.
    QTRY_VERIFY_WITH_TIMEOUT(w.graphScene()->nodeItem("inventory")->runState().startsWith("0/3 up"),
                             10000);
    QCOMPARE(w.graphScene()->nodeItem("inventory")->runStateSeverity(), 2);

    w.runToolBar()->setSpeedIndex(3);
    QTRY_VERIFY_WITH_TIMEOUT(w.runController()->state() == State::Finished, 120000);
    const model::RunReport report = *w.runController()->report();
    QVERIFY(w.recorder()->waitUntilWritten());

    // The store keeps the crash in the run's scenario, after the file's own fault.
    model::ResultsStore store;
    QVERIFY(
        store.open(w.recorder()->storePath().toStdString(), model::ResultsStore::OpenMode::ReadOnly)
            .empty());
    const auto runs = store.listRuns("fault-record", nullptr);
    QVERIFY(!runs.empty());
    const model::StoredRun &run = runs.back();
    QCOMPARE(run.fingerprint, model::ResultsStore::formatFingerprint(report.fingerprint));
    const std::string text = store.scenarioText(run.id);
    model::LoadResult stored = model::loadScenarioText(text, "stored.yaml");
    QVERIFY(stored.scenario);
    QCOMPARE(stored.scenario->faults.size(), std::size_t(2));
    QCOMPARE(stored.scenario->faults[1].kind, model::Fault::Kind::Crash);
    QCOMPARE(stored.scenario->faults[1].target, std::string("inventory"));
    QCOMPARE(stored.scenario->faults[1].at, fault.at);
    QCOMPARE(stored.scenario->faults[1].duration, std::make_optional(30 * model::kNanosPerSecond));

    // Run again from what was stored: the same run.
    const model::RunReport again = testing::runScenarioText(text);
    QCOMPARE(model::ResultsStore::formatFingerprint(again.fingerprint), run.fingerprint);
    QCOMPARE(again.eventCount, report.eventCount);
    QCOMPARE(again.scenarioSha256, run.scenarioSha256);

    // Save Run as Scenario writes that scenario too.
    const QString saved = m_dir.filePath("saved-run.yaml");
    QVERIFY(w.windowActions()->saveRunAction()->isEnabled());
    QVERIFY(w.windowActions()->saveRunAsScenario(saved));
    QFile f(saved);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const std::string savedText = f.readAll().toStdString();
    QVERIFY(savedText.find("crash: inventory") != std::string::npos);
    QCOMPARE(testing::runScenarioText(savedText).fingerprint, report.fingerprint);
}

QTEST_MAIN(TestFaultRecord)
#include "tst_fault_record.moc"
