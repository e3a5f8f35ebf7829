#include "sim/broker/FilterPolicyMatcher.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>

namespace eventbench::sim {

namespace {

using model::FilterCondition;

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

bool conditionMatches(const FilterCondition &c, const std::string *value) {
    if (c.kind == FilterCondition::Kind::Exists)
        return c.exists == (value != nullptr);
    if (value == nullptr)
        return false;
    switch (c.kind) {
    case FilterCondition::Kind::Exact:
        return sameValue(*value, c.text);
    case FilterCondition::Kind::Prefix:
        return std::string_view(*value).starts_with(c.text);
    case FilterCondition::Kind::AnythingBut:
        for (const std::string &excluded : c.anythingBut)
            if (sameValue(*value, excluded))
                return false;
        return true;
    case FilterCondition::Kind::Numeric: {
        const auto number = parseNumber(*value);
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

const std::string *findAttribute(const AttributeList &attributes, const std::string &name) {
    for (const auto &[key, value] : attributes)
        if (key == name)
            return &value;
    return nullptr;
}

} // namespace

bool filterMatches(const model::FilterPolicy &policy, const AttributeList &attributes) {
    for (const auto &[name, conditions] : policy.attributes) {
        const std::string *value = findAttribute(attributes, name);
        bool any = false;
        for (const FilterCondition &c : conditions) {
            if (conditionMatches(c, value)) {
                any = true;
                break;
            }
        }
        if (!any)
            return false;
    }
    return true;
}

} // namespace eventbench::sim
