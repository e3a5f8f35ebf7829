#pragma once
// Pushes what a run has produced so far into the views: the progress ~30 times a second, and
// charts, node badges, edge widths and the event log at most 10 times a second, only when
// new samples or events arrived. Keeping the GUI thread's share small is what keeps the
// window answering while the engine runs flat out. GUI thread.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <cstddef>

#include "model/scenario/Scenario.h"
#include "ui/live/NodeRunState.h"

namespace eventbench::ui {

class ChartsPanel;
class Document;
class EventLogPanel;
class PartitionsPanel;
class GraphScene;
class RunController;

class LiveView : public QObject {
    Q_OBJECT
  public:
    static constexpr int kRefreshMs = 33;
    /// The shortest interval between two redraws of charts, badges and the event log.
    static constexpr int kRedrawMs = 100;

    LiveView(RunController *run, Document *document, GraphScene *scene, ChartsPanel *charts,
             EventLogPanel *log, QObject *parent);

    /// Redraws everything now if anything changed since the last redraw.
    void refreshNow();
    /// The charted nodes follow the canvas selection (all consumers when none is selected).
    void followSelection();
    /// Drops badges, node states and edge widths (the scenario changed after a run).
    void clearOverlay();
    int redraws() const { return m_redraws; }
    /// The partitions table to refresh with the other views (none by default).
    void setPartitionsPanel(PartitionsPanel *panel) { m_partitions = panel; }

  signals:
    void progress(model::SimTime now, model::SimTime end);

  private:
    void tick();
    void redrawViews();

    RunController *m_run;
    Document *m_document;
    GraphScene *m_scene;
    ChartsPanel *m_charts;
    EventLogPanel *m_log;
    PartitionsPanel *m_partitions = nullptr;
    QTimer m_timer;
    QElapsedTimer m_sinceRedraw;
    bool m_progressDirty = false;
    bool m_viewsDirty = false;
    // What the views last showed: a redraw is due when samples or events were added.
    std::size_t m_shownSamples = 0;
    std::size_t m_shownEvents = 0;
    quint64 m_shownGeneration = 0;
    int m_redraws = 0;
    NodeStateTracker m_states;
};

} // namespace eventbench::ui
