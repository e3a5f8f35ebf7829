#include "model/routing/MessageMatching.h"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <optional>

namespace eventbench::model {

namespace {

// The whole text must be a finite decimal number ("100", "-2.5", "1e3"); no spaces, no "+".
std::optional<double> parseNumber(std::string_view text) {
    if (text.empty())
        return std::nullopt;
    double value = 0;
    const char *end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

bool sameValue(std::string_view a, std::string_view b) {
    if (a == b)
        return true;
    const auto x = parseNumber(a);
    if (!x)
        return false;
    const auto y = parseNumber(b);
    return y && *x == *y;
}

bool numericHolds(const std::string &op, double value, double bound) {
    if (op == "=")
        return value == bound;
    if (op == "<")
        return value < bound;
    if (op == "<=")
        return value <= bound;
    if (op == ">")
        return value > bound;
    if (op == ">=")
        return value >= bound;
    return false; // an unknown operator is rejected by validation; never match here
}

// One condition on one value (a plain value, or one element of an array).
bool valueMatches(const FilterCondition &c, std::string_view value) {
    switch (c.kind) {
    case FilterCondition::Kind::Exact:
        return sameValue(value, c.text);
    case FilterCondition::Kind::Prefix:
        return value.starts_with(c.text);
    case FilterCondition::Kind::AnythingBut:
        for (const std::string &excluded : c.anythingBut)
            if (sameValue(value, excluded))
                return false;
        return true;
    case FilterCondition::Kind::AnythingButPrefix:
        return !value.starts_with(c.text);
    case FilterCondition::Kind::Numeric: {
        const auto number = parseNumber(value);
        if (!number)
            return false;
        for (const auto &[op, bound] : c.numeric)
            if (!numericHolds(op, *number, bound))
                return false;
        return true;
    }
    case FilterCondition::Kind::Exists:
        break;
    }
    return false;
}

// A condition on a named attribute: on any of its entries (the elements of an array).
bool conditionMatches(const FilterCondition &c, const AttributeValues &attributes,
                      const std::string &name) {
    bool present = false;
    for (const auto &[key, value] : attributes) {
        if (key != name)
            continue;
        present = true;
        if (c.kind != FilterCondition::Kind::Exists && valueMatches(c, value))
            return true;
    }
    return c.kind == FilterCondition::Kind::Exists && c.exists == present;
}

// A position in a dot-separated word list is the byte offset where a word starts; offsets
// past the end mean "no more words". The empty string starts past its end (zero words).
struct Words {
    std::string_view text;

    std::size_t begin() const { return text.empty() ? 1 : 0; }
    bool atEnd(std::size_t pos) const { return pos > text.size(); }
    std::size_t wordEnd(std::size_t pos) const {
        const std::size_t dot = text.find('.', pos);
        return dot == std::string_view::npos ? text.size() : dot;
    }
    std::string_view word(std::size_t pos) const { return text.substr(pos, wordEnd(pos) - pos); }
    std::size_t next(std::size_t pos) const { return wordEnd(pos) + 1; }
};

} // namespace

bool filterPolicyMatches(const FilterPolicy &policy, const AttributeValues &attributes) {
    for (const auto &[name, conditions] : policy.attributes) {
        bool any = false;
        for (const FilterCondition &c : conditions) {
            if (conditionMatches(c, attributes, name)) {
                any = true;
                break;
            }
        }
        if (!any)
            return false;
    }
    return true;
}

bool bindingPatternMatches(std::string_view pattern, std::string_view routingKey) {
    if (pattern.find_first_of("*#") == std::string_view::npos)
        return pattern == routingKey;

    // Glob matching over words with single-star backtracking: "#" plays the role of a glob
    // '*', "*" of '?'. On a mismatch only the most recent "#" needs to absorb one more word,
    // because any earlier "#" could only shift words the later one can absorb as well.
    const Words pat{pattern};
    const Words key{routingKey};
    std::size_t p = pat.begin();
    std::size_t k = key.begin();
    constexpr std::size_t none = std::string_view::npos;
    std::size_t hashP = none; // pattern position of the last "#" seen
    std::size_t hashK = 0;    // key position that "#" currently stops before

    while (!key.atEnd(k)) {
        if (!pat.atEnd(p)) {
            const std::string_view w = pat.word(p);
            if (w == "#") {
                hashP = p;
                hashK = k;
                p = pat.next(p);
                continue;
            }
            if (w == "*" || w == key.word(k)) {
                p = pat.next(p);
                k = key.next(k);
                continue;
            }
        }
        if (hashP == none)
            return false;
        hashK = key.next(hashK);
        k = hashK;
        p = pat.next(hashP);
    }
    while (!pat.atEnd(p) && pat.word(p) == "#")
        p = pat.next(p);
    return pat.atEnd(p);
}

bool bindingMatches(const std::vector<std::string> &patterns, std::string_view routingKey) {
    for (const std::string &pattern : patterns)
        if (bindingPatternMatches(pattern, routingKey))
            return true;
    return false;
}

} // namespace eventbench::model
