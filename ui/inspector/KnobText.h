#pragma once
// Every knob of a node, an edge or the scenario as (key, text) rows in the units and spelling
// of the scenario file, defaults included; what the inspector shows. The rows come from the
// knob and fault catalogues (model/catalogue). Pure; any thread.
#include <QString>
#include <QVector>

#include "model/scenario/Scenario.h"

namespace eventbench::ui {

struct Knob {
    QString key;        // as in the file: `service_time`, `retry`, ...
    QString value;      // as it would be written: `5ms`, `{distribution: exponential, mean: 8ms}`
    bool fixed = false; // identifies rather than configures (kind, pos, an edge's ends)
};

class KnobText {
  public:
    static QVector<Knob> nodeKnobs(const model::Node &node);
    static QVector<Knob> edgeKnobs(const model::Edge &edge);
    static QVector<Knob> scenarioKnobs(const model::Scenario &scenario);

    /// One entry of `faults:` as a flow map: `{at: 2m, for: 30s, crash: inventory, instances: 1}`.
    static QString fault(const model::Fault &f);
};

} // namespace eventbench::ui
