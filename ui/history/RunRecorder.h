#pragma once
// Records every run of the app in the results store (README.md#the-desktop-app): watches the
// RunController and sends what each run produces to a StoreWriter on its own thread — the run as it
// starts, its new samples and events as they arrive, then its report when it finishes, or its end
// as interrupted when it is stopped, fails or is replaced. Faults injected into a run are added to
// its stored scenario as they are taken, so that the stored scenario re-runs it. The store is
// EVENTBENCH_DB when set, else results.db in the user's data directory (created when missing).
// GUI thread; owns the writer and its thread.
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>
#include <atomic>
#include <cstddef>

#include "ui/live/RunController.h"

namespace eventbench::ui {

class StoreWriter;

class RunRecorder : public QObject {
    Q_OBJECT
  public:
    RunRecorder(RunController *run, const QString &storePath, QObject *parent = nullptr);
    /// Ends a run still being recorded as interrupted, then stops the writer's thread.
    ~RunRecorder() override;

    /// EVENTBENCH_DB, or QStandardPaths::AppDataLocation/results.db (the folder is created).
    static QString defaultStorePath();

    QString storePath() const { return m_path; }
    /// Why runs are not being recorded ("" when all is well).
    QString problem() const { return m_problem; }
    /// Waits (processing events) until the writer has done everything sent so far; for tests.
    bool waitUntilWritten(int timeoutMs = 10000);

  signals:
    /// A run was begun, ended or interrupted in the store.
    void runsChanged(qint64 runId);
    void problemChanged(const QString &problem);

  private:
    void onDataChanged();
    void onStateChanged(RunController::State state);
    void onRunFinished();
    void onFaultInjected(const model::Fault &fault, bool accepted);
    void sendNewData();
    void endRecording();

    QPointer<RunController> m_run;
    QString m_path;
    QString m_problem;
    QThread m_thread;
    StoreWriter *m_writer;
    bool m_recording = false;
    quint64 m_generation = ~quint64(0);
    std::size_t m_sentSamples = 0;
    std::size_t m_sentEvents = 0;
    quint64 m_sent = 0;             // jobs queued to the writer
    std::atomic<quint64> m_done{0}; // jobs it has finished
};

} // namespace eventbench::ui
