#pragma once
// One recorded run read back from the results store for the app's Runs panel: its row, its
// report (summary, expectations, events) and its samples as RunData, which is what the charts
// draw, with each node's kind as recorded with the run (older runs: from its scenario text).
// Plain values.
#include <QPair>
#include <QString>
#include <QVector>
#include <optional>

#include "model/store/ResultsStore.h"
#include "ui/live/RunData.h"

namespace eventbench::ui {

struct StoredRunData {
    model::StoredRun run;
    model::RunReport report; // its series and sample times are in `data`
    RunData data;
    QVector<QPair<QString, model::NodeKind>> nodes; // scenario order

    /// Reads run `id`; nullopt with `error` set when it cannot.
    static std::optional<StoredRunData> load(const model::ResultsStore &store, qint64 id,
                                             QString *error);
    /// "run 3" — how the app names a run.
    QString name() const { return QStringLiteral("run %1").arg(run.id); }
};

} // namespace eventbench::ui
