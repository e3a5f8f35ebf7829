#include "model/routing/MessageMatching.h"

#include <charconv>
#include <cmath>
#include <optional>

namespace eventbench::model {

namespace {

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
    const auto y = x ? parseNumber(b) : std::nullopt;
    return x && y && *x == *y;
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
    return false;
}

bool conditionHolds(const FilterCondition &c, const std::string *value) {
    using Kind = FilterCondition::Kind;
    if (c.kind == Kind::Exists)
        return c.exists == (value != nullptr);
    if (value == nullptr)
        return false;
    switch (c.kind) {
    case Kind::Exact:
        return sameValue(*value, c.text);
    case Kind::Prefix:
        return std::string_view(*value).starts_with(c.text);
    case Kind::AnythingBut:
        for (const std::string &excluded : c.anythingBut)
            if (sameValue(*value, excluded))
                return false;
        return true;
    case Kind::Numeric: {
        const auto number = parseNumber(*value);
        if (!number)
            return false;
        for (const auto &[op, bound] : c.numeric)
            if (!numericHolds(op, *number, bound))
                return false;
        return true;
    }
    case Kind::Exists:
        break;
    }
    return false;
}

std::vector<std::string_view> splitWords(std::string_view text) {
    std::vector<std::string_view> words;
    if (text.empty())
        return words;
    std::size_t start = 0;
    for (;;) {
        const std::size_t dot = text.find('.', start);
        words.push_back(text.substr(start, dot == std::string_view::npos ? dot : dot - start));
        if (dot == std::string_view::npos)
            return words;
        start = dot + 1;
    }
}

} // namespace

bool filterPolicyMatches(const FilterPolicy &policy, const AttributeValues &attributes) {
    for (const auto &[name, conditions] : policy.attributes) {
        const std::string *value = nullptr;
        for (const auto &[key, v] : attributes) {
            if (key == name) {
                value = &v;
                break;
            }
        }
        bool any = false;
        for (const FilterCondition &c : conditions)
            any = any || conditionHolds(c, value);
        if (!any)
            return false;
    }
    return true;
}

bool bindingPatternMatches(std::string_view pattern, std::string_view routingKey) {
    const auto pat = splitWords(pattern);
    const auto key = splitWords(routingKey);
    // reach[k]: the pattern words seen so far can consume exactly the first k key words.
    std::vector<char> reach(key.size() + 1, 0);
    reach[0] = 1;
    for (const std::string_view w : pat) {
        std::vector<char> next(key.size() + 1, 0);
        for (std::size_t k = 0; k <= key.size(); ++k) {
            if (w == "#") {
                next[k] = reach[k] || (k > 0 && next[k - 1]);
            } else if (k > 0 && reach[k - 1]) {
                next[k] = w == "*" || w == key[k - 1];
            }
        }
        reach.swap(next);
    }
    return reach[key.size()] != 0;
}

} // namespace eventbench::model
