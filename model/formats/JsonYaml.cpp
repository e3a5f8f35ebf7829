#include "model/formats/JsonYaml.h"

#include <regex>

namespace eventbench::model {

namespace {

using Json = nlohmann::ordered_json;

std::string key(const std::string &k) {
    static const std::regex plain("[A-Za-z_][A-Za-z0-9_.-]*");
    static const std::regex reserved("(?:true|false|null|yes|no|on|off|y|n)", std::regex::icase);
    if (std::regex_match(k, plain) && !std::regex_match(k, reserved))
        return k;
    return Json(k).dump();
}

bool isBlock(const Json &v) {
    return (v.is_object() || v.is_array()) && !v.empty();
}

std::string scalar(const Json &v) {
    if (v.is_object())
        return "{}";
    if (v.is_array())
        return "[]";
    return v.dump();
}

void emit(const Json &v, int indent, std::string &out);

/// A map whose first line is already started (after "- " in a list).
void emitMap(const Json &map, int indent, bool firstInline, std::string &out) {
    bool first = true;
    for (const auto &[k, child] : map.items()) {
        if (!(first && firstInline))
            out += std::string(static_cast<std::size_t>(indent), ' ');
        first = false;
        out += key(k) + ":";
        if (isBlock(child)) {
            out += "\n";
            emit(child, indent + 2, out);
        } else {
            out += " " + scalar(child) + "\n";
        }
    }
}

void emit(const Json &v, int indent, std::string &out) {
    if (v.is_object()) {
        emitMap(v, indent, false, out);
        return;
    }
    for (const Json &item : v) {
        out += std::string(static_cast<std::size_t>(indent), ' ') + "- ";
        if (item.is_object() && !item.empty())
            emitMap(item, indent + 2, true, out);
        else if (isBlock(item)) {
            out += "\n";
            emit(item, indent + 2, out);
        } else
            out += scalar(item) + "\n";
    }
}

} // namespace

std::string jsonToYaml(const nlohmann::ordered_json &value) {
    if (!isBlock(value))
        return scalar(value) + "\n";
    std::string out;
    emit(value, 0, out);
    return out;
}

} // namespace eventbench::model
