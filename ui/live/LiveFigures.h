#pragma once
// The key live number of each node (its kind's badge figure in the metric catalogue: lag,
// depth or a rate) for its badge, and a throughput per edge for its thickness (the catalogue's
// inflow and outflow counters), read from the latest samples of a run. Pure; GUI thread data.
#include <QHash>
#include <QString>
#include <QVector>

#include "model/scenario/Scenario.h"

namespace eventbench::ui {

class RunData;

class LiveFigures {
  public:
    /// Badge text per node id, e.g. `lag 1.2k`, `depth 40`, `350/s`.
    static QHash<QString, QString> badges(const model::Scenario &scenario, const RunData &data);
    /// Messages per second over each edge (Scenario::edges order), -1 where unknown.
    static QVector<double> edgeRates(const model::Scenario &scenario, const RunData &data);
    /// `950`, `1.2k`, `3.4M`.
    static QString compact(double v);
};

} // namespace eventbench::ui
