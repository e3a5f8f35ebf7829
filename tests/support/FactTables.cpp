#include "support/FactTables.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "model/catalogue/KnobFormat.h"

namespace eventbench::testing {

namespace {

std::string readAll(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> splitFields(const std::string &line, std::size_t count) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (fields.size() + 1 < count) {
        const std::size_t comma = line.find(',', start);
        if (comma == std::string::npos)
            break;
        fields.push_back(line.substr(start, comma - start));
        start = comma + 1;
    }
    fields.push_back(line.substr(start));
    return fields;
}

} // namespace

std::vector<FactRow> readFactCsv(const std::string &path) {
    std::istringstream in(readAll(path));
    std::vector<std::string> header;
    std::vector<FactRow> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line.front() == '#')
            continue;
        if (header.empty()) {
            header = splitFields(line, std::string::npos);
            continue;
        }
        const std::vector<std::string> fields = splitFields(line, header.size());
        if (fields.size() != header.size())
            throw std::runtime_error(path + ": a row with too few fields: " + line);
        FactRow row;
        for (std::size_t i = 0; i < header.size(); ++i)
            row[header[i]] = fields[i];
        rows.push_back(std::move(row));
    }
    return rows;
}

model::YamlNode readFactYaml(const std::string &path) {
    model::YamlReadResult r = model::readYaml(readAll(path));
    if (!r.root)
        throw std::runtime_error(path + ": " + r.error);
    return std::move(*r.root);
}

std::string flowYaml(const model::YamlNode &node) {
    switch (node.type) {
    case model::YamlNode::Type::Null:
        return "null";
    case model::YamlNode::Type::Scalar:
        return node.quoted ? model::yamlQuoted(node.scalar) : model::yamlString(node.scalar);
    case model::YamlNode::Type::Sequence: {
        std::string out = "[";
        for (std::size_t i = 0; i < node.items.size(); ++i)
            out += (i ? ", " : "") + flowYaml(node.items[i]);
        return out + "]";
    }
    case model::YamlNode::Type::Map: {
        std::string out = "{";
        for (std::size_t i = 0; i < node.keys.size(); ++i)
            out += (i ? ", " : "") + model::yamlString(node.keys[i].scalar) + ": " +
                   flowYaml(node.values[i]);
        return out + "}";
    }
    }
    return "null";
}

} // namespace eventbench::testing
