#include "ui/inspector/KnobText.h"

#include "model/catalogue/FaultCatalogue.h"
#include "model/catalogue/KnobCatalogue.h"

namespace eventbench::ui {

namespace {

QString q(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

template <typename Owner>
void addRows(QVector<Knob> &rows, const model::KnobInfo<Owner> &k, const Owner &o) {
    if (k.codec.show) {
        rows << Knob{q(k.key), q(k.codec.show(o, k)), k.fixed};
        return;
    }
    // A knob shown entry by entry: `attributes.region`, ...
    if (k.showEach)
        for (const auto &[name, text] : k.showEach(o))
            rows << Knob{q(k.key) + QLatin1Char('.') + q(name), q(text), k.fixed};
}

} // namespace

QString KnobText::fault(const model::Fault &f) {
    return q(model::yamlFlowMap(model::faultEntries(f, model::TextStyle::Inspector)));
}

QVector<Knob> KnobText::nodeKnobs(const model::Node &node) {
    QVector<Knob> rows;
    addRows(rows, model::nodeKindKnob(), node);
    for (const model::NodeKnob &k : model::nodeKnobs(node.kind))
        addRows(rows, k, node);
    if (const model::NodeKnob &pos = model::nodePosKnob(); !pos.codec.isDefault(node))
        addRows(rows, pos, node);
    return rows;
}

QVector<Knob> KnobText::edgeKnobs(const model::Edge &e) {
    QVector<Knob> rows;
    for (const model::EdgeKnob &k : model::edgeKnobs())
        addRows(rows, k, e);
    return rows;
}

QVector<Knob> KnobText::scenarioKnobs(const model::Scenario &s) {
    QVector<Knob> rows;
    for (const model::ScenarioKnob &k : model::scenarioKnobs())
        addRows(rows, k, s);
    // The sections, counted; nodes and edges are edited on the canvas.
    rows << Knob{QStringLiteral("nodes"), QString::number(s.nodes.size()), true}
         << Knob{QStringLiteral("edges"), QString::number(s.edges.size()), true}
         << Knob{QStringLiteral("faults"), QString::number(s.faults.size())}
         << Knob{QStringLiteral("expect"), QString::number(s.expectations.size())};
    return rows;
}

} // namespace eventbench::ui
