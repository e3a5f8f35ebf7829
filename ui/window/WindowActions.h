#pragma once
// The main window's actions that are about the window and the run rather than the scenario:
// File > Save Run as Scenario… (the run's scenario with the faults injected into it, in
// `faults:` at the simulated times they started), File > Close, View > Reset Layout, and the
// Help menu (About, Documentation: README.md and scenarios/README.md shown in a window). GUI
// thread; owned by the main window.
#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QWidget;

namespace eventbench::ui {

class FileController;
class RunController;
class WindowLayout;

class WindowActions : public QObject {
    Q_OBJECT
  public:
    WindowActions(RunController *run, FileController *files, WindowLayout *layout, QWidget *window);

    QAction *saveRunAction() const { return m_saveRun; }
    QAction *closeAction() const { return m_close; }
    QAction *resetLayoutAction() const { return m_resetLayout; }
    /// Help: About and Documentation.
    QMenu *helpMenu() const { return m_help; }

    /// Writes the last run's scenario with its injected faults to `path`; false with `error`
    /// when there was no run or the file cannot be written.
    bool saveRunAsScenario(const QString &path, QString *error = nullptr) const;
    /// README.md (or `scenarios/README.md`...) of the installation or the source tree the app
    /// was built in; empty when not found.
    static QString documentationFile(const QString &relativePath);
    /// Opens the documentation window on README.md.
    void showDocumentation();

  signals:
    void message(const QString &text, bool problem);

  private:
    void updateEnabled();
    void saveRunInteractive();
    void showAbout();

    RunController *m_run;
    FileController *m_files;
    QWidget *m_window;
    QAction *m_saveRun;
    QAction *m_close;
    QAction *m_resetLayout;
    QMenu *m_help;
};

} // namespace eventbench::ui
