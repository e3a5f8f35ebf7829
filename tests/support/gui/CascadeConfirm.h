#pragma once
// Answers the box CanvasEditor opens before a delete that takes expectations, faults or
// dead_letter/unroutable keys along (object name `cascadeDelete`), by the keyboard as a user
// does: Enter confirms (its default button), Escape cancels. Header-only, for GUI tests.
#include <QApplication>
#include <QMessageBox>
#include <QtTest>

namespace eventbench::testing {

/// The open cascade-delete box, or nullptr.
inline QMessageBox *cascadeDeleteBox() {
    for (QWidget *w : QApplication::allWidgets())
        if (auto *box = qobject_cast<QMessageBox *>(w);
            box && box->objectName() == QLatin1String("cascadeDelete") && box->isVisible())
            return box;
    return nullptr;
}

/// Waits for the box and answers it; false when no box opened.
inline bool answerCascadeDelete(bool confirm = true) {
    if (!QTest::qWaitFor([] { return cascadeDeleteBox() != nullptr; }, 3000))
        return false;
    QTest::keyClick(cascadeDeleteBox(), confirm ? Qt::Key_Return : Qt::Key_Escape);
    return QTest::qWaitFor([] { return cascadeDeleteBox() == nullptr; }, 3000);
}

} // namespace eventbench::testing
