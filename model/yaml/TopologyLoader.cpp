#include "model/yaml/TopologyLoader.h"

#include "model/catalogue/FaultCatalogue.h"
#include "model/catalogue/KnobCatalogue.h"
#include "model/scenario/ExpectationParser.h"

namespace eventbench::model {

namespace {

using Field = FieldReader::Field;

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

} // namespace

std::optional<std::pair<std::string, std::string>> splitArrow(std::string_view text) {
    const auto arrow = text.find("->");
    if (arrow == std::string_view::npos || text.find("->", arrow + 2) != std::string_view::npos)
        return std::nullopt;
    const auto from = trimmed(text.substr(0, arrow));
    const auto to = trimmed(text.substr(arrow + 2));
    if (from.empty() || to.empty())
        return std::nullopt;
    return std::make_pair(std::string(from), std::string(to));
}

std::optional<Edge> loadEdge(FieldReader &r, const YamlNode &item) {
    Edge e;
    e.where = item.pos;
    if (item.isScalar()) {
        auto ends = splitArrow(item.scalar);
        if (!ends) {
            r.error(item, "edge: expected 'FROM -> TO' (one arrow per entry), found '" +
                              item.scalar + "'");
            return std::nullopt;
        }
        e.from = ends->first;
        e.to = ends->second;
        return e;
    }
    if (!item.isMap()) {
        r.error(item, "edge: expected 'FROM -> TO' or a map {from: .., to: ..}, found " +
                          describeType(item));
        return std::nullopt;
    }
    e.longForm = true;
    std::vector<Field> fields;
    for (const EdgeKnob &k : edgeKnobs())
        fields.push_back({k.key, [&r, &e, &k](const YamlNode &v) { k.codec.read(r, v, k, e); }});
    r.readFields(item, "an edge", fields);
    bool hasEnds = true;
    for (const EdgeKnob &k : edgeKnobs())
        if (k.required)
            hasEnds = r.require(item, k.key, "an edge", item) && hasEnds;
    if (!hasEnds || e.from.empty() || e.to.empty())
        return std::nullopt;
    return e;
}

std::optional<Fault> loadFault(FieldReader &r, const YamlNode &item) {
    if (!r.expectMap(item, "fault"))
        return std::nullopt;
    Fault f;
    f.where = item.pos;
    const FaultInfo *kind = nullptr;
    const YamlNode *kindKey = nullptr;
    const YamlNode *kindValue = nullptr;
    std::vector<Field> fields;
    for (const FaultParam &p : faultParams())
        fields.push_back({p.key, [&r, &f, &p](const YamlNode &v) { p.read(r, v, p, f); }});
    for (const FaultInfo &info : faultKinds()) {
        fields.push_back({info.name, [&, info = &info](const YamlNode &v) {
                              const int i = item.indexOf(info->name);
                              const YamlNode &key = item.keys[static_cast<std::size_t>(i)];
                              if (kind) {
                                  r.error(key, "a fault has one kind, but this one has both '" +
                                                   std::string(kind->name) + "' and '" +
                                                   std::string(info->name) + "'");
                                  return;
                              }
                              kind = info;
                              kindKey = &key;
                              kindValue = &v;
                          }});
    }
    const std::size_t before = r.errorCount();
    r.readFields(item, "a fault", fields);
    bool hasAt = true;
    for (const FaultParam &p : faultParams())
        if (p.required)
            hasAt = r.require(item, p.key, "a fault", item) && hasAt;
    if (!kind) {
        r.error(item, "a fault needs a kind: one of " + faultKindList());
        return std::nullopt;
    }
    f.kind = kind->kind;
    const std::string name(kind->name);
    if (kind->kind == Fault::Kind::Latency) {
        auto s = r.text(*kindValue, name);
        auto ends = s ? splitArrow(*s) : std::nullopt;
        if (s && !ends)
            r.error(*kindValue, name + ": expected an edge 'FROM -> TO', found '" + *s + "'");
        if (ends) {
            f.target = ends->first;
            f.edgeTo = ends->second;
        }
    } else {
        assignIf(f.target, r.nodeId(*kindValue, name));
    }
    for (const FaultParam &p : faultParams()) {
        const int i = item.indexOf(p.key);
        if (!p.common && i >= 0 && p.key != kind->parameter)
            r.error(item.keys[static_cast<std::size_t>(i)],
                    "'" + std::string(p.key) + "' does not apply to a " + name + " fault");
    }
    if (kind->parameterRequired && item.indexOf(kind->parameter) < 0)
        r.error(*kindKey, "a " + name + " fault needs '" + std::string(kind->parameter) + "'");
    if (!hasAt || r.errorCount() != before)
        return std::nullopt;
    return f;
}

std::optional<Expectation> loadExpectation(FieldReader &r, const YamlNode &item) {
    if (!item.isScalar()) {
        r.error(item, "expect: each entry must be a text such as 'max(inventory.lag) < 5000', "
                      "found " +
                          describeType(item));
        return std::nullopt;
    }
    std::string error;
    int offset = 0;
    auto e = parseExpectation(item.scalar, &error, &offset);
    if (!e) {
        SourcePos at = item.pos;
        // The offset counts characters of the text; the mark sits on an opening quote.
        if (at.line > 0 && offset >= 0 && item.scalar.find('\n') == std::string::npos)
            at.column += offset + (item.quoted ? 1 : 0);
        r.error(at, item.origin, "expect: " + (error.empty() ? "invalid expectation" : error));
        return std::nullopt;
    }
    e->where = item.pos;
    return e;
}

} // namespace eventbench::model
