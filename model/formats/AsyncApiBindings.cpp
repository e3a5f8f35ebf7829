// What each AsyncAPI binding sets on the bus it describes (the kafka, sqs, sns and amqp
// bindings of the asyncapi/bindings repository), and the subscriptions of receivers of SNS
// topics and AMQP exchanges.
#include <algorithm>
#include <cmath>

#include "model/formats/AsyncApiImporter.h"
#include "model/yaml/FieldReader.h"

namespace eventbench::model {

namespace {

/// An SQS identifier (`{name: x}` or `{arn: arn:aws:sqs:region:account:x}`) as a queue name.
std::string identifierName(const AsyncApiRefs &refs, const YamlNode *id) {
    std::string name = refs.text(id, "name");
    if (name.empty()) {
        const std::string arn = refs.text(id, "arn");
        name = arn.substr(arn.find_last_of(':') + 1);
    }
    return name;
}

/// An AMQP routing key with its parameters (`{id}`) as a binding pattern: any one word.
std::string bindingPattern(const std::string &address) {
    std::string out;
    bool inParameter = false;
    for (const char c : address) {
        if (c == '{') {
            inParameter = true;
            out += '*';
        } else if (c == '}') {
            inParameter = false;
        } else if (!inParameter) {
            out += c;
        }
    }
    return out;
}

} // namespace

std::optional<SimTime> AsyncApiImporter::seconds(const YamlNode *v, const std::string &what,
                                                 double max) {
    if (!v)
        return std::nullopt;
    const auto n = scalarNumber(*v);
    if (!n || *n < 0 || *n > max) {
        m_log.warn(*v, what + ": expected seconds from 0 to " +
                           std::to_string(static_cast<long long>(max)) + "; the default is kept");
        return std::nullopt;
    }
    return static_cast<SimTime>(std::llround(*n * 1e9));
}

void AsyncApiImporter::kafkaTopic(Node &topic, const YamlNode *kafka) {
    const YamlNode *partitions = m_refs.field(kafka, "partitions");
    const auto count = partitions ? scalarInteger(*partitions) : std::nullopt;
    if (count && *count >= 1 && *count <= 100000)
        topic.topic.partitions = static_cast<int>(*count);
    else
        m_log.warn(partitions ? partitions->pos : topic.where,
                   "topic '" + topic.id +
                       "': no partition count from 1 to 100000 in its kafka "
                       "binding: 1 partition");
    const YamlNode *config = m_refs.field(kafka, "topicConfiguration");
    const YamlNode *ms = m_refs.field(config, "retention.ms");
    // More than ten years (Kafka users write Long.MAX_VALUE, 2^63 - 1 ms, for "forever") is
    // ten years, the longest duration a scenario takes: no run is that long, and the
    // milliseconds would not fit in nanoseconds.
    constexpr long long kTenYearsMs = 3650LL * 86400 * 1000;
    if (const auto v = ms ? scalarInteger(*ms) : std::nullopt; v && *v > 0)
        topic.topic.retention = std::min(*v, kTenYearsMs) * kNanosPerMilli;
    else if (ms)
        m_log.warn(*ms, "retention.ms " + printableText(ms->scalar, 20) +
                            " (unlimited): the topic keeps 7 days");
    const YamlNode *bytes = m_refs.field(config, "retention.bytes");
    if (const auto v = bytes ? scalarInteger(*bytes) : std::nullopt; v && *v > 0)
        topic.topic.retentionBytes = *v;
}

void AsyncApiImporter::sqsQueue(Node &queue, const YamlNode *q, const YamlNode *binding) {
    const std::string name = m_refs.text(q, "name");
    if (!name.empty())
        m_queueByName.emplace(name, queue.id);
    if (const YamlNode *fifo = m_refs.field(q, "fifoQueue"))
        queue.queue.fifo = scalarBool(*fifo).value_or(false);
    if (auto v = seconds(m_refs.field(q, "visibilityTimeout"), "visibilityTimeout", 43200))
        queue.queue.visibilityTimeout = *v;
    if (auto v = seconds(m_refs.field(q, "deliveryDelay"), "deliveryDelay", 900))
        queue.queue.delay = *v;
    if (auto v =
            seconds(m_refs.field(q, "messageRetentionPeriod"), "messageRetentionPeriod", 1209600))
        queue.queue.retention = std::max<SimTime>(*v, kNanosPerSecond);
    const YamlNode *redrive = m_refs.field(q, "redrivePolicy");
    if (!redrive)
        return;
    // The binding's default maxReceiveCount is 10.
    const YamlNode *count = m_refs.field(redrive, "maxReceiveCount");
    const auto n = count ? scalarInteger(*count) : std::nullopt;
    queue.queue.maxReceiveCount = n && *n >= 1 && *n <= 1000 ? static_cast<int>(*n) : 10;
    const std::string dlq = identifierName(m_refs, m_refs.field(redrive, "deadLetterQueue"));
    if (!dlq.empty())
        m_deadLetters.push_back({queue.id, dlq,
                                 binding ? m_refs.field(binding, "deadLetterQueue") : nullptr,
                                 redrive->pos});
}

void AsyncApiImporter::resolveDeadLetters() {
    // By index and by copy: a dead-letter queue defined here may have a redrive policy of its
    // own, which appends to m_deadLetters while it is walked.
    for (std::size_t i = 0; i < m_deadLetters.size() && !m_tooLarge; ++i) {
        const PendingDeadLetter p = m_deadLetters[i];
        std::string id;
        if (const auto it = m_queueByName.find(p.deadLetter); it != m_queueByName.end()) {
            id = it->second;
        } else if (const auto bus = m_channels.find(p.deadLetter); bus != m_channels.end()) {
            id = bus->second.nodeId; // a dead-letter exchange (RabbitMQ's DLX)
        } else {
            id = addNode(p.deadLetter, NodeKind::Queue, p.pos).id;
            if (m_tooLarge)
                break;
            m_queueByName[p.deadLetter] = id;
            if (p.definition && m_refs.text(p.definition, "name") == p.deadLetter)
                sqsQueue(*node(id), p.definition, nullptr);
        }
        if (Node *queue = node(p.queue); queue && id != p.queue)
            queue->queue.deadLetter = id;
    }
    m_deadLetters.clear();
    for (auto &[key, bus] : m_channels) {
        const std::string unroutable = m_refs.text(bus.node, "x-eventbench-unroutable");
        const auto target = m_channels.find(unroutable);
        if (!unroutable.empty() && target != m_channels.end() &&
            node(bus.nodeId)->kind == NodeKind::Exchange)
            node(bus.nodeId)->exchange.unroutable = target->second.nodeId;
    }
}

std::string AsyncApiImporter::queueNamed(const std::string &name, const YamlNode &at) {
    if (const auto it = m_queueByName.find(name); it != m_queueByName.end())
        return it->second;
    if (const auto it = m_channels.find(name); it != m_channels.end())
        return it->second.nodeId;
    const std::string id = addNode(name, NodeKind::Queue, at.pos).id;
    m_queueByName[name] = id;
    m_log.warn(at, "the queue '" + printableText(name, 80) +
                       "' is not a channel of the document: a queue with default settings");
    return id;
}

std::string AsyncApiImporter::amqpBus(const std::string &key, const YamlNode &channel,
                                      const YamlNode *amqp, ChannelBus &bus) {
    if (m_refs.text(amqp, "is") == "queue") {
        Node &q = addNode(key, NodeKind::Queue, channel.pos);
        const std::string name = m_refs.text(m_refs.field(amqp, "queue"), "name");
        m_queueByName.emplace(name.empty() ? key : name, q.id);
        return q.id;
    }
    const YamlNode *exchange = m_refs.field(amqp, "exchange");
    std::string name = m_refs.text(exchange, "name");
    std::string type = m_refs.text(exchange, "type");
    if (type.empty()) {
        m_log.warn(amqp->pos, "channel '" + key + "': no exchange type: a topic exchange");
        type = "topic";
    }
    if (type == "headers")
        m_log.warn(amqp->pos, "channel '" + key +
                                  "': a headers exchange delivers to every "
                                  "bound queue here (header matching is not simulated)");
    if (name.empty())
        name = key + "-exchange";
    bus.routingKey = m_v3 ? m_refs.text(&channel, "address") : key;
    if (bus.routingKey.empty())
        bus.routingKey = key;
    bus.perReceiverQueue = true;
    bus.fanout = type == "fanout" || type == "headers";
    if (const auto it = m_exchangeByName.find(name); it != m_exchangeByName.end())
        return it->second;
    const std::string id = addNode(name, NodeKind::Exchange, channel.pos).id;
    m_exchangeByName[name] = id;
    return id;
}

void AsyncApiImporter::busFromChannel(const std::string &key, const YamlNode &channel,
                                      ChannelBus &bus) {
    const YamlNode *bindings = m_refs.field(&channel, "bindings");
    const YamlNode *kafka = m_refs.field(bindings, "kafka");
    const YamlNode *sqs = m_refs.field(bindings, "sqs");
    if (m_refs.field(bindings, "sns")) {
        bus.nodeId = addNode(key, NodeKind::Exchange, channel.pos).id;
    } else if (sqs) {
        bus.nodeId = addNode(key, NodeKind::Queue, channel.pos).id;
        sqsQueue(*node(bus.nodeId), m_refs.field(sqs, "queue"), sqs);
        const YamlNode *limit = m_refs.field(&channel, "x-eventbench-max-receive-count");
        if (const auto n = limit ? scalarInteger(*limit) : std::nullopt; n && *n >= 1 && *n <= 1000)
            node(bus.nodeId)->queue.maxReceiveCount = static_cast<int>(*n);
        if (const YamlNode *dlq = m_refs.field(&channel, "x-eventbench-dead-letter")) {
            const std::string name = m_refs.text(&channel, "x-eventbench-dead-letter");
            if (!name.empty())
                m_deadLetters.push_back({bus.nodeId, name, nullptr, dlq->pos});
        }
    } else if (const YamlNode *amqp = m_refs.field(bindings, "amqp")) {
        bus.nodeId = amqpBus(key, channel, amqp, bus);
    } else if (kafka) {
        bus.nodeId = addNode(key, NodeKind::Topic, channel.pos).id;
        kafkaTopic(*node(bus.nodeId), kafka);
    } else {
        std::string protocols;
        NodeKind kind = NodeKind::Topic;
        std::set<std::string> seen;
        for (const std::string &p : channelProtocols(channel)) {
            if (seen.insert(p).second)
                protocols += (protocols.empty() ? "" : ", ") + p;
            if (p == "sqs" || p.rfind("amqp", 0) == 0)
                kind = NodeKind::Queue;
            else if (p == "sns")
                kind = NodeKind::Exchange;
        }
        bus.nodeId = addNode(key, kind, channel.pos).id;
        m_log.warn(channel, "channel '" + key + "' has no kafka, sqs, sns or amqp binding: a " +
                                toString(kind) + " with default settings" +
                                (protocols.empty() ? std::string(" (no server)")
                                                   : " (servers: " + protocols + ")"));
    }
}

std::vector<std::string> AsyncApiImporter::amqpReceiverQueue(const OperationRef &op,
                                                             const ChannelBus &bus) {
    std::string name = m_refs.text(op.node, "x-eventbench-node");
    const std::string queue =
        addNode((name.empty() ? op.id : name) + "-queue", NodeKind::Queue, op.pos).id;
    addEdge(bus.nodeId, queue);
    if (!bus.fanout)
        edge(bus.nodeId, queue)->binding = std::vector<std::string>{bindingPattern(bus.routingKey)};
    return {queue};
}

std::vector<std::string> AsyncApiImporter::snsSubscriptions(const OperationRef &op,
                                                            const ChannelBus &bus) {
    const YamlNode *sns = m_refs.field(m_refs.field(op.node, "bindings"), "sns");
    const YamlNode *consumers = m_refs.field(sns, "consumers");
    const YamlNode *patterns = m_refs.field(op.node, "x-eventbench-binding");
    std::vector<std::string> targets;
    for (std::size_t i = 0; consumers && consumers->isSequence() && i < consumers->items.size();
         ++i) {
        const YamlNode *c = m_refs.deref(consumers->items[i]);
        const std::string protocol = m_refs.text(c, "protocol");
        std::string target;
        if (protocol == "sqs") {
            target = queueNamed(identifierName(m_refs, m_refs.field(c, "endpoint")), *c);
        } else {
            target = addNode(op.id + "-" + protocol, NodeKind::Queue, c->pos).id;
            m_log.warn(*c, "SNS delivers to '" + printableText(protocol, 20) +
                               "': a queue that the receiver reads");
        }
        addEdge(bus.nodeId, target);
        Edge *e = edge(bus.nodeId, target);
        const YamlNode *policy = m_refs.field(c, "filterPolicy");
        if (!policy)
            policy = m_refs.field(op.node, "x-eventbench-filter");
        if (policy && e) {
            Diagnostics problems;
            FieldReader reader(m_log.file(), {}, problems);
            e->filter = reader.filterPolicy(*policy, "filterPolicy");
            for (const Diagnostic &d : problems)
                m_log.warn(d.where, d.message + " (the filter policy is not applied)");
            if (!problems.empty())
                e->filter.reset();
        }
        if (patterns && patterns->isSequence() && e) {
            std::vector<std::string> list;
            for (const YamlNode &p : patterns->items)
                list.push_back(p.scalar);
            e->binding = list;
        }
        targets.push_back(target);
    }
    if (targets.empty()) {
        const std::string queue = addNode(op.id + "-queue", NodeKind::Queue, op.pos).id;
        addEdge(bus.nodeId, queue);
        m_log.warn(op.pos, "receiver '" + op.id +
                               "' of an SNS topic names no sns consumers: "
                               "subscribed through the queue '" +
                               queue + "'");
        targets.push_back(queue);
    }
    return targets;
}

} // namespace eventbench::model
