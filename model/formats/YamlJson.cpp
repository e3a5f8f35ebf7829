#include "model/formats/YamlJson.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <regex>

namespace eventbench::model {

namespace {

nlohmann::json scalarToJson(const YamlNode &node) {
    const std::string &s = node.scalar;
    if (node.quoted)
        return s;
    if (s == "null" || s == "Null" || s == "NULL" || s == "~" || s.empty())
        return nullptr;
    if (s == "true" || s == "True" || s == "TRUE")
        return true;
    if (s == "false" || s == "False" || s == "FALSE")
        return false;
    static const std::regex integer("[-+]?[0-9]+");
    static const std::regex real("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    if (s.size() <= 40 && std::regex_match(s, integer)) {
        long long v = 0;
        const char *first = s.data() + (s[0] == '+' ? 1 : 0);
        if (std::from_chars(first, s.data() + s.size(), v).ec == std::errc())
            return v;
        return std::strtod(s.c_str(), nullptr);
    }
    if (s.size() <= 40 && std::regex_match(s, real)) {
        const double v = std::strtod(s.c_str(), nullptr);
        if (std::isfinite(v))
            return v;
    }
    return s;
}

} // namespace

nlohmann::json yamlToJson(const YamlNode &node) {
    switch (node.type) {
    case YamlNode::Type::Null:
        return nullptr;
    case YamlNode::Type::Scalar:
        return scalarToJson(node);
    case YamlNode::Type::Sequence: {
        nlohmann::json out = nlohmann::json::array();
        for (const YamlNode &item : node.items)
            out.push_back(yamlToJson(item));
        return out;
    }
    case YamlNode::Type::Map: {
        nlohmann::json out = nlohmann::json::object();
        for (std::size_t i = 0; i < node.keys.size(); ++i)
            out[node.keys[i].scalar] = yamlToJson(node.values[i]);
        return out;
    }
    }
    return nullptr;
}

const YamlNode &yamlAtPath(const YamlNode &root, const std::vector<std::string> &path) {
    const YamlNode *node = &root;
    for (const std::string &step : path) {
        const YamlNode *next = nullptr;
        if (node->isMap()) {
            next = node->find(step);
        } else if (node->isSequence() && !step.empty() && step.size() < 10 &&
                   step.find_first_not_of("0123456789") == std::string::npos) {
            const std::size_t index = std::stoul(step);
            next = index < node->items.size() ? &node->items[index] : nullptr;
        }
        if (!next)
            break;
        node = next;
    }
    return *node;
}

} // namespace eventbench::model
