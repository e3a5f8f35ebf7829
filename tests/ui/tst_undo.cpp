// Every kind of edit, made with real mouse and keyboard events on the reference example (plus an
// exchange, so that all six kinds are there), is one undoable step: Ctrl+Z gives back exactly
// the scenario before it (positions included) and Ctrl+Shift+Z the one after it. Also the
// canvas gestures around editing: rubber-band selection, copy/paste, zoom, pan, fit.
#define QTEST_QPA_MOUSE_HANDLING
#include <QScrollBar>
#include <QTemporaryDir>
#include <QWheelEvent>
#include <QtTest>

#include "support/SpecExample.h"
#include "support/gui/CascadeConfirm.h"
#include "support/gui/GuiDriver.h"
#include "ui/editor/FileController.h"

using namespace eventbench;
using eventbench::testing::GuiDriver;
using eventbench::ui::MainWindow;
using K = model::NodeKind;

namespace {

bool samePositions(const model::Scenario &a, const model::Scenario &b) {
    if (a.nodes.size() != b.nodes.size())
        return false;
    for (std::size_t i = 0; i < a.nodes.size(); ++i)
        if (a.nodes[i].id != b.nodes[i].id || a.nodes[i].pos != b.nodes[i].pos)
            return false;
    return true;
}

bool identical(const model::Scenario &a, const model::Scenario &b) {
    return a == b && samePositions(a, b);
}

// The reference example with an exchange (`audit`, fed by inventory's follow-ups, routing into the
// dead-letter queue) and positions, so that every node kind can be edited.
QByteArray scenarioText() {
    QByteArray text = testing::kSpecExample;
    text.replace("  inventory-db:   {kind: store, write_time: 2ms}\n",
                 "  inventory-db:   {kind: store, write_time: 2ms}\n"
                 "  audit:          {kind: exchange}\n");
    text.replace("  - inventory -> inventory-db\n",
                 "  - inventory -> inventory-db\n  - inventory -> audit\n"
                 "  - audit -> inventory-dlq\n");
    return text;
}

} // namespace

class TestUndo : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void init();
    void cleanup();
    void everyEditUndoesAndRedoes_data();
    void everyEditUndoesAndRedoes();
    void rubberBandSelects();
    void copyPasteKeepsInnerEdges();
    void zoomPanAndFit();

  private:
    bool open();
    // Makes the edit called `name` through the GUI.
    bool edit(const QString &name);

    QTemporaryDir m_dir;
    QString m_path;
    MainWindow *m_w = nullptr;
    GuiDriver *m_d = nullptr;
};

void TestUndo::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("eventbench-tests"));
    m_path = m_dir.filePath("spec-plus-exchange.yaml");
    QFile f(m_path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(scenarioText());
}

void TestUndo::init() {
    m_w = new MainWindow;
    m_w->resize(1600, 1000);
    m_d = new GuiDriver(*m_w);
    QVERIFY(m_d->show());
    QVERIFY(open());
}

void TestUndo::cleanup() {
    delete m_d;
    delete m_w;
}

bool TestUndo::open() {
    if (!m_w->files()->openFile(m_path))
        return false;
    QTest::qWait(20); // opening fits the drawing to the window
    return m_w->graphScene()->nodeCount() == 9 && !model::hasErrors(m_w->document()->diagnostics());
}

bool TestUndo::edit(const QString &name) {
    GuiDriver &d = *m_d;
    ui::GraphScene *scene = m_w->graphScene();
    auto knob = [&](const char *node, const char *key, const char *value) {
        d.selectNode(node);
        return d.setKnob(key, value);
    };
    auto emptySpot = [&] {
        // Below the lowest node, where nothing is drawn.
        QRectF r = scene->itemsBoundingRect();
        return QPointF(r.center().x(), r.bottom() + 25);
    };
    if (name == "add node by palette drag")
        return !d.dropFromPalette(K::Queue, emptySpot()).isEmpty();
    if (name == "add node by palette double-click") {
        ui::PalettePanel *p = m_w->palette();
        const QPoint at = p->visualItemRect(p->itemFor(K::Store)).center();
        QTest::mouseDClick(p->viewport(), Qt::LeftButton, {}, at);
        return scene->nodeCount() == 10;
    }
    if (name == "delete node") {
        d.selectNode("inventory");
        d.canvasKey(Qt::Key_Delete);
        return (!testing::cascadeDeleteBox() || testing::answerCascadeDelete()) &&
               scene->nodeCount() == 8;
    }
    if (name == "move node") {
        const QPoint from = d.nodeAt("orders");
        d.drag(d.canvas(), from, from + QPoint(40, 30));
        return true;
    }
    if (name == "move two nodes") {
        d.selectNode("orders");
        d.click(d.nodeAt("payments"), Qt::ControlModifier);
        const QPoint from = d.nodeAt("payments");
        d.drag(d.canvas(), from, from + QPoint(-30, 20));
        return scene->selectedNodeIds().size() == 2;
    }
    if (name == "connect") {
        d.connect("payments", "order-events");
        return scene->edgeCount() == 9;
    }
    if (name == "disconnect") {
        d.click(d.edgeAt(0)); // orders -> order-events
        if (scene->selectedEdgeIndex() != 0)
            return false;
        d.canvasKey(Qt::Key_Delete);
        return scene->edgeCount() == 7;
    }
    if (name == "producer knob")
        return knob("orders", "rate", "{profile: ramp, from: 0/s, to: 400/s, over: 5m}");
    if (name == "topic knob")
        return knob("order-events", "partitions", "12");
    if (name == "queue knob")
        return knob("inventory-dlq", "visibility_timeout", "10s");
    if (name == "exchange knob")
        return knob("audit", "unroutable", "payment-events");
    if (name == "consumer knob")
        return knob("inventory", "retry", "{max_attempts: 5, backoff: 1s, multiplier: 2}");
    if (name == "store knob")
        return knob("inventory-db", "capacity", "4");
    if (name == "edge knob") {
        d.click(d.edgeAt(3)); // order-events -> inventory
        return scene->selectedEdgeIndex() == 3 && d.setKnob("latency", "5ms");
    }
    if (name == "scenario knob") {
        d.clickEmpty(emptySpot());
        return m_w->inspector()->target().isEmpty() && d.setKnob("duration", "5m");
    }
    if (name == "add fault") {
        d.clickEmpty(emptySpot());
        return d.setKnob("faults.new", "{at: 1m, for: 10s, outage: payment-events}");
    }
    if (name == "edit fault") {
        d.clickEmpty(emptySpot());
        return d.setKnob("faults.1", "{at: 4m, for: 1m, spike: orders, factor: 3}");
    }
    if (name == "remove fault") {
        d.clickEmpty(emptySpot());
        return d.setKnob("faults.0", "");
    }
    if (name == "add expectation") {
        d.clickEmpty(emptySpot());
        return d.setKnob("expect.new", "total(inventory-db.duplicate_writes) <= 100");
    }
    if (name == "copy and paste") {
        d.selectNode("inventory");
        d.click(d.nodeAt("inventory-db"), Qt::ControlModifier);
        d.canvasKey(Qt::Key_C, Qt::ControlModifier);
        d.canvasKey(Qt::Key_V, Qt::ControlModifier);
        return scene->nodeCount() == 11;
    }
    if (name == "rename") {
        d.selectNode("payments");
        return d.setKnob("id", "billing");
    }
    if (name == "automatic layout") {
        d.canvasKey(Qt::Key_L, Qt::ControlModifier);
        return true;
    }
    return false;
}

void TestUndo::everyEditUndoesAndRedoes_data() {
    QTest::addColumn<QString>("edit");
    for (const char *e : {"add node by palette drag",
                          "add node by palette double-click",
                          "delete node",
                          "move node",
                          "move two nodes",
                          "connect",
                          "disconnect",
                          "producer knob",
                          "topic knob",
                          "queue knob",
                          "exchange knob",
                          "consumer knob",
                          "store knob",
                          "edge knob",
                          "scenario knob",
                          "add fault",
                          "edit fault",
                          "remove fault",
                          "add expectation",
                          "copy and paste",
                          "rename",
                          "automatic layout"})
        QTest::newRow(e) << QString::fromLatin1(e);
}

void TestUndo::everyEditUndoesAndRedoes() {
    QFETCH(QString, edit);
    if (edit == "automatic layout") {
        // Opening laid the nodes out already; move one off its place first.
        const QPoint from = m_d->nodeAt("orders");
        m_d->drag(m_d->canvas(), from, from + QPoint(30, 120));
    }
    const model::Scenario before = m_d->scenario();
    const int index = m_d->undoIndex();
    QVERIFY2(this->edit(edit), qPrintable(edit));
    const model::Scenario after = m_d->scenario();
    QVERIFY(!identical(after, before));
    QCOMPARE(m_d->undoIndex(), index + 1);
    QVERIFY(!model::hasErrors(m_w->document()->diagnostics()));

    m_d->undo();
    const model::Scenario &undone = m_d->scenario();
    QVERIFY(identical(undone, before));
    QCOMPARE(m_d->undoIndex(), index);
    // The canvas shows what the document holds.
    QCOMPARE(m_w->graphScene()->nodeCount(), int(undone.nodes.size()));
    QCOMPARE(m_w->graphScene()->edgeCount(), int(undone.edges.size()));
    for (const model::Node &n : undone.nodes)
        QCOMPARE(m_w->graphScene()->nodeItem(QString::fromStdString(n.id))->pos(),
                 QPointF(n.pos->first, n.pos->second));

    m_d->redo();
    QVERIFY(identical(m_d->scenario(), after));
    QCOMPARE(m_d->undoIndex(), index + 1);
    // And back once more: the history is stable.
    m_d->undo();
    QVERIFY(identical(m_d->scenario(), before));
    QCOMPARE(m_w->document()->isModified(), index > 0);
}

void TestUndo::rubberBandSelects() {
    GuiDriver &d = *m_d;
    // A rectangle around orders and payments (the producers' column) and nothing else.
    const QPointF o = m_w->graphScene()->nodeItem("orders")->scenePos();
    const QPointF p = m_w->graphScene()->nodeItem("payments")->scenePos();
    const QPointF topLeft(std::min(o.x(), p.x()) - 75, std::min(o.y(), p.y()) - 60);
    const QPointF bottomRight(std::max(o.x(), p.x()) + 75, std::max(o.y(), p.y()) + 70);
    d.drag(d.canvas(), d.at(topLeft), d.at(bottomRight));
    QCOMPARE(m_w->graphScene()->selectedNodeIds(), (QStringList{"orders", "payments"}));
    QCOMPARE(m_w->inspector()->target(), QStringLiteral("-"));
    // Delete takes both, with their edges, in one step.
    const model::Scenario before = d.scenario();
    d.canvasKey(Qt::Key_Delete);
    QVERIFY(testing::answerCascadeDelete());
    QCOMPARE(m_w->graphScene()->nodeCount(), 7);
    QCOMPARE(m_w->graphScene()->edgeCount(), 6);
    QCOMPARE(d.scenario().faults.size(), std::size_t(2)); // the spike of orders went with it
    d.undo();
    QVERIFY(identical(d.scenario(), before));
}

void TestUndo::copyPasteKeepsInnerEdges() {
    GuiDriver &d = *m_d;
    d.selectNode("order-events");
    d.click(d.nodeAt("inventory"), Qt::ControlModifier);
    d.click(d.nodeAt("inventory-db"), Qt::ControlModifier);
    d.canvasKey(Qt::Key_C, Qt::ControlModifier);
    d.canvasKey(Qt::Key_V, Qt::ControlModifier);
    const model::Scenario &s = d.scenario();
    QCOMPARE(s.nodes.size(), std::size_t(12));
    const model::Node *copy = s.findNode("inventory-copy");
    QVERIFY(copy);
    QCOMPARE(copy->consumer.instances, 3);
    QCOMPARE(copy->consumer.deadLetter, std::string("inventory-dlq"));
    const auto &orig = *s.findNode("inventory")->pos;
    QCOMPARE(*copy->pos, std::make_pair(orig.first + 40, orig.second + 40));
    // The edges among the copied nodes are copied; those to the rest are not.
    int copiedEdges = 0;
    for (const auto &e : s.edges)
        copiedEdges += e.from.ends_with("-copy") ? 1 : 0;
    QCOMPARE(copiedEdges, 2); // order-events-copy -> inventory-copy -> inventory-db-copy
    QCOMPARE(m_w->graphScene()->selectedNodeIds(),
             (QStringList{"inventory-copy", "inventory-db-copy", "order-events-copy"}));
    // Pasting again makes fresh ids.
    d.canvasKey(Qt::Key_V, Qt::ControlModifier);
    QVERIFY(d.scenario().findNode("inventory-copy2"));
    QVERIFY(!model::hasErrors(m_w->document()->diagnostics()));
}

void TestUndo::zoomPanAndFit() {
    GuiDriver &d = *m_d;
    ui::GraphView *view = m_w->graphView();
    // Fit to window (Ctrl+0): every node is inside the viewport.
    d.canvasKey(Qt::Key_0, Qt::ControlModifier);
    auto allVisible = [&] {
        for (ui::NodeItem *n : m_w->graphScene()->nodeItems())
            if (!view->viewport()->rect().contains(
                    view->mapFromScene(n->sceneBoundingRect()).boundingRect()))
                return false;
        return true;
    };
    QVERIFY(allVisible());
    const double fitted = view->zoom();

    // Zoom in with the keyboard (Ctrl++) and the wheel: 1.25 per key, 1.15 per wheel notch.
    d.canvasKey(Qt::Key_Plus, Qt::ControlModifier);
    QVERIFY(std::abs(view->zoom() - fitted * 1.25) < 1e-9);
    const QPoint centre = view->viewport()->rect().center();
    QWheelEvent wheel(centre, view->viewport()->mapToGlobal(centre), QPoint(), QPoint(0, 240),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view->viewport(), &wheel);
    QVERIFY(std::abs(view->zoom() - fitted * 1.25 * 1.15 * 1.15) < 1e-9);
    d.canvasKey(Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(std::abs(view->zoom() - fitted * 1.15 * 1.15) < 1e-9);

    // Pan with the middle button: the scene point under the cursor follows the mouse.
    const QPointF before = view->mapToScene(centre);
    d.drag(d.canvas(), centre, centre + QPoint(120, 60), Qt::MiddleButton);
    const QPointF after = view->mapToScene(centre);
    QVERIFY2(std::abs((before.x() - after.x()) * view->zoom() - 120) <= 2,
             qPrintable(QString::number((before.x() - after.x()) * view->zoom())));
    QVERIFY(std::abs((before.y() - after.y()) * view->zoom() - 60) <= 2);
    // And with Space held: the same gesture with the left button, moving nothing.
    const model::Scenario scenario = d.scenario();
    QTest::keyPress(view, Qt::Key_Space);
    d.drag(d.canvas(), centre, centre + QPoint(-50, 0));
    QTest::keyRelease(view, Qt::Key_Space);
    QVERIFY(std::abs((after.x() - view->mapToScene(centre).x()) * view->zoom() + 50) <= 2);
    QVERIFY(identical(d.scenario(), scenario));

    // Fit again brings everything back into view, at the same scale.
    d.canvasKey(Qt::Key_0, Qt::ControlModifier);
    QVERIFY(allVisible());
    QVERIFY(std::abs(view->zoom() - fitted) < 1e-9);
}

QTEST_MAIN(TestUndo)
#include "tst_undo.moc"
