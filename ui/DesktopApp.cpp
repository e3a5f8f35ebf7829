#include "DesktopApp.h"

#include <QApplication>

#include "FileController.h"
#include "MainWindow.h"

namespace eventbench::ui {

int runDesktopApp(int argc, char **argv, const std::string &file) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("eventbench"));
    QApplication::setApplicationName(QStringLiteral("eventbench"));
    MainWindow window;
    window.show();
    if (!file.empty())
        window.files()->openFile(QString::fromStdString(file));
    return QApplication::exec();
}

} // namespace eventbench::ui
