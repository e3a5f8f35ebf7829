#include "model/catalogue/KnobFormat.h"

#include <cmath>
#include <cstring>

#include "model/scenario/Units.h"

namespace eventbench::model {

namespace {

std::string lower(std::string_view s) {
    std::string r(s);
    for (char &c : r)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return r;
}

// Whether `s` can be written unquoted and still reads back as this same string (never as a
// number, bool or null, under YAML 1.1 or 1.2). In flow context anything with a space or a
// flow indicator is quoted as well.
bool isPlainSafe(std::string_view s, bool flow) {
    if (s.empty() || s.front() == ' ' || s.back() == ' ' || s.back() == ':')
        return false;
    static const char *const kReserved[] = {"y",     "n",  "yes", "no",   "true",
                                            "false", "on", "off", "null", "~"};
    const std::string l = lower(s);
    for (const char *w : kReserved)
        if (l == w)
            return false;
    const char c0 = s.front();
    if ((c0 >= '0' && c0 <= '9') || std::strchr("+-.?:,[]{}#&*!|>'\"%@`", c0))
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c >= 0x7f)
            return false;
        if (flow && (c == ' ' || c == ':' || std::strchr(",[]{}", c)))
            return false;
        if (c == ':' && (i + 1 == s.size() || s[i + 1] == ' '))
            return false;
        if (c == '#' && i > 0 && s[i - 1] == ' ')
            return false;
    }
    return true;
}

template <typename T, typename F> std::string flowSeq(const std::vector<T> &items, F &&fmt) {
    std::string r = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i)
            r += ", ";
        r += fmt(items[i]);
    }
    return r + "]";
}

// A string inside a value: quoted where the file needs it, as it is for the inspector.
std::string word(const std::string &s, TextStyle style) {
    return style == TextStyle::File ? yamlString(s) : s;
}

// The inspector cuts a fractional nanosecond off; the file rounds it.
std::string quantityText(double v, Quantity q, TextStyle style) {
    if (q == Quantity::Duration)
        return formatDuration(style == TextStyle::File ? static_cast<SimTime>(std::llround(v))
                                                       : static_cast<SimTime>(v));
    return q == Quantity::Size ? formatSize(v) : formatNumber(v);
}

std::string conditionText(const FilterCondition &c, TextStyle style) {
    using K = FilterCondition::Kind;
    switch (c.kind) {
    case K::Exact:
        return word(c.text, style);
    case K::Prefix:
        return yamlFlowMap({{"prefix", word(c.text, style)}});
    case K::AnythingBut:
        return yamlFlowMap({{"anything-but", flowSeq(c.anythingBut, [&](const std::string &s) {
                                 return word(s, style);
                             })}});
    case K::AnythingButPrefix:
        return yamlFlowMap({{"anything-but", yamlFlowMap({{"prefix", word(c.text, style)}})}});
    case K::Numeric: {
        std::string seq = "[";
        for (std::size_t i = 0; i < c.numeric.size(); ++i) {
            const std::string &op = c.numeric[i].first;
            seq += (i ? ", " : "") +
                   (style == TextStyle::File ? yamlQuoted(op) : "\"" + op + "\"") + ", " +
                   formatNumber(c.numeric[i].second);
        }
        return yamlFlowMap({{"numeric", seq + "]"}});
    }
    case K::Exists:
        return yamlFlowMap({{"exists", boolText(c.exists)}});
    }
    return word(c.text, style);
}

} // namespace

std::string yamlQuoted(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string r = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\') {
            r += '\\';
            r += ch;
        } else if (ch == '\n') {
            r += "\\n";
        } else if (ch == '\t') {
            r += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            r += "\\x";
            r += kHex[c >> 4];
            r += kHex[c & 0xf];
        } else {
            r += ch; // UTF-8 bytes pass through: YAML double quotes take any printable text
        }
    }
    return r + '"';
}

std::string yamlString(std::string_view s, bool flow) {
    return isPlainSafe(s, flow) ? std::string(s) : yamlQuoted(s);
}

std::string yamlFlowMap(const KeyValues &entries) {
    std::string r = "{";
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i)
            r += ", ";
        r += entries[i].first + ": " + entries[i].second;
    }
    return r + "}";
}

std::string boolText(bool b) {
    return b ? "true" : "false";
}

std::string distributionText(const Distribution &d, TextStyle style) {
    auto q = [&](double v) { return quantityText(v, d.quantity, style); };
    using K = Distribution::Kind;
    switch (d.kind) {
    case K::Constant:
        return q(d.value);
    case K::Exponential:
        return yamlFlowMap({{"distribution", "exponential"}, {"mean", q(d.mean)}});
    case K::Uniform:
        return yamlFlowMap({{"distribution", "uniform"}, {"min", q(d.min)}, {"max", q(d.max)}});
    case K::Normal:
        return yamlFlowMap(
            {{"distribution", "normal"}, {"mean", q(d.mean)}, {"stddev", q(d.stddev)}});
    case K::Lognormal:
        return yamlFlowMap({{"distribution", "lognormal"}, {"mean", q(d.mean)}, {"p99", q(d.p99)}});
    case K::Empirical: {
        KeyValues k{{"distribution", "empirical"}, {"values", flowSeq(d.values, q)}};
        // The inspector always shows the weights, even none.
        if (!d.weights.empty() || style == TextStyle::Inspector)
            k.emplace_back("weights", flowSeq(d.weights, formatNumber));
        return yamlFlowMap(k);
    }
    }
    return q(d.value);
}

std::string rateProfileText(const RateProfile &p) {
    using K = RateProfile::Kind;
    switch (p.kind) {
    case K::Constant:
        return formatRate(p.rate);
    case K::Burst:
        return yamlFlowMap({{"profile", "burst"},
                            {"base", formatRate(p.base)},
                            {"peak", formatRate(p.peak)},
                            {"every", formatDuration(p.every)},
                            {"for", formatDuration(p.burstFor)}});
    case K::Ramp:
        return yamlFlowMap({{"profile", "ramp"},
                            {"from", formatRate(p.from)},
                            {"to", formatRate(p.to)},
                            {"over", formatDuration(p.over)}});
    case K::Steps:
        return yamlFlowMap({{"profile", "steps"},
                            {"steps", flowSeq(p.steps, [](const std::pair<SimTime, double> &s) {
                                 return "[" + formatDuration(s.first) + ", " +
                                        formatRate(s.second) + "]";
                             })}});
    case K::Sine:
        return yamlFlowMap({{"profile", "sine"},
                            {"mean", formatRate(p.mean)},
                            {"amplitude", formatRate(p.amplitude)},
                            {"period", formatDuration(p.period)}});
    }
    return formatRate(p.rate);
}

std::string choiceText(const WeightedChoice &c, TextStyle style) {
    if (c.list)
        return flowSeq(c.options, [&](const std::pair<std::string, double> &o) {
            return word(o.first, style);
        });
    if (c.options.size() == 1 && c.options.front().second == 1.0)
        return word(c.options.front().first, style);
    KeyValues k;
    for (const auto &[value, weight] : c.options)
        k.emplace_back(word(value, style), formatNumber(weight));
    return yamlFlowMap(k);
}

std::string retryText(const RetrySpec &r, const RetrySpec &defaults, TextStyle style) {
    KeyValues k{{"max_attempts", std::to_string(r.maxAttempts)}};
    if (r.backoff != 0 || (style == TextStyle::File && defaults.backoff != 0))
        k.emplace_back("backoff", formatDuration(r.backoff));
    if (r.multiplier != 1.0)
        k.emplace_back("multiplier", formatNumber(r.multiplier));
    return yamlFlowMap(k);
}

std::string filterText(const FilterPolicy &f, TextStyle style) {
    KeyValues k;
    for (const auto &[attr, conds] : f.attributes)
        k.emplace_back(word(attr, style), flowSeq(conds, [&](const FilterCondition &c) {
                           return conditionText(c, style);
                       }));
    return yamlFlowMap(k);
}

} // namespace eventbench::model
