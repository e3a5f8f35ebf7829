#pragma once
// The desktop app's window (README.md#the-desktop-app): canvas in the middle, palette, inspector,
// live charts, event log and diagnostics in docks, File/Edit/View/Run menus and the Run toolbar. It
// owns the document and the run controller and wires the views to them. GUI thread.
#include <QMainWindow>

#include "ui/live/RunController.h"

class QDockWidget;
class QLabel;
class QProgressBar;

namespace eventbench::ui {

class CanvasEditor;
class ChartsPanel;
class ConversionActions;
class DiagnosticsPanel;
class Document;
class EventLogPanel;
class PartitionsPanel;
class ExportActions;
class FileController;
class GraphScene;
class GraphView;
class InspectorPanel;
class LiveView;
class NodeMenu;
class PalettePanel;
class RunToolBar;
class RunRecorder;
class RunsPanel;
class RunStatusLabel;
class WindowActions;
class WindowLayout;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Validates the document and starts a run of it with the toolbar's seed and speed;
    /// false (diagnostics shown) when the scenario has errors.
    bool startRun(bool paused = false);
    /// Writes the finished run's CSV report into `dir`; false with `error` otherwise.
    bool exportReport(const QString &dir, QString *error = nullptr);

    Document *document() const { return m_document; }
    GraphScene *graphScene() const { return m_scene; }
    /// File > Export's actions (CSV, HTML report, OpenMetrics, charts).
    ExportActions *exportActions() const { return m_export; }
    GraphView *graphView() const { return m_view; }
    PalettePanel *palette() const { return m_palette; }
    InspectorPanel *inspector() const { return m_inspector; }
    DiagnosticsPanel *diagnosticsPanel() const { return m_diagnostics; }
    ChartsPanel *charts() const { return m_charts; }
    EventLogPanel *eventLog() const { return m_log; }
    PartitionsPanel *partitionsPanel() const { return m_partitions; }
    RunController *runController() const { return m_run; }
    RunToolBar *runToolBar() const { return m_runBar; }
    FileController *files() const { return m_files; }
    ConversionActions *conversions() const { return m_conversions; }
    CanvasEditor *editor() const { return m_editor; }
    LiveView *liveView() const { return m_live; }
    NodeMenu *nodeMenu() const { return m_nodeMenu; }
    RunsPanel *runsPanel() const { return m_runsPanel; }
    RunRecorder *recorder() const { return m_recorder; }
    WindowLayout *windowLayout() const { return m_layout; }
    WindowActions *windowActions() const { return m_actions; }
    /// The run's state in the status bar, kept until the next run or document ("Finished: ...").
    RunStatusLabel *runStatusLabel() const { return m_runStatus; }

  protected:
    void closeEvent(QCloseEvent *event) override;

  private:
    void createDocks();
    void createMenus();
    void createFileToolBar();
    void connectDocument();
    void connectRun();
    void showSelection();
    void onRunStateChanged(RunController::State state);
    void setEditingEnabled(bool enabled);
    void updateTitle();
    void showMessage(const QString &text, bool problem = false);
    void forgetRun();

    Document *m_document;
    GraphScene *m_scene;
    GraphView *m_view;
    RunController *m_run;
    FileController *m_files;
    ConversionActions *m_conversions = nullptr;
    CanvasEditor *m_editor;
    PalettePanel *m_palette = nullptr;
    InspectorPanel *m_inspector = nullptr;
    DiagnosticsPanel *m_diagnostics = nullptr;
    ChartsPanel *m_charts = nullptr;
    EventLogPanel *m_log = nullptr;
    PartitionsPanel *m_partitions = nullptr;
    RunToolBar *m_runBar = nullptr;
    LiveView *m_live = nullptr;
    QDockWidget *m_diagnosticsDock = nullptr;
    QLabel *m_timeLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QList<QAction *> m_editActions;
    ExportActions *m_export = nullptr;
    NodeMenu *m_nodeMenu = nullptr;
    RunRecorder *m_recorder = nullptr;
    RunsPanel *m_runsPanel = nullptr;
    WindowLayout *m_layout = nullptr;
    WindowActions *m_actions = nullptr;
    RunStatusLabel *m_runStatus = nullptr;
};

} // namespace eventbench::ui
