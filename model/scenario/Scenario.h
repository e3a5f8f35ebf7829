#pragma once
// The scenario a user describes (scenarios/README.md), as plain values. Produced by ScenarioLoader,
// written back by ScenarioWriter, read (never mutated) by the simulator. All durations are
// integer nanoseconds, rates are per second, sizes are bytes.
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace eventbench::model {

using SimTime = std::int64_t; // nanoseconds since the start of a run

constexpr SimTime kNanosPerSecond = 1'000'000'000;
constexpr SimTime kNanosPerMilli = 1'000'000;

/// Where something was written in the scenario file (1-based; 0 = unknown).
/// `origin` >= 0: the text of `--set` override number `origin`, not the file.
struct SourcePos {
    int line = 0;
    int column = 0;
    int origin = -1;
};

/// What the numbers of a Distribution measure; decides how they are written back.
enum class Quantity { Duration, Size, Count };

/// A random variable of scenarios/README.md#values-and-units. Values are in the base unit of its
/// Quantity (nanoseconds for durations, bytes for sizes).
struct Distribution {
    enum class Kind { Constant, Exponential, Uniform, Normal, Lognormal, Empirical };
    Kind kind = Kind::Constant;
    Quantity quantity = Quantity::Duration;
    double value = 0;            // constant
    double mean = 0;             // exponential, normal, lognormal
    double min = 0;              // uniform
    double max = 0;              // uniform
    double stddev = 0;           // normal
    double p99 = 0;              // lognormal
    std::vector<double> values;  // empirical
    std::vector<double> weights; // empirical (same length as values)
    bool operator==(const Distribution &) const = default;

    static Distribution constant(double v, Quantity q = Quantity::Duration) {
        Distribution d;
        d.kind = Kind::Constant;
        d.quantity = q;
        d.value = v;
        return d;
    }
    /// The mean of the distribution in its base unit (lognormal: the given mean).
    double expectedValue() const;
};

/// A producer's rate over time (scenarios/README.md#nodes rate profiles); rates are per second.
struct RateProfile {
    enum class Kind { Constant, Burst, Ramp, Steps, Sine };
    Kind kind = Kind::Constant;
    double rate = 0;                               // constant
    double base = 0, peak = 0;                     // burst
    SimTime every = 0, burstFor = 0;               // burst
    double from = 0, to = 0;                       // ramp
    SimTime over = 0;                              // ramp
    std::vector<std::pair<SimTime, double>> steps; // steps: (start time, rate)
    double mean = 0, amplitude = 0;                // sine
    SimTime period = 0;                            // sine
    bool operator==(const RateProfile &) const = default;

    /// The instantaneous rate at time t (per second).
    double rateAt(SimTime t) const;
    /// An upper bound of rateAt over all t (for thinning).
    double maxRate() const;
    /// The long-run mean rate (for capacity analysis).
    double meanRate(SimTime horizon) const;
};

/// A weighted choice of strings, e.g. `{eu: 0.7, us: 0.3}`; one entry of weight 1 for a
/// plain value. Order is the file's order. A producer attribute written as a list
/// (`sports: [rugby, football]`) sets `list`: then every message carries all the options at
/// once, as one SNS String.Array (the weights are 1 and unused).
struct WeightedChoice {
    std::vector<std::pair<std::string, double>> options;
    bool list = false;
    bool operator==(const WeightedChoice &) const = default;
};

/// How a producer picks message keys: none, `key-0` .. `key-<count-1>` drawn uniformly or by
/// zipf, or the listed key strings (Values) drawn uniformly or by `weights`.
struct KeySpec {
    enum class Kind { None, Uniform, Zipf, Values };
    Kind kind = Kind::None;
    std::uint64_t count = 0;
    double skew = 1.0;
    std::vector<std::string> values; // Values: the key strings, hashed as their UTF-8 bytes
    std::vector<double> weights;     // Values: one per value, or empty for a uniform choice
    bool operator==(const KeySpec &) const = default;
};

struct RetrySpec {
    int maxAttempts = 1;
    SimTime backoff = 0;
    double multiplier = 1.0;
    bool operator==(const RetrySpec &) const = default;
};

enum class NodeKind { Producer, Topic, Queue, Exchange, Consumer, Store };

/// A bus's access control list (`acl`): who may publish to it and consume from it. An
/// absent list allows everyone that action.
struct AclSpec {
    std::optional<std::vector<std::string>> publish;
    std::optional<std::vector<std::string>> consume;
    bool operator==(const AclSpec &) const = default;
};

/// What TLS costs on a bus (`tls`): a handshake before a client's first fetch or publish,
/// and a share added to consumers' service times.
struct TlsSpec {
    SimTime handshake = 30 * kNanosPerMilli;
    double overhead = 0.05; // 5%
    bool operator==(const TlsSpec &) const = default;
};

/// A consumer's circuit breaker (`circuit_breaker`), after Resilience4j's count-based one.
struct BreakerSpec {
    double failureRate = 0.5; // the failed share of the window that opens it
    int window = 20;          // attempts kept while closed
    int minCalls = 10;        // attempts needed before it may open
    SimTime openFor = 30 * kNanosPerSecond;
    int halfOpenCalls = 3; // trial attempts while half-open
    enum class WhenOpen { Pause, Fail } whenOpen = WhenOpen::Pause;
    bool operator==(const BreakerSpec &) const = default;
};

struct ProducerSpec {
    RateProfile rate;
    enum class Arrivals { Poisson, Constant } arrivals = Arrivals::Poisson;
    int instances = 1;
    std::string event; // empty = node id
    Distribution size = Distribution::constant(1000, Quantity::Size);
    KeySpec keys;
    std::vector<std::pair<std::string, WeightedChoice>> attributes;
    std::optional<WeightedChoice> routingKey;
    int schemaVersion = 1;
    RetrySpec retry{10, 100 * kNanosPerMilli, 1.0};
    std::int64_t buffer = 10000;
    bool idempotent = true;
    bool operator==(const ProducerSpec &) const = default;
};

struct TopicSpec {
    int partitions = 1;
    SimTime retention = 7LL * 24 * 3600 * kNanosPerSecond;
    std::optional<std::int64_t> retentionBytes; // per partition
    enum class Partitioner { Murmur2, RoundRobin } partitioner = Partitioner::Murmur2;
    Distribution appendLatency = Distribution::constant(0);
    std::optional<AclSpec> acl;
    std::optional<TlsSpec> tls;
    bool operator==(const TopicSpec &) const = default;
};

struct QueueSpec {
    SimTime visibilityTimeout = 30 * kNanosPerSecond;
    enum class Redelivery { Visibility, Immediate } redelivery = Redelivery::Visibility;
    std::optional<int> maxReceiveCount;
    std::string deadLetter; // empty = none (queues carry their own dead_letter)
    SimTime retention = 4LL * 24 * 3600 * kNanosPerSecond;
    SimTime delay = 0;
    std::optional<SimTime> ttl;
    std::optional<std::int64_t> maxLength;
    enum class Overflow { DropHead, RejectPublish } overflow = Overflow::DropHead;
    bool fifo = false;
    SimTime dedupWindow = 5 * 60 * kNanosPerSecond;
    std::optional<AclSpec> acl;
    std::optional<TlsSpec> tls;
    bool operator==(const QueueSpec &) const = default;
};

struct ExchangeSpec {
    std::string unroutable; // empty = drop, else a bus id
    std::optional<AclSpec> acl;
    std::optional<TlsSpec> tls;
    bool operator==(const ExchangeSpec &) const = default;
};

/// `autoscale` of a consumer (after KEDA's Kafka scaler and the Kubernetes HPA): the group's
/// member count follows ceil(lag / target_lag) within [min, max].
struct AutoscaleSpec {
    int min = 1;
    int max = 12;
    std::int64_t targetLag = 1000;
    SimTime interval = 30 * kNanosPerSecond;
    SimTime cooldown = 5 * 60 * kNanosPerSecond;
    SimTime startup = 20 * kNanosPerSecond;
    bool operator==(const AutoscaleSpec &) const = default;
};

struct ConsumerSpec {
    int instances = 1;
    int concurrency = 1;
    Distribution serviceTime = Distribution::constant(1 * kNanosPerMilli);
    double failure = 0;
    RetrySpec retry{1, 0, 1.0};
    std::string deadLetter; // empty = none
    bool idempotent = false;
    std::optional<SimTime> dedupWindow; // none = unlimited
    std::vector<int> accepts;           // empty = all
    // topic consumers
    int maxPollRecords = 500;
    enum class Commit { Auto, AfterEach, BeforeProcess } commit = Commit::Auto;
    SimTime commitInterval = 5 * kNanosPerSecond;
    enum class Assignment { Range, RoundRobin, Sticky } assignment = Assignment::Range;
    SimTime sessionTimeout = 45 * kNanosPerSecond;
    SimTime rebalanceTime = 3 * kNanosPerSecond;
    /// Where a group without a commit starts reading (Kafka's auto.offset.reset).
    enum class Start { Latest, Earliest } start = Start::Latest;
    SimTime joinAt = 0;                     // the group starts then
    std::optional<AutoscaleSpec> autoscale; // none = a fixed member count
    /// The members the group starts with: `instances`, within autoscale's [min, max].
    int startingInstances() const {
        return autoscale ? std::clamp(instances, autoscale->min, autoscale->max) : instances;
    }
    // queue consumers
    int batch = 1;
    std::optional<BreakerSpec> circuitBreaker;
    bool operator==(const ConsumerSpec &) const = default;
};

struct StoreSpec {
    Distribution writeTime = Distribution::constant(1 * kNanosPerMilli);
    std::optional<int> capacity; // none = unlimited concurrent writes
    double failure = 0;          // probability that one write fails
    bool operator==(const StoreSpec &) const = default;
};

/// One node of the graph. Only the spec matching `kind` is meaningful.
struct Node {
    std::string id;
    NodeKind kind = NodeKind::Producer;
    std::optional<std::pair<double, double>> pos;
    ProducerSpec producer;
    TopicSpec topic;
    QueueSpec queue;
    ExchangeSpec exchange;
    ConsumerSpec consumer;
    StoreSpec store;
    SourcePos where;
    /// Where each key of the node's map was written (diagnostics about one knob); not part
    /// of equality.
    std::vector<std::pair<std::string, SourcePos>> keyWhere;
    bool operator==(const Node &o) const;
    /// Where key `key` was written, or the node's own position.
    SourcePos whereOf(const std::string &key) const;
};

/// One condition of an SNS filter policy on one attribute.
struct FilterCondition {
    enum class Kind { Exact, Prefix, AnythingBut, AnythingButPrefix, Numeric, Exists };
    Kind kind = Kind::Exact;
    std::string text; // exact value or prefix (also the prefix of AnythingButPrefix)
    std::vector<std::string> anythingBut;
    std::vector<std::pair<std::string, double>> numeric; // (op, bound), op in = < <= > >=
    bool exists = true;
    bool operator==(const FilterCondition &) const = default;
};

/// Filter policy: AND across attributes, OR across each attribute's conditions.
struct FilterPolicy {
    std::vector<std::pair<std::string, std::vector<FilterCondition>>> attributes;
    bool operator==(const FilterPolicy &) const = default;
};

struct Edge {
    std::string from;
    std::string to;
    std::optional<Distribution> latency;
    std::optional<FilterPolicy> filter;
    /// Routing-key patterns (`binding: "a.*"` or `binding: ["*.orange.*", "lazy.#"]`); the
    /// edge matches when any of them matches, and still delivers one copy.
    std::optional<std::vector<std::string>> binding;
    double ratio = 1.0;
    bool longForm = false; // written as a map in the file
    SourcePos where;
    bool operator==(const Edge &o) const;
};

struct Fault {
    enum class Kind {
        Crash,
        Pause,
        Slow,
        Outage,
        Latency,
        Isolate,
        Duplicate,
        Poison,
        Schema,
        Spike,
        Rebalance,
        Replay,
        Scale
    };
    Kind kind = Kind::Crash;
    SimTime at = 0;
    std::optional<SimTime> duration; // `for`
    std::string target;              // node id; for Latency the edge's "from"
    std::string edgeTo;              // Latency only
    std::optional<int> instances;    // Crash/Pause/Isolate (none = all); Scale: the count
    double factor = 1.0;             // Slow, Spike
    SimTime add = 0;                 // Latency
    double probability = 0;          // Duplicate, Poison
    int version = 1;                 // Schema
    std::optional<SimTime> replayTo; // Replay: how far back (none = earliest)
    SourcePos where;
    bool operator==(const Fault &o) const;
};

/// `STAT(NODE.METRIC) OP VALUE` or `NODE.METRIC OP VALUE` (scenarios/README.md#expectations).
struct Expectation {
    enum class Stat { None, Final, Max, Min, Mean, Total, P50, P95, P99 };
    enum class Op { Less, LessEq, Greater, GreaterEq, Equal, NotEqual };
    Stat stat = Stat::None;
    std::string node;
    std::string metric;
    Op op = Op::Less;
    double value = 0; // in the metric's unit (seconds for durations)
    std::string text; // as written, normalised whitespace
    SourcePos where;
    bool operator==(const Expectation &o) const;
};

struct Scenario {
    std::string name;
    std::string description;
    std::uint64_t seed = 1;
    SimTime duration = 0;
    SimTime sampleEvery = kNanosPerSecond;
    SimTime warmup = 0;
    bool warmupAuto = false; // `warmup: auto`: MSER-5 picks the truncation per run (warmup 0)
    std::vector<Node> nodes; // file order
    std::vector<Edge> edges;
    std::vector<Fault> faults;
    std::vector<Expectation> expectations;
    std::string fileName; // for diagnostics; not part of equality

    const Node *findNode(const std::string &id) const;
    bool operator==(const Scenario &o) const;
};

const char *toString(NodeKind kind);
std::optional<NodeKind> nodeKindFromString(const std::string &s);
bool isBus(NodeKind kind);
/// The bus's `acl` / `tls` (null for a node that is not a bus or has none).
const AclSpec *busAcl(const Node &n);
const TlsSpec *busTls(const Node &n);

} // namespace eventbench::model
