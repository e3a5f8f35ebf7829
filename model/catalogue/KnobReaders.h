#pragma once
// The readers and texts of the knobs whose values are not a single scalar (explicit keys,
// attributes, accepted schema versions, canvas positions), shared by the knob catalogue's
// tables. Only the catalogue's .cpp files include this.
#include <optional>
#include <string>
#include <vector>

#include "model/catalogue/KnobCatalogue.h"
#include "model/yaml/FieldReader.h"
#include "model/yaml/YamlReader.h"

namespace eventbench::model::knobs {

std::string keyOf(const NodeKnob &k);
std::optional<KeySpec> readKeys(FieldReader &r, const YamlNode &v, const NodeKnob &knob);
std::string keysText(const KeySpec &k, TextStyle style);
void readAttributes(FieldReader &r, const YamlNode &v, const NodeKnob &knob, Node &n);
std::vector<int> readAccepts(FieldReader &r, const YamlNode &v, const NodeKnob &knob);
void readPos(FieldReader &r, const YamlNode &v, const NodeKnob &k, Node &node);
std::string acceptsText(const std::vector<int> &versions);
/// `autoscale: {min, max, target_lag, interval, cooldown, startup}`; what is not given keeps
/// the default; min must not exceed max.
std::optional<AutoscaleSpec> readAutoscale(FieldReader &r, const YamlNode &v, const NodeKnob &knob);
/// Every key of `autoscale`, in file order.
std::string autoscaleText(const AutoscaleSpec &a);

} // namespace eventbench::model::knobs
