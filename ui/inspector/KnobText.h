#pragma once
// Every knob of a node, an edge or the scenario as (key, text) rows in the units and spelling
// of the scenario file, defaults included; what the inspector shows. The rows come from the
// knob and fault catalogues (model/catalogue). Pure; any thread.
#include <QString>
#include <QVector>

#include "model/catalogue/KnobCatalogue.h"
#include "model/scenario/Scenario.h"

namespace eventbench::ui {

struct Knob {
    Knob(QString k = {}, QString v = {}, bool f = false, bool d = false, QString dv = {})
        : key(std::move(k)), value(std::move(v)), fixed(f), isDefault(d),
          defaultValue(std::move(dv)) {}
    QString key;        // as in the file: `service_time`, `retry`, ...
    QString value;      // as it would be written: `5ms`, `{distribution: exponential, mean: 8ms}`
    bool fixed = false; // identifies rather than configures (kind, pos, an edge's ends)
    bool isDefault = false; // holds its default (the file does not set it)
    QString defaultValue;   // the default as it would be written ("reset to default")
    // Which structured editor edits it (the catalogue's KnobInfo::shape), and for those that
    // have one: the value and the default as the file writes them.
    model::KnobShape shape = model::KnobShape::Text;
    QString fileValue;
    QString fileDefault;
    // A producer's retry policy: its buffer retried in rounds whose wait only grows
    // (sim/engine/Producers), not a consumer's per-message attempts.
    bool bufferRetry = false;
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
