#include "ui/history/RunRecorder.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStandardPaths>

#include "model/yaml/ScenarioWriter.h"
#include "ui/history/StoreWriter.h"

namespace eventbench::ui {

RunRecorder::RunRecorder(RunController *run, const QString &storePath, QObject *parent)
    : QObject(parent), m_run(run), m_path(storePath), m_writer(new StoreWriter(storePath)) {
    m_thread.setObjectName(QStringLiteral("resultsStoreWriter"));
    m_writer->moveToThread(&m_thread);
    connect(m_writer, &StoreWriter::problem, this, [this](const QString &p) {
        if (p == m_problem)
            return;
        m_problem = p;
        emit problemChanged(p);
    });
    connect(m_writer, &StoreWriter::changed, this, &RunRecorder::runsChanged);
    m_thread.start();
    ++m_sent;
    QMetaObject::invokeMethod(m_writer, [this] {
        m_writer->open();
        ++m_done;
    });
    connect(run, &RunController::dataChanged, this, &RunRecorder::onDataChanged);
    connect(run, &RunController::stateChanged, this, &RunRecorder::onStateChanged);
    connect(run, &RunController::runFinished, this, &RunRecorder::onRunFinished);
    connect(run, &RunController::faultInjected, this, &RunRecorder::onFaultInjected);
}

RunRecorder::~RunRecorder() {
    endRecording();
    StoreWriter *writer = m_writer;
    // The last job stops the thread once everything queued before it is written.
    QMetaObject::invokeMethod(writer, [writer] {
        writer->disconnect();
        QThread::currentThread()->quit();
    });
    m_thread.wait();
    delete writer;
}

QString RunRecorder::defaultStorePath() {
    const QString env = qEnvironmentVariable("EVENTBENCH_DB");
    if (!env.isEmpty())
        return env;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return QDir(dir).filePath(QStringLiteral("results.db"));
}

bool RunRecorder::waitUntilWritten(int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (m_done.load() < m_sent) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(2);
    }
    QCoreApplication::processEvents(); // deliver the writer's signals
    return true;
}

void RunRecorder::onDataChanged() {
    const RunData &data = m_run->data();
    if (data.generation() != m_generation) {
        if (data.seriesCount() == 0)
            return; // cleared for a new run; its series come with the next change
        // A new run: one still being recorded was replaced before it ended.
        endRecording();
        m_generation = data.generation();
        m_sentSamples = 0;
        m_sentEvents = 0;
        const model::Scenario &scenario = m_run->runScenario();
        model::RunRecord record;
        record.scenario = scenario.name;
        record.seed = scenario.seed;
        record.scenarioText = model::writeScenarioYaml(scenario);
        record.startedAt = QDateTime::currentDateTimeUtc()
                               .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"))
                               .toStdString();
        record.source = "app";
        record.nodes = model::RunRecord::nodesOf(scenario);
        StoreWriter *w = m_writer;
        ++m_sent;
        QMetaObject::invokeMethod(w, [this, w, record, series = data.seriesNames()] {
            w->begin(record, series);
            ++m_done;
        });
        m_recording = true;
    }
    sendNewData();
}

void RunRecorder::sendNewData() {
    // At shutdown the controller may be gone before the recorder.
    if (!m_run || !m_recording || m_run->data().generation() != m_generation)
        return;
    const RunData &data = m_run->data();
    const std::size_t n = data.sampleCount();
    const auto &events = data.events();
    if (n == m_sentSamples && events.size() == m_sentEvents)
        return;
    model::SampleSnapshot batch;
    batch.times.assign(data.times().begin() + std::ptrdiff_t(m_sentSamples), data.times().end());
    batch.values.resize(data.seriesCount());
    for (std::size_t s = 0; s < data.seriesCount(); ++s) {
        const auto &v = data.values(int(s));
        if (v.size() > m_sentSamples)
            batch.values[s].assign(v.begin() + std::ptrdiff_t(m_sentSamples), v.end());
    }
    batch.newEvents.assign(events.begin() + std::ptrdiff_t(m_sentEvents), events.end());
    m_sentSamples = n;
    m_sentEvents = events.size();
    StoreWriter *w = m_writer;
    ++m_sent;
    QMetaObject::invokeMethod(w, [this, w, batch = std::move(batch)] {
        w->append(batch);
        ++m_done;
    });
}

void RunRecorder::onStateChanged(RunController::State state) {
    if (state == RunController::State::Stopped || state == RunController::State::Failed)
        endRecording();
}

void RunRecorder::onFaultInjected(const model::Fault &, bool accepted) {
    if (!accepted || !m_recording || !m_run)
        return;
    // The stored scenario holds the faults taken so far at their times: it re-runs this run.
    StoreWriter *w = m_writer;
    ++m_sent;
    QMetaObject::invokeMethod(
        w, [this, w, text = model::writeScenarioYaml(m_run->recordedScenario())] {
            w->updateScenario(text);
            ++m_done;
        });
}

void RunRecorder::onRunFinished() {
    const model::RunReport *report = m_run->report();
    if (!m_recording || !report)
        return;
    const bool broken = report->unaccounted != 0 || report->orderViolations != 0;
    const std::string verdict =
        broken ? "error" : (report->allExpectationsPass() ? "pass" : "fail");
    StoreWriter *w = m_writer;
    ++m_sent;
    QMetaObject::invokeMethod(w, [this, w, report = *report, verdict] {
        w->finish(report, verdict);
        ++m_done;
    });
    m_recording = false;
}

void RunRecorder::endRecording() {
    if (!m_recording)
        return;
    sendNewData();
    StoreWriter *w = m_writer;
    ++m_sent;
    QMetaObject::invokeMethod(w, [this, w] {
        w->interrupt();
        ++m_done;
    });
    m_recording = false;
}

} // namespace eventbench::ui
