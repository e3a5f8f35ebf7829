#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QScrollArea>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

#include "model/scenario/Units.h"
#include "ui/canvas/GraphScene.h"
#include "ui/canvas/GraphView.h"
#include "ui/canvas/NodeItem.h"
#include "ui/canvas/NodeMenu.h"
#include "ui/canvas/PalettePanel.h"
#include "ui/charts/ChartsPanel.h"
#include "ui/editor/CanvasEditor.h"
#include "ui/editor/ConversionActions.h"
#include "ui/editor/Document.h"
#include "ui/editor/FileController.h"
#include "ui/history/RunRecorder.h"
#include "ui/history/RunsPanel.h"
#include "ui/inspector/DiagnosticsPanel.h"
#include "ui/inspector/InspectorPanel.h"
#include "ui/live/EventLogDetail.h"
#include "ui/live/EventLogPanel.h"
#include "ui/live/LiveView.h"
#include "ui/live/PartitionsPanel.h"
#include "ui/live/RunToolBar.h"
#include "ui/source/SourceView.h"
#include "ui/sweep/SweepDialog.h"
#include "ui/window/ExportActions.h"
#include "ui/window/RunStatusLabel.h"
#include "ui/window/WindowActions.h"
#include "ui/window/WindowLayout.h"

namespace eventbench::ui {

namespace {

QString clock(model::SimTime t) {
    const qint64 s = t / model::kNanosPerSecond;
    return s >= 3600 ? QStringLiteral("%1:%2:%3")
                           .arg(s / 3600)
                           .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                           .arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_document(new Document(this)), m_scene(new GraphScene(this)),
      m_view(new GraphView(m_scene, this)), m_run(new RunController(this)),
      m_files(new FileController(m_document, this)),
      m_editor(new CanvasEditor(m_document, m_scene, m_view, this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setCentralWidget(m_view);
    m_layout = new WindowLayout(this, m_view);
    m_runBar = new RunToolBar(this);
    createDocks();
    createMenus();
    addToolBar(Qt::TopToolBarArea, m_runBar);
    m_live = new LiveView(m_run, m_document, m_scene, m_charts, m_log, this);
    m_live->setPartitionsPanel(m_partitions);
    m_nodeMenu = new NodeMenu(m_run, m_document, m_editor, this);

    m_runStatus = new RunStatusLabel(m_run, m_nodeMenu, this);
    statusBar()->addPermanentWidget(m_runStatus);
    m_timeLabel = new QLabel(this);
    m_timeLabel->setMinimumWidth(150);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(180);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    statusBar()->addPermanentWidget(m_timeLabel);
    statusBar()->addPermanentWidget(m_progress);

    connectDocument();
    connectRun();
    m_document->reset(Document::emptyScenario(), QString(), {});
    resize(1500, 950);
    m_layout->applyDefault();
}

MainWindow::~MainWindow() {
    // QWidget deletes the children before the connections to this window go away; a scene
    // being emptied would otherwise call back into a half-destroyed window.
    m_scene->blockSignals(true);
    m_document->blockSignals(true);
    m_run->blockSignals(true);
}

void MainWindow::createDocks() {
    auto dock = [this](const QString &title, const char *name, QWidget *w, Qt::DockWidgetArea a) {
        auto *d = new QDockWidget(title, this);
        d->setObjectName(QLatin1String(name));
        d->setWidget(w);
        addDockWidget(a, d);
        return d;
    };
    m_palette = new PalettePanel(this);
    dock(tr("Palette"), "paletteDock", m_palette, Qt::LeftDockWidgetArea);
    m_inspector = new InspectorPanel(this);
    dock(tr("Inspector"), "inspectorDock", m_inspector, Qt::RightDockWidgetArea);
    // Every run is recorded in the results store; the Runs dock reopens and compares them.
    m_recorder = new RunRecorder(m_run, RunRecorder::defaultStorePath(), this);
    m_runsPanel = new RunsPanel(m_recorder->storePath(), this);
    auto *inspectorDock = findChild<QDockWidget *>(QStringLiteral("inspectorDock"));
    tabifyDockWidget(inspectorDock,
                     dock(tr("Runs"), "runsDock", m_runsPanel, Qt::RightDockWidgetArea));
    inspectorDock->raise();
    SourceView::attach(this, m_document, inspectorDock, m_view);
    connect(m_recorder, &RunRecorder::runsChanged, m_runsPanel, &RunsPanel::refresh);
    connect(m_recorder, &RunRecorder::problemChanged, m_runsPanel, &RunsPanel::setProblem);
    m_charts = new ChartsPanel(this);
    // Scrolled rather than squeezed below the charts' smallest size: a small window stays usable.
    auto *chartsScroll = new QScrollArea(this);
    chartsScroll->setObjectName(QStringLiteral("chartsScroll"));
    chartsScroll->setWidget(m_charts);
    chartsScroll->setWidgetResizable(true);
    chartsScroll->setFrameShape(QFrame::NoFrame);
    QDockWidget *charts =
        dock(tr("Live charts"), "chartsDock", chartsScroll, Qt::BottomDockWidgetArea);
    m_log = new EventLogPanel(this);
    QDockWidget *log = dock(tr("Event log"), "eventLogDock", EventLogDetail::wrap(m_log, this),
                            Qt::BottomDockWidgetArea);
    m_diagnostics = new DiagnosticsPanel(this);
    m_diagnosticsDock =
        dock(tr("Diagnostics"), "diagnosticsDock", m_diagnostics, Qt::BottomDockWidgetArea);
    m_partitions = new PartitionsPanel(this);
    QDockWidget *partitions =
        dock(tr("Partitions"), "partitionsDock", m_partitions, Qt::BottomDockWidgetArea);
    splitDockWidget(charts, log, Qt::Horizontal);
    tabifyDockWidget(log, m_diagnosticsDock);
    tabifyDockWidget(log, partitions);
    log->raise();
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
}

void MainWindow::createMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_files->newAction());
    file->addAction(m_files->openAction());
    file->addMenu(m_files->recentMenu());
    file->addAction(m_files->saveAction());
    file->addAction(m_files->saveAsAction());
    m_conversions = new ConversionActions(m_document, m_files, this);
    file->addMenu(m_conversions->importMenu());
    m_actions = new WindowActions(m_run, m_files, m_layout, this);
    connect(m_actions, &WindowActions::message, this, &MainWindow::showMessage);
    file->addAction(m_actions->saveRunAction());
    file->addAction(m_actions->closeAction());
    file->addSeparator();
    m_export = new ExportActions(m_run, m_charts, this);
    connect(m_export, &ExportActions::message, this, &MainWindow::showMessage);
    file->addAction(m_export->reportAction());
    file->addAction(m_export->htmlReportAction());
    file->addAction(m_export->openMetricsAction());
    file->addAction(m_conversions->exportAsyncApiAction());
    file->addAction(m_export->chartsAction());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    // Every binding of the platform: Ctrl+Y, and Ctrl+Shift+Z where that is usual.
    redo->setShortcuts(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *copy = edit->addAction(tr("&Copy"), m_editor, &CanvasEditor::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    QAction *paste = edit->addAction(tr("&Paste"), m_editor, &CanvasEditor::paste);
    paste->setShortcut(QKeySequence::Paste);
    QAction *del = edit->addAction(tr("&Delete"), m_editor, &CanvasEditor::deleteSelection);
    del->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    QAction *all = edit->addAction(tr("Select &All"), this, [this] {
        for (QGraphicsItem *item : m_scene->items())
            item->setSelected(true);
    });
    all->setShortcut(QKeySequence::SelectAll);
    edit->addSeparator();
    QAction *layout = edit->addAction(tr("Automatic &Layout"), m_editor, &CanvasEditor::autoLayout);
    layout->setShortcut(Qt::CTRL | Qt::Key_L);
    m_editActions = {undo, redo, paste, del, layout};

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, m_view, &GraphView::zoomIn);
    view->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, m_view, &GraphView::zoomOut);
    view->addAction(tr("&Fit to Window"), QKeySequence(Qt::CTRL | Qt::Key_0), m_view,
                    &GraphView::fitToWindow);
    view->addAction(tr("&Actual Size"), m_view, &GraphView::resetZoom);
    view->addSeparator();
    for (QDockWidget *d : findChildren<QDockWidget *>())
        view->addAction(d->toggleViewAction());
    view->addSeparator();
    view->addAction(m_actions->resetLayoutAction());

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_runBar->runAction());
    run->addAction(m_runBar->pauseAction());
    run->addAction(m_runBar->stepAction());
    run->addAction(m_runBar->stopAction());
    run->addSeparator();
    // Run > Sweep…: the app's `eventbench sweep`, one dialog per window, kept while open.
    QAction *sweep = run->addAction(tr("S&weep…"), this, [this] {
        auto *dialog = findChild<SweepDialog *>();
        if (!dialog)
            dialog = new SweepDialog(m_document, this);
        dialog->show();
        dialog->raise();
    });
    sweep->setObjectName(QStringLiteral("sweepAction"));
    menuBar()->addMenu(m_actions->helpMenu());
    createFileToolBar();
}

void MainWindow::createFileToolBar() {
    QToolBar *fileBar = addToolBar(tr("File"));
    fileBar->setObjectName(QStringLiteral("fileToolBar"));
    fileBar->addAction(m_files->newAction());
    fileBar->addAction(m_files->openAction());
    fileBar->addAction(m_files->saveAction());
    fileBar->addSeparator();
    fileBar->addAction(QIcon::fromTheme(QStringLiteral("zoom-fit-best")), tr("Fit"), m_view,
                       &GraphView::fitToWindow);
    fileBar->addAction(tr("Layout"), m_editor, &CanvasEditor::autoLayout);
}

void MainWindow::connectDocument() {
    connect(m_document, &Document::scenarioChanged, this, [this] {
        // New, Open and Close (a reset: no history) start from a clean slate.
        if (m_document->undoStack()->count() == 0 && !m_run->isLive())
            forgetRun();
        m_scene->sync(m_document->scenario());
        m_scene->setProblems(m_document->diagnostics());
        if (!m_run->isLive())
            m_live->clearOverlay();
        showSelection();
        m_live->followSelection();
    });
    connect(m_document, &Document::diagnosticsChanged, this, [this] {
        m_diagnostics->setDiagnostics(m_document->diagnostics());
        m_scene->setProblems(m_document->diagnostics());
    });
    connect(m_diagnostics, &DiagnosticsPanel::countsChanged, this,
            [this](int errors, int warnings) {
                m_diagnosticsDock->setWindowTitle(
                    errors + warnings == 0
                        ? tr("Diagnostics")
                        : tr("Diagnostics (%1 errors, %2 warnings)").arg(errors).arg(warnings));
            });
    connect(m_document, &Document::filePathChanged, this, [this] {
        m_runBar->setSeed(m_document->scenario().seed);
        m_timeLabel->setText(tr("t = 0:00 / %1").arg(clock(m_document->scenario().duration)));
        m_progress->setValue(0);
        updateTitle();
        QTimer::singleShot(0, m_view, &GraphView::fitToWindow);
    });
    connect(m_document, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_files, &FileController::message, this, [this](const QString &t) { showMessage(t); });
    connect(m_files, &FileController::loadFailed, this,
            [this](const QString &, const model::Diagnostics &d) {
                m_diagnostics->setDiagnostics(d);
                m_diagnosticsDock->raise();
            });
    connect(m_editor, &CanvasEditor::message, this, &MainWindow::showMessage);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        showSelection();
        m_live->followSelection();
    });
    connect(m_scene, &GraphScene::nodesMoved, m_editor, &CanvasEditor::moveNodes);
    connect(m_scene, &GraphScene::connectRequested, this,
            [this](const QString &a, const QString &b) { m_editor->connectNodes(a, b); });
    connect(m_palette, &PalettePanel::addNodeRequested, this,
            [this](model::NodeKind k) { m_editor->addNode(k); });
    connect(m_palette, &PalettePanel::dragMoved, m_view, &GraphView::previewDrop);
    connect(m_palette, &PalettePanel::dragDropped, m_view, &GraphView::dropAt);
    connect(m_palette, &PalettePanel::dragCancelled, m_view, &GraphView::cancelDropPreview);
    connect(m_scene, &GraphScene::nodeMenuRequested, m_nodeMenu, &NodeMenu::popup);
    connect(m_nodeMenu, &NodeMenu::message, this, &MainWindow::showMessage);
    connect(m_nodeMenu, &NodeMenu::renameRequested, this, [this](const QString &id) {
        m_scene->selectOnly(id);
        m_inspector->editKnob(QStringLiteral("id"));
    });
    connect(m_view, &GraphView::dropNodeRequested, this,
            [this](model::NodeKind k, QPointF p) { m_editor->addNodeAt(k, p); });
    connect(m_inspector, &InspectorPanel::knobEdited, this,
            [this](const QString &target, const QString &key, const QString &text) {
                // Deferred: applying rebuilds the tree whose item is still being edited.
                QTimer::singleShot(0, this, [this, target, key, text] {
                    if (!m_editor->editKnob(target, key, text))
                        showSelection();
                });
            });
    connect(m_diagnostics, &DiagnosticsPanel::nodeActivated, this, [this](const QString &id) {
        m_scene->selectOnly(id);
        if (auto *item = m_scene->nodeItem(id))
            m_view->centerOn(item);
    });
}

void MainWindow::connectRun() {
    connect(m_runBar->runAction(), &QAction::triggered, this, [this] {
        if (m_run->state() == RunController::State::Paused)
            m_run->resume();
        else
            startRun(false);
    });
    connect(m_runBar->pauseAction(), &QAction::triggered, m_run, &RunController::pause);
    connect(m_runBar->stepAction(), &QAction::triggered, this, [this] {
        if (m_run->isLive() || startRun(true))
            m_run->step();
    });
    connect(m_runBar->stopAction(), &QAction::triggered, m_run, &RunController::stop);
    connect(m_runBar, &RunToolBar::speedChanged, m_run, &RunController::setSpeed);
    connect(m_run, &RunController::stateChanged, this, &MainWindow::onRunStateChanged);
    connect(
        m_run, &RunController::faultInjected, this, [this](const model::Fault &f, bool accepted) {
            if (!accepted)
                m_log->note(
                    tr("%1 refused a fault it cannot take").arg(QString::fromStdString(f.target)));
        });
    connect(m_live, &LiveView::progress, this, [this](model::SimTime now, model::SimTime end) {
        m_timeLabel->setText(tr("t = %1 / %2").arg(clock(now), clock(end)));
        m_progress->setValue(end > 0 ? int(1000.0 * double(now) / double(end)) : 0);
    });
}

bool MainWindow::startRun(bool paused) {
    model::Diagnostics diagnostics;
    std::optional<model::Scenario> s = m_document->validated(&diagnostics);
    if (!s) {
        m_diagnostics->setDiagnostics(diagnostics);
        m_diagnosticsDock->raise();
        showMessage(tr("The scenario has errors; fix them to run it (see Diagnostics)"), true);
        return false;
    }
    s->seed = m_runBar->seed();
    m_runStatus->show(QString());
    m_log->clearLog();
    m_live->clearOverlay();
    m_run->setSpeed(m_runBar->speed());
    m_run->start(*s, paused);
    m_live->followSelection();
    return true;
}

void MainWindow::onRunStateChanged(RunController::State state) {
    m_runBar->showState(state);
    setEditingEnabled(!m_run->isLive());
}

void MainWindow::forgetRun() {
    m_run->clear();
    m_log->clearLog();
    m_live->clearOverlay();
    m_charts->refresh(m_run->data());
    m_diagnostics->setDiagnostics(m_document->diagnostics());
}

void MainWindow::setEditingEnabled(bool enabled) {
    m_scene->setEditable(enabled);
    m_view->setAcceptDrops(enabled);
    m_palette->setEnabled(enabled);
    m_inspector->setEditable(enabled);
    m_files->setReplaceAllowed(enabled);
    if (m_conversions)
        m_conversions->setReplaceAllowed(enabled);
    for (QAction *a : std::as_const(m_editActions))
        a->setEnabled(enabled);
    // Undo and Redo also depend on the history.
    m_editActions[0]->setEnabled(enabled && m_document->undoStack()->canUndo());
    m_editActions[1]->setEnabled(enabled && m_document->undoStack()->canRedo());
    showSelection();
}

void MainWindow::showSelection() {
    const model::Scenario &s = m_document->scenario();
    const QStringList ids = m_scene->selectedNodeIds();
    const int edge = m_scene->selectedEdgeIndex();
    if (ids.size() == 1) {
        if (const model::Node *n = s.findNode(ids.front().toStdString()))
            m_inspector->showNode(*n);
    } else if (ids.size() > 1) {
        m_inspector->showNothing(tr("%1 nodes selected").arg(ids.size()));
    } else if (edge >= 0 && edge < int(s.edges.size())) {
        m_inspector->showEdge(s.edges[edge], edge);
    } else {
        m_inspector->showScenario(s);
    }
}

void MainWindow::updateTitle() {
    setWindowTitle(QStringLiteral("%1[*] — eventbench").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
}

void MainWindow::showMessage(const QString &text, bool problem) {
    statusBar()->setStyleSheet(problem ? QStringLiteral("QStatusBar{color:#c62828}") : QString());
    statusBar()->showMessage(text, problem ? 10000 : 5000);
}

bool MainWindow::exportReport(const QString &dir, QString *error) {
    return m_export->exportReport(dir, error);
}

void MainWindow::closeEvent(QCloseEvent *event) {
    if (!m_files->maybeSave()) {
        event->ignore();
        return;
    }
    m_run->stop();
    m_layout->save();
    event->accept();
}

} // namespace eventbench::ui
