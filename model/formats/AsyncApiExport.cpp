#include "model/formats/AsyncApiExport.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "model/formats/JsonYaml.h"

namespace eventbench::model {

namespace {

using Json = nlohmann::ordered_json;

double seconds(SimTime t) {
    return static_cast<double>(t) / 1e9;
}

/// Whole seconds in [0, max], as the SQS binding's integer fields take them.
std::optional<long long> wholeSeconds(SimTime t, long long max) {
    if (t % kNanosPerSecond != 0 || t < 0 || t / kNanosPerSecond > max)
        return std::nullopt;
    return t / kNanosPerSecond;
}

Json filterJson(const FilterPolicy &policy) {
    Json out = Json::object();
    for (const auto &[attribute, conditions] : policy.attributes) {
        Json list = Json::array();
        for (const FilterCondition &c : conditions) {
            switch (c.kind) {
            case FilterCondition::Kind::Exact:
                list.push_back(c.text);
                break;
            case FilterCondition::Kind::Prefix:
                list.push_back(Json{{"prefix", c.text}});
                break;
            case FilterCondition::Kind::AnythingBut:
                list.push_back(Json{{"anything-but", c.anythingBut}});
                break;
            case FilterCondition::Kind::AnythingButPrefix:
                list.push_back(Json{{"anything-but", Json{{"prefix", c.text}}}});
                break;
            case FilterCondition::Kind::Numeric: {
                Json bounds = Json::array();
                for (const auto &[op, bound] : c.numeric) {
                    bounds.push_back(op);
                    bounds.push_back(bound);
                }
                list.push_back(Json{{"numeric", bounds}});
                break;
            }
            case FilterCondition::Kind::Exists:
                list.push_back(Json{{"exists", c.exists}});
                break;
            }
        }
        // The binding's schema takes a string, a list of strings or one condition object.
        const bool strings =
            std::all_of(list.begin(), list.end(), [](const Json &x) { return x.is_string(); });
        out[attribute] = strings || list.size() != 1 ? list : list[0];
    }
    return out;
}

/// Whether the binding's schema can hold the policy (no list mixing values and conditions).
bool fitsSnsSchema(const FilterPolicy &policy) {
    for (const auto &[attribute, conditions] : policy.attributes) {
        const bool allExact = std::all_of(conditions.begin(), conditions.end(), [](const auto &c) {
            return c.kind == FilterCondition::Kind::Exact;
        });
        if (!allExact && conditions.size() != 1)
            return false;
    }
    return true;
}

Json topicBinding(const TopicSpec &t) {
    Json config{{"retention.ms", t.retention / kNanosPerMilli}};
    if (t.retentionBytes)
        config["retention.bytes"] = *t.retentionBytes;
    return Json{{"kafka", Json{{"partitions", t.partitions}, {"topicConfiguration", config}}}};
}

Json queueBinding(const std::string &id, const QueueSpec &q) {
    Json queue{{"name", id}, {"fifoQueue", q.fifo}};
    if (auto s = wholeSeconds(q.delay, 900))
        queue["deliveryDelay"] = *s;
    if (auto s = wholeSeconds(q.visibilityTimeout, 43200))
        queue["visibilityTimeout"] = *s;
    if (auto s = wholeSeconds(q.retention, 1209600); s && *s >= 60)
        queue["messageRetentionPeriod"] = *s;
    // A redrive policy always has a receive limit (the binding's default is 10): a dead-letter
    // queue without one goes into the channel's extension instead (channelOf).
    if (!q.deadLetter.empty() && q.maxReceiveCount)
        queue["redrivePolicy"] = Json{{"deadLetterQueue", Json{{"name", q.deadLetter}}},
                                      {"maxReceiveCount", *q.maxReceiveCount}};
    return Json{{"sqs", Json{{"queue", queue}}}};
}

Json channelOf(const Node &n) {
    Json channel{{"address", n.id}};
    if (n.kind == NodeKind::Topic)
        channel["bindings"] = topicBinding(n.topic);
    else if (n.kind == NodeKind::Queue)
        channel["bindings"] = queueBinding(n.id, n.queue);
    else
        channel["bindings"] = Json{{"sns", Json{{"name", n.id}}}};
    if (n.kind == NodeKind::Exchange && !n.exchange.unroutable.empty())
        channel["x-eventbench-unroutable"] = n.exchange.unroutable;
    // A receive limit without a dead-letter queue, or a dead-letter queue without a receive
    // limit, has no place in the sqs binding's redrive policy.
    if (n.kind == NodeKind::Queue && n.queue.maxReceiveCount && n.queue.deadLetter.empty())
        channel["x-eventbench-max-receive-count"] = *n.queue.maxReceiveCount;
    if (n.kind == NodeKind::Queue && !n.queue.maxReceiveCount && !n.queue.deadLetter.empty())
        channel["x-eventbench-dead-letter"] = n.queue.deadLetter;
    return channel;
}

class Exporter {
  public:
    explicit Exporter(const Scenario &s) : m_s(s) {}

    Json document() {
        Json doc{{"asyncapi", "3.0.0"},
                 {"info", Json{{"title", m_s.name.empty() ? "eventbench scenario" : m_s.name},
                               {"version", "1.0.0"}}}};
        if (!m_s.description.empty())
            doc["info"]["description"] = m_s.description;
        doc["x-eventbench-duration"] = seconds(m_s.duration);
        Json channels = Json::object();
        for (const Node &n : m_s.nodes)
            if (isBus(n.kind))
                channels[n.id] = channelOf(n);
        doc["channels"] = channels;
        for (const Edge &e : m_s.edges)
            operation(e);
        doc["operations"] = m_operations;
        return doc;
    }

  private:
    std::string uniqueOperationId(const std::string &wanted) {
        std::string id = wanted;
        for (int n = 2; m_operations.contains(id); ++n)
            id = wanted + "-" + std::to_string(n);
        return id;
    }

    /// The knobs of `node` the first time one of its operations is written.
    void knobs(const Node &node, Json &op) {
        op["x-eventbench-node"] = node.id;
        if (!m_knobsWritten.insert(node.id).second)
            return;
        if (node.kind == NodeKind::Producer) {
            op["x-eventbench-rate"] = node.producer.rate.meanRate(m_s.duration);
            op["x-eventbench-instances"] = node.producer.instances;
            return;
        }
        op["x-eventbench-instances"] = node.consumer.instances;
        op["x-eventbench-service-time"] = node.consumer.serviceTime.expectedValue() / 1e9;
        Json stores = Json::array();
        for (const Edge &e : m_s.edges)
            if (e.from == node.id && m_s.findNode(e.to)->kind == NodeKind::Store)
                stores.push_back(e.to);
        if (!stores.empty())
            op["x-eventbench-writes"] = stores;
    }

    void operation(const Edge &e) {
        const Node &from = *m_s.findNode(e.from);
        const Node &to = *m_s.findNode(e.to);
        if (to.kind == NodeKind::Store)
            return; // x-eventbench-writes of the consumer's operation
        Json op;
        std::string id;
        if (to.kind == NodeKind::Consumer) {
            id = uniqueOperationId(to.id);
            op = Json{{"action", "receive"}, {"channel", Json{{"$ref", "#/channels/" + from.id}}}};
            knobs(to, op);
        } else if (from.kind == NodeKind::Exchange) {
            id = uniqueOperationId(from.id + "-to-" + to.id);
            Json consumer{{"protocol", "sqs"},
                          {"endpoint", Json{{"name", to.id}}},
                          {"rawMessageDelivery", true}};
            if (e.filter && fitsSnsSchema(*e.filter))
                consumer["filterPolicy"] = filterJson(*e.filter);
            op = Json{{"action", "receive"},
                      {"channel", Json{{"$ref", "#/channels/" + from.id}}},
                      {"bindings", Json{{"sns", Json{{"consumers", Json::array({consumer})}}}}},
                      {"x-eventbench-subscription", true}};
            if (e.binding)
                op["x-eventbench-binding"] = *e.binding;
            if (e.filter && !fitsSnsSchema(*e.filter))
                op["x-eventbench-filter"] = filterJson(*e.filter);
        } else {
            id = uniqueOperationId(from.id);
            op = Json{{"action", "send"}, {"channel", Json{{"$ref", "#/channels/" + to.id}}}};
            knobs(from, op);
        }
        m_operations[id] = op;
    }

    const Scenario &m_s;
    Json m_operations = Json::object();
    std::set<std::string> m_knobsWritten;
};

} // namespace

std::string exportAsyncApiYaml(const Scenario &scenario) {
    return "# An AsyncAPI 3.0.0 event catalogue of the eventbench scenario '" + scenario.name +
           "'\n# (eventbench export asyncapi); x-eventbench-* carry what AsyncAPI has no field "
           "for.\n" +
           jsonToYaml(Exporter(scenario).document());
}

} // namespace eventbench::model
