#include "ui/live/LiveView.h"

#include "ui/canvas/GraphScene.h"
#include "ui/charts/ChartsPanel.h"
#include "ui/editor/Document.h"
#include "ui/live/EventLogPanel.h"
#include "ui/live/LiveFigures.h"
#include "ui/live/PartitionsPanel.h"
#include "ui/live/RunController.h"

namespace eventbench::ui {

LiveView::LiveView(RunController *run, Document *document, GraphScene *scene, ChartsPanel *charts,
                   EventLogPanel *log, QObject *parent)
    : QObject(parent), m_run(run), m_document(document), m_scene(scene), m_charts(charts),
      m_log(log) {
    connect(run, &RunController::dataChanged, this, [this] {
        m_progressDirty = true;
        const RunData &data = m_run->data();
        if (data.sampleCount() != m_shownSamples || data.events().size() != m_shownEvents ||
            data.generation() != m_shownGeneration)
            m_viewsDirty = true;
    });
    connect(run, &RunController::runFinished, this, [this] {
        m_viewsDirty = true;
        refreshNow();
        if (const model::RunReport *r = m_run->report())
            m_log->showVerdicts(*r);
    });
    connect(&m_timer, &QTimer::timeout, this, &LiveView::tick);
    m_timer.start(kRefreshMs);
    m_sinceRedraw.start();
    followSelection();
}

void LiveView::tick() {
    if (m_progressDirty) {
        m_progressDirty = false;
        emit progress(m_run->data().now(), m_run->data().endTime());
    }
    if (m_viewsDirty && m_sinceRedraw.elapsed() >= kRedrawMs)
        redrawViews();
}

void LiveView::refreshNow() {
    if (m_progressDirty || m_viewsDirty) {
        m_progressDirty = false;
        emit progress(m_run->data().now(), m_run->data().endTime());
    }
    if (m_viewsDirty)
        redrawViews();
}

void LiveView::redrawViews() {
    m_viewsDirty = false;
    m_sinceRedraw.start();
    ++m_redraws;
    const RunData &data = m_run->data();
    m_shownSamples = data.sampleCount();
    m_shownEvents = data.events().size();
    m_shownGeneration = data.generation();
    m_charts->refresh(data);
    m_log->appendFrom(data);
    if (m_partitions)
        m_partitions->refresh(data);
    // Badges name the run's nodes; after an edit the document may differ, hence the run's copy.
    m_scene->setBadges(LiveFigures::badges(m_run->runScenario(), data));
    QHash<QString, QPair<QString, int>> states;
    const auto nodeStates = m_states.states(m_run->runScenario(), data);
    for (auto it = nodeStates.begin(); it != nodeStates.end(); ++it)
        states.insert(it.key(), {stateText(it.value()), it.value().severity()});
    m_scene->setRunStates(states);
    const model::Scenario &s = m_run->runScenario();
    if (s.edges == m_document->scenario().edges)
        m_scene->setEdgeRates(LiveFigures::edgeRates(s, data));
}

void LiveView::followSelection() {
    const model::Scenario &s = m_document->scenario();
    QVector<QPair<QString, model::NodeKind>> nodes;
    const QStringList selected = m_scene->selectedNodeIds();
    for (const QString &id : selected)
        if (const model::Node *n = s.findNode(id.toStdString()))
            nodes.append({id, n->kind});
    const bool explicitSelection = !nodes.isEmpty();
    // Without a selection: every consumer, and on the dead-letter chart the queues that can
    // dead-letter or lose messages.
    QVector<QPair<QString, model::NodeKind>> deadLetters;
    if (!explicitSelection)
        for (const auto &n : s.nodes) {
            const QString id = QString::fromStdString(n.id);
            if (n.kind == model::NodeKind::Consumer)
                nodes.append({id, n.kind});
            else if (n.kind == model::NodeKind::Queue &&
                     (!n.queue.deadLetter.empty() || n.queue.maxReceiveCount || n.queue.ttl ||
                      n.queue.maxLength))
                deadLetters.append({id, n.kind});
        }
    m_charts->setNodes(nodes, explicitSelection, deadLetters);
    m_charts->refresh(m_run->data());
}

void LiveView::clearOverlay() {
    m_scene->setBadges({});
    m_scene->setRunStates({});
    m_scene->setEdgeRates({});
}

} // namespace eventbench::ui
