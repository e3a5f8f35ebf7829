#pragma once
// The app's side of the results store that writes: lives on its own thread (RunRecorder
// owns both), so a busy store (another eventbench writing) never freezes the window. Holds the
// store connection and a model::ResultsStoreRecorder; receives the run's samples as they
// arrive and writes them in batches, then the report or the interruption.
#include <QObject>
#include <QString>
#include <memory>

#include "model/store/ResultsStore.h"
#include "model/store/ResultsStoreRecorder.h"

namespace eventbench::ui {

class StoreWriter : public QObject {
    Q_OBJECT
  public:
    explicit StoreWriter(QString path);
    ~StoreWriter() override;

    // Called on the writer's thread (RunRecorder queues them there).
    void open();
    void begin(const model::RunRecord &record,
               const std::vector<std::pair<std::string, std::string>> &series);
    /// New samples (and events) of the run begun last; written when a batch is due.
    void append(const model::SampleSnapshot &batch);
    /// The run's scenario as it now re-runs (a fault was injected into it).
    void updateScenario(const std::string &text);
    void finish(const model::RunReport &report, const std::string &verdict);
    /// Writes what is pending and leaves the run interrupted.
    void interrupt();

  signals:
    /// The store could not be opened or written ("" after a successful open).
    void problem(const QString &message);
    /// A run was begun, ended or interrupted: the list of runs changed.
    void changed(qint64 runId);

  private:
    bool flush();
    void report(const model::Diagnostics &diags);

    QString m_path;
    model::ResultsStore m_store;
    std::unique_ptr<model::ResultsStoreRecorder> m_recorder;
    model::SampleSnapshot m_pending;
};

} // namespace eventbench::ui
