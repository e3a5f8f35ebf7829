#include "model/yaml/NodeLoader.h"

namespace eventbench::model {

namespace {

using Field = FieldReader::Field;
constexpr std::int64_t kMaxInstances = 100'000;
constexpr std::int64_t kMaxBig = 1'000'000'000'000; // buffers, lengths, key counts

std::optional<KeySpec> readKeys(FieldReader &r, const YamlNode &v) {
    KeySpec k;
    if (v.isScalar() && v.scalar == "none")
        return k;
    if (!r.expectMap(v, "keys"))
        return std::nullopt;
    const std::size_t before = r.errorCount();
    r.readFields(
        v, "keys",
        {{"distribution",
          [&](const YamlNode &x) {
              if (auto c = r.choice(x, "keys.distribution", {"uniform", "zipf"}))
                  k.kind = *c == 0 ? KeySpec::Kind::Uniform : KeySpec::Kind::Zipf;
          }},
         {"count",
          [&](const YamlNode &x) { assignIf(k.count, r.integer(x, "keys.count", 1, kMaxBig)); }},
         {"skew", [&](const YamlNode &x) { assignIf(k.skew, r.number(x, "keys.skew", 0, 100)); }}});
    r.require(v, "distribution", "keys", v);
    r.require(v, "count", "keys", v);
    if (r.errorCount() != before)
        return std::nullopt;
    return k;
}

void readAttributes(FieldReader &r, const YamlNode &v, ProducerSpec &p) {
    if (!r.expectMap(v, "attributes"))
        return;
    for (std::size_t i = 0; i < v.keys.size(); ++i) {
        const std::string &name = v.keys[i].scalar;
        if (v.indexOf(name) != static_cast<int>(i)) {
            r.error(v.keys[i], "attributes: duplicate attribute '" + name + "'");
            continue;
        }
        if (auto c = r.weightedChoice(v.values[i], "attributes." + name))
            p.attributes.emplace_back(name, *c);
    }
}

std::vector<int> readAccepts(FieldReader &r, const YamlNode &v) {
    std::vector<int> out;
    if (v.isScalar() && v.scalar == "all")
        return out;
    if (v.isScalar()) {
        if (auto x = r.integer(v, "accepts", 1, 1'000'000))
            out.push_back(static_cast<int>(*x));
        return out;
    }
    if (!v.isSequence()) {
        r.error(v, "accepts: expected a list of schema versions such as [1, 2], found " +
                       describeType(v));
        return out;
    }
    for (const auto &item : v.items)
        if (auto x = r.integer(item, "accepts", 1, 1'000'000))
            out.push_back(static_cast<int>(*x));
    return out;
}

void readPos(FieldReader &r, const YamlNode &v, Node &node) {
    if (!v.isSequence() || v.items.size() != 2) {
        r.error(v, "pos: expected [x, y], found " + describeType(v));
        return;
    }
    auto x = r.number(v.items[0], "pos", -1e9, 1e9);
    auto y = r.number(v.items[1], "pos", -1e9, 1e9);
    if (x && y)
        node.pos = std::make_pair(*x, *y);
}

std::vector<Field> producerFields(FieldReader &r, ProducerSpec &p) {
    return {
        {"rate", [&](const YamlNode &v) { assignIf(p.rate, r.rateProfile(v, "rate")); }},
        {"arrivals",
         [&](const YamlNode &v) {
             if (auto c = r.choice(v, "arrivals", {"poisson", "constant"}))
                 p.arrivals = static_cast<ProducerSpec::Arrivals>(*c);
         }},
        {"instances",
         [&](const YamlNode &v) {
             assignIf(p.instances, r.integer(v, "instances", 1, kMaxInstances));
         }},
        {"event", [&](const YamlNode &v) { assignIf(p.event, r.text(v, "event")); }},
        {"size",
         [&](const YamlNode &v) { assignIf(p.size, r.distribution(v, Quantity::Size, "size")); }},
        {"keys", [&](const YamlNode &v) { assignIf(p.keys, readKeys(r, v)); }},
        {"attributes", [&](const YamlNode &v) { readAttributes(r, v, p); }},
        {"routing_key",
         [&](const YamlNode &v) { assignIf(p.routingKey, r.weightedChoice(v, "routing_key")); }},
        {"schema_version",
         [&](const YamlNode &v) {
             assignIf(p.schemaVersion, r.integer(v, "schema_version", 1, 1'000'000));
         }},
        {"retry", [&](const YamlNode &v) { assignIf(p.retry, r.retry(v, p.retry)); }},
        {"buffer",
         [&](const YamlNode &v) { assignIf(p.buffer, r.integer(v, "buffer", 0, kMaxBig)); }},
        {"idempotent",
         [&](const YamlNode &v) { assignIf(p.idempotent, r.boolean(v, "idempotent")); }},
    };
}

std::vector<Field> topicFields(FieldReader &r, TopicSpec &t) {
    return {
        {"partitions",
         [&](const YamlNode &v) {
             assignIf(t.partitions, r.integer(v, "partitions", 1, 100'000));
         }},
        {"retention",
         [&](const YamlNode &v) { assignIf(t.retention, r.positiveDuration(v, "retention")); }},
        {"retention_bytes",
         [&](const YamlNode &v) {
             auto s = r.size(v, "retention_bytes");
             if (s && *s < 1)
                 r.error(v, "retention_bytes: must be at least 1B");
             else if (s)
                 t.retentionBytes = static_cast<std::int64_t>(*s);
         }},
        {"partitioner",
         [&](const YamlNode &v) {
             if (auto c = r.choice(v, "partitioner", {"murmur2", "roundrobin"}))
                 t.partitioner = static_cast<TopicSpec::Partitioner>(*c);
         }},
        {"append_latency",
         [&](const YamlNode &v) {
             assignIf(t.appendLatency, r.distribution(v, Quantity::Duration, "append_latency"));
         }},
    };
}

std::vector<Field> queueFields(FieldReader &r, QueueSpec &q) {
    return {
        {"visibility_timeout",
         [&](const YamlNode &v) {
             assignIf(q.visibilityTimeout, r.positiveDuration(v, "visibility_timeout"));
         }},
        {"redelivery",
         [&](const YamlNode &v) {
             if (auto c = r.choice(v, "redelivery", {"visibility", "immediate"}))
                 q.redelivery = static_cast<QueueSpec::Redelivery>(*c);
         }},
        {"max_receive_count",
         [&](const YamlNode &v) {
             assignIf(q.maxReceiveCount, r.integer(v, "max_receive_count", 1, 1'000'000));
         }},
        {"dead_letter",
         [&](const YamlNode &v) { assignIf(q.deadLetter, r.nodeId(v, "dead_letter")); }},
        {"retention",
         [&](const YamlNode &v) { assignIf(q.retention, r.positiveDuration(v, "retention")); }},
        {"delay", [&](const YamlNode &v) { assignIf(q.delay, r.duration(v, "delay")); }},
        {"ttl", [&](const YamlNode &v) { assignIf(q.ttl, r.positiveDuration(v, "ttl")); }},
        {"max_length",
         [&](const YamlNode &v) { assignIf(q.maxLength, r.integer(v, "max_length", 1, kMaxBig)); }},
        {"overflow",
         [&](const YamlNode &v) {
             if (auto c = r.choice(v, "overflow", {"drop-head", "reject-publish"}))
                 q.overflow = static_cast<QueueSpec::Overflow>(*c);
         }},
        {"fifo", [&](const YamlNode &v) { assignIf(q.fifo, r.boolean(v, "fifo")); }},
        {"dedup_window",
         [&](const YamlNode &v) {
             assignIf(q.dedupWindow, r.positiveDuration(v, "dedup_window"));
         }},
    };
}

std::vector<Field> exchangeFields(FieldReader &r, ExchangeSpec &e) {
    return {{"unroutable", [&](const YamlNode &v) {
                 if (auto s = r.nodeId(v, "unroutable"))
                     e.unroutable = *s == "drop" ? std::string() : *s;
             }}};
}

std::vector<Field> consumerFields(FieldReader &r, ConsumerSpec &c) {
    return {
        {"instances",
         [&](const YamlNode &v) {
             assignIf(c.instances, r.integer(v, "instances", 1, kMaxInstances));
         }},
        {"concurrency",
         [&](const YamlNode &v) {
             assignIf(c.concurrency, r.integer(v, "concurrency", 1, kMaxInstances));
         }},
        {"service_time",
         [&](const YamlNode &v) {
             assignIf(c.serviceTime, r.distribution(v, Quantity::Duration, "service_time"));
         }},
        {"failure", [&](const YamlNode &v) { assignIf(c.failure, r.probability(v, "failure")); }},
        {"retry", [&](const YamlNode &v) { assignIf(c.retry, r.retry(v, c.retry)); }},
        {"dead_letter",
         [&](const YamlNode &v) { assignIf(c.deadLetter, r.nodeId(v, "dead_letter")); }},
        {"idempotent",
         [&](const YamlNode &v) { assignIf(c.idempotent, r.boolean(v, "idempotent")); }},
        {"dedup_window",
         [&](const YamlNode &v) {
             assignIf(c.dedupWindow, r.positiveDuration(v, "dedup_window"));
         }},
        {"accepts", [&](const YamlNode &v) { c.accepts = readAccepts(r, v); }},
        {"max_poll_records",
         [&](const YamlNode &v) {
             assignIf(c.maxPollRecords, r.integer(v, "max_poll_records", 1, 1'000'000));
         }},
        {"commit",
         [&](const YamlNode &v) {
             if (auto x = r.choice(v, "commit", {"auto", "after_each", "before_process"}))
                 c.commit = static_cast<ConsumerSpec::Commit>(*x);
         }},
        {"commit_interval",
         [&](const YamlNode &v) {
             assignIf(c.commitInterval, r.positiveDuration(v, "commit_interval"));
         }},
        {"assignment",
         [&](const YamlNode &v) {
             if (auto x = r.choice(v, "assignment", {"range", "roundrobin", "sticky"}))
                 c.assignment = static_cast<ConsumerSpec::Assignment>(*x);
         }},
        {"session_timeout",
         [&](const YamlNode &v) {
             assignIf(c.sessionTimeout, r.positiveDuration(v, "session_timeout"));
         }},
        {"rebalance_time",
         [&](const YamlNode &v) { assignIf(c.rebalanceTime, r.duration(v, "rebalance_time")); }},
        {"batch", [&](const YamlNode &v) { assignIf(c.batch, r.integer(v, "batch", 1, 100'000)); }},
    };
}

std::vector<Field> storeFields(FieldReader &r, StoreSpec &s) {
    return {
        {"write_time",
         [&](const YamlNode &v) {
             assignIf(s.writeTime, r.distribution(v, Quantity::Duration, "write_time"));
         }},
        {"capacity",
         [&](const YamlNode &v) {
             assignIf(s.capacity, r.integer(v, "capacity", 1, kMaxInstances));
         }},
    };
}

std::vector<Field> knobFields(FieldReader &r, Node &node) {
    std::vector<Field> fields = {{"kind", nullptr},
                                 {"pos", [&r, &node](const YamlNode &v) { readPos(r, v, node); }}};
    std::vector<Field> specific;
    switch (node.kind) {
    case NodeKind::Producer:
        specific = producerFields(r, node.producer);
        break;
    case NodeKind::Topic:
        specific = topicFields(r, node.topic);
        break;
    case NodeKind::Queue:
        specific = queueFields(r, node.queue);
        break;
    case NodeKind::Exchange:
        specific = exchangeFields(r, node.exchange);
        break;
    case NodeKind::Consumer:
        specific = consumerFields(r, node.consumer);
        break;
    case NodeKind::Store:
        specific = storeFields(r, node.store);
        break;
    }
    fields.insert(fields.end(), specific.begin(), specific.end());
    return fields;
}

constexpr NodeKind kAllKinds[] = {NodeKind::Producer, NodeKind::Topic,    NodeKind::Queue,
                                  NodeKind::Exchange, NodeKind::Consumer, NodeKind::Store};
constexpr const char *kKindNames[] = {"producer", "topic",    "queue",
                                      "exchange", "consumer", "store"};

} // namespace

std::vector<std::string_view> nodeKnobs(NodeKind kind) {
    Diagnostics unused;
    FieldReader dummy("", {}, unused);
    Node node;
    node.kind = kind;
    std::vector<std::string_view> names;
    for (const auto &f : knobFields(dummy, node))
        names.push_back(f.name);
    return names;
}

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
    const YamlNode *kindNode = value.find("kind");
    if (!kindNode) {
        reader.error(key, what + " is missing the required key 'kind' (producer, topic, queue, "
                                 "exchange, consumer or store)");
        reader.setCurrentNode({});
        return std::nullopt;
    }
    auto kindIndex = reader.choice(*kindNode, "kind",
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
            for (auto name : nodeKnobs(kAllKinds[i]))
                if (name == k)
                    return " ('" + std::string(k) + "' is a knob of a " + kKindNames[i] +
                           ", not of a " + kindName + ")";
        }
        return {};
    };
    reader.readFields(value, kindName + " '" + node.id + "'", knobFields(reader, node), elsewhere);
    if (node.kind == NodeKind::Producer)
        reader.require(value, "rate", "producer '" + node.id + "'", key);
    reader.setCurrentNode({});
    return node;
}

} // namespace eventbench::model
