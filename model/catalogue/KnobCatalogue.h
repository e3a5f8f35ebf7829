#pragma once
// The knob catalogue: every key a node kind, an edge or the scenario itself accepts, with
// what it accepts, how it is read from YAML (through FieldReader), written back
// (ScenarioWriter), shown (the inspector), whether a sweep suggests it, and a one-line
// description. The loader, writer, validator, inspector and sweep dialog all read these
// tables; adding a knob is one entry here (plus its field in Scenario.h and its behaviour).
// The tables are static and immutable; any thread.
#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/catalogue/KnobFormat.h"
#include "model/scenario/Scenario.h"

namespace eventbench::model {

class FieldReader;
struct YamlNode;

/// The values a knob accepts, where they are a range or a list of words.
struct KnobRange {
    double min = 0; // whole numbers and numbers: inclusive bounds
    double max = 0;
    bool positive = false;                     // durations: more than 0 (else 0 or more)
    std::array<std::string_view, 3> choices{}; // a choice's words, in the order of its enum

    std::vector<std::string_view> choiceList() const;
};

/// The shape of a knob's value, which picks the inspector's structured editor for it
/// (ui/inspector/ValueEditorDialog): plain text, a distribution of durations or of sizes
/// (scenarios/README.md#values-and-units), a rate profile, a retry policy.
enum class KnobShape { Text, DurationDistribution, SizeDistribution, RateProfile, Retry };

template <typename Owner> struct KnobInfo;

/// How one knob's value moves between YAML, the model and text. `Owner` is Node, Edge or
/// Scenario; the functions reach the knob's field inside it.
template <typename Owner> struct KnobCodec {
    using Info = KnobInfo<Owner>;
    /// Reads the YAML value into the owner; problems go to the reader, quoting `info.key`.
    void (*read)(FieldReader &r, const YamlNode &value, const Info &info, Owner &o) = nullptr;
    /// True when the writer leaves the knob out (it holds the default).
    bool (*isDefault)(const Owner &o) = nullptr;
    /// The value as the scenario file writes it; nullopt when it is absent (no value).
    std::optional<std::string> (*write)(const Owner &o, const Info &info) = nullptr;
    /// The value as the inspector shows it, the default spelled out.
    std::string (*show)(const Owner &o, const Info &info) = nullptr;
};

/// One entry of the catalogue.
template <typename Owner> struct KnobInfo {
    std::string_view key;         // as in the file; the only spelling of it in the code
    std::string_view defaultText; // the default in the words of scenarios/README.md
    std::string_view description; // one line
    KnobRange range{};
    bool required = false;  // the file must give it
    bool sweepable = false; // suggested as a path a sweep may vary (Run > Sweep, --vary)
    bool freeText = false;  // any text: the inspector quotes what the user types
    bool fixed = false;     // identifies rather than configures; not edited in the inspector
    bool textList = false;  // a free-text knob that may also be a list of texts (`[a, b]`)
    KnobShape shape = KnobShape::Text; // the value's shape: which structured editor edits it
    KnobCodec<Owner> codec{};
    /// Inspector rows `key.NAME` for a knob shown entry by entry (attributes); else null.
    KeyValues (*showEach)(const Owner &o) = nullptr;
    /// The node id the knob names, which must be a bus (dead_letter, unroutable); else null.
    const std::string *(*names)(const Owner &o) = nullptr;
    /// A rule across knobs of one owner; a non-empty message is an error of the owner.
    std::string (*problem)(const Owner &o, const KnobInfo &info) = nullptr;
    /// A setting that has no effect as the owner stands; a non-empty message is a warning.
    std::string (*advice)(const Owner &o, const KnobInfo &info) = nullptr;
    /// After the whole map was read: a check of the value against other knobs.
    void (*check)(FieldReader &r, const YamlNode &value, const KnobInfo &info,
                  const Owner &o) = nullptr;
};

using NodeKnob = KnobInfo<Node>;
using EdgeKnob = KnobInfo<Edge>;
using ScenarioKnob = KnobInfo<Scenario>;

/// The knobs of one node kind, in file order (without `kind` and `pos`, common to all).
std::span<const NodeKnob> nodeKnobs(NodeKind kind);
/// `kind`: first in every node; the loader reads it before the others.
const NodeKnob &nodeKindKnob();
/// `pos`: the node's place on the canvas; written last.
const NodeKnob &nodePosKnob();
/// The knob `key` of a node of `kind` (including kind and pos), or null.
const NodeKnob *findNodeKnob(NodeKind kind, std::string_view key);

/// The keys of an edge's map form, in file order.
std::span<const EdgeKnob> edgeKnobs();
/// The scenario's own keys (name, seed, duration, ...), in file order; the sections
/// (nodes, edges, faults, expect) are not knobs.
std::span<const ScenarioKnob> scenarioKnobs();

/// The first advice (KnobInfo::advice) of a node's knobs, or "".
std::string knobAdvice(const Node &n);

/// True when `key` is a free-text knob of a node, an edge or the scenario.
bool isFreeTextKnob(std::string_view key);
/// True when `key` is a free-text knob that may also be written as a list of texts.
bool isTextListKnob(std::string_view key);

/// The keys that code outside the tables names: where a diagnostic points (the memory
/// estimate) and what `--seed` / `--duration` set. The tables spell these keys with the same
/// constants, so each key is written once.
namespace knob_key {
inline constexpr std::string_view kInstances = "instances";
inline constexpr std::string_view kBuffer = "buffer";
inline constexpr std::string_view kPartitions = "partitions";
inline constexpr std::string_view kRetention = "retention";
inline constexpr std::string_view kConcurrency = "concurrency";
inline constexpr std::string_view kCommitInterval = "commit_interval";
inline constexpr std::string_view kSeed = "seed";
inline constexpr std::string_view kDuration = "duration";
inline constexpr std::string_view kSampleEvery = "sample_every";
} // namespace knob_key

} // namespace eventbench::model
