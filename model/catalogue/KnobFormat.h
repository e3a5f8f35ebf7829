#pragma once
// The text of knob values in two spellings: as the scenario file holds them (ScenarioWriter;
// strings quoted where YAML needs it) and as the inspector shows them (plain, every part
// spelled out). Used by the knob and fault catalogues and the writer; pure functions.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// Which of the two spellings a value is written in.
enum class TextStyle { File, Inspector };

using KeyValues = std::vector<std::pair<std::string, std::string>>;

/// `s` unquoted when it reads back as this same string (in flow context when `flow`),
/// else double-quoted.
std::string yamlString(std::string_view s, bool flow = true);
/// `s` double-quoted with YAML escapes.
std::string yamlQuoted(std::string_view s);
/// `{k1: v1, k2: v2}`.
std::string yamlFlowMap(const KeyValues &entries);
std::string boolText(bool b);

std::string distributionText(const Distribution &d, TextStyle style);
std::string rateProfileText(const RateProfile &p);
std::string choiceText(const WeightedChoice &c, TextStyle style);
/// The file spelling leaves out a zero backoff only when `defaults` has none either.
std::string retryText(const RetrySpec &r, const RetrySpec &defaults, TextStyle style);
std::string filterText(const FilterPolicy &f, TextStyle style);

} // namespace eventbench::model
