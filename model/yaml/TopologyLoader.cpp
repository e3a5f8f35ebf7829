#include "model/yaml/TopologyLoader.h"

#include <array>

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

std::optional<FilterCondition> readConditionMap(FieldReader &r, const YamlNode &v,
                                                const std::string &what) {
    if (v.keys.size() != 1) {
        r.error(v, what + ": expected one of {prefix: ..}, {anything-but: ..}, {numeric: ..} "
                          "or {exists: ..}");
        return std::nullopt;
    }
    FilterCondition c;
    const std::string &key = v.keys[0].scalar;
    const YamlNode &arg = v.values[0];
    if (key == "prefix") {
        c.kind = FilterCondition::Kind::Prefix;
        auto s = r.text(arg, what + ".prefix");
        if (!s)
            return std::nullopt;
        c.text = *s;
    } else if (key == "anything-but") {
        c.kind = FilterCondition::Kind::AnythingBut;
        if (arg.isScalar()) {
            c.anythingBut.push_back(arg.scalar);
        } else if (arg.isSequence() && !arg.items.empty()) {
            for (const auto &item : arg.items)
                if (auto s = r.text(item, what + ".anything-but"))
                    c.anythingBut.push_back(*s);
        } else {
            r.error(arg, what + ".anything-but: expected a value or a list of values, found " +
                             describeType(arg));
            return std::nullopt;
        }
    } else if (key == "numeric") {
        c.kind = FilterCondition::Kind::Numeric;
        if (!arg.isSequence() || (arg.items.size() != 2 && arg.items.size() != 4)) {
            r.error(arg, what + ".numeric: expected [op, number] or [op, number, op, number] "
                                "such as [\">\", 0, \"<=\", 150]");
            return std::nullopt;
        }
        for (std::size_t i = 0; i + 1 < arg.items.size(); i += 2) {
            auto op = r.choice(arg.items[i], what + ".numeric", {"=", "<", "<=", ">", ">="});
            auto bound = r.number(arg.items[i + 1], what + ".numeric", -1e300, 1e300);
            if (!op || !bound)
                return std::nullopt;
            c.numeric.emplace_back(arg.items[i].scalar, *bound);
        }
    } else if (key == "exists") {
        c.kind = FilterCondition::Kind::Exists;
        auto b = r.boolean(arg, what + ".exists");
        if (!b)
            return std::nullopt;
        c.exists = *b;
    } else {
        r.error(v.keys[0], what + ": unknown filter condition '" + key + "'" +
                               didYouMean(key, {"prefix", "anything-but", "numeric", "exists"}));
        return std::nullopt;
    }
    return c;
}

std::optional<FilterPolicy> readFilter(FieldReader &r, const YamlNode &v) {
    if (!r.expectMap(v, "filter"))
        return std::nullopt;
    FilterPolicy policy;
    const std::size_t before = r.errorCount();
    for (std::size_t i = 0; i < v.keys.size(); ++i) {
        const std::string &name = v.keys[i].scalar;
        const std::string what = "filter." + name;
        if (v.indexOf(name) != static_cast<int>(i)) {
            r.error(v.keys[i], "filter: duplicate attribute '" + name + "'");
            continue;
        }
        const YamlNode &value = v.values[i];
        std::vector<FilterCondition> conditions;
        auto one = [&](const YamlNode &x) {
            if (x.isScalar()) {
                FilterCondition c;
                c.text = x.scalar;
                conditions.push_back(c);
            } else if (x.isMap()) {
                if (auto c = readConditionMap(r, x, what))
                    conditions.push_back(*c);
            } else {
                r.error(x, what +
                               ": expected a value, a list of values or a condition such as "
                               "{prefix: eu-}, found " +
                               describeType(x));
            }
        };
        if (value.isSequence()) {
            if (value.items.empty())
                r.error(value, what + ": the list of allowed values is empty");
            for (const auto &item : value.items)
                one(item);
        } else {
            one(value);
        }
        policy.attributes.emplace_back(name, std::move(conditions));
    }
    if (r.errorCount() != before)
        return std::nullopt;
    return policy;
}

struct FaultKindInfo {
    std::string_view name;
    Fault::Kind kind;
    std::string_view parameter; // the one extra key it takes ("" = none)
    bool parameterRequired;
};

constexpr std::array<FaultKindInfo, 11> kFaultKinds = {{
    {"crash", Fault::Kind::Crash, "instances", false},
    {"pause", Fault::Kind::Pause, "instances", false},
    {"slow", Fault::Kind::Slow, "factor", true},
    {"outage", Fault::Kind::Outage, "", false},
    {"latency", Fault::Kind::Latency, "add", true},
    {"isolate", Fault::Kind::Isolate, "instances", false},
    {"duplicate", Fault::Kind::Duplicate, "probability", true},
    {"poison", Fault::Kind::Poison, "probability", true},
    {"schema", Fault::Kind::Schema, "version", true},
    {"spike", Fault::Kind::Spike, "factor", true},
    {"rebalance", Fault::Kind::Rebalance, "", false},
}};

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
    r.readFields(
        item, "an edge",
        {{"from", [&](const YamlNode &v) { assignIf(e.from, r.nodeId(v, "from")); }},
         {"to", [&](const YamlNode &v) { assignIf(e.to, r.nodeId(v, "to")); }},
         {"latency",
          [&](const YamlNode &v) {
              assignIf(e.latency, r.distribution(v, Quantity::Duration, "latency"));
          }},
         {"filter", [&](const YamlNode &v) { assignIf(e.filter, readFilter(r, v)); }},
         {"binding",
          [&](const YamlNode &v) {
              auto s = r.text(v, "binding");
              if (s && s->empty())
                  r.error(v, "binding: expected a routing-key pattern such as "
                             "'order.*', found an empty text");
              else if (s)
                  e.binding = *s;
          }},
         {"ratio", [&](const YamlNode &v) { assignIf(e.ratio, r.number(v, "ratio", 0, 1e6)); }}});
    const bool hasEnds =
        r.require(item, "from", "an edge", item) & r.require(item, "to", "an edge", item);
    if (!hasEnds || e.from.empty() || e.to.empty())
        return std::nullopt;
    return e;
}

std::optional<Fault> loadFault(FieldReader &r, const YamlNode &item) {
    if (!r.expectMap(item, "fault"))
        return std::nullopt;
    Fault f;
    f.where = item.pos;
    const FaultKindInfo *kind = nullptr;
    const YamlNode *kindKey = nullptr;
    const YamlNode *kindValue = nullptr;
    std::vector<Field> fields = {
        {"at", [&](const YamlNode &v) { assignIf(f.at, r.duration(v, "at")); }},
        {"for", [&](const YamlNode &v) { assignIf(f.duration, r.positiveDuration(v, "for")); }},
        {"instances",
         [&](const YamlNode &v) { assignIf(f.instances, r.integer(v, "instances", 1, 100'000)); }},
        {"factor",
         [&](const YamlNode &v) {
             auto x = r.number(v, "factor", 0, 1e6);
             if (x && *x <= 0)
                 r.error(v, "factor: must be greater than 0");
             else
                 assignIf(f.factor, x);
         }},
        {"add", [&](const YamlNode &v) { assignIf(f.add, r.duration(v, "add")); }},
        {"probability",
         [&](const YamlNode &v) { assignIf(f.probability, r.probability(v, "probability")); }},
        {"version",
         [&](const YamlNode &v) { assignIf(f.version, r.integer(v, "version", 1, 1'000'000)); }},
    };
    for (const auto &info : kFaultKinds) {
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
    const bool hasAt = r.require(item, "at", "a fault", item);
    if (!kind) {
        r.error(item, "a fault needs a kind: one of crash, pause, slow, outage, latency, "
                      "isolate, duplicate, poison, schema, spike or rebalance");
        return std::nullopt;
    }
    f.kind = kind->kind;
    if (kind->kind == Fault::Kind::Latency) {
        auto s = r.text(*kindValue, "latency");
        auto ends = s ? splitArrow(*s) : std::nullopt;
        if (s && !ends)
            r.error(*kindValue, "latency: expected an edge 'FROM -> TO', found '" + *s + "'");
        if (ends) {
            f.target = ends->first;
            f.edgeTo = ends->second;
        }
    } else {
        assignIf(f.target, r.nodeId(*kindValue, kind->name.data()));
    }
    for (std::string_view parameter : {"instances", "factor", "add", "probability", "version"}) {
        const int i = item.indexOf(parameter);
        if (i >= 0 && parameter != kind->parameter)
            r.error(item.keys[static_cast<std::size_t>(i)], "'" + std::string(parameter) +
                                                                "' does not apply to a " +
                                                                std::string(kind->name) + " fault");
    }
    if (kind->parameterRequired && item.indexOf(kind->parameter) < 0)
        r.error(*kindKey, "a " + std::string(kind->name) + " fault needs '" +
                              std::string(kind->parameter) + "'");
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
