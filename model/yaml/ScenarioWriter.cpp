#include "model/yaml/ScenarioWriter.h"

#include <cmath>
#include <cstring>
#include <utility>
#include <vector>

#include "model/scenario/Units.h"

namespace eventbench::model {

namespace {

using Knobs = std::vector<std::pair<std::string, std::string>>;

// Nodes whose flow form fits in this many columns are written on one line.
constexpr std::size_t kMaxFlowLine = 100;

std::string lower(std::string_view s) {
    std::string r(s);
    for (char &c : r)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return r;
}

// Whether `s` can be written unquoted and still reads back as this same string (never as a
// number, bool or null, under YAML 1.1 or 1.2). In flow context anything with a space or a
// flow indicator is quoted as well.
bool isPlainSafe(std::string_view s, bool flow) {
    if (s.empty() || s.front() == ' ' || s.back() == ' ' || s.back() == ':')
        return false;
    static const char *const kReserved[] = {"y",     "n",  "yes", "no",   "true",
                                            "false", "on", "off", "null", "~"};
    const std::string l = lower(s);
    for (const char *w : kReserved)
        if (l == w)
            return false;
    const char c0 = s.front();
    if ((c0 >= '0' && c0 <= '9') || std::strchr("+-.?:,[]{}#&*!|>'\"%@`", c0))
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c >= 0x7f)
            return false;
        if (flow && (c == ' ' || c == ':' || std::strchr(",[]{}", c)))
            return false;
        if (c == ':' && (i + 1 == s.size() || s[i + 1] == ' '))
            return false;
        if (c == '#' && i > 0 && s[i - 1] == ' ')
            return false;
    }
    return true;
}

std::string quoted(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string r = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\') {
            r += '\\';
            r += ch;
        } else if (ch == '\n') {
            r += "\\n";
        } else if (ch == '\t') {
            r += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            r += "\\x";
            r += kHex[c >> 4];
            r += kHex[c & 0xf];
        } else {
            r += ch; // UTF-8 bytes pass through: YAML double quotes take any printable text
        }
    }
    return r + '"';
}

std::string str(std::string_view s, bool flow = true) {
    return isPlainSafe(s, flow) ? std::string(s) : quoted(s);
}

std::string (*const num)(double) = formatNumber;
std::string (*const dur)(SimTime) = formatDuration;
std::string boolText(bool b) {
    return b ? "true" : "false";
}

std::string flowMap(const Knobs &knobs) {
    std::string r = "{";
    for (std::size_t i = 0; i < knobs.size(); ++i) {
        if (i)
            r += ", ";
        r += knobs[i].first + ": " + knobs[i].second;
    }
    return r + "}";
}

template <typename T, typename F> std::string flowSeq(const std::vector<T> &items, F &&fmt) {
    std::string r = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i)
            r += ", ";
        r += fmt(items[i]);
    }
    return r + "]";
}

std::string quantityText(double v, Quantity q) {
    if (q == Quantity::Duration)
        return dur(static_cast<SimTime>(std::llround(v)));
    return q == Quantity::Size ? formatSize(v) : num(v);
}

std::string distribution(const Distribution &d) {
    auto q = [&](double v) { return quantityText(v, d.quantity); };
    using K = Distribution::Kind;
    switch (d.kind) {
    case K::Constant:
        return q(d.value);
    case K::Exponential:
        return flowMap({{"distribution", "exponential"}, {"mean", q(d.mean)}});
    case K::Uniform:
        return flowMap({{"distribution", "uniform"}, {"min", q(d.min)}, {"max", q(d.max)}});
    case K::Normal:
        return flowMap({{"distribution", "normal"}, {"mean", q(d.mean)}, {"stddev", q(d.stddev)}});
    case K::Lognormal:
        return flowMap({{"distribution", "lognormal"}, {"mean", q(d.mean)}, {"p99", q(d.p99)}});
    case K::Empirical: {
        Knobs k{{"distribution", "empirical"}, {"values", flowSeq(d.values, q)}};
        if (!d.weights.empty())
            k.emplace_back("weights", flowSeq(d.weights, num));
        return flowMap(k);
    }
    }
    return q(d.value);
}

std::string rateProfile(const RateProfile &p) {
    using K = RateProfile::Kind;
    switch (p.kind) {
    case K::Constant:
        return formatRate(p.rate);
    case K::Burst:
        return flowMap({{"profile", "burst"},
                        {"base", formatRate(p.base)},
                        {"peak", formatRate(p.peak)},
                        {"every", dur(p.every)},
                        {"for", dur(p.burstFor)}});
    case K::Ramp:
        return flowMap({{"profile", "ramp"},
                        {"from", formatRate(p.from)},
                        {"to", formatRate(p.to)},
                        {"over", dur(p.over)}});
    case K::Steps:
        return flowMap({{"profile", "steps"},
                        {"steps", flowSeq(p.steps, [](const std::pair<SimTime, double> &s) {
                             return "[" + dur(s.first) + ", " + formatRate(s.second) + "]";
                         })}});
    case K::Sine:
        return flowMap({{"profile", "sine"},
                        {"mean", formatRate(p.mean)},
                        {"amplitude", formatRate(p.amplitude)},
                        {"period", dur(p.period)}});
    }
    return formatRate(p.rate);
}

std::string choice(const WeightedChoice &c) {
    if (c.options.size() == 1 && c.options.front().second == 1.0)
        return str(c.options.front().first);
    Knobs k;
    for (const auto &[value, weight] : c.options)
        k.emplace_back(str(value), num(weight));
    return flowMap(k);
}

std::string retry(const RetrySpec &r, const RetrySpec &def) {
    Knobs k{{"max_attempts", std::to_string(r.maxAttempts)}};
    if (r.backoff != 0 || def.backoff != 0)
        k.emplace_back("backoff", dur(r.backoff));
    if (r.multiplier != 1.0)
        k.emplace_back("multiplier", num(r.multiplier));
    return flowMap(k);
}

std::string filterCondition(const FilterCondition &c) {
    using K = FilterCondition::Kind;
    switch (c.kind) {
    case K::Exact:
        return str(c.text);
    case K::Prefix:
        return flowMap({{"prefix", str(c.text)}});
    case K::AnythingBut:
        return flowMap({{"anything-but",
                         flowSeq(c.anythingBut, [](const std::string &s) { return str(s); })}});
    case K::Numeric: {
        std::string seq = "[";
        for (std::size_t i = 0; i < c.numeric.size(); ++i)
            seq += (i ? ", " : "") + quoted(c.numeric[i].first) + ", " + num(c.numeric[i].second);
        return flowMap({{"numeric", seq + "]"}});
    }
    case K::Exists:
        return flowMap({{"exists", boolText(c.exists)}});
    }
    return str(c.text);
}

std::string filterPolicy(const FilterPolicy &f) {
    Knobs k;
    for (const auto &[attr, conds] : f.attributes)
        k.emplace_back(str(attr), flowSeq(conds, filterCondition));
    return flowMap(k);
}

template <typename T> std::string integer(T v) {
    return std::to_string(v);
}

// A knob written only when it differs from the default.
template <typename T, typename F>
void knob(Knobs &k, const char *key, const T &v, const T &def, F &&fmt) {
    if (v != def)
        k.emplace_back(key, fmt(v));
}
// A knob that is absent by default.
template <typename T, typename F>
void knob(Knobs &k, const char *key, const std::optional<T> &v, F &&fmt) {
    if (v)
        k.emplace_back(key, fmt(*v));
}
// A node id or name that is absent when empty.
void knob(Knobs &k, const char *key, const std::string &v) {
    if (!v.empty())
        k.emplace_back(key, str(v));
}

void producerKnobs(const ProducerSpec &p, Knobs &k) {
    const ProducerSpec def;
    k.emplace_back("rate", rateProfile(p.rate));
    knob(k, "arrivals", p.arrivals, def.arrivals, [](auto) { return "constant"; });
    knob(k, "instances", p.instances, def.instances, integer<int>);
    knob(k, "event", p.event);
    knob(k, "size", p.size, def.size, distribution);
    knob(k, "keys", p.keys, def.keys, [&](const KeySpec &keys) {
        Knobs m{{"distribution", keys.kind == KeySpec::Kind::Zipf ? "zipf" : "uniform"},
                {"count", num(static_cast<double>(keys.count))}};
        knob(m, "skew", keys.skew, def.keys.skew, num);
        return flowMap(m);
    });
    if (!p.attributes.empty()) {
        Knobs attrs;
        for (const auto &[name, c] : p.attributes)
            attrs.emplace_back(str(name), choice(c));
        k.emplace_back("attributes", flowMap(attrs));
    }
    knob(k, "routing_key", p.routingKey, choice);
    knob(k, "schema_version", p.schemaVersion, def.schemaVersion, integer<int>);
    knob(k, "retry", p.retry, def.retry, [&](const RetrySpec &r) { return retry(r, def.retry); });
    knob(k, "buffer", p.buffer, def.buffer, integer<std::int64_t>);
    knob(k, "idempotent", p.idempotent, def.idempotent, boolText);
}

void topicKnobs(const TopicSpec &t, Knobs &k) {
    const TopicSpec def;
    knob(k, "partitions", t.partitions, def.partitions, integer<int>);
    knob(k, "retention", t.retention, def.retention, dur);
    knob(k, "retention_bytes", t.retentionBytes,
         [](std::int64_t b) { return formatSize(static_cast<double>(b)); });
    knob(k, "partitioner", t.partitioner, def.partitioner, [](auto) { return "roundrobin"; });
    knob(k, "append_latency", t.appendLatency, def.appendLatency, distribution);
}

void queueKnobs(const QueueSpec &q, Knobs &k) {
    const QueueSpec def;
    knob(k, "visibility_timeout", q.visibilityTimeout, def.visibilityTimeout, dur);
    knob(k, "redelivery", q.redelivery, def.redelivery, [](auto) { return "immediate"; });
    knob(k, "max_receive_count", q.maxReceiveCount, integer<int>);
    knob(k, "dead_letter", q.deadLetter);
    knob(k, "retention", q.retention, def.retention, dur);
    knob(k, "delay", q.delay, def.delay, dur);
    knob(k, "ttl", q.ttl, dur);
    knob(k, "max_length", q.maxLength, integer<std::int64_t>);
    knob(k, "overflow", q.overflow, def.overflow, [](auto) { return "reject-publish"; });
    knob(k, "fifo", q.fifo, def.fifo, boolText);
    knob(k, "dedup_window", q.dedupWindow, def.dedupWindow, dur);
}

void consumerKnobs(const ConsumerSpec &c, Knobs &k) {
    using Commit = ConsumerSpec::Commit;
    using Assignment = ConsumerSpec::Assignment;
    const ConsumerSpec def;
    knob(k, "instances", c.instances, def.instances, integer<int>);
    knob(k, "concurrency", c.concurrency, def.concurrency, integer<int>);
    knob(k, "service_time", c.serviceTime, def.serviceTime, distribution);
    knob(k, "failure", c.failure, def.failure, num);
    knob(k, "retry", c.retry, def.retry, [&](const RetrySpec &r) { return retry(r, def.retry); });
    knob(k, "dead_letter", c.deadLetter);
    knob(k, "idempotent", c.idempotent, def.idempotent, boolText);
    knob(k, "dedup_window", c.dedupWindow, dur);
    knob(k, "accepts", c.accepts, def.accepts,
         [](const std::vector<int> &v) { return flowSeq(v, integer<int>); });
    knob(k, "max_poll_records", c.maxPollRecords, def.maxPollRecords, integer<int>);
    knob(k, "commit", c.commit, def.commit,
         [](Commit m) { return m == Commit::AfterEach ? "after_each" : "before_process"; });
    knob(k, "commit_interval", c.commitInterval, def.commitInterval, dur);
    knob(k, "assignment", c.assignment, def.assignment,
         [](Assignment a) { return a == Assignment::Sticky ? "sticky" : "roundrobin"; });
    knob(k, "session_timeout", c.sessionTimeout, def.sessionTimeout, dur);
    knob(k, "rebalance_time", c.rebalanceTime, def.rebalanceTime, dur);
    knob(k, "batch", c.batch, def.batch, integer<int>);
}

void storeKnobs(const StoreSpec &s, Knobs &k) {
    const StoreSpec def;
    knob(k, "write_time", s.writeTime, def.writeTime, distribution);
    knob(k, "capacity", s.capacity, integer<int>);
}

void writeNode(std::string &out, const Node &n) {
    Knobs k{{"kind", toString(n.kind)}};
    switch (n.kind) {
    case NodeKind::Producer:
        producerKnobs(n.producer, k);
        break;
    case NodeKind::Topic:
        topicKnobs(n.topic, k);
        break;
    case NodeKind::Queue:
        queueKnobs(n.queue, k);
        break;
    case NodeKind::Exchange:
        knob(k, "unroutable", n.exchange.unroutable);
        break;
    case NodeKind::Consumer:
        consumerKnobs(n.consumer, k);
        break;
    case NodeKind::Store:
        storeKnobs(n.store, k);
        break;
    }
    if (n.pos)
        k.emplace_back("pos", "[" + num(n.pos->first) + ", " + num(n.pos->second) + "]");

    const std::string head = "  " + str(n.id, false) + ":";
    const std::string flow = flowMap(k);
    if (head.size() + 1 + flow.size() <= kMaxFlowLine) {
        out += head + " " + flow + "\n";
        return;
    }
    out += head + "\n";
    for (const auto &[key, value] : k)
        out += "    " + key + ": " + value + "\n";
}

std::string edgeText(const Edge &e) {
    if (!e.longForm && !e.latency && !e.filter && !e.binding && e.ratio == 1.0)
        return str(e.from + " -> " + e.to, false);
    Knobs k{{"from", str(e.from)}, {"to", str(e.to)}};
    knob(k, "latency", e.latency, distribution);
    knob(k, "filter", e.filter, filterPolicy);
    knob(k, "binding", e.binding, [](const std::string &b) { return str(b); });
    knob(k, "ratio", e.ratio, 1.0, num);
    return flowMap(k);
}

const char *faultKindName(Fault::Kind kind) {
    static const char *const kNames[] = {"crash",   "pause",   "slow",      "outage",
                                         "latency", "isolate", "duplicate", "poison",
                                         "schema",  "spike",   "rebalance"};
    return kNames[static_cast<int>(kind)];
}

std::string faultText(const Fault &f) {
    using K = Fault::Kind;
    Knobs k{{"at", dur(f.at)}};
    knob(k, "for", f.duration, dur);
    if (f.kind == K::Latency)
        k.emplace_back("latency", quoted(f.target + " -> " + f.edgeTo));
    else
        k.emplace_back(faultKindName(f.kind), str(f.target));
    knob(k, "instances", f.instances, integer<int>);
    if (f.kind == K::Slow || f.kind == K::Spike)
        k.emplace_back("factor", num(f.factor));
    if (f.kind == K::Latency)
        k.emplace_back("add", dur(f.add));
    if (f.kind == K::Duplicate || f.kind == K::Poison)
        k.emplace_back("probability", num(f.probability));
    if (f.kind == K::Schema)
        k.emplace_back("version", std::to_string(f.version));
    return flowMap(k);
}

} // namespace

std::string writeScenarioYaml(const Scenario &s) {
    const Scenario def;
    Knobs top{{"scenario", str(s.name, false)}};
    if (!s.description.empty())
        top.emplace_back("description", str(s.description, false));
    knob(top, "seed", s.seed, def.seed, integer<std::uint64_t>);
    top.emplace_back("duration", dur(s.duration));
    knob(top, "sample_every", s.sampleEvery, def.sampleEvery, dur);
    if (s.warmupAuto)
        top.emplace_back("warmup", "auto");
    else
        knob(top, "warmup", s.warmup, def.warmup, dur);
    std::string out;
    for (const auto &[key, value] : top)
        out += key + ": " + value + "\n";

    out += s.nodes.empty() ? "\nnodes: {}\n" : "\nnodes:\n";
    for (const auto &n : s.nodes)
        writeNode(out, n);
    auto section = [&out](const char *key, const auto &items, auto &&text) {
        if (items.empty())
            return;
        out += "\n" + std::string(key) + ":\n";
        for (const auto &item : items)
            out += "  - " + text(item) + "\n";
    };
    section("edges", s.edges, edgeText);
    section("faults", s.faults, faultText);
    section("expect", s.expectations, [](const Expectation &e) { return str(e.text, false); });
    return out;
}

} // namespace eventbench::model
