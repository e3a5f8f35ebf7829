#pragma once
// Writes a Scenario as the YAML of scenarios/README.md (what the app's Save and `--set` round trips
// use). Only knobs that differ from their defaults are written, with canonical unit text, so that
// loading the text back gives an equal Scenario. Pure function; callable from any thread.
#include <string>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// The scenario as YAML text, keys in the order of scenarios/README.md, nodes in their order.
std::string writeScenarioYaml(const Scenario &s);

/// The parts the whole is made of, for writers that patch a file piece by piece
/// (ScenarioPatcher): a node's `id: {...}` entry (one line when short, else a block) under
/// `indent`; one item of `edges`, `faults` and `expect`.
std::string nodeEntryYaml(const Node &n, const std::string &indent);
std::string edgeYaml(const Edge &e);
std::string faultYaml(const Fault &f);
std::string expectationYaml(const Expectation &e);

} // namespace eventbench::model
