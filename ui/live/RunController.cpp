#include "ui/live/RunController.h"

#include "model/results/Sha256.h"
#include "model/yaml/ScenarioWriter.h"

namespace eventbench::ui {

RunController::RunController(QObject *parent) : QObject(parent) {}

RunController::~RunController() {
    if (m_worker) {
        m_worker->disconnect(this);
        delete m_worker; // stops and joins the thread
    }
}

void RunController::setState(State s) {
    if (s == m_state)
        return;
    m_state = s;
    emit stateChanged(s);
}

void RunController::retireWorker() {
    if (!m_worker)
        return;
    RunWorker *w = m_worker;
    m_worker = nullptr;
    w->disconnect(this);
    w->requestStop();
    // The thread ends on its own; it is deleted once it has, without blocking the GUI.
    if (w->isFinished())
        w->deleteLater();
    else
        connect(w, &QThread::finished, w, &QObject::deleteLater);
}

void RunController::start(const model::Scenario &scenario, bool paused) {
    retireWorker();
    m_scenario = scenario;
    m_injected.clear();
    m_report.reset();
    m_error.clear();
    m_data.clear();

    auto *w = new RunWorker(scenario, m_speed, paused, this);
    m_worker = w;
    // Lambdas check the sender: signals queued by a retired worker are ignored.
    connect(w, &RunWorker::prepared, this, [this, w](const RunInfo &info) {
        if (w != m_worker)
            return;
        m_data.reset(info.seriesNames, info.sampleEvery, info.endTime);
        emit dataChanged();
    });
    connect(w, &RunWorker::snapshotReady, this, [this, w](const SnapshotPtr &s) {
        if (w != m_worker)
            return;
        m_data.append(*s);
        w->snapshotConsumed();
        emit dataChanged();
    });
    connect(w, &RunWorker::paused, this, [this, w](bool p) {
        if (w == m_worker && isLive())
            setState(p ? State::Paused : State::Running);
    });
    connect(w, &RunWorker::finishedRun, this, [this, w](const ReportPtr &report) {
        if (w != m_worker)
            return;
        m_report = report;
        if (!m_injected.empty()) {
            // The report traces to the scenario that re-runs it: the file's faults and these.
            auto patched = std::make_shared<model::RunReport>(*report);
            model::Scenario digestOf = recordedScenario();
            for (model::Node &n : digestOf.nodes)
                n.pos.reset(); // as the engine digests a scenario: layout is not what runs
            patched->scenarioSha256 = model::sha256Hex(model::writeScenarioYaml(digestOf));
            m_report = std::move(patched);
        }
        setState(State::Finished);
        emit runFinished();
    });
    connect(w, &RunWorker::faultInjected, this,
            [this, w](const model::Fault &fault, bool accepted) {
                if (w != m_worker)
                    return;
                if (accepted)
                    m_injected.push_back(fault);
                emit faultInjected(fault, accepted);
            });
    connect(w, &RunWorker::failed, this, [this, w](const QString &message) {
        if (w != m_worker)
            return;
        m_error = message;
        setState(State::Failed);
    });
    connect(w, &QThread::finished, this, [this, w] {
        if (w != m_worker)
            return;
        m_worker = nullptr;
        w->deleteLater();
    });
    setState(paused ? State::Paused : State::Running);
    w->start();
}

void RunController::pause() {
    if (m_worker && m_state == State::Running) {
        m_worker->setPaused(true);
        setState(State::Paused);
    }
}

void RunController::resume() {
    if (m_worker && m_state == State::Paused) {
        m_worker->setPaused(false);
        setState(State::Running);
    }
}

void RunController::step() {
    if (m_worker && isLive()) {
        m_worker->requestStep();
        setState(State::Paused);
    }
}

void RunController::stop() {
    if (!isLive())
        return;
    retireWorker();
    setState(State::Stopped);
}

void RunController::clear() {
    if (isLive())
        return;
    retireWorker();
    m_scenario = {};
    m_injected.clear();
    m_report.reset();
    m_error.clear();
    m_data.clear();
    setState(State::Idle);
    emit dataChanged();
}

bool RunController::injectFault(const model::Fault &fault) {
    if (!m_worker || !isLive())
        return false;
    m_worker->injectFault(fault);
    return true;
}

model::Scenario RunController::recordedScenario() const {
    model::Scenario s = m_scenario;
    // Appended in the order the engine took them: a fault's index in the list is part of the
    // run (its events name it), so the file's faults keep theirs.
    s.faults.insert(s.faults.end(), m_injected.begin(), m_injected.end());
    return s;
}

void RunController::setSpeed(double speed) {
    m_speed = speed;
    if (m_worker)
        m_worker->setSpeed(speed);
}

} // namespace eventbench::ui
