// The editor driven as a user drives it (real mouse and keyboard events through the window
// system, offscreen): build the scenarios/README.md example from an empty canvas with palette
// drags, Shift+drags and inspector edits, save it and open it again through the file dialogs and
// compare with the example's text; the prompt before unsaved work is lost; rename with references
// following.
#define QTEST_QPA_MOUSE_HANDLING
#include <QFileDialog>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "model/yaml/ScenarioLoader.h"
#include "support/SpecExample.h"
#include "support/gui/GuiDriver.h"
#include "ui/editor/CanvasEditor.h"
#include "ui/editor/FileController.h"

using namespace eventbench;
using eventbench::testing::GuiDriver;
using eventbench::ui::MainWindow;
using K = model::NodeKind;

namespace {

model::Scenario withoutPositions(model::Scenario s) {
    for (auto &n : s.nodes)
        n.pos.reset();
    return s;
}

model::Scenario specExample() {
    model::LoadResult r = model::loadScenarioText(testing::kSpecExample, "spec.yaml");
    return r.scenario ? *r.scenario : model::Scenario{};
}

bool samePositions(const model::Scenario &a, const model::Scenario &b) {
    if (a.nodes.size() != b.nodes.size())
        return false;
    for (std::size_t i = 0; i < a.nodes.size(); ++i)
        if (a.nodes[i].pos != b.nodes[i].pos)
            return false;
    return true;
}

// Presses Enter in the dialog's file name field until the dialog closes. Before each press the
// field must hold `path`: the dialog may have rewritten it (its completer, or the name of the
// file it selected in its list when the field lost the focus on a loaded machine), and then the
// path is typed again. A message box the dialog raised over itself ("file not found") is closed
// and reported. The first press may only close the completer's popup, and a loaded machine may
// need several; when Enter never closes the dialog, it is accepted with the path selected, and
// as a last resort rejected, so that a stuck dialog fails the test instead of hanging it.
void pressEnterUntilClosed(QPointer<QFileDialog> dialog, const QString &path, int attempts) {
    if (!dialog || !dialog->isVisible())
        return;
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
    if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
        qWarning("the file dialog said '%s'; closing it", qPrintable(box->text()));
        box->done(QMessageBox::Ok);
    }
    if (attempts == 0) {
        qWarning("Enter never closed the file dialog (field '%s', folder '%s')",
                 qPrintable(name->text()), qPrintable(dialog->directory().absolutePath()));
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog.data())->accept(); // virtual: QFileDialog checks the path
        if (dialog && dialog->isVisible())
            dialog->reject();
        return;
    }
    if (name->text() != path) {
        qWarning("the file name field held '%s'; typing the path again", qPrintable(name->text()));
        name->setFocus();
        QTest::keyClick(name, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(name, path);
    }
    QTest::keyClick(name, Qt::Key_Return);
    QTimer::singleShot(
        200, [dialog, path, attempts] { pressEnterUntilClosed(dialog, path, attempts - 1); });
}

// Answers the next modal file dialog by typing `path` into its file name field and pressing
// Enter, as a user does.
void answerFileDialog(const QString &path, bool *answered) {
    QTimer::singleShot(100, [path, answered] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            answerFileDialog(path, answered);
            return;
        }
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        QTest::keyClick(name, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(name, path);
        *answered = true;
        pressEnterUntilClosed(dialog, path, 50);
    });
}

// Clicks the button `which` of the next modal message box.
void answerMessageBox(QMessageBox::StandardButton which, bool *answered) {
    QTimer::singleShot(100, [which, answered] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            answerMessageBox(which, answered);
            return;
        }
        QAbstractButton *b = box->button(which);
        QTest::mouseClick(b, Qt::LeftButton, {}, b->rect().center());
        *answered = true;
    });
}

} // namespace

class TestEditing : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void buildsSpecExampleFromEmptyCanvas();
    void promptsBeforeUnsavedWorkIsLost();
    void renameCarriesReferences();
    void connectRefusalSaysWhy();
};

void TestEditing::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("eventbench-tests"));
    QVERIFY(!specExample().nodes.empty());
}

void TestEditing::buildsSpecExampleFromEmptyCanvas() {
    MainWindow w;
    w.resize(1600, 1000);
    GuiDriver d(w);
    QVERIFY(d.show());
    QCOMPARE(w.graphScene()->nodeCount(), 0);
    // The whole drawing (x 0..690, y 0..260 plus the shapes) must be on screen: zoom out
    // with the keyboard until it is.
    w.graphView()->centerOn(345, 130);
    const QRectF drawing(-90, -60, 870, 400);
    for (int i = 0; i < 8 && !w.graphView()->viewport()->rect().contains(
                                 w.graphView()->mapFromScene(drawing).boundingRect());
         ++i) {
        d.canvasKey(Qt::Key_Minus, Qt::ControlModifier);
        w.graphView()->centerOn(345, 130);
    }
    QVERIFY(w.graphView()->viewport()->rect().contains(
        w.graphView()->mapFromScene(drawing).boundingRect()));

    // Nodes in the example's order, each dragged from the palette and renamed in the inspector.
    struct Place {
        const char *id;
        K kind;
        QPointF pos;
    };
    const Place places[] = {
        {"orders", K::Producer, {0, 0}},           {"payments", K::Producer, {0, 260}},
        {"order-events", K::Topic, {230, 0}},      {"payment-events", K::Topic, {230, 260}},
        {"notification", K::Consumer, {460, 260}}, {"inventory", K::Consumer, {460, 0}},
        {"inventory-dlq", K::Queue, {690, 130}},   {"inventory-db", K::Store, {690, 0}}};
    for (const Place &p : places) {
        const QString added = d.dropFromPalette(p.kind, p.pos);
        QVERIFY2(!added.isEmpty(), p.id);
        QCOMPARE(w.inspector()->target(), QStringLiteral("nodes.") + added);
        QVERIFY2(d.setKnob("id", p.id), p.id);
        QCOMPARE(w.graphScene()->selectedNodeIds(), QStringList{p.id});
        const auto pos = *d.scenario().findNode(p.id)->pos;
        QVERIFY(std::abs(pos.first - p.pos.x()) <= 2 && std::abs(pos.second - p.pos.y()) <= 2);
    }
    QCOMPARE(w.graphScene()->nodeCount(), 8);

    // Edges by Shift+drag, in the example's order.
    const std::pair<const char *, const char *> edges[] = {
        {"orders", "order-events"},         {"payments", "payment-events"},
        {"order-events", "notification"},   {"order-events", "inventory"},
        {"payment-events", "notification"}, {"inventory", "inventory-db"}};
    for (const auto &[from, to] : edges) {
        d.connect(from, to);
        QCOMPARE(d.scenario().edges.back().from, std::string(from));
        QCOMPARE(d.scenario().edges.back().to, std::string(to));
    }
    QCOMPARE(w.graphScene()->edgeCount(), 6);

    // Knobs, node by node: click the node, edit its rows.
    const std::pair<const char *, std::vector<std::pair<QString, QString>>> knobs[] = {
        {"orders",
         {{"rate", "200/s"},
          {"event", "OrderCreated"},
          {"keys", "{distribution: uniform, count: 10000}"}}},
        {"payments", {{"rate", "150/s"}, {"event", "PaymentProcessed"}}},
        {"order-events", {{"partitions", "6"}, {"retention", "1h"}}},
        {"payment-events", {{"partitions", "3"}}},
        {"notification",
         {{"instances", "3"}, {"service_time", "{distribution: lognormal, mean: 4ms, p99: 30ms}"}}},
        {"inventory",
         {{"instances", "3"},
          {"service_time", "{distribution: exponential, mean: 8ms}"},
          {"failure", "0.01"},
          {"retry", "{max_attempts: 3, backoff: 100ms}"},
          {"dead_letter", "inventory-dlq"}}},
        {"inventory-db", {{"write_time", "2ms"}}}};
    for (const auto &[id, rows] : knobs) {
        d.selectNode(id);
        QCOMPARE(w.inspector()->target(), QStringLiteral("nodes.") + id);
        for (const auto &[key, value] : rows)
            QVERIFY2(d.setKnob(key, value), qPrintable(QStringLiteral("%1.%2").arg(id, key)));
    }

    // The scenario's own knobs, faults and expectations: nothing selected.
    d.clickEmpty(QPointF(100, 130));
    QCOMPARE(w.inspector()->target(), QString());
    const std::pair<QString, QString> top[] = {
        {"scenario", "orders-and-payments"},
        {"description", "Orders and payments publish; notification and inventory consume."},
        {"seed", "42"},
        {"warmup", "30s"},
        {"faults.new", "{at: 2m, for: 30s, crash: inventory, instances: 1}"},
        {"faults.new", "{at: 5m, for: 1m, spike: orders, factor: 2}"},
        {"faults.new", "{at: 0s, duplicate: order-events, probability: 0.01}"},
        {"expect.new", "max(inventory.lag) < 5000"},
        {"expect.new", "final(inventory-dlq.depth) <= 50"},
        {"expect.new", "p99(notification.latency) < 250ms"},
        {"expect.new", "ledger.unaccounted == 0"}};
    for (const auto &[key, value] : top)
        QVERIFY2(d.setKnob(key, value), qPrintable(key));

    const model::Scenario spec = specExample();
    QVERIFY(withoutPositions(d.scenario()) == spec);
    QVERIFY(w.document()->diagnostics().empty() || !model::hasErrors(w.document()->diagnostics()));

    // File > Save (Ctrl+S asks where, the first time), then File > Open (Ctrl+O) of that file.
    QTemporaryDir dir;
    const QString path = dir.filePath("drawn.yaml");
    bool answered = false;
    answerFileDialog(path, &answered);
    d.canvasKey(Qt::Key_S, Qt::ControlModifier);
    QVERIFY(answered);
    QVERIFY(QFile::exists(path));
    QVERIFY(!w.document()->isModified());
    const model::Scenario drawn = d.scenario();

    MainWindow again;
    GuiDriver d2(again);
    QVERIFY(d2.show());
    answered = false;
    answerFileDialog(path, &answered);
    d2.canvasKey(Qt::Key_O, Qt::ControlModifier);
    QVERIFY(answered);
    QCOMPARE(again.document()->filePath(), QFileInfo(path).absoluteFilePath());
    QVERIFY(again.document()->scenario() == drawn);
    QVERIFY(samePositions(again.document()->scenario(), drawn));
    QVERIFY(withoutPositions(again.document()->scenario()) == spec);
    QCOMPARE(again.graphScene()->nodeCount(), 8);
    QCOMPARE(again.graphScene()->edgeCount(), 6);
}

void TestEditing::promptsBeforeUnsavedWorkIsLost() {
    MainWindow w;
    GuiDriver d(w);
    QVERIFY(d.show());
    QVERIFY(!d.dropFromPalette(K::Topic, QPointF(0, 0)).isEmpty());
    QVERIFY(w.document()->isModified());
    // New: the prompt appears; Cancel keeps the work.
    bool answered = false;
    answerMessageBox(QMessageBox::Cancel, &answered);
    d.canvasKey(Qt::Key_N, Qt::ControlModifier);
    QVERIFY(answered);
    QCOMPARE(w.graphScene()->nodeCount(), 1);
    QVERIFY(w.document()->isModified());
    // Discard loses it.
    answered = false;
    answerMessageBox(QMessageBox::Discard, &answered);
    d.canvasKey(Qt::Key_N, Qt::ControlModifier);
    QVERIFY(answered);
    QCOMPARE(w.graphScene()->nodeCount(), 0);
    QVERIFY(!w.document()->isModified());
}

void TestEditing::renameCarriesReferences() {
    MainWindow w;
    GuiDriver d(w);
    QVERIFY(d.show());
    QTemporaryDir dir;
    const QString path = dir.filePath("spec.yaml");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(testing::kSpecExample);
    f.close();
    QVERIFY(w.files()->openFile(path));
    QTest::qWait(50); // the window fits the drawing once opened
    const model::Scenario before = d.scenario();

    // Through the node's context menu: Rename… opens the id row for editing.
    QMenu *menu = d.nodeMenu("inventory");
    QVERIFY(menu);
    QVERIFY(d.clickMenuItem(menu, "rename"));
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    QVERIFY(d.typeAndCommit(editor, "stock"));
    const model::Scenario &s = d.scenario();
    QVERIFY(!s.findNode("inventory"));
    QVERIFY(s.findNode("stock"));
    QCOMPARE(s.edges[3].to, std::string("stock"));
    QCOMPARE(s.edges[5].from, std::string("stock"));
    QCOMPARE(s.faults[0].target, std::string("stock"));
    QCOMPARE(s.expectations[0].node, std::string("stock"));
    QCOMPARE(s.expectations[0].text, std::string("max(stock.lag) < 5000"));
    QVERIFY(!model::hasErrors(w.document()->diagnostics()));
    QCOMPARE(w.graphScene()->selectedNodeIds(), QStringList{"stock"});

    // The dead-letter queue is named by a knob: renaming it updates the knob.
    d.selectNode("inventory-dlq");
    QVERIFY(d.setKnob("id", "stock-dlq"));
    QCOMPARE(d.scenario().findNode("stock")->consumer.deadLetter, std::string("stock-dlq"));
    QCOMPARE(d.scenario().expectations[1].text, std::string("final(stock-dlq.depth) <= 50"));

    // Refused: a taken id, an invalid one; the document does not change.
    const int index = d.undoIndex();
    d.selectNode("stock");
    QVERIFY(!d.setKnob("id", "orders"));
    QVERIFY(!d.setKnob("id", "9lives"));
    QCOMPARE(d.undoIndex(), index);

    d.undo();
    d.undo();
    QVERIFY(d.scenario() == before);
    QVERIFY(samePositions(d.scenario(), before));
}

void TestEditing::connectRefusalSaysWhy() {
    MainWindow w;
    GuiDriver d(w);
    QVERIFY(d.show());
    const QString p = d.dropFromPalette(K::Producer, QPointF(0, 0));
    const QString c = d.dropFromPalette(K::Consumer, QPointF(250, 0));
    QVERIFY(!p.isEmpty() && !c.isEmpty());
    d.connect(p, c);
    QCOMPARE(w.graphScene()->edgeCount(), 0);
    QVERIFY2(w.statusBar()->currentMessage().contains("topic, queue or exchange"),
             qPrintable(w.statusBar()->currentMessage()));
    // A follow-up loop (topic -> consumer -> same topic) is allowed by kinds but circles.
    const QString t = d.dropFromPalette(K::Topic, QPointF(0, 150));
    d.connect(t, c);
    QCOMPARE(w.graphScene()->edgeCount(), 1);
    d.connect(c, t);
    QCOMPARE(w.graphScene()->edgeCount(), 1);
    QVERIFY(!model::hasErrors(w.document()->diagnostics()));
}

QTEST_MAIN(TestEditing)
#include "tst_editing.moc"
