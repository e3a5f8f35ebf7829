#include "model/catalogue/KnobCatalogue.h"

#include "model/catalogue/FailureKnobs.h"
#include "model/catalogue/KnobCodecs.h"
#include "model/catalogue/KnobReaders.h"

namespace eventbench::model {

using namespace knobs;

namespace {

using NodeCodec = KnobCodec<Node>;

constexpr double kMaxInstances = 100'000;
constexpr double kMaxBig = 1'000'000'000'000; // buffers, lengths, key counts

constexpr KnobRange between(double min, double max) {
    KnobRange r;
    r.min = min;
    r.max = max;
    return r;
}
constexpr KnobRange positive() {
    KnobRange r;
    r.positive = true;
    return r;
}
constexpr KnobRange oneOf(std::string_view a, std::string_view b, std::string_view c = {}) {
    KnobRange r;
    r.choices = {a, b, c};
    return r;
}

bool never(const Node &) {
    return false;
}

/// `retry` of a producer or a consumer: its file text leaves out a zero backoff only when
/// the default has none either.
template <auto Spec> constexpr NodeCodec retryKnob() {
    return {[](FieldReader &r, const YamlNode &v, const NodeKnob &k, Node &n) {
                assignIf((n.*Spec).retry, r.retry(v, (n.*Spec).retry, keyOf(k)));
            },
            [](const Node &n) { return (n.*Spec).retry == (Node{}.*Spec).retry; },
            [](const Node &n, const NodeKnob &) -> std::optional<std::string> {
                return retryText((n.*Spec).retry, (Node{}.*Spec).retry, TextStyle::File);
            },
            [](const Node &n, const NodeKnob &) {
                return retryText((n.*Spec).retry, (Node{}.*Spec).retry, TextStyle::Inspector);
            }};
}

const NodeCodec kAutoscaleCodec = {
    [](FieldReader &r, const YamlNode &v, const NodeKnob &k, Node &n) {
        assignIf(n.consumer.autoscale, readAutoscale(r, v, k));
    },
    [](const Node &n) { return !n.consumer.autoscale.has_value(); },
    [](const Node &n, const NodeKnob &) -> std::optional<std::string> {
        if (!n.consumer.autoscale)
            return std::nullopt;
        return autoscaleText(*n.consumer.autoscale);
    },
    [](const Node &n, const NodeKnob &k) {
        return n.consumer.autoscale ? autoscaleText(*n.consumer.autoscale)
                                    : std::string(k.defaultText);
    }};

const NodeCodec kKindCodec = {
    nullptr, never,
    [](const Node &n, const NodeKnob &) -> std::optional<std::string> { return toString(n.kind); },
    [](const Node &n, const NodeKnob &) -> std::string { return toString(n.kind); }};

const NodeCodec kPosCodec = {
    readPos, [](const Node &n) { return !n.pos.has_value(); },
    [](const Node &n, const NodeKnob &) -> std::optional<std::string> {
        if (!n.pos)
            return std::nullopt;
        return "[" + formatNumber(n.pos->first) + ", " + formatNumber(n.pos->second) + "]";
    },
    [](const Node &n, const NodeKnob &) {
        return n.pos ? "[" + formatNumber(n.pos->first) + ", " + formatNumber(n.pos->second) + "]"
                     : std::string();
    }};

const NodeCodec kRateCodec = {
    [](FieldReader &r, const YamlNode &v, const NodeKnob &k, Node &n) {
        assignIf(n.producer.rate, r.rateProfile(v, keyOf(k)));
    },
    never,
    [](const Node &n, const NodeKnob &) -> std::optional<std::string> {
        return rateProfileText(n.producer.rate);
    },
    [](const Node &n, const NodeKnob &) { return rateProfileText(n.producer.rate); }};

const NodeCodec kEventCodec = {[](FieldReader &r, const YamlNode &v, const NodeKnob &k, Node &n) {
                                   assignIf(n.producer.event, r.text(v, keyOf(k)));
                               },
                               [](const Node &n) { return n.producer.event.empty(); },
                               [](const Node &n, const NodeKnob &) -> std::optional<std::string> {
                                   if (n.producer.event.empty())
                                       return std::nullopt;
                                   return yamlString(n.producer.event);
                               },
                               [](const Node &n, const NodeKnob &) {
                                   return n.producer.event.empty() ? std::string("(node id)")
                                                                   : n.producer.event;
                               }};

const NodeCodec kKeysCodec = {[](FieldReader &r, const YamlNode &v, const NodeKnob &k, Node &n) {
                                  assignIf(n.producer.keys, readKeys(r, v, k));
                              },
                              &isDefaultAt<&Node::producer, &ProducerSpec::keys>,
                              [](const Node &n, const NodeKnob &) -> std::optional<std::string> {
                                  return keysText(n.producer.keys, TextStyle::File);
                              },
                              [](const Node &n, const NodeKnob &) {
                                  return keysText(n.producer.keys, TextStyle::Inspector);
                              }};

const NodeCodec kAttributesCodec = {
    readAttributes, [](const Node &n) { return n.producer.attributes.empty(); },
    [](const Node &n, const NodeKnob &) -> std::optional<std::string> {
        if (n.producer.attributes.empty())
            return std::nullopt;
        KeyValues attrs;
        for (const auto &[name, c] : n.producer.attributes)
            attrs.emplace_back(yamlString(name), choiceText(c, TextStyle::File));
        return yamlFlowMap(attrs);
    },
    nullptr};

KeyValues attributeRows(const Node &n) {
    KeyValues rows;
    for (const auto &[name, c] : n.producer.attributes)
        rows.emplace_back(name, choiceText(c, TextStyle::Inspector));
    return rows;
}

const NodeCodec kRoutingKeyCodec = {
    [](FieldReader &r, const YamlNode &v, const NodeKnob &k, Node &n) {
        assignIf(n.producer.routingKey, r.weightedChoice(v, keyOf(k)));
    },
    &isAbsentAt<&Node::producer, &ProducerSpec::routingKey>,
    [](const Node &n, const NodeKnob &) -> std::optional<std::string> {
        if (!n.producer.routingKey)
            return std::nullopt;
        return choiceText(*n.producer.routingKey, TextStyle::File);
    },
    [](const Node &n, const NodeKnob &k) {
        return n.producer.routingKey ? choiceText(*n.producer.routingKey, TextStyle::Inspector)
                                     : std::string(k.defaultText);
    }};

const NodeCodec kRetentionBytesCodec = {
    [](FieldReader &r, const YamlNode &v, const NodeKnob &k, Node &n) {
        auto s = r.size(v, keyOf(k));
        if (s && *s < 1)
            r.error(v, keyOf(k) + ": must be at least 1B");
        else if (s)
            n.topic.retentionBytes = static_cast<std::int64_t>(*s);
    },
    &isAbsentAt<&Node::topic, &TopicSpec::retentionBytes>,
    [](const Node &n, const NodeKnob &) -> std::optional<std::string> {
        if (!n.topic.retentionBytes)
            return std::nullopt;
        return formatSize(static_cast<double>(*n.topic.retentionBytes));
    },
    [](const Node &n, const NodeKnob &k) {
        return n.topic.retentionBytes ? formatSize(static_cast<double>(*n.topic.retentionBytes))
                                      : std::string(k.defaultText);
    }};

// `unroutable: drop` (the default) is stored as no target.
const NodeCodec kUnroutableCodec = {
    [](FieldReader &r, const YamlNode &v, const NodeKnob &k, Node &n) {
        if (auto s = r.nodeId(v, keyOf(k)))
            n.exchange.unroutable = *s == k.defaultText ? std::string() : *s;
    },
    [](const Node &n) { return n.exchange.unroutable.empty(); },
    [](const Node &n, const NodeKnob &k) -> std::optional<std::string> {
        return n.exchange.unroutable.empty() ? std::string(k.defaultText)
                                             : yamlString(n.exchange.unroutable);
    },
    [](const Node &n, const NodeKnob &k) {
        return n.exchange.unroutable.empty() ? std::string(k.defaultText) : n.exchange.unroutable;
    }};

const NodeCodec kAcceptsCodec = {
    [](FieldReader &r, const YamlNode &v, const NodeKnob &k, Node &n) {
        n.consumer.accepts = readAccepts(r, v, k);
    },
    [](const Node &n) { return n.consumer.accepts.empty(); },
    [](const Node &n, const NodeKnob &k) -> std::optional<std::string> {
        return n.consumer.accepts.empty() ? std::string(k.defaultText)
                                          : acceptsText(n.consumer.accepts);
    },
    [](const Node &n, const NodeKnob &k) {
        return n.consumer.accepts.empty() ? std::string(k.defaultText)
                                          : acceptsText(n.consumer.accepts);
    }};

std::string maxReceiveWithoutDeadLetter(const Node &n, const NodeKnob &k) {
    if (!n.queue.maxReceiveCount || !n.queue.deadLetter.empty())
        return {};
    return "queue '" + n.id + "' sets " + keyOf(k) + " but has no dead_letter to move messages to";
}

// Handlers are simulated one by one and counted by the capacity model: more than this many in
// one group is not a system anyone runs, and its product must not overflow.
constexpr std::int64_t kMaxHandlers = 1'000'000;

std::string tooManyHandlers(const Node &n, const NodeKnob &k) {
    const std::int64_t handlers = std::int64_t{n.consumer.instances} * n.consumer.concurrency;
    if (handlers <= kMaxHandlers)
        return {};
    return "consumer '" + n.id + "' has instances x " + keyOf(k) + " = " +
           std::to_string(handlers) + " handlers, more than " + std::to_string(kMaxHandlers);
}

std::string deadLetterNeverUsed(const Node &n, const NodeKnob &k) {
    if (n.queue.deadLetter.empty() || n.queue.maxReceiveCount)
        return {};
    return "queue '" + n.id + "' names " + keyOf(k) + " '" + n.queue.deadLetter +
           "' but sets no max_receive_count, so it never moves a message there: a message that "
           "keeps failing is redelivered forever";
}

using P = ProducerSpec;
using T = TopicSpec;
using Q = QueueSpec;
using C = ConsumerSpec;
using S = StoreSpec;

const NodeKnob kKind = {.key = "kind",
                        .defaultText = "required",
                        .description = "producer, topic, queue, exchange, consumer or store",
                        .required = true,
                        .fixed = true,
                        .codec = kKindCodec};
const NodeKnob kPos = {.key = "pos",
                       .defaultText = "none",
                       .description = "the node's place on the canvas, [x, y]",
                       .range = between(-1e9, 1e9),
                       .fixed = true,
                       .codec = kPosCodec};

// clang-format off
const NodeKnob kProducer[] = {
    {.key = "rate", .defaultText = "required", .description = "messages per second, shared by the instances, or a rate profile",
     .required = true, .sweepable = true, .shape = KnobShape::RateProfile, .codec = kRateCodec},
    {.key = "arrivals", .defaultText = "poisson", .description = "poisson (random gaps) or constant (even gaps)",
     .range = oneOf("poisson", "constant"), .codec = choiceKnob<&Node::producer, &P::arrivals>()},
    {.key = knob_key::kInstances, .defaultText = "1", .description = "producer instances; crashing one removes its share of the rate",
     .range = between(1, kMaxInstances), .sweepable = true, .codec = integerKnob<&Node::producer, &P::instances>()},
    {.key = "event", .defaultText = "the node id", .description = "the event type written on each message",
     .freeText = true, .codec = kEventCodec},
    {.key = "size", .defaultText = "1KB", .description = "message size (a distribution of sizes)",
     .sweepable = true, .shape = KnobShape::SizeDistribution, .codec = distributionKnob<Quantity::Size, &Node::producer, &P::size>()},
    {.key = "keys", .defaultText = "none", .description = "how message keys are drawn: uniform or zipf over a count, or a list of key strings (values, optional weights)",
     .range = between(1, kMaxBig), .codec = kKeysCodec},
    {.key = "attributes", .defaultText = "none", .description = "message attributes for exchange filters, each a value, a weighted choice or a list (an SNS String.Array)",
     .fixed = true, .codec = kAttributesCodec, .showEach = attributeRows},
    {.key = "routing_key", .defaultText = "none", .description = "the routing key for exchange bindings, a value or a weighted choice; none: the empty key",
     .codec = kRoutingKeyCodec},
    {.key = "schema_version", .defaultText = "1", .description = "the schema version written on each message",
     .range = between(1, 1'000'000), .codec = integerKnob<&Node::producer, &P::schemaVersion>()},
    {.key = "retry", .defaultText = "{max_attempts: 10, backoff: 100ms}", .description = "how publishes are retried while a bus is unavailable",
     .shape = KnobShape::Retry, .codec = retryKnob<&Node::producer>()},
    {.key = knob_key::kBuffer, .defaultText = "10000", .description = "messages held while retrying; beyond that publishes fail",
     .range = between(0, kMaxBig), .codec = integerKnob<&Node::producer, &P::buffer>()},
    {.key = "idempotent", .defaultText = "true", .description = "when false, a publish retried after a timeout can append twice",
     .codec = boolKnob<&Node::producer, &P::idempotent>()},
};

const NodeKnob kTopic[] = {
    {.key = knob_key::kPartitions, .defaultText = "1", .description = "number of partitions; group members beyond it are idle",
     .range = between(1, 100'000), .sweepable = true, .codec = integerKnob<&Node::topic, &T::partitions>()},
    {.key = knob_key::kRetention, .defaultText = "7d", .description = "messages older than this are deleted, read or not",
     .range = positive(), .sweepable = true, .codec = durationKnob<&Node::topic, &T::retention>()},
    {.key = "retention_bytes", .defaultText = "unlimited", .description = "size limit per partition",
     .codec = kRetentionBytesCodec},
    {.key = "partitioner", .defaultText = "murmur2", .description = "murmur2 (Kafka's default for keyed messages) or roundrobin",
     .range = oneOf("murmur2", "roundrobin"), .codec = choiceKnob<&Node::topic, &T::partitioner>()},
    {.key = "append_latency", .defaultText = "0s", .description = "time for an append to be visible (a distribution)",
     .shape = KnobShape::DurationDistribution, .codec = distributionKnob<Quantity::Duration, &Node::topic, &T::appendLatency>()},
    {.key = "acl", .defaultText = "none", .description = "who may publish to it and consume from it: {publish: [ids], consume: [ids]}; a list left out allows everyone",
     .codec = mapKnob<AclSpec, readAcl, aclText, &Node::topic, &T::acl>()},
    {.key = "tls", .defaultText = "none", .description = "TLS costs: {handshake: 30ms, overhead: 5%}, a handshake before a client's first fetch or publish and a share added to service times",
     .codec = mapKnob<TlsSpec, readTls, tlsText, &Node::topic, &T::tls>()},
};

const NodeKnob kQueue[] = {
    {.key = "visibility_timeout", .defaultText = "30s", .description = "how long a received message stays hidden",
     .range = positive(), .sweepable = true, .codec = durationKnob<&Node::queue, &Q::visibilityTimeout>()},
    {.key = "redelivery", .defaultText = "visibility", .description = "visibility (after the timeout, SQS) or immediate (requeued at once, RabbitMQ)",
     .range = oneOf("visibility", "immediate"), .codec = choiceKnob<&Node::queue, &Q::redelivery>()},
    {.key = "max_receive_count", .defaultText = "unlimited", .description = "receives after which a message goes to dead_letter",
     .range = between(1, 1'000'000), .sweepable = true, .codec = optionalIntegerKnob<&Node::queue, &Q::maxReceiveCount>(),
     .problem = maxReceiveWithoutDeadLetter},
    {.key = "dead_letter", .defaultText = "none", .description = "the bus for messages over max_receive_count",
     .codec = nodeIdKnob<&Node::queue, &Q::deadLetter>(), .names = namedNode<&Node::queue, &Q::deadLetter>,
     .advice = deadLetterNeverUsed},
    {.key = knob_key::kRetention, .defaultText = "4d", .description = "older messages are deleted",
     .range = positive(), .codec = durationKnob<&Node::queue, &Q::retention>()},
    {.key = "delay", .defaultText = "0s", .description = "new messages become visible only after this delay",
     .codec = durationKnob<&Node::queue, &Q::delay>()},
    {.key = "ttl", .defaultText = "none", .description = "messages not received within this time expire",
     .range = positive(), .codec = optionalDurationKnob<&Node::queue, &Q::ttl>()},
    {.key = "max_length", .defaultText = "unlimited", .description = "the most messages it holds (see overflow)",
     .range = between(1, kMaxBig), .codec = optionalIntegerKnob<&Node::queue, &Q::maxLength>()},
    {.key = "overflow", .defaultText = "drop-head", .description = "at max_length: drop-head (drop the oldest) or reject-publish",
     .range = oneOf("drop-head", "reject-publish"), .codec = choiceKnob<&Node::queue, &Q::overflow>()},
    {.key = "fifo", .defaultText = "false", .description = "order and one in flight per message group, duplicates suppressed",
     .codec = boolKnob<&Node::queue, &Q::fifo>()},
    {.key = "dedup_window", .defaultText = "5m", .description = "how long a fifo queue remembers message ids",
     .range = positive(), .codec = durationKnob<&Node::queue, &Q::dedupWindow>()},
    {.key = "acl", .defaultText = "none", .description = "who may publish to it and consume from it: {publish: [ids], consume: [ids]}; a list left out allows everyone",
     .codec = mapKnob<AclSpec, readAcl, aclText, &Node::queue, &Q::acl>()},
    {.key = "tls", .defaultText = "none", .description = "TLS costs: {handshake: 30ms, overhead: 5%}, a handshake before a client's first fetch or publish and a share added to service times",
     .codec = mapKnob<TlsSpec, readTls, tlsText, &Node::queue, &Q::tls>()},
};

const NodeKnob kExchange[] = {
    {.key = "unroutable", .defaultText = "drop", .description = "drop, or the bus for messages that no edge matched",
     .codec = kUnroutableCodec, .names = namedNode<&Node::exchange, &ExchangeSpec::unroutable>},
    {.key = "acl", .defaultText = "none", .description = "who may publish to it and consume from it: {publish: [ids], consume: [ids]}; a list left out allows everyone",
     .codec = mapKnob<AclSpec, readAcl, aclText, &Node::exchange, &ExchangeSpec::acl>()},
    {.key = "tls", .defaultText = "none", .description = "TLS costs: {handshake: 30ms, overhead: 5%}, a handshake before a client's first fetch or publish and a share added to service times",
     .codec = mapKnob<TlsSpec, readTls, tlsText, &Node::exchange, &ExchangeSpec::tls>()},
};

const NodeKnob kConsumer[] = {
    {.key = knob_key::kInstances, .defaultText = "1", .description = "members of the consumer group",
     .range = between(1, kMaxInstances), .sweepable = true, .codec = integerKnob<&Node::consumer, &C::instances>()},
    {.key = knob_key::kConcurrency, .defaultText = "1", .description = "handlers per member",
     .range = between(1, kMaxInstances), .sweepable = true, .codec = integerKnob<&Node::consumer, &C::concurrency>(),
     .problem = tooManyHandlers},
    {.key = "service_time", .defaultText = "1ms", .description = "processing time per attempt (a distribution)",
     .sweepable = true, .shape = KnobShape::DurationDistribution, .codec = distributionKnob<Quantity::Duration, &Node::consumer, &C::serviceTime>()},
    {.key = "failure", .defaultText = "0", .description = "probability that one attempt fails",
     .range = between(0, 1), .sweepable = true, .codec = numberKnob<&Node::consumer, &C::failure>()},
    {.key = "retry", .defaultText = "{max_attempts: 1}", .description = "in-process attempts, with backoff and multiplier",
     .shape = KnobShape::Retry, .codec = retryKnob<&Node::consumer>()},
    {.key = "dead_letter", .defaultText = "none", .description = "the bus a message goes to when its attempts are exhausted",
     .codec = nodeIdKnob<&Node::consumer, &C::deadLetter>(), .names = namedNode<&Node::consumer, &C::deadLetter>},
    {.key = "idempotent", .defaultText = "false", .description = "acknowledge repeats of completed messages without processing",
     .codec = boolKnob<&Node::consumer, &C::idempotent>()},
    {.key = "dedup_window", .defaultText = "unlimited", .description = "how long an idempotent consumer remembers message ids",
     .range = positive(), .codec = optionalDurationKnob<&Node::consumer, &C::dedupWindow>()},
    {.key = "accepts", .defaultText = "all", .description = "the schema versions it can process; others fail every attempt",
     .range = between(1, 1'000'000), .codec = kAcceptsCodec},
    {.key = "max_poll_records", .defaultText = "500", .description = "on a topic: the most messages one poll returns",
     .range = between(1, 1'000'000), .sweepable = true, .codec = integerKnob<&Node::consumer, &C::maxPollRecords>()},
    {.key = "commit", .defaultText = "auto", .description = "on a topic: auto, after_each or before_process (at-most-once)",
     .range = oneOf("auto", "after_each", "before_process"), .codec = choiceKnob<&Node::consumer, &C::commit>()},
    {.key = knob_key::kCommitInterval, .defaultText = "5s", .description = "on a topic: how often auto commits",
     .range = positive(), .codec = durationKnob<&Node::consumer, &C::commitInterval>()},
    {.key = "assignment", .defaultText = "range", .description = "on a topic: range, roundrobin or sticky partition assignment",
     .range = oneOf("range", "roundrobin", "sticky"), .codec = choiceKnob<&Node::consumer, &C::assignment>()},
    {.key = "session_timeout", .defaultText = "45s", .description = "on a topic: how long a silent member keeps its partitions",
     .range = positive(), .codec = durationKnob<&Node::consumer, &C::sessionTimeout>()},
    {.key = "rebalance_time", .defaultText = "3s", .description = "on a topic: how long the group stops on every rebalance",
     .codec = durationKnob<&Node::consumer, &C::rebalanceTime>()},
    {.key = "start", .defaultText = "latest", .description = "on a topic: where a group without a commit starts, latest or earliest",
     .range = oneOf("latest", "earliest"), .codec = choiceKnob<&Node::consumer, &C::start>()},
    {.key = "join_at", .defaultText = "0s", .description = "when the group starts (with start: earliest it reads all that is retained)",
     .codec = durationKnob<&Node::consumer, &C::joinAt>()},
    {.key = "autoscale", .defaultText = "none", .description = "members follow ceil(lag / target_lag) within [min, max] (KEDA and HPA)",
     .codec = kAutoscaleCodec},
    {.key = "batch", .defaultText = "1", .description = "on a queue: messages per receive",
     .range = between(1, 100'000), .codec = integerKnob<&Node::consumer, &C::batch>()},
    {.key = "circuit_breaker", .defaultText = "none", .description = "a count-based circuit breaker: {failure_rate: 50%, window: 20, min_calls: 10, open_for: 30s, half_open_calls: 3, when_open: pause or fail}",
     .codec = mapKnob<BreakerSpec, readBreaker, breakerText, &Node::consumer, &C::circuitBreaker>()},
};

const NodeKnob kStore[] = {
    {.key = "write_time", .defaultText = "1ms", .description = "time per write, part of the writer's processing (a distribution)",
     .sweepable = true, .shape = KnobShape::DurationDistribution, .codec = distributionKnob<Quantity::Duration, &Node::store, &S::writeTime>()},
    {.key = "capacity", .defaultText = "unlimited", .description = "concurrent writes",
     .range = between(1, kMaxInstances), .sweepable = true, .codec = optionalIntegerKnob<&Node::store, &S::capacity>()},
    {.key = "failure", .defaultText = "0", .description = "probability that one write fails (it takes its write_time and fails the writer's attempt)",
     .range = between(0, 1), .sweepable = true, .codec = numberKnob<&Node::store, &S::failure>()},
};
// clang-format on

} // namespace

std::vector<std::string_view> KnobRange::choiceList() const {
    std::vector<std::string_view> out;
    for (std::string_view c : choices)
        if (!c.empty())
            out.push_back(c);
    return out;
}

std::span<const NodeKnob> nodeKnobs(NodeKind kind) {
    switch (kind) {
    case NodeKind::Producer:
        return kProducer;
    case NodeKind::Topic:
        return kTopic;
    case NodeKind::Queue:
        return kQueue;
    case NodeKind::Exchange:
        return kExchange;
    case NodeKind::Consumer:
        return kConsumer;
    case NodeKind::Store:
        return kStore;
    }
    return {};
}

const NodeKnob &nodeKindKnob() {
    return kKind;
}

const NodeKnob &nodePosKnob() {
    return kPos;
}

std::string knobAdvice(const Node &n) {
    for (const NodeKnob &k : nodeKnobs(n.kind))
        if (k.advice)
            if (std::string text = k.advice(n, k); !text.empty())
                return text;
    return {};
}

const NodeKnob *findNodeKnob(NodeKind kind, std::string_view key) {
    if (key == kKind.key)
        return &kKind;
    if (key == kPos.key)
        return &kPos;
    for (const NodeKnob &k : nodeKnobs(kind))
        if (k.key == key)
            return &k;
    return nullptr;
}

} // namespace eventbench::model
