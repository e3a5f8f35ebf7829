#include "model/formats/JsonYaml.h"

#include <cctype>
#include <set>

namespace eventbench::model {

namespace {

using Json = nlohmann::ordered_json;

/// JSON text of `v`; text that is not UTF-8 is written with U+FFFD in its place rather than
/// throwing.
std::string jsonText(const Json &v) {
    return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

/// `k` as a YAML key: bare when it is a plain name no YAML reader takes for a boolean or null,
/// else quoted. (A loop, not std::regex: a key may be as long as a node id.)
std::string key(const std::string &k) {
    const auto letter = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    };
    bool plain = !k.empty() && letter(k[0]);
    for (std::size_t i = 1; plain && i < k.size(); ++i)
        plain = letter(k[i]) || (k[i] >= '0' && k[i] <= '9') || k[i] == '.' || k[i] == '-';
    std::string lower;
    for (const char c : k)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static const std::set<std::string> reserved{"true", "false", "null", "yes", "no",
                                                "on",   "off",   "y",    "n"};
    if (plain && !reserved.count(lower))
        return k;
    return jsonText(Json(k));
}

bool isBlock(const Json &v) {
    return (v.is_object() || v.is_array()) && !v.empty();
}

std::string scalar(const Json &v) {
    if (v.is_object())
        return "{}";
    if (v.is_array())
        return "[]";
    return jsonText(v);
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
