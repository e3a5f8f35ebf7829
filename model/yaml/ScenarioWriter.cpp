#include "model/yaml/ScenarioWriter.h"

#include <utility>
#include <vector>

#include "model/catalogue/FaultCatalogue.h"
#include "model/catalogue/KnobCatalogue.h"

namespace eventbench::model {

namespace {

// Nodes whose flow form fits in this many columns are written on one line.
constexpr std::size_t kMaxFlowLine = 100;

// A knob is written only when it differs from its default (and has a value).
template <typename Owner> void add(KeyValues &out, const KnobInfo<Owner> &k, const Owner &o) {
    if (k.codec.isDefault(o))
        return;
    if (auto text = k.codec.write(o, k))
        out.emplace_back(k.key, std::move(*text));
}

} // namespace

std::string nodeEntryYaml(const Node &n, const std::string &indent) {
    KeyValues k;
    add(k, nodeKindKnob(), n);
    for (const NodeKnob &knob : nodeKnobs(n.kind))
        add(k, knob, n);
    add(k, nodePosKnob(), n);

    const std::string head = indent + yamlString(n.id, false) + ":";
    const std::string flow = yamlFlowMap(k);
    if (head.size() + 1 + flow.size() <= kMaxFlowLine)
        return head + " " + flow + "\n";
    std::string out = head + "\n";
    for (const auto &[key, value] : k)
        out += indent + "  " + key + ": " + value + "\n";
    return out;
}

// `a -> b` unless the edge was a map in the file or sets more than its ends.
std::string edgeYaml(const Edge &e) {
    bool plain = !e.longForm;
    for (const EdgeKnob &k : edgeKnobs())
        plain = plain && (k.required || k.codec.isDefault(e));
    if (plain)
        return yamlString(e.from + " -> " + e.to, false);
    KeyValues k;
    for (const EdgeKnob &knob : edgeKnobs())
        add(k, knob, e);
    return yamlFlowMap(k);
}

std::string faultYaml(const Fault &f) {
    return yamlFlowMap(faultEntries(f, TextStyle::File));
}

std::string expectationYaml(const Expectation &e) {
    return yamlString(e.text, false);
}

std::string writeScenarioYaml(const Scenario &s) {
    KeyValues top;
    for (const ScenarioKnob &k : scenarioKnobs())
        add(top, k, s);
    std::string out;
    for (const auto &[key, value] : top)
        out += key + ": " + value + "\n";

    out += s.nodes.empty() ? "\nnodes: {}\n" : "\nnodes:\n";
    for (const auto &n : s.nodes)
        out += nodeEntryYaml(n, "  ");
    auto section = [&out](const char *key, const auto &items, auto &&text) {
        if (items.empty())
            return;
        out += "\n" + std::string(key) + ":\n";
        for (const auto &item : items)
            out += "  - " + text(item) + "\n";
    };
    section("edges", s.edges, edgeYaml);
    section("faults", s.faults, faultYaml);
    section("expect", s.expectations, expectationYaml);
    return out;
}

} // namespace eventbench::model
