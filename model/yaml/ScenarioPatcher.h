#pragma once
// The line-preserving save: the user's scenario file patched so that it loads as the edited
// scenario, changing only the lines an edit concerns. Comments, blank lines, key order,
// alignment and quoting everywhere else stay as they were; an unedited scenario gives the
// text back byte for byte. A changed knob changes its value in place (inside a one-line
// `{...}` node too), a reset knob loses its key, a new knob or node is inserted after its
// neighbours, and list items (edges, faults, expect) are matched by their text so that only
// the added, removed or changed ones move. When the patched text would not load as the edited
// scenario (a file shape the patcher does not follow, such as merge keys), the whole file is
// written anew by writeScenarioYaml. Pure function; any thread.
#include <string>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// `text`, which loads as `base`, patched so that it loads as `after`. Node positions missing
/// from the file are not written unless `after` moved the node away from `base`'s place.
std::string patchScenarioYaml(const std::string &text, const Scenario &base, const Scenario &after);

} // namespace eventbench::model
