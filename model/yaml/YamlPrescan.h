#pragma once
// A cheap pass over a YAML text before yaml-cpp parses it. yaml-cpp spends a few hundred bytes
// per token and recurses per nesting level, so a few megabytes of `[` or `---` would take
// gigabytes; this pass counts what would be built and refuses the text at the position where
// a limit is crossed. Used by readYaml; pure function, no state.
#include <cstddef>
#include <string>
#include <string_view>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// The limits of YamlPrescan (README.md#limits-on-input-files).
struct YamlLimits {
    std::size_t maxValues = 250'000; // values and collections (keys count as values)
    int maxDepth = 100;              // nesting of lists and maps
    std::size_t maxAliases = 10'000; // `*name` references
};

/// What the pre-scan found: an empty error when the text is within the limits.
struct YamlPrescanResult {
    std::string error;
    SourcePos errorPos;
};

/// Scans `text` once (linear time, constant memory). Counts values, nesting, documents and
/// aliases; anything it cannot judge is left to the parser. Positions are 1-based lines and
/// byte columns, as yaml-cpp reports them.
YamlPrescanResult prescanYaml(std::string_view text, const YamlLimits &limits = {});

} // namespace eventbench::model
