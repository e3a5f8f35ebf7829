#include "ui/inspector/KnobText.h"

#include "model/catalogue/FaultCatalogue.h"
#include "model/catalogue/KnobCatalogue.h"

namespace eventbench::ui {

namespace {

QString q(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// `fresh` is an owner of the same kind with nothing set: what a knob's default looks like.
template <typename Owner>
void addRows(QVector<Knob> &rows, const model::KnobInfo<Owner> &k, const Owner &o,
             const Owner &fresh) {
    if (k.codec.show) {
        const bool isDefault = k.codec.isDefault && k.codec.isDefault(o);
        const QString freshText =
            k.codec.isDefault && k.codec.isDefault(fresh) ? q(k.codec.show(fresh, k)) : QString();
        rows << Knob{q(k.key), q(k.codec.show(o, k)), k.fixed, isDefault, freshText};
        if (k.shape != model::KnobShape::Text && k.codec.write) {
            rows.back().shape = k.shape;
            rows.back().fileValue = q(k.codec.write(o, k).value_or(std::string(k.defaultText)));
            rows.back().fileDefault =
                q(k.codec.write(fresh, k).value_or(std::string(k.defaultText)));
        }
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
    model::Node fresh;
    fresh.id = node.id;
    fresh.kind = node.kind;
    addRows(rows, model::nodeKindKnob(), node, fresh);
    for (const model::NodeKnob &k : model::nodeKnobs(node.kind))
        addRows(rows, k, node, fresh);
    if (const model::NodeKnob &pos = model::nodePosKnob(); !pos.codec.isDefault(node))
        addRows(rows, pos, node, fresh);
    for (Knob &k : rows)
        k.bufferRetry =
            k.shape == model::KnobShape::Retry && node.kind == model::NodeKind::Producer;
    return rows;
}

QVector<Knob> KnobText::edgeKnobs(const model::Edge &e) {
    QVector<Knob> rows;
    model::Edge fresh;
    fresh.from = e.from;
    fresh.to = e.to;
    for (const model::EdgeKnob &k : model::edgeKnobs())
        addRows(rows, k, e, fresh);
    return rows;
}

QVector<Knob> KnobText::scenarioKnobs(const model::Scenario &s) {
    QVector<Knob> rows;
    const model::Scenario fresh;
    for (const model::ScenarioKnob &k : model::scenarioKnobs())
        addRows(rows, k, s, fresh);
    // The sections, counted; nodes and edges are edited on the canvas.
    rows << Knob{QStringLiteral("nodes"), QString::number(s.nodes.size()), true}
         << Knob{QStringLiteral("edges"), QString::number(s.edges.size()), true}
         << Knob{QStringLiteral("faults"), QString::number(s.faults.size())}
         << Knob{QStringLiteral("expect"), QString::number(s.expectations.size())};
    return rows;
}

} // namespace eventbench::ui
