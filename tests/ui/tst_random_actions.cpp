// Stability: a long random sequence of what a user does, with a fixed seed — open, new, close,
// edit on the canvas and in the inspector, undo and redo, run, pause, step, stop, speed, inject
// faults from the node menu, the sweep dialog (started, stopped and closed), the Runs panel's run
// and compare windows, closing windows, resizing and resetting the layout — through real mouse and
// keyboard events where a user has them. The window must survive every step and keep the canvas
// in step with the document. Run in the release build and under AddressSanitizer and
// UndefinedBehaviorSanitizer (the `asan` preset), where a use after free fails it. Labelled
// `stability`.
#define QTEST_QPA_MOUSE_HANDLING
#include <QDialogButtonBox>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

#include "support/gui/GuiDriver.h"
#include "ui/editor/FileController.h"
#include "ui/history/RunRecorder.h"
#include "ui/history/RunsPanel.h"
#include "ui/history/StoredRunView.h"
#include "ui/live/FaultDialog.h"
#include "ui/live/RunController.h"
#include "ui/live/RunToolBar.h"
#include "ui/sweep/SweepDialog.h"
#include "ui/window/WindowActions.h"
#include "ui/window/WindowLayout.h"

using namespace eventbench;
using eventbench::testing::GuiDriver;
using eventbench::ui::MainWindow;
using State = eventbench::ui::RunController::State;

namespace {

const QString kScenarios = QStringLiteral(EVENTBENCH_SOURCE_DIR "/scenarios/");
// Short scenarios of every family: buses of each kind, exchanges, dead letters, faults.
const QStringList kFiles{"fanout-exchange.yaml",     "broker-outage.yaml",
                         "rabbitmq-topic-dlx.yaml",  "sqs-worker-dlq.yaml",
                         "poison-pill.yaml",         "rebalance-storm.yaml",
                         "event-sourcing-cqrs.yaml", "sns-sqs-fanout.yaml"};
const QList<QSize> kSizes{{1024, 700}, {1600, 1000}, {800, 600}, {2560, 1440}, {1280, 800}};

enum Action {
    Open,
    New,
    Close,
    AddNode,
    Connect,
    EditKnob,
    Delete,
    Undo,
    Redo,
    Layout,
    CopyPaste,
    Run,
    Pause,
    Step,
    Stop,
    Speed,
    Inject,
    Sweep,
    OpenRun,
    Compare,
    CloseWindows,
    Resize,
    ResetLayout,
    Select,
    kActionCount
};

} // namespace

class TestRandomActions : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void survivesALongRandomSession();

  private:
    void act(Action a);
    bool editable() const { return !m_w->runController()->isLive(); }
    QString randomNode();
    int pick(int n) { return n > 0 ? int(m_rng.bounded(n)) : 0; }
    void openScenario();
    void inject();
    void sweep();
    void runsWindow(bool compare);
    void closeWindows();

    QRandomGenerator m_rng{20261204};
    MainWindow *m_w = nullptr;
    GuiDriver *m_d = nullptr;
    QStringList m_done; // the actions so far, named in a failure
};

void TestRandomActions::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("eventbench-tests"));
}

QString TestRandomActions::randomNode() {
    const auto &nodes = m_d->scenario().nodes;
    if (nodes.empty())
        return {};
    return QString::fromStdString(nodes[std::size_t(m_rng.bounded(int(nodes.size())))].id);
}

void TestRandomActions::openScenario() {
    if (!editable())
        return;
    // Open Recent when it has the file (a real menu item), else the file as File > Open does.
    const QString path = kScenarios + kFiles[pick(int(kFiles.size()))];
    for (QAction *a : m_w->files()->recentMenu()->actions())
        if (a->toolTip() == QFileInfo(path).absoluteFilePath() && a->isEnabled()) {
            a->trigger();
            return;
        }
    if (m_w->files()->maybeSave())
        m_w->files()->openFile(path);
}

void TestRandomActions::inject() {
    const QString node = randomNode();
    if (node.isEmpty() || !m_w->graphScene()->nodeItem(node))
        return;
    m_w->graphView()->centerOn(m_w->graphScene()->nodeItem(node));
    QMenu *menu = m_d->nodeMenu(node);
    if (!menu)
        return;
    QStringList faults;
    for (QAction *a : menu->actions())
        if (a->objectName().startsWith(QLatin1String("fault-")) && a->isEnabled())
            faults << a->objectName();
    if (faults.isEmpty() || !m_d->clickMenuItem(menu, faults[pick(int(faults.size()))])) {
        menu->close();
        return;
    }
    QPointer<ui::FaultDialog> dialog;
    if (!QTest::qWaitFor(
            [&] { return (dialog = m_w->nodeMenu()->dialog()) && dialog->isVisible(); }, 300))
        return; // a fault without parameters went at once
    // The run holds still while the dialog is open.
    QVERIFY(m_w->runController()->state() != State::Running);
    QPushButton *button = dialog->findChild<QDialogButtonBox *>()->button(
        pick(4) == 0 ? QDialogButtonBox::Cancel : QDialogButtonBox::Ok);
    QTest::mouseClick(button, Qt::LeftButton, {}, button->rect().center());
    if (dialog && dialog->isVisible())
        dialog->reject();
}

void TestRandomActions::sweep() {
    m_w->findChild<QAction *>(QStringLiteral("sweepAction"))->trigger();
    auto *dialog = m_w->findChild<ui::SweepDialog *>();
    QVERIFY(dialog);
    const QString consumer = [&] {
        for (const auto &n : m_d->scenario().nodes)
            if (n.kind == model::NodeKind::Consumer)
                return QString::fromStdString(n.id);
        return QString();
    }();
    if (!consumer.isEmpty() && pick(2) == 0) {
        dialog->findChild<QLineEdit *>(QStringLiteral("sweepPath"))
            ->setText(QStringLiteral("nodes.%1.instances").arg(consumer));
        dialog->findChild<QLineEdit *>(QStringLiteral("sweepValues"))
            ->setText(QStringLiteral("1, 2"));
        dialog->findChild<QSpinBox *>(QStringLiteral("sweepReplications"))->setValue(2);
        QPushButton *run = dialog->findChild<QPushButton *>(QStringLiteral("sweepRun"));
        if (run->isEnabled())
            QTest::mouseClick(run, Qt::LeftButton, {}, run->rect().center());
        QTest::qWait(pick(300));
    }
    if (pick(3) != 0)
        dialog->close(); // closed while its sweep may still run
}

void TestRandomActions::runsWindow(bool compare) {
    ui::RunsPanel *panel = m_w->runsPanel();
    panel->refresh();
    QTableWidget *t = panel->table();
    if (t->rowCount() < (compare ? 2 : 1))
        return;
    t->clearSelection();
    const int a = pick(std::min(t->rowCount(), 6));
    t->selectRow(a);
    if (compare) {
        const int b = (a + 1 + pick(std::min(t->rowCount(), 6) - 1)) % t->rowCount();
        t->selectionModel()->select(t->model()->index(b, 0),
                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
        panel->compareSelected();
    } else {
        panel->openSelected();
    }
}

void TestRandomActions::closeWindows() {
    for (QWidget *top : QApplication::topLevelWidgets())
        if (top != m_w && top->isVisible() && top->isWindow() && top->windowType() != Qt::Popup &&
            pick(3) != 0)
            top->close();
}

void TestRandomActions::act(Action a) {
    using K = model::NodeKind;
    switch (a) {
    case Open:
        openScenario();
        break;
    case New:
        m_d->canvasKey(Qt::Key_N, Qt::ControlModifier);
        break;
    case Close:
        if (m_w->windowActions()->closeAction()->isEnabled())
            m_w->windowActions()->closeAction()->trigger();
        break;
    case AddNode:
        if (editable())
            m_d->dropFromPalette(K(pick(6)), QPointF(pick(900) - 300, pick(600) - 200));
        break;
    case Connect: {
        const QString from = randomNode(), to = randomNode();
        if (editable() && !from.isEmpty() && from != to)
            m_d->connect(from, to);
        break;
    }
    case EditKnob: {
        const QString node = randomNode();
        if (!editable() || node.isEmpty())
            break;
        m_d->selectNode(node);
        const QStringList knobs{"instances", "partitions", "rate", "service_time"};
        const QStringList values{"3", "4", "150/s", "5ms"};
        const int k = pick(int(knobs.size()));
        if (m_w->inspector()->itemOf(knobs[k]))
            m_d->setKnob(knobs[k], values[k]);
        break;
    }
    case Delete:
        if (editable() && !randomNode().isEmpty()) {
            m_d->selectNode(randomNode());
            m_d->canvasKey(Qt::Key_Delete);
        }
        break;
    case Undo:
        m_d->undo();
        break;
    case Redo:
        m_d->redo();
        break;
    case Layout:
        m_d->canvasKey(Qt::Key_L, Qt::ControlModifier);
        break;
    case CopyPaste:
        if (!randomNode().isEmpty())
            m_d->selectNode(randomNode());
        m_d->canvasKey(Qt::Key_C, Qt::ControlModifier);
        m_d->canvasKey(Qt::Key_V, Qt::ControlModifier);
        break;
    case Run:
        m_d->canvasKey(Qt::Key_F5);
        break;
    case Pause:
        m_d->canvasKey(Qt::Key_F6);
        break;
    case Step:
        m_d->canvasKey(Qt::Key_F10);
        break;
    case Stop:
        m_d->canvasKey(Qt::Key_F5, Qt::ShiftModifier);
        break;
    case Speed:
        m_w->runToolBar()->setSpeedIndex(1 + pick(3)); // 10x, 100x or max: runs end in the test
        break;
    case Inject:
        inject();
        break;
    case Sweep:
        sweep();
        break;
    case OpenRun:
    case Compare:
        runsWindow(a == Compare);
        break;
    case CloseWindows:
        closeWindows();
        break;
    case Resize:
        m_w->resize(kSizes[pick(int(kSizes.size()))]);
        break;
    case ResetLayout:
        m_w->windowActions()->resetLayoutAction()->trigger();
        break;
    case Select:
        if (pick(3) == 0)
            m_d->clickEmpty(QPointF(-2000, -2000));
        else if (!randomNode().isEmpty())
            m_d->selectNode(randomNode());
        break;
    case kActionCount:
        break;
    }
}

void TestRandomActions::survivesALongRandomSession() {
    const int steps = qEnvironmentVariableIntValue("EVENTBENCH_RANDOM_STEPS") > 0
                          ? qEnvironmentVariableIntValue("EVENTBENCH_RANDOM_STEPS")
                          : 260;
    MainWindow w;
    GuiDriver d(w);
    m_w = &w;
    m_d = &d;
    w.resize(1280, 800);
    QVERIFY(d.show());
    QVERIFY(w.files()->openFile(kScenarios + kFiles.front()));
    // The questions a user answers: unsaved changes are discarded, other boxes dismissed.
    QTimer answer;
    QObject::connect(&answer, &QTimer::timeout, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            QAbstractButton *discard = box->button(QMessageBox::Discard);
            discard ? discard->click() : box->reject();
        }
    });
    answer.start(20);
    static const char *const names[] = {
        "open",     "new",     "close",         "add",    "connect",      "knob",
        "delete",   "undo",    "redo",          "layout", "copy-paste",   "run",
        "pause",    "step",    "stop",          "speed",  "inject",       "sweep",
        "open-run", "compare", "close-windows", "resize", "reset-layout", "select"};
    static_assert(std::size(names) == kActionCount);
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < steps; ++i) {
        // Runs and edits are most of a session; opening windows and files less of it.
        const Action a = Action(pick(kActionCount));
        m_done << QStringLiteral("%1:%2").arg(i).arg(names[a]);
        act(a);
        QTest::qWait(5 + pick(30));
        if (QTest::currentTestFailed())
            QFAIL(qPrintable(m_done.mid(std::max<qsizetype>(0, m_done.size() - 12)).join(' ')));
        // The canvas shows the document, whatever happened.
        QCOMPARE(w.graphScene()->nodeCount(), int(d.scenario().nodes.size()));
    }
    w.runController()->stop();
    closeWindows();
    for (QWidget *top : QApplication::topLevelWidgets())
        if (top != &w && top->isVisible())
            top->close();
    QVERIFY(w.recorder()->waitUntilWritten(30000));
    qInfo("%d random actions in %.1f s", steps, double(clock.elapsed()) / 1000);
    m_w = nullptr;
    m_d = nullptr;
}

QTEST_MAIN(TestRandomActions)
#include "tst_random_actions.moc"
