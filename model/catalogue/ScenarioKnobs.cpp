// The knob catalogue's tables of an edge's keys and of the scenario's own keys
// (KnobCatalogue.h).
#include <algorithm>
#include <charconv>

#include "model/catalogue/KnobCatalogue.h"
#include "model/catalogue/KnobCodecs.h"

namespace eventbench::model {

using namespace knobs;

namespace {

template <typename O> std::string keyOf(const KnobInfo<O> &k) {
    return std::string(k.key);
}
template <typename O> bool never(const O &) {
    return false;
}

// An end of an edge: always written, shown as it is.
template <std::string Edge::*End> constexpr KnobCodec<Edge> endKnob() {
    return {[](FieldReader &r, const YamlNode &v, const EdgeKnob &k, Edge &e) {
                assignIf(e.*End, r.nodeId(v, keyOf(k)));
            },
            never<Edge>,
            [](const Edge &e, const EdgeKnob &) -> std::optional<std::string> {
                return yamlString(e.*End);
            },
            [](const Edge &e, const EdgeKnob &) { return e.*End; }};
}

const KnobCodec<Edge> kLatencyCodec = {
    [](FieldReader &r, const YamlNode &v, const EdgeKnob &k, Edge &e) {
        assignIf(e.latency, r.distribution(v, Quantity::Duration, keyOf(k)));
    },
    &isAbsentAt<&Edge::latency>,
    [](const Edge &e, const EdgeKnob &) -> std::optional<std::string> {
        if (!e.latency)
            return std::nullopt;
        return distributionText(*e.latency, TextStyle::File);
    },
    [](const Edge &e, const EdgeKnob &) {
        return e.latency ? distributionText(*e.latency, TextStyle::Inspector) : formatDuration(0);
    }};

const KnobCodec<Edge> kFilterCodec = {
    [](FieldReader &r, const YamlNode &v, const EdgeKnob &k, Edge &e) {
        assignIf(e.filter, r.filterPolicy(v, keyOf(k)));
    },
    &isAbsentAt<&Edge::filter>,
    [](const Edge &e, const EdgeKnob &) -> std::optional<std::string> {
        if (!e.filter)
            return std::nullopt;
        return filterText(*e.filter, TextStyle::File);
    },
    [](const Edge &e, const EdgeKnob &k) {
        return e.filter ? filterText(*e.filter, TextStyle::Inspector) : std::string(k.defaultText);
    }};

// One pattern, or a list of them. The empty pattern "" is a pattern (it matches only the
// empty routing key, as in RabbitMQ).
std::optional<std::string> readPattern(FieldReader &r, const YamlNode &v, const std::string &what) {
    if (v.isNull()) {
        r.error(v, what + ": expected a routing-key pattern such as 'order.*' (the empty pattern "
                          "is written \"\")");
        return std::nullopt;
    }
    return r.text(v, what);
}

std::optional<std::vector<std::string>> readBinding(FieldReader &r, const YamlNode &v,
                                                    const std::string &what) {
    std::vector<std::string> patterns;
    if (!v.isSequence()) {
        auto s = readPattern(r, v, what);
        if (!s)
            return std::nullopt;
        patterns.push_back(*s);
        return patterns;
    }
    if (v.items.empty()) {
        r.error(v, what + ": the list of patterns is empty; give at least one, such as "
                          "[\"order.*\"]");
        return std::nullopt;
    }
    const std::size_t before = r.errorCount();
    for (std::size_t i = 0; i < v.items.size(); ++i) {
        auto s = readPattern(r, v.items[i], what);
        if (!s)
            continue;
        if (std::find(patterns.begin(), patterns.end(), *s) != patterns.end())
            r.error(v.items[i], what + ": duplicate pattern " + yamlQuoted(*s));
        else
            patterns.push_back(*s);
    }
    if (r.errorCount() != before)
        return std::nullopt;
    return patterns;
}

std::string bindingText(const std::vector<std::string> &patterns, TextStyle style) {
    if (patterns.size() == 1)
        return style == TextStyle::File || patterns.front().empty() ? yamlString(patterns.front())
                                                                    : patterns.front();
    std::string out = "[";
    for (std::size_t i = 0; i < patterns.size(); ++i)
        out += (i ? ", " : "") + yamlString(patterns[i]);
    return out + "]";
}

const KnobCodec<Edge> kBindingCodec = {
    [](FieldReader &r, const YamlNode &v, const EdgeKnob &k, Edge &e) {
        assignIf(e.binding, readBinding(r, v, keyOf(k)));
    },
    &isAbsentAt<&Edge::binding>,
    [](const Edge &e, const EdgeKnob &) -> std::optional<std::string> {
        if (!e.binding)
            return std::nullopt;
        return bindingText(*e.binding, TextStyle::File);
    },
    [](const Edge &e, const EdgeKnob &k) {
        return e.binding ? bindingText(*e.binding, TextStyle::Inspector)
                         : std::string(k.defaultText);
    }};

std::optional<std::uint64_t> readSeed(FieldReader &r, const YamlNode &v, const std::string &what) {
    auto s = r.text(v, what);
    if (!s)
        return std::nullopt;
    std::uint64_t seed = 0;
    auto res = std::from_chars(s->data(), s->data() + s->size(), seed);
    if (s->empty() || res.ec != std::errc() || res.ptr != s->data() + s->size()) {
        r.error(v, what + ": expected a whole number from 0 to 18446744073709551615, found '" + *s +
                       "'");
        return std::nullopt;
    }
    return seed;
}

const KnobCodec<Scenario> kNameCodec = {
    [](FieldReader &r, const YamlNode &v, const ScenarioKnob &k, Scenario &s) {
        auto name = r.text(v, keyOf(k));
        if (name && name->empty())
            r.error(v, keyOf(k) + ": the name must not be empty");
        else
            assignIf(s.name, name);
    },
    never<Scenario>,
    [](const Scenario &s, const ScenarioKnob &) -> std::optional<std::string> {
        return yamlString(s.name, false);
    },
    [](const Scenario &s, const ScenarioKnob &) { return s.name; }};

const KnobCodec<Scenario> kDescriptionCodec = {
    [](FieldReader &r, const YamlNode &v, const ScenarioKnob &k, Scenario &s) {
        assignIf(s.description, r.text(v, keyOf(k)));
    },
    [](const Scenario &s) { return s.description.empty(); },
    [](const Scenario &s, const ScenarioKnob &) -> std::optional<std::string> {
        if (s.description.empty())
            return std::nullopt;
        return yamlString(s.description, false);
    },
    [](const Scenario &s, const ScenarioKnob &) { return s.description; }};

const KnobCodec<Scenario> kSeedCodec = {
    [](FieldReader &r, const YamlNode &v, const ScenarioKnob &k, Scenario &s) {
        assignIf(s.seed, readSeed(r, v, keyOf(k)));
    },
    &isDefaultAt<&Scenario::seed>,
    [](const Scenario &s, const ScenarioKnob &) -> std::optional<std::string> {
        return std::to_string(s.seed);
    },
    [](const Scenario &s, const ScenarioKnob &) { return std::to_string(s.seed); }};

// `warmup: auto`: MSER-5 chooses the truncation of each run.
constexpr std::string_view kAuto = "auto";

const KnobCodec<Scenario> kWarmupCodec = {
    [](FieldReader &r, const YamlNode &v, const ScenarioKnob &k, Scenario &s) {
        s.warmupAuto = v.isScalar() && !v.quoted && v.scalar == kAuto;
        if (s.warmupAuto)
            s.warmup = 0;
        else
            assignIf(s.warmup, r.duration(v, keyOf(k)));
    },
    [](const Scenario &s) { return !s.warmupAuto && s.warmup == Scenario{}.warmup; },
    [](const Scenario &s, const ScenarioKnob &) -> std::optional<std::string> {
        return s.warmupAuto ? std::string(kAuto) : formatDuration(s.warmup);
    },
    [](const Scenario &s, const ScenarioKnob &) {
        return s.warmupAuto ? std::string(kAuto) : formatDuration(s.warmup);
    }};

// Samples a run may take (README.md#limits-on-input-files): each is an event that reads every
// series, so a sample every nanosecond would keep a run busy for ever.
constexpr SimTime kMaxSamples = 100'000'000;

void checkSampleEvery(FieldReader &r, const YamlNode &v, const ScenarioKnob &k, const Scenario &s) {
    if (s.duration > 0 && s.sampleEvery > s.duration)
        r.error(v, keyOf(k) + ": " + formatDuration(s.sampleEvery) +
                       " is longer than the run's duration (" + formatDuration(s.duration) + ")");
    else if (s.sampleEvery > 0 && s.duration / s.sampleEvery > kMaxSamples)
        r.error(v, keyOf(k) + ": " + formatDuration(s.sampleEvery) + " over a duration of " +
                       formatDuration(s.duration) + " is more than " + std::to_string(kMaxSamples) +
                       " samples; sample less often");
}

void checkWarmup(FieldReader &r, const YamlNode &v, const ScenarioKnob &k, const Scenario &s) {
    if (s.duration > 0 && s.warmup >= s.duration)
        r.error(v, keyOf(k) + ": " + formatDuration(s.warmup) +
                       " leaves nothing of the run's duration (" + formatDuration(s.duration) +
                       ")");
}

constexpr KnobRange positive() {
    KnobRange r;
    r.positive = true;
    return r;
}

// clang-format off
const EdgeKnob kEdge[] = {
    {.key = "from", .defaultText = "required", .description = "the node messages leave",
     .required = true, .fixed = true, .codec = endKnob<&Edge::from>()},
    {.key = "to", .defaultText = "required", .description = "the node messages reach",
     .required = true, .fixed = true, .codec = endKnob<&Edge::to>()},
    {.key = "latency", .defaultText = "0s", .description = "delays every message on the edge (a distribution)",
     .shape = KnobShape::DurationDistribution, .codec = kLatencyCodec},
    {.key = "filter", .defaultText = "none", .description = "an SNS filter policy on message attributes (from an exchange)",
     .codec = kFilterCodec},
    {.key = "binding", .defaultText = "none", .description = "a routing-key pattern or a list of them, matched when any matches (from an exchange)",
     .freeText = true, .textList = true, .codec = kBindingCodec},
    {.key = "ratio", .defaultText = "1", .description = "follow-ups published per processed message (from a consumer)",
     .range = {0, 1e6}, .codec = numberKnob<&Edge::ratio>()},
};

const ScenarioKnob kScenario[] = {
    {.key = "scenario", .defaultText = "required", .description = "the scenario's name",
     .required = true, .freeText = true, .codec = kNameCodec},
    {.key = "description", .defaultText = "none", .description = "what the scenario shows",
     .freeText = true, .codec = kDescriptionCodec},
    {.key = knob_key::kSeed, .defaultText = "1", .description = "the seed of every random draw",
     .sweepable = true, .codec = kSeedCodec},
    {.key = knob_key::kDuration, .defaultText = "required", .description = "how much simulated time to run",
     .range = positive(), .required = true, .sweepable = true, .codec = durationKnob<&Scenario::duration>()},
    {.key = knob_key::kSampleEvery, .defaultText = "1s", .description = "how often metrics are sampled",
     .range = positive(), .codec = durationKnob<&Scenario::sampleEvery>(), .check = checkSampleEvery},
    {.key = "warmup", .defaultText = "0s", .description = "left out of the summary statistics; auto: chosen per run",
     .sweepable = true, .codec = kWarmupCodec, .check = checkWarmup},
};
// clang-format on

} // namespace

std::span<const EdgeKnob> edgeKnobs() {
    return kEdge;
}

std::span<const ScenarioKnob> scenarioKnobs() {
    return kScenario;
}

namespace {

/// True when a knob named `key` of a node, an edge or the scenario passes `test`.
template <typename Test> bool anyKnob(std::string_view key, Test test) {
    auto in = [key, test](const auto &table) {
        for (const auto &k : table)
            if (k.key == key && test(k))
                return true;
        return false;
    };
    if (in(kEdge) || in(kScenario))
        return true;
    for (NodeKind kind : {NodeKind::Producer, NodeKind::Topic, NodeKind::Queue, NodeKind::Exchange,
                          NodeKind::Consumer, NodeKind::Store})
        if (in(nodeKnobs(kind)))
            return true;
    return false;
}

} // namespace

bool isFreeTextKnob(std::string_view key) {
    return anyKnob(key, [](const auto &k) { return k.freeText; });
}

bool isTextListKnob(std::string_view key) {
    return anyKnob(key, [](const auto &k) { return k.textList; });
}

} // namespace eventbench::model
