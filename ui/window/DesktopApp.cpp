#include "ui/window/DesktopApp.h"

#include <QApplication>
#include <QTimer>

#include "ui/canvas/GraphScene.h"
#include "ui/canvas/NodeItem.h"
#include "ui/editor/FileController.h"
#include "ui/live/RunToolBar.h"
#include "ui/window/MainWindow.h"
#include "ui/window/WindowLayout.h"

namespace eventbench::ui {

namespace {

// EVENTBENCH_AUTORUN=1 starts a run as soon as the file is open (for demos and screenshots),
// at EVENTBENCH_AUTORUN_SPEED (1, 10, 100 or max; default 100) with the nodes named in
// EVENTBENCH_SELECT (comma-separated ids) selected, so that the charts follow them.
void autorun(MainWindow &window) {
    const QString speed = qEnvironmentVariable("EVENTBENCH_AUTORUN_SPEED", QStringLiteral("100"));
    const QStringList speeds{QStringLiteral("1"), QStringLiteral("10"), QStringLiteral("100"),
                             QStringLiteral("max")};
    window.runToolBar()->setSpeedIndex(std::max(0, int(speeds.indexOf(speed))));
    const QStringList ids =
        qEnvironmentVariable("EVENTBENCH_SELECT").split(QLatin1Char(','), Qt::SkipEmptyParts);
    window.graphScene()->clearSelection();
    for (const QString &id : ids)
        if (NodeItem *item = window.graphScene()->nodeItem(id.trimmed()))
            item->setSelected(true);
    window.startRun();
}

} // namespace

int runDesktopApp(int argc, char **argv, const std::string &file) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("eventbench"));
    QApplication::setApplicationName(QStringLiteral("eventbench"));
    MainWindow window;
    // The docks and the window's place as the user left them; else the default, sized to fit
    // the screen.
    if (!window.windowLayout()->restoreAndRemember()) {
        window.windowLayout()->sizeForScreen();
        window.windowLayout()->applyDefault();
    }
    window.show();
    bool opened = false;
    if (!file.empty())
        opened = window.files()->openFile(QString::fromStdString(file));
    if (opened && qEnvironmentVariableIntValue("EVENTBENCH_AUTORUN") == 1)
        QTimer::singleShot(300, &window, [&window] { autorun(window); });
    return QApplication::exec();
}

} // namespace eventbench::ui
