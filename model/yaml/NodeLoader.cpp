#include "model/yaml/NodeLoader.h"

namespace eventbench::model {

namespace {

using Field = FieldReader::Field;

constexpr NodeKind kAllKinds[] = {NodeKind::Producer, NodeKind::Topic,    NodeKind::Queue,
                                  NodeKind::Exchange, NodeKind::Consumer, NodeKind::Store};
constexpr const char *kKindNames[] = {"producer", "topic",    "queue",
                                      "exchange", "consumer", "store"};

// `kind`, `pos`, then the kind's own knobs, each read by its catalogue entry.
std::vector<Field> knobFields(FieldReader &r, Node &node) {
    std::vector<Field> fields;
    auto add = [&](const NodeKnob &k) {
        if (k.codec.read)
            fields.push_back(
                {k.key, [&r, &node, &k](const YamlNode &v) { k.codec.read(r, v, k, node); }});
        else
            fields.push_back({k.key, nullptr});
    };
    add(nodeKindKnob());
    add(nodePosKnob());
    for (const NodeKnob &k : nodeKnobs(node.kind))
        add(k);
    return fields;
}

} // namespace

std::optional<Node> loadNode(FieldReader &reader, const YamlNode &key, const YamlNode &value) {
    Node node;
    node.id = key.scalar;
    node.where = key.pos;
    reader.setCurrentNode(node.id);
    const std::string what = "node '" + node.id + "'";
    if (!value.isMap()) {
        reader.error(value.isNull() ? key : value,
                     what + ": expected a map such as {kind: topic, partitions: 6}, found " +
                         describeType(value));
        reader.setCurrentNode({});
        return std::nullopt;
    }
    const NodeKnob &kindKnob = nodeKindKnob();
    const YamlNode *kindNode = value.find(kindKnob.key);
    if (!kindNode) {
        reader.error(key, what + " is missing the required key '" + std::string(kindKnob.key) +
                              "' (producer, topic, queue, exchange, consumer or store)");
        reader.setCurrentNode({});
        return std::nullopt;
    }
    auto kindIndex = reader.choice(*kindNode, std::string(kindKnob.key),
                                   {"producer", "topic", "queue", "exchange", "consumer", "store"});
    if (!kindIndex) {
        reader.setCurrentNode({});
        return std::nullopt;
    }
    node.kind = kAllKinds[*kindIndex];
    const std::string kindName = kKindNames[*kindIndex];
    // A knob of another kind gets a pointed hint rather than a spelling suggestion.
    auto elsewhere = [&](std::string_view k) -> std::string {
        for (std::size_t i = 0; i < std::size(kAllKinds); ++i) {
            if (kAllKinds[i] == node.kind)
                continue;
            for (const NodeKnob &other : nodeKnobs(kAllKinds[i]))
                if (other.key == k)
                    return " ('" + std::string(k) + "' is a knob of a " + kKindNames[i] +
                           ", not of a " + kindName + ")";
        }
        return {};
    };
    const std::string owner = kindName + " '" + node.id + "'";
    reader.readFields(value, owner, knobFields(reader, node), elsewhere);
    for (const YamlNode &k : value.keys) {
        SourcePos pos = k.pos;
        pos.origin = k.origin;
        node.keyWhere.emplace_back(k.scalar, pos);
    }
    for (const NodeKnob &k : nodeKnobs(node.kind))
        if (k.required)
            reader.require(value, k.key, owner, key);
    reader.setCurrentNode({});
    return node;
}

} // namespace eventbench::model
