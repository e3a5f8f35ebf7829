#pragma once
// Pushes what a run has produced so far into the views: charts, node badges, edge widths and
// the event log, at most ~30 times a second and only when something new arrived. GUI thread.
#include <QObject>
#include <QTimer>

#include "model/Scenario.h"

namespace eventbench::ui {

class ChartsPanel;
class Document;
class EventLogPanel;
class GraphScene;
class RunController;

class LiveView : public QObject {
    Q_OBJECT
  public:
    static constexpr int kRefreshMs = 33;

    LiveView(RunController *run, Document *document, GraphScene *scene, ChartsPanel *charts,
             EventLogPanel *log, QObject *parent);

    /// Redraws now if anything changed since the last redraw.
    void refreshNow();
    /// The charted nodes follow the canvas selection (all consumers when none is selected).
    void followSelection();
    /// Drops badges and edge widths (the scenario changed after a run).
    void clearOverlay();
    int redraws() const { return m_redraws; }

  signals:
    void progress(model::SimTime now, model::SimTime end);

  private:
    RunController *m_run;
    Document *m_document;
    GraphScene *m_scene;
    ChartsPanel *m_charts;
    EventLogPanel *m_log;
    QTimer m_timer;
    bool m_dirty = false;
    int m_redraws = 0;
};

} // namespace eventbench::ui
