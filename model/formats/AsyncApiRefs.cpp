#include "model/formats/AsyncApiRefs.h"

namespace eventbench::model {

namespace {

/// One segment of a JSON pointer with `~1` and `~0` undone (RFC 6901).
std::string unescape(std::string_view segment) {
    std::string out;
    for (std::size_t i = 0; i < segment.size(); ++i) {
        if (segment[i] == '~' && i + 1 < segment.size() &&
            (segment[i + 1] == '0' || segment[i + 1] == '1')) {
            out += segment[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            out += segment[i];
        }
    }
    return out;
}

const YamlNode *refOf(const YamlNode &node) {
    if (!node.isMap())
        return nullptr;
    const YamlNode *ref = node.find("$ref");
    return ref && ref->isScalar() ? ref : nullptr;
}

} // namespace

void AsyncApiRefs::warnOnce(const YamlNode &at, const std::string &message) const {
    if (m_warned.insert({at.pos.line, at.pos.column}).second)
        m_log.warn(at, message);
}

const YamlNode *AsyncApiRefs::at(std::string_view pointer) const {
    if (pointer.substr(0, 1) != "#")
        return nullptr;
    pointer.remove_prefix(1);
    const YamlNode *node = &m_root;
    while (!pointer.empty()) {
        if (pointer[0] != '/')
            return nullptr;
        pointer.remove_prefix(1);
        const std::size_t slash = pointer.find('/');
        const std::string key = unescape(pointer.substr(0, slash));
        pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(slash);
        if (node->isMap()) {
            node = node->find(key);
        } else if (node->isSequence()) {
            std::size_t index = 0;
            if (key.empty() || key.size() > 9 ||
                key.find_first_not_of("0123456789") != std::string::npos)
                return nullptr;
            index = std::stoul(key);
            node = index < node->items.size() ? &node->items[index] : nullptr;
        } else {
            return nullptr;
        }
        if (!node)
            return nullptr;
    }
    return node;
}

const YamlNode *AsyncApiRefs::deref(const YamlNode &node) const {
    const YamlNode *current = &node;
    for (int step = 0; step <= kMaxRefDepth; ++step) {
        const YamlNode *ref = refOf(*current);
        if (!ref)
            return current;
        const std::string &target = ref->scalar;
        if (target.rfind("#", 0) != 0) {
            warnOnce(*ref, "the reference '" + printableText(target, 80) +
                               "' points outside the document and is not followed");
            return nullptr;
        }
        const YamlNode *next = at(target);
        if (!next) {
            warnOnce(*ref, "the reference '" + printableText(target, 80) +
                               "' names nothing in the document");
            return nullptr;
        }
        current = next;
    }
    warnOnce(node, "a chain of more than " + std::to_string(kMaxRefDepth) +
                       " references (a cycle?) is not followed");
    return nullptr;
}

const YamlNode *AsyncApiRefs::field(const YamlNode *map, std::string_view key) const {
    if (!map)
        return nullptr;
    const YamlNode *m = deref(*map);
    if (!m || !m->isMap())
        return nullptr;
    const YamlNode *v = m->find(key);
    return v ? deref(*v) : nullptr;
}

std::optional<std::string> AsyncApiRefs::refName(const YamlNode &node, std::string_view prefix) {
    const YamlNode *ref = refOf(node);
    if (!ref || ref->scalar.rfind(prefix, 0) != 0)
        return std::nullopt;
    const std::string_view rest = std::string_view(ref->scalar).substr(prefix.size());
    if (rest.empty() || rest.find('/') != std::string_view::npos)
        return std::nullopt;
    return unescape(rest);
}

std::string AsyncApiRefs::text(const YamlNode *map, std::string_view key) const {
    const YamlNode *v = field(map, key);
    return v && v->isScalar() ? v->scalar : std::string();
}

} // namespace eventbench::model
