#include "model/yaml/ScenarioOverrides.h"

#include <charconv>

namespace eventbench::model {

namespace {

std::vector<std::string> splitPath(const std::string &path) {
    std::vector<std::string> parts;
    std::string::size_type start = 0;
    while (true) {
        const auto dot = path.find('.', start);
        parts.push_back(path.substr(start, dot - start));
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return parts;
}

std::string join(const std::vector<std::string> &parts, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i)
        out += (i == from ? "" : ".") + parts[i];
    return out;
}

} // namespace

bool applyOverride(YamlNode &root, int index, const std::string &text, FieldReader &reader) {
    auto fail = [&](const std::string &message) {
        reader.error(SourcePos{}, index, message);
        return false;
    };
    auto mark = [index](YamlNode &n) { n.origin = n.pos.origin = index; };
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        return fail("expected PATH=VALUE, such as nodes.inventory.instances=4");
    const std::string path = text.substr(0, eq);
    const std::vector<std::string> parts = splitPath(path);
    for (const auto &p : parts)
        if (p.empty())
            return fail("the path '" + path + "' has an empty part");
    YamlReadResult value = readYaml(text.substr(eq + 1), index);
    if (!value.root)
        return fail("the value is not valid YAML: " + value.error);

    YamlNode *current = &root;
    std::size_t i = 0;
    std::string walked;
    while (i < parts.size()) {
        if (current->isNull()) {
            // An empty `retry:` or a path being created: it becomes a map.
            *current = YamlNode{};
            current->type = YamlNode::Type::Map;
            mark(*current);
        }
        if (current->isMap()) {
            // Node ids may contain dots: prefer the longest run of parts that is a key.
            int found = -1;
            std::size_t next = i + 1;
            for (std::size_t j = parts.size(); j > i && found < 0; --j) {
                found = current->indexOf(join(parts, i, j));
                if (found >= 0)
                    next = j;
            }
            if (found < 0) {
                if (walked == "nodes" && i + 1 < parts.size())
                    return fail("there is no node '" + join(parts, i, parts.size() - 1) +
                                "' to change");
                YamlNode key;
                key.type = YamlNode::Type::Scalar;
                key.scalar = parts[i];
                mark(key);
                YamlNode fresh;
                mark(fresh);
                current->keys.push_back(std::move(key));
                current->values.push_back(std::move(fresh));
            }
            const std::size_t slot =
                found >= 0 ? static_cast<std::size_t>(found) : current->values.size() - 1;
            walked += (walked.empty() ? "" : ".") + join(parts, i, next);
            i = next;
            current = &current->values[slot];
        } else if (current->isSequence()) {
            std::size_t item = 0;
            const std::string &p = parts[i];
            auto res = std::from_chars(p.data(), p.data() + p.size(), item);
            if (res.ec != std::errc() || res.ptr != p.data() + p.size())
                return fail("'" + walked +
                            "' is a list; expected an entry number after it, "
                            "found '" +
                            p + "'");
            if (item >= current->items.size())
                return fail("'" + walked + "' has " + std::to_string(current->items.size()) +
                            " entries (numbered from 0); there is no entry " + p);
            walked += "." + p;
            ++i;
            current = &current->items[item];
        } else {
            return fail("'" + walked + "' is a single value; it has no '" + parts[i] + "'");
        }
    }
    YamlNode replacement = std::move(*value.root);
    mark(replacement);
    *current = std::move(replacement);
    return true;
}

} // namespace eventbench::model
