#pragma once
// The fault catalogue: every fault kind a scenario's `faults:` may hold (its key, the node
// kinds it applies to, the one parameter it takes) and every key of a fault entry (at, for
// and the parameters: how each is read, written and asked in the live-run dialog). The
// loader, validator, writer, inspector, engine event log, fault dialog and node menu all
// read these tables; adding a fault kind is one entry here plus its behaviour in the engine.
// Static and immutable; any thread.
#include <span>
#include <string>
#include <string_view>

#include "model/catalogue/KnobFormat.h"
#include "model/scenario/Scenario.h"

namespace eventbench::model {

class FieldReader;
struct YamlNode;

/// How the live-run fault dialog asks a parameter.
struct FaultField {
    double min = 0;
    double max = 0;
    int decimals = 0;     // 0: a whole number
    double step = 1;      // the spin box's step
    bool members = false; // a count of the node's members: 0 means all, max is the node's count
};

/// A key of a fault entry other than the kind: `at`, `for` or a kind's parameter.
struct FaultParam {
    std::string_view key;
    std::string_view description;
    bool common = false;   // every fault takes it (at, for); else only the kinds naming it
    bool required = false; // every fault must give it (at)
    FaultField field{};    // the dialog's field (parameters the dialog asks)
    void (*read)(FieldReader &r, const YamlNode &value, const FaultParam &p, Fault &f) = nullptr;
    /// Whether the entry holds it; null: whenever the fault's kind takes it.
    bool (*present)(const Fault &f) = nullptr;
    /// The value as the file writes it (and the inspector shows it).
    std::string (*text)(const Fault &f) = nullptr;
    /// The dialog's first value: `value` is the kind's suggestion (FaultInfo::suggested).
    void (*suggest)(Fault &f, const Node &target, double value) = nullptr;
    /// The dialog's field value, and setting it back.
    double (*get)(const Fault &f) = nullptr;
    void (*set)(Fault &f, double value) = nullptr;
};

/// One fault kind.
struct FaultInfo {
    std::string_view name; // its key in a fault entry, e.g. `crash`
    Fault::Kind kind;
    std::string_view target;    // what the key names, as scenarios/README.md writes it: NODE, BUS..
    unsigned targets = 0;       // the node kinds it applies to (bit per NodeKind); none: an edge
    std::string_view needs;     // those kinds in words, for the validator's message
    std::string_view parameter; // the one further key it takes ("" = none)
    bool parameterRequired = false;
    std::string_view description; // one line
    // The live-run node menu and fault dialog.
    std::string_view displayName; // `duplicate burst`, as the menu and messages say it
    std::string_view menuLabel;   // "" = not offered in the node menu
    std::string_view menuHelp;
    int menuRank = 0;            // position in a node's menu
    std::string_view fieldLabel; // the label of its parameter's field
    bool instant = false;        // happens once: sent without a dialog or a duration
    SimTime suggestedFor = 0;    // the dialog's first duration (0 = to the end of the run)
    double suggested = 0;        // the dialog's first value of its parameter
    bool setsCount = false;      // its `instances` is the group's new size, not members it hits

    bool takes(NodeKind kind) const { return (targets >> static_cast<unsigned>(kind)) & 1u; }
};

/// Every fault kind, in the order of Fault::Kind.
std::span<const FaultInfo> faultKinds();
const FaultInfo &faultInfo(Fault::Kind kind);
/// `at`, `for`, then every parameter, in file order.
std::span<const FaultParam> faultParams();
const FaultParam *findFaultParam(std::string_view key);
/// `for`: how long a fault lasts, a key every fault may take.
const FaultParam &faultForParam();
/// "crash, pause, ... spike or rebalance".
std::string faultKindList();

/// A fault of `kind` on `target` with the dialog's first values (at = 0).
Fault suggestedFault(Fault::Kind kind, const Node &target);
/// The entries of `f` in file order (at, for, kind, parameter) as key/value texts.
KeyValues faultEntries(const Fault &f, TextStyle style);

} // namespace eventbench::model
