// FieldReader: SNS filter policies (an edge's `filter`).
#include "model/yaml/FieldReader.h"

namespace eventbench::model {

std::optional<FilterCondition> FieldReader::filterCondition(const YamlNode &v,
                                                            const std::string &what) {
    if (v.keys.size() != 1) {
        error(v, what + ": expected one of {prefix: ..}, {anything-but: ..}, {numeric: ..} "
                        "or {exists: ..}");
        return std::nullopt;
    }
    FilterCondition c;
    const std::string &key = v.keys[0].scalar;
    const YamlNode &arg = v.values[0];
    if (key == "prefix") {
        c.kind = FilterCondition::Kind::Prefix;
        auto s = text(arg, what + ".prefix");
        if (!s)
            return std::nullopt;
        c.text = *s;
    } else if (key == "anything-but") {
        c.kind = FilterCondition::Kind::AnythingBut;
        if (arg.isMap()) {
            // SNS's one nested form: {anything-but: {prefix: "order-"}}.
            if (arg.keys.size() != 1 || arg.keys[0].scalar != "prefix") {
                error(arg, what + ".anything-but: expected a value, a list of values or "
                                  "{prefix: ..}");
                return std::nullopt;
            }
            auto s = text(arg.values[0], what + ".anything-but.prefix");
            if (!s)
                return std::nullopt;
            c.kind = FilterCondition::Kind::AnythingButPrefix;
            c.text = *s;
        } else if (arg.isScalar()) {
            c.anythingBut.push_back(arg.scalar);
        } else if (arg.isSequence() && !arg.items.empty()) {
            for (const auto &item : arg.items)
                if (auto s = text(item, what + ".anything-but"))
                    c.anythingBut.push_back(*s);
        } else {
            error(arg, what +
                           ".anything-but: expected a value, a list of values or "
                           "{prefix: ..}, found " +
                           describeType(arg));
            return std::nullopt;
        }
    } else if (key == "numeric") {
        c.kind = FilterCondition::Kind::Numeric;
        if (!arg.isSequence() || (arg.items.size() != 2 && arg.items.size() != 4)) {
            error(arg, what + ".numeric: expected [op, number] or [op, number, op, number] "
                              "such as [\">\", 0, \"<=\", 150]");
            return std::nullopt;
        }
        for (std::size_t i = 0; i + 1 < arg.items.size(); i += 2) {
            auto op = choice(arg.items[i], what + ".numeric", {"=", "<", "<=", ">", ">="});
            auto bound = number(arg.items[i + 1], what + ".numeric", -1e300, 1e300);
            if (!op || !bound)
                return std::nullopt;
            c.numeric.emplace_back(arg.items[i].scalar, *bound);
        }
    } else if (key == "exists") {
        c.kind = FilterCondition::Kind::Exists;
        auto b = boolean(arg, what + ".exists");
        if (!b)
            return std::nullopt;
        c.exists = *b;
    } else {
        error(v.keys[0], what + ": unknown filter condition '" + key + "'" +
                             didYouMean(key, {"prefix", "anything-but", "numeric", "exists"}));
        return std::nullopt;
    }
    return c;
}

std::optional<FilterPolicy> FieldReader::filterPolicy(const YamlNode &v, const std::string &what) {
    if (!expectMap(v, what))
        return std::nullopt;
    FilterPolicy policy;
    const std::size_t before = m_errors;
    for (std::size_t i = 0; i < v.keys.size(); ++i) {
        const std::string &name = v.keys[i].scalar;
        const std::string attribute = what + "." + name;
        if (v.indexOf(name) != static_cast<int>(i)) {
            error(v.keys[i], what + ": duplicate attribute '" + name + "'");
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
                if (auto c = filterCondition(x, attribute))
                    conditions.push_back(*c);
            } else {
                error(x, attribute +
                             ": expected a value, a list of values or a condition such as "
                             "{prefix: eu-}, found " +
                             describeType(x));
            }
        };
        if (value.isSequence()) {
            if (value.items.empty())
                error(value, attribute + ": the list of allowed values is empty");
            for (const auto &item : value.items)
                one(item);
        } else {
            one(value);
        }
        policy.attributes.emplace_back(name, std::move(conditions));
    }
    if (m_errors != before)
        return std::nullopt;
    return policy;
}

} // namespace eventbench::model
