// Authoring as a user does it (real mouse and keyboard events, offscreen): a knob edited in
// the inspector and saved changes that one line of a commented file; the Source view and the
// canvas follow each other; a file with errors opens in the Source view with its errors on
// their lines; a delete that takes expectations and faults along names them first and undoes
// in one step.
#define QTEST_QPA_MOUSE_HANDLING
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTimer>
#include <QtTest>

#include "support/gui/CascadeConfirm.h"
#include "support/gui/GuiDriver.h"
#include "ui/editor/FileController.h"
#include "ui/inspector/InspectorPanel.h"
#include "ui/source/SourceView.h"

using namespace eventbench;
using eventbench::testing::GuiDriver;
using eventbench::ui::MainWindow;

namespace {

const QString kScenarios = QStringLiteral(EVENTBENCH_SOURCE_DIR "/scenarios/");

QByteArray readAll(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// The lines of `a` and `b` that differ, compared line by line (same line count expected).
QStringList changedLines(const QByteArray &a, const QByteArray &b) {
    const QList<QByteArray> x = a.split('\n'), y = b.split('\n');
    QStringList out;
    if (x.size() != y.size())
        return {QStringLiteral("line count %1 -> %2").arg(x.size()).arg(y.size())};
    for (int i = 0; i < x.size(); ++i)
        if (x[i] != y[i])
            out << QString::fromUtf8(y[i]);
    return out;
}

ui::SourceView *sourceView(MainWindow &w) {
    return w.findChild<ui::SourceView *>();
}

// Clicks into the Source view's text and moves the cursor to the end, as a user does.
void focusSourceEnd(MainWindow &w) {
    auto *dock = w.findChild<QDockWidget *>(QStringLiteral("sourceDock"));
    dock->show();
    dock->raise();
    QPlainTextEdit *edit = sourceView(w)->editor();
    QTest::mouseClick(edit->viewport(), Qt::LeftButton, {}, QPoint(20, 10));
    QTest::keyClick(edit, Qt::Key_End, Qt::ControlModifier);
}

} // namespace

class TestAuthoring : public QObject {
    Q_OBJECT
  private slots:
    void init() { QTest::qWait(0); }

    void saveKeepsCommentsAndChangesOneLine() {
        QTemporaryDir dir;
        const QString path = dir.filePath("outage.yaml");
        const QByteArray original = readAll(kScenarios + "broker-outage.yaml");
        QVERIFY(original.contains("# Numbers:"));
        QVERIFY(writeAll(path, original));
        MainWindow w;
        GuiDriver d(w);
        QVERIFY(d.show());
        QVERIFY(w.files()->openFile(path));
        d.selectNode("fulfil");
        QVERIFY(d.setKnob("instances", "6"));
        d.activate();
        QTest::keyClick(&w, Qt::Key_S, Qt::ControlModifier);
        QVERIFY(QTest::qWaitFor([&] { return !w.document()->isModified(); }, 3000));
        const QByteArray saved = readAll(path);
        QCOMPARE(changedLines(original, saved),
                 QStringList{"  fulfil:   {kind: consumer, instances: 6, commit: after_each, "
                             "service_time: {distribution: exponential, mean: 5ms}}"});
        // Saving again without an edit writes the same bytes.
        QVERIFY(w.files()->saveTo(path));
        QCOMPARE(readAll(path), saved);
    }

    void defaultsLookApartAndReset() {
        MainWindow w;
        GuiDriver d(w);
        QVERIFY(d.show());
        QVERIFY(w.files()->openFile(kScenarios + "broker-outage.yaml"));
        d.selectNode("fulfil");
        ui::InspectorPanel *inspector = w.inspector();
        QVERIFY(inspector->isDefaultShown("concurrency"));
        QVERIFY(!inspector->isDefaultShown("instances"));
        QVERIFY(inspector->itemOf("concurrency")->toolTip(1).startsWith("default: 1"));
        // Right-click the set value and choose "Reset to default (1)".
        QTreeWidget *tree = inspector->tree();
        const QPoint at = tree->visualItemRect(inspector->itemOf("instances")).center();
        bool chosen = false;
        QTimer::singleShot(300, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QAction *reset =
                menu ? menu->findChild<QAction *>(QStringLiteral("resetToDefault")) : nullptr;
            if (!reset) {
                if (menu)
                    menu->close();
                return;
            }
            chosen = reset->text() == QStringLiteral("Reset to default (1)");
            QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(reset).center());
        });
        QTest::mouseClick(tree->viewport(), Qt::RightButton, {}, at);
        QVERIFY(QTest::qWaitFor(
            [&] { return w.document()->scenario().findNode("fulfil")->consumer.instances == 1; },
            3000));
        QVERIFY(chosen);
        QVERIFY(inspector->isDefaultShown("instances"));
        QVERIFY(w.document()->toYaml().find("instances: 4") == std::string::npos);
    }

    void sourceAndCanvasStayInStep() {
        MainWindow w;
        GuiDriver d(w);
        QVERIFY(d.show());
        QVERIFY(w.files()->openFile(kScenarios + "broker-outage.yaml"));
        QPlainTextEdit *edit = sourceView(w)->editor();
        QCOMPARE(edit->toPlainText().toUtf8(), readAll(kScenarios + "broker-outage.yaml"));
        // Canvas -> text: a node dropped from the palette appears as one line.
        const QRectF r = w.graphScene()->itemsBoundingRect();
        const QString id =
            d.dropFromPalette(model::NodeKind::Queue, QPointF(r.center().x(), r.bottom() + 40));
        QCOMPARE(id, QStringLiteral("queue1"));
        QVERIFY(edit->toPlainText().contains("  queue1: {kind: queue, pos: ["));
        QVERIFY(edit->toPlainText().contains("# Numbers:"));
        // Text -> canvas: typing an expectation and a node; the canvas follows after a pause.
        focusSourceEnd(w);
        QTest::keyClicks(edit, "  - max(queue1.depth) < 10");
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return w.document()->scenario().expectations.size() == 9; },
                                3000));
        const int undoBefore = w.document()->undoStack()->index();
        QTest::keyClick(edit, Qt::Key_Home, Qt::ControlModifier);
        QVERIFY(edit->find("  orders:"));
        QTest::keyClick(edit, Qt::Key_Home);
        QTest::keyClicks(edit, "  audit: {kind: store}");
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return w.graphScene()->nodeCount() == 6; }, 3000));
        QVERIFY(w.graphScene()->nodeItem("audit"));
        QCOMPARE(w.document()->undoStack()->index(), undoBefore + 1);
        // Undo takes the typed node away again, from the canvas and the text.
        d.undo();
        QCOMPARE(w.graphScene()->nodeCount(), 5);
        QVERIFY(!edit->toPlainText().contains("audit"));
    }

    void fileWithErrorsOpensInSourceView() {
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.yaml");
        QVERIFY(writeAll(path, "# a typo on line 5\nscenario: broken\nduration: 1m\nnodes:\n"
                               "  work: {kind: consumer, instances: many}\n"
                               "  feed: {kind: producer, rate: 5/s}\n  bus: {kind: topic}\n"
                               "edges:\n  - feed -> bus\n  - bus -> work\n"));
        MainWindow w;
        GuiDriver d(w);
        QVERIFY(d.show());
        QVERIFY(!w.files()->openFile(path));
        ui::SourceView *view = sourceView(w);
        QCOMPARE(view->editor()->toPlainText().toUtf8(), readAll(path));
        QCOMPARE(w.graphScene()->nodeCount(), 0);
        auto *banner = w.findChild<QLabel *>(QStringLiteral("brokenBanner"));
        QVERIFY(banner && banner->isVisible());
        QVERIFY(banner->text().contains("nothing loaded"));
        QVERIFY(!view->marked().empty());
        QCOMPARE(view->marked().front().where.line, 5);
        const auto marks = view->editor()->extraSelections();
        QCOMPARE(marks.size(), 1);
        QCOMPARE(marks.front().cursor.block().blockNumber(), 4);
        QVERIFY(view->status()->text().contains("line 5"));
        // Fixed by typing: the scenario loads, the canvas fills, the banner goes.
        QVERIFY(view->editor()->find("many"));
        QTest::keyClicks(view->editor(), "3");
        QVERIFY(QTest::qWaitFor([&] { return w.graphScene()->nodeCount() == 3; }, 3000));
        QVERIFY(!banner->isVisible());
        QCOMPARE(w.document()->scenario().findNode("work")->consumer.instances, 3);
        QVERIFY(view->editor()->extraSelections().isEmpty());
    }

    void cascadeDeleteNamesWhatGoesAndUndoesInOneStep() {
        MainWindow w;
        GuiDriver d(w);
        QVERIFY(d.show());
        QVERIFY(w.files()->openFile(kScenarios + "broker-outage.yaml"));
        const model::Scenario before = w.document()->scenario();
        d.selectNode("fulfil");
        d.canvasKey(Qt::Key_Delete);
        QMessageBox *box = testing::cascadeDeleteBox();
        QVERIFY(box);
        const QString listed = box->informativeText();
        QVERIFY2(listed.contains("expectation max(fulfil.lag) > 3000"), qPrintable(listed));
        QVERIFY(listed.contains("expectation p99(fulfil.latency) < 26s"));
        QCOMPARE(listed.count(QStringLiteral("• ")), 4);
        // Cancel leaves everything; confirming deletes it all as one step.
        QVERIFY(testing::answerCascadeDelete(false));
        QVERIFY(w.document()->scenario() == before);
        d.selectNode("orders");
        d.canvasKey(Qt::Key_Delete);
        QVERIFY(testing::cascadeDeleteBox());
        QVERIFY(testing::cascadeDeleteBox()->informativeText().contains(
            "fault {at: 1m, for: 20s, outage: orders}"));
        QVERIFY(testing::answerCascadeDelete(true));
        QCOMPARE(w.graphScene()->nodeCount(), 3);
        QVERIFY(w.document()->scenario().faults.empty());
        d.undo();
        QVERIFY(w.document()->scenario() == before);
        QCOMPARE(w.graphScene()->nodeCount(), 4);
    }
};

QTEST_MAIN(TestAuthoring)
#include "tst_authoring.moc"
