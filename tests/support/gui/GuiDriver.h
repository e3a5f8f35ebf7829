#pragma once
// Drives eventbench's main window as a user does: real mouse and keyboard events, the mouse
// going through the window system (QTEST_QPA_MOUSE_HANDLING), so that grabs, double-clicks,
// context menus and popups behave as on a desktop. Header-only on purpose: every test that
// includes it defines QTEST_QPA_MOUSE_HANDLING first, which changes QtTest's inline mouse
// functions; a compiled copy in the support library would mix both modes in one program.
#ifndef QTEST_QPA_MOUSE_HANDLING
#error "define QTEST_QPA_MOUSE_HANDLING before including QtTest and this file"
#endif

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QLineEdit>
#include <QMenu>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

#include "ui/canvas/GraphScene.h"
#include "ui/canvas/GraphView.h"
#include "ui/canvas/NodeItem.h"
#include "ui/canvas/NodeMenu.h"
#include "ui/canvas/PalettePanel.h"
#include "ui/editor/Document.h"
#include "ui/editor/FileController.h"
#include "ui/inspector/InspectorPanel.h"
#include "ui/live/LiveView.h"
#include "ui/live/RunToolBar.h"
#include "ui/window/MainWindow.h"

namespace eventbench::testing {

class GuiDriver {
  public:
    explicit GuiDriver(ui::MainWindow &window) : m_w(window) {}

    ui::MainWindow &window() { return m_w; }
    QWidget *canvas() const { return m_w.graphView()->viewport(); }
    const model::Scenario &scenario() const { return m_w.document()->scenario(); }
    int undoIndex() const { return m_w.document()->undoStack()->index(); }

    /// Viewport point of a scene point.
    QPoint at(QPointF scenePos) const { return m_w.graphView()->mapFromScene(scenePos); }
    /// Viewport point of a node's centre.
    QPoint nodeAt(const QString &id) const {
        ui::NodeItem *item = m_w.graphScene()->nodeItem(id);
        return item ? at(item->scenePos()) : QPoint(-1, -1);
    }
    /// Viewport point in the middle of edge `index` (between the two nodes' outlines).
    QPoint edgeAt(int index) const {
        const model::Edge &e = scenario().edges[std::size_t(index)];
        const QPointF a = m_w.graphScene()->nodeItem(QString::fromStdString(e.from))->scenePos();
        const QPointF b = m_w.graphScene()->nodeItem(QString::fromStdString(e.to))->scenePos();
        return at((a + b) / 2);
    }

    /// Shows the window and waits until it is active (keyboard shortcuts need that).
    bool show() {
        m_w.show();
        m_w.activateWindow();
        return QTest::qWaitForWindowActive(&m_w);
    }

    /// After a dialog closed the window may not be active again on its own; a user clicks it.
    void activate() {
        if (m_w.isActiveWindow())
            return;
        m_w.activateWindow();
        static_cast<void>(
            QTest::qWaitForWindowActive(&m_w)); // offscreen windows may never activate
    }

    void click(QPoint p, Qt::KeyboardModifiers m = {}) {
        QTest::mouseClick(canvas(), Qt::LeftButton, m, p);
    }
    void selectNode(const QString &id) { click(nodeAt(id)); }
    /// A press, a few moves and a release.
    void drag(QWidget *on, QPoint from, QPoint to, Qt::MouseButton button = Qt::LeftButton,
              Qt::KeyboardModifiers m = {}) {
        QTest::mousePress(on, button, m, from);
        const int steps = 6;
        for (int i = 1; i <= steps; ++i)
            QTest::mouseMove(on, from + (to - from) * i / steps);
        QTest::mouseRelease(on, button, m, to);
    }
    /// Shift+drag from one node to another (a connection).
    void connect(const QString &from, const QString &to) {
        drag(canvas(), nodeAt(from), nodeAt(to), Qt::LeftButton, Qt::ShiftModifier);
    }
    /// Drags a kind from the palette onto the canvas at `scenePos`; returns the new node's id
    /// (the selected node after the drop) or an empty string.
    QString dropFromPalette(model::NodeKind kind, QPointF scenePos) {
        ui::PalettePanel *palette = m_w.palette();
        QWidget *vp = palette->viewport();
        const QPoint start = palette->visualItemRect(palette->itemFor(kind)).center();
        const QPoint target = vp->mapFromGlobal(canvas()->mapToGlobal(at(scenePos)));
        const int before = m_w.graphScene()->nodeCount();
        drag(vp, start, target);
        if (m_w.graphScene()->nodeCount() != before + 1)
            return {};
        const QStringList selected = m_w.graphScene()->selectedNodeIds();
        return selected.size() == 1 ? selected.front() : QString();
    }
    /// Sends a key (with modifiers) to the widget that has the focus, as a keyboard does.
    void key(Qt::Key k, Qt::KeyboardModifiers m = {}) {
        QWidget *target = QApplication::focusWidget();
        QTest::keyClick(target ? target : &m_w, k, m);
    }
    /// Ctrl+Z / Ctrl+Shift+Z with the canvas focused.
    void undo() {
        activate();
        canvas()->setFocus();
        key(Qt::Key_Z, Qt::ControlModifier);
    }
    void redo() {
        activate();
        canvas()->setFocus();
        key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    }
    /// A shortcut pressed while the canvas has the focus (Delete, Ctrl+C, Ctrl+L, ...).
    void canvasKey(Qt::Key k, Qt::KeyboardModifiers m = {}) {
        activate();
        canvas()->setFocus();
        key(k, m);
    }

    /// Double-clicks the value of inspector row `key`, replaces its text by typing `text` and
    /// presses Enter, as a user edits a knob. True when that made one undoable edit.
    bool setKnob(const QString &knob, const QString &text) {
        QTreeWidget *tree = m_w.inspector()->tree();
        QTreeWidgetItem *item = m_w.inspector()->itemOf(knob);
        if (!item) {
            qWarning("inspector has no row %s", qPrintable(knob));
            return false;
        }
        const QModelIndex index = tree->model()->index(tree->indexOfTopLevelItem(item), 1);
        tree->scrollTo(index);
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
        auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        if (!editor) {
            qWarning("no line editor opened on %s", qPrintable(knob));
            return false;
        }
        return typeAndCommit(editor, text);
    }
    /// Selects all of `editor`, types `text`, presses Enter and waits for the edit.
    bool typeAndCommit(QLineEdit *editor, const QString &text) {
        const int before = undoIndex();
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        if (text.isEmpty())
            QTest::keyClick(editor, Qt::Key_Delete);
        else
            QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        if (!QTest::qWaitFor([&] { return undoIndex() == before + 1; }, 3000)) {
            qWarning("typing '%s' made no edit", qPrintable(text));
            return false;
        }
        return true;
    }
    /// Clicks an empty spot of the canvas (clears the selection: the inspector shows the
    /// scenario).
    void clickEmpty(QPointF scenePos) { click(at(scenePos)); }

    /// Right-clicks a node and returns the menu that opened.
    QMenu *nodeMenu(const QString &id) {
        QTest::mouseClick(canvas(), Qt::RightButton, {}, nodeAt(id));
        QMenu *menu = nullptr;
        static_cast<void>(QTest::qWaitFor(
            [&] { return (menu = m_w.nodeMenu()->menu()) && menu->isVisible(); }, 3000));
        return menu;
    }
    /// Clicks the item `objectName` of an open menu.
    bool clickMenuItem(QMenu *menu, const QString &objectName) {
        for (QAction *a : menu->actions())
            if (a->objectName() == objectName) {
                if (!a->isEnabled())
                    return false;
                QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(a).center());
                return true;
            }
        return false;
    }

  private:
    ui::MainWindow &m_w;
};

/// Opens `path` in `w`, runs it as fast as possible to its end and draws the charts once
/// more; false if the file does not open, the run does not start or does not end in 5 min.
inline bool runToEnd(ui::MainWindow &w, const QString &path) {
    if (!w.files()->openFile(path))
        return false;
    w.runToolBar()->setSpeedIndex(3);
    if (!w.startRun())
        return false;
    const auto finished = [&] {
        return w.runController()->state() == ui::RunController::State::Finished;
    };
    if (!QTest::qWaitFor(finished, 300000))
        return false;
    w.liveView()->refreshNow();
    return true;
}

} // namespace eventbench::testing
