#include "model/catalogue/FaultCatalogue.h"

#include <algorithm>
#include <iterator>

#include "model/scenario/Units.h"
#include "model/yaml/FieldReader.h"
#include "model/yaml/YamlReader.h"

namespace eventbench::model {

namespace {

using K = Fault::Kind;

constexpr unsigned bit(NodeKind kind) {
    return 1u << static_cast<unsigned>(kind);
}
constexpr unsigned kMembers = bit(NodeKind::Consumer) | bit(NodeKind::Producer);
constexpr unsigned kBuses = bit(NodeKind::Topic) | bit(NodeKind::Queue) | bit(NodeKind::Exchange);
constexpr SimTime kSecond = kNanosPerSecond;
constexpr std::string_view kEarliest = "earliest";

std::string key(const FaultParam &p) {
    return std::string(p.key);
}

int membersOf(const Node &n) {
    return n.kind == NodeKind::Producer ? n.producer.instances : n.consumer.instances;
}

// clang-format off
const FaultParam kParams[] = {
    {"at", "when the fault starts", true, true, {},
     [](FieldReader &r, const YamlNode &v, const FaultParam &p, Fault &f) {
         assignIf(f.at, r.duration(v, key(p)));
     },
     [](const Fault &) { return true; },
     [](const Fault &f) { return formatDuration(f.at); }},
    {"for", "how long until it is reverted (default: to the end of the run)", true, false, {},
     [](FieldReader &r, const YamlNode &v, const FaultParam &p, Fault &f) {
         assignIf(f.duration, r.positiveDuration(v, key(p)));
     },
     [](const Fault &f) { return f.duration.has_value(); },
     [](const Fault &f) { return formatDuration(f.duration.value_or(0)); }},
    {"instances", "how many members it takes (default all)", false, false, {0, 100'000, 0, 1, true},
     [](FieldReader &r, const YamlNode &v, const FaultParam &p, Fault &f) {
         assignIf(f.instances, r.integer(v, key(p), 1, 100'000));
     },
     [](const Fault &f) { return f.instances.has_value(); },
     [](const Fault &f) { return std::to_string(f.instances.value_or(0)); },
     [](Fault &f, const Node &n, double) {
         // One member of several (the interesting case: the others take over); all of one.
         if (membersOf(n) > 1)
             f.instances = 1;
     },
     [](const Fault &f) { return static_cast<double>(f.instances.value_or(0)); },
     [](Fault &f, double v) {
         if (v > 0)
             f.instances = static_cast<int>(v);
         else
             f.instances.reset();
     }},
    {"factor", "the multiplier (more than 0)", false, false, {0.01, 1000, 2, 1, false},
     [](FieldReader &r, const YamlNode &v, const FaultParam &p, Fault &f) {
         auto x = r.number(v, key(p), 0, 1e6);
         if (x && *x <= 0)
             r.error(v, key(p) + ": must be greater than 0");
         else
             assignIf(f.factor, x);
     },
     nullptr,
     [](const Fault &f) { return formatNumber(f.factor); },
     [](Fault &f, const Node &, double v) { f.factor = v; },
     [](const Fault &f) { return f.factor; },
     [](Fault &f, double v) { f.factor = v; }},
    {"add", "the delay added to the edge", false, false, {},
     [](FieldReader &r, const YamlNode &v, const FaultParam &p, Fault &f) {
         assignIf(f.add, r.duration(v, key(p)));
     },
     nullptr,
     [](const Fault &f) { return formatDuration(f.add); },
     [](Fault &f, const Node &, double v) { f.add = static_cast<SimTime>(v); }},
    {"probability", "the share of messages it affects (0 to 1)", false, false, {0, 1, 3, 0.01, false},
     [](FieldReader &r, const YamlNode &v, const FaultParam &p, Fault &f) {
         assignIf(f.probability, r.probability(v, key(p)));
     },
     nullptr,
     [](const Fault &f) { return formatNumber(f.probability); },
     [](Fault &f, const Node &, double v) { f.probability = v; },
     [](const Fault &f) { return f.probability; },
     [](Fault &f, double v) { f.probability = v; }},
    {"version", "the schema version written from now on", false, false, {1, 1'000'000, 0, 1, false},
     [](FieldReader &r, const YamlNode &v, const FaultParam &p, Fault &f) {
         assignIf(f.version, r.integer(v, key(p), 1, 1'000'000));
     },
     nullptr,
     [](const Fault &f) { return std::to_string(f.version); },
     [](Fault &f, const Node &n, double) { f.version = n.producer.schemaVersion + 1; },
     [](const Fault &f) { return static_cast<double>(f.version); },
     [](Fault &f, double v) { f.version = static_cast<int>(v); }},
    {"to", "how far back a replay goes: earliest, or a duration before the fault", false, false, {},
     [](FieldReader &r, const YamlNode &v, const FaultParam &p, Fault &f) {
         if (v.isScalar() && v.scalar == kEarliest)
             f.replayTo.reset();
         else
             assignIf(f.replayTo, r.positiveDuration(v, key(p)));
     },
     nullptr,
     [](const Fault &f) { return f.replayTo ? formatDuration(*f.replayTo) : std::string(kEarliest); }},
};

// In the order of Fault::Kind. Menu ranks: the order of a node's fault menu.
const FaultInfo kKinds[] = {
    {"crash", K::Crash, "NODE", kMembers, "a consumer or a producer", "instances", false,
     "members stop; their unacknowledged work is redelivered",
     "crash", "Crash…",
     "Members stop; unacknowledged work is redelivered when they come back (at-least-once "
     "duplicates)",
     0, "Instances:", false, 30 * kSecond, 0},
    {"pause", K::Pause, "NODE", kMembers, "a consumer or a producer", "instances", false,
     "members stop processing but keep their state",
     "pause", "Pause…", "Members stop processing but keep their state",
     1, "Instances:", false, 30 * kSecond, 0},
    {"slow", K::Slow, "NODE", bit(NodeKind::Consumer) | bit(NodeKind::Store),
     "a consumer or a store", "factor", true,
     "service times (a store's write times) multiplied by the factor",
     "slow", "Slow…", "Processing (a store's writes) takes `factor` times longer",
     2, "Service time ×", false, 60 * kSecond, 4},
    {"outage", K::Outage, "BUS", kBuses | bit(NodeKind::Store),
     "a bus (a topic, queue or exchange) or a store", "", false,
     "a bus: publishes fail and are retried, consumers receive nothing; a store: every write "
     "fails at once",
     "outage", "Outage…",
     "A bus: publishes fail and are retried by producers, consumers receive nothing. A store: "
     "every write fails at once",
     3, "", false, 30 * kSecond, 0},
    {"latency", K::Latency, "\"A -> B\"", 0, "", "add", true,
     "adds a delay to one edge",
     "latency", "", "", 10, "", false, 0, 0},
    {"isolate", K::Isolate, "NODE", kMembers, "a consumer or a producer", "instances", false,
     "cut off from every bus",
     "isolate", "Isolate…", "Cut off from every bus",
     8, "Instances:", false, 30 * kSecond, 0},
    {"duplicate", K::Duplicate, "BUS", kBuses, "a bus (a topic, queue or exchange)",
     "probability", true, "the bus delivers an extra copy with the probability",
     "duplicate burst", "Duplicate burst…",
     "The bus delivers an extra copy of a share of the messages",
     4, "Probability:", false, 10 * kSecond, 0.2},
    {"poison", K::Poison, "PRODUCER", bit(NodeKind::Producer), "a producer", "probability", true,
     "that share of the messages fails every processing attempt",
     "poison", "Poison…", "A share of the messages fails every processing attempt",
     5, "Probability:", false, 30 * kSecond, 0.05},
    {"schema", K::Schema, "PRODUCER", bit(NodeKind::Producer), "a producer", "version", true,
     "the producer writes a new schema version",
     "schema change", "Schema change…", "Messages carry a new schema version",
     6, "Schema version:", false, 0, 0},
    {"spike", K::Spike, "PRODUCER", bit(NodeKind::Producer), "a producer", "factor", true,
     "the producer's rate multiplied by the factor",
     "spike", "Spike…", "The rate is multiplied by `factor`",
     7, "Rate ×", false, 60 * kSecond, 2},
    {"rebalance", K::Rebalance, "CONSUMER", bit(NodeKind::Consumer), "a consumer", "", false,
     "forces a rebalance of the group",
     "rebalance", "Rebalance", "The group rebalances once, now",
     9, "", true, 0, 0},
    {"replay", K::Replay, "CONSUMER", bit(NodeKind::Consumer), "a consumer reading a topic", "to", false,
     "resets the group's committed offsets back to `to`; what it reads again counts as replayed",
     "replay", "Replay from earliest", "The group reads again everything its topics still retain",
     11, "", true, 0, 0},
    {"scale", K::Scale, "CONSUMER", bit(NodeKind::Consumer), "a consumer", "instances", true,
     "sets the group to `instances` members (one rebalance)",
     "scale", "Scale…", "New members join, or the newest leave, in one rebalance",
     12, "Instances:", false, 0, 0, true},
};
// clang-format on

} // namespace

std::span<const FaultInfo> faultKinds() {
    return kKinds;
}

const FaultInfo &faultInfo(Fault::Kind kind) {
    return kKinds[static_cast<std::size_t>(kind)];
}

std::span<const FaultParam> faultParams() {
    return kParams;
}

const FaultParam &faultForParam() {
    // The one key every fault may take and none must: `for`.
    static const FaultParam &p =
        *std::find_if(std::begin(kParams), std::end(kParams),
                      [](const FaultParam &q) { return q.common && !q.required; });
    return p;
}

const FaultParam *findFaultParam(std::string_view key) {
    for (const FaultParam &p : kParams)
        if (p.key == key)
            return &p;
    return nullptr;
}

std::string faultKindList() {
    std::string out;
    const std::size_t n = std::size(kKinds);
    for (std::size_t i = 0; i < n; ++i)
        out += (i == 0 ? "" : i + 1 == n ? " or " : ", ") + std::string(kKinds[i].name);
    return out;
}

Fault suggestedFault(Fault::Kind kind, const Node &target) {
    const FaultInfo &info = faultInfo(kind);
    Fault f;
    f.kind = kind;
    f.target = target.id;
    f.at = 0;
    if (info.suggestedFor > 0)
        f.duration = info.suggestedFor;
    if (const FaultParam *p = findFaultParam(info.parameter); p && p->suggest)
        p->suggest(f, target, info.suggested);
    if (info.setsCount) // one member more than now: the usual first step of a scale-out
        f.instances = membersOf(target) + 1;
    return f;
}

KeyValues faultEntries(const Fault &f, TextStyle style) {
    const FaultInfo &info = faultInfo(f.kind);
    const bool file = style == TextStyle::File;
    KeyValues out;
    for (const FaultParam &p : kParams)
        if (p.common && p.present(f))
            out.emplace_back(p.key, p.text(f));
    if (f.kind == Fault::Kind::Latency) {
        const std::string edge = f.target + " -> " + f.edgeTo;
        out.emplace_back(info.name, file ? yamlQuoted(edge) : "\"" + edge + "\"");
    } else {
        out.emplace_back(info.name, file ? yamlString(f.target) : f.target);
    }
    for (const FaultParam &p : kParams)
        if (!p.common && (p.present ? p.present(f) : info.parameter == p.key))
            out.emplace_back(p.key, p.text(f));
    return out;
}

} // namespace eventbench::model
