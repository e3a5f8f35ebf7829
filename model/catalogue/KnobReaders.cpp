#include "model/catalogue/KnobReaders.h"

#include <algorithm>

#include "model/catalogue/KnobCodecs.h"

namespace eventbench::model::knobs {

std::string keyOf(const NodeKnob &k) {
    return std::string(k.key);
}

namespace {

// `values: [..]` and `weights: [..]` of explicit keys; checked across the two in readKeys.
void readKeyList(FieldReader &r, const YamlNode &x, const std::string &what, KeySpec &k) {
    if (!x.isSequence()) {
        r.error(x, what + ".values: expected a list of key strings");
        return;
    }
    for (const YamlNode &item : x.items)
        if (auto t = r.text(item, what + ".values"))
            k.values.push_back(*t);
}

void readKeyWeights(FieldReader &r, const YamlNode &x, const std::string &what, KeySpec &k) {
    if (!x.isSequence()) {
        r.error(x, what + ".weights: expected a list of numbers");
        return;
    }
    for (const YamlNode &item : x.items)
        if (auto w = r.number(item, what + ".weights", 0, 1e12))
            k.weights.push_back(*w);
}

// The checks across the keys of an explicit list (reported at the map's own position).
void checkKeyValues(FieldReader &r, const YamlNode &v, const std::string &what, const KeySpec &k) {
    const YamlNode *values = v.find("values");
    const YamlNode *weights = v.find("weights");
    if (v.find("count") || v.find("distribution") || v.find("skew"))
        r.error(v, what + ": give either values (and weights) or distribution and count");
    else if (values->isSequence() && values->items.empty())
        r.error(*values, what + ".values: at least one key is needed");
    if (!weights || !weights->isSequence() || !values->isSequence())
        return;
    if (weights->items.size() != values->items.size())
        r.error(*weights, what + ".weights: " + std::to_string(weights->items.size()) +
                              " weights for " + std::to_string(values->items.size()) + " values");
    else if (!k.weights.empty() &&
             std::all_of(k.weights.begin(), k.weights.end(), [](double w) { return w == 0; }))
        r.error(*weights, what + ".weights: at least one weight must be above 0");
}

} // namespace

std::optional<KeySpec> readKeys(FieldReader &r, const YamlNode &v, const NodeKnob &knob) {
    const std::string what = keyOf(knob);
    KeySpec k;
    if (v.isScalar() && v.scalar == knob.defaultText)
        return k;
    if (!r.expectMap(v, what))
        return std::nullopt;
    const std::size_t before = r.errorCount();
    r.readFields(
        v, what,
        {{"distribution",
          [&](const YamlNode &x) {
              if (auto c = r.choice(x, what + ".distribution", {"uniform", "zipf"}))
                  k.kind = *c == 0 ? KeySpec::Kind::Uniform : KeySpec::Kind::Zipf;
          }},
         {"count",
          [&](const YamlNode &x) {
              assignIf(k.count,
                       r.integer(x, what + ".count", 1, static_cast<std::int64_t>(knob.range.max)));
          }},
         {"skew",
          [&](const YamlNode &x) { assignIf(k.skew, r.number(x, what + ".skew", 0, 100)); }},
         {"values", [&](const YamlNode &x) { readKeyList(r, x, what, k); }},
         {"weights", [&](const YamlNode &x) { readKeyWeights(r, x, what, k); }}});
    if (v.find("values")) {
        checkKeyValues(r, v, what, k);
        k.kind = KeySpec::Kind::Values;
        k.skew = KeySpec{}.skew;
    } else {
        if (v.find("weights"))
            r.error(*v.find("weights"), what + ".weights: only with values");
        r.require(v, "distribution", what, v);
        r.require(v, "count", what, v);
    }
    if (r.errorCount() != before)
        return std::nullopt;
    return k;
}

std::string keysText(const KeySpec &k, TextStyle style) {
    if (k.kind == KeySpec::Kind::None)
        return "none";
    if (k.kind == KeySpec::Kind::Values) {
        std::string values;
        for (const std::string &s : k.values)
            values += (values.empty() ? "" : ", ") + (style == TextStyle::File ? yamlQuoted(s) : s);
        std::string out = "{values: [" + values + "]";
        if (!k.weights.empty()) {
            std::string weights;
            for (double w : k.weights)
                weights += (weights.empty() ? "" : ", ") + formatNumber(w);
            out += ", weights: [" + weights + "]";
        }
        return out + "}";
    }
    const bool zipf = k.kind == KeySpec::Kind::Zipf;
    // The file gives the skew when it is not the default, the inspector for zipf keys.
    const bool skew = style == TextStyle::File ? k.skew != KeySpec{}.skew : zipf;
    std::string out = std::string("{distribution: ") + (zipf ? "zipf" : "uniform") +
                      ", count: " + formatNumber(static_cast<double>(k.count));
    if (skew)
        out += ", skew: " + formatNumber(k.skew);
    return out + "}";
}

namespace {

// `sports: [rugby, football]`: an SNS String.Array that every message carries.
std::optional<WeightedChoice> attributeList(FieldReader &r, const YamlNode &v,
                                            const std::string &what) {
    if (v.items.empty()) {
        r.error(v, what + ": the list is empty; give at least one value, such as [rugby]");
        return std::nullopt;
    }
    const std::size_t before = r.errorCount();
    WeightedChoice c;
    c.list = true;
    for (const YamlNode &item : v.items)
        if (auto s = r.text(item, what))
            c.options.emplace_back(*s, 1.0);
    if (r.errorCount() != before)
        return std::nullopt;
    return c;
}

} // namespace

void readAttributes(FieldReader &r, const YamlNode &v, const NodeKnob &knob, Node &n) {
    const std::string what = keyOf(knob);
    if (!r.expectMap(v, what))
        return;
    for (std::size_t i = 0; i < v.keys.size(); ++i) {
        const std::string &name = v.keys[i].scalar;
        if (v.indexOf(name) != static_cast<int>(i)) {
            r.error(v.keys[i], what + ": duplicate attribute '" + name + "'");
            continue;
        }
        if (v.values[i].isSequence()) {
            if (auto c = attributeList(r, v.values[i], what + "." + name))
                n.producer.attributes.emplace_back(name, *c);
        } else if (auto c = r.weightedChoice(v.values[i], what + "." + name)) {
            n.producer.attributes.emplace_back(name, *c);
        }
    }
}

std::vector<int> readAccepts(FieldReader &r, const YamlNode &v, const NodeKnob &knob) {
    const std::string what = keyOf(knob);
    const auto min = static_cast<std::int64_t>(knob.range.min);
    const auto max = static_cast<std::int64_t>(knob.range.max);
    std::vector<int> out;
    if (v.isScalar() && v.scalar == knob.defaultText)
        return out;
    if (v.isScalar()) {
        if (auto x = r.integer(v, what, min, max))
            out.push_back(static_cast<int>(*x));
        return out;
    }
    if (!v.isSequence()) {
        r.error(v, what + ": expected a list of schema versions such as [1, 2], found " +
                       describeType(v));
        return out;
    }
    for (const auto &item : v.items)
        if (auto x = r.integer(item, what, min, max))
            out.push_back(static_cast<int>(*x));
    return out;
}

void readPos(FieldReader &r, const YamlNode &v, const NodeKnob &k, Node &node) {
    if (!v.isSequence() || v.items.size() != 2) {
        r.error(v, keyOf(k) + ": expected [x, y], found " + describeType(v));
        return;
    }
    auto x = r.number(v.items[0], keyOf(k), k.range.min, k.range.max);
    auto y = r.number(v.items[1], keyOf(k), k.range.min, k.range.max);
    if (x && y)
        node.pos = std::make_pair(*x, *y);
}

std::string acceptsText(const std::vector<int> &versions) {
    std::string out = "[";
    for (std::size_t i = 0; i < versions.size(); ++i)
        out += (i ? ", " : "") + std::to_string(versions[i]);
    return out + "]";
}

std::optional<AutoscaleSpec> readAutoscale(FieldReader &r, const YamlNode &v,
                                           const NodeKnob &knob) {
    const std::string what = keyOf(knob);
    if (!r.expectMap(v, what))
        return std::nullopt;
    AutoscaleSpec a;
    const std::size_t before = r.errorCount();
    const auto count = [&](const char *key, auto &field, std::int64_t max) {
        return FieldReader::Field{key, [&r, &field, what, key, max](const YamlNode &x) {
                                      assignIf(field, r.integer(x, what + "." + key, 1, max));
                                  }};
    };
    const auto time = [&](const char *key, SimTime &field, bool positive) {
        return FieldReader::Field{key, [&r, &field, what, key, positive](const YamlNode &x) {
                                      const std::string k = what + "." + key;
                                      assignIf(field, positive ? r.positiveDuration(x, k)
                                                               : r.duration(x, k));
                                  }};
    };
    r.readFields(v, what,
                 {count("min", a.min, 100'000), count("max", a.max, 100'000),
                  count("target_lag", a.targetLag, 1'000'000'000'000),
                  time("interval", a.interval, true), time("cooldown", a.cooldown, false),
                  time("startup", a.startup, false)});
    if (r.errorCount() != before)
        return std::nullopt;
    if (a.min > a.max) {
        r.error(v, what + ": min (" + std::to_string(a.min) + ") is more than max (" +
                       std::to_string(a.max) + ")");
        return std::nullopt;
    }
    return a;
}

std::string autoscaleText(const AutoscaleSpec &a) {
    return yamlFlowMap({{"min", std::to_string(a.min)},
                        {"max", std::to_string(a.max)},
                        {"target_lag", std::to_string(a.targetLag)},
                        {"interval", formatDuration(a.interval)},
                        {"cooldown", formatDuration(a.cooldown)},
                        {"startup", formatDuration(a.startup)}});
}

} // namespace eventbench::model::knobs
