#pragma once
// What `eventbench sweep FILE --vary PATH=V1,V2,... [--vary ...]` varies (issue 8): the knobs
// and every combination of their values, in odometer order (the first --vary changes
// slowest, the last fastest). Each combination becomes `--set`-style overrides. Plain values.
#include <cstddef>
#include <string>
#include <vector>

#include "model/scenario/Diagnostic.h"

namespace eventbench::model {

struct SweepPlan {
    /// One --vary option.
    struct Knob {
        std::string spec;                // the option's text, `PATH=V1,V2,...`
        std::string path;                // PATH
        std::vector<std::string> values; // V1, V2, ... (YAML, trimmed)
    };
    /// More combinations than this is refused (a typo, not a plan).
    static constexpr std::size_t kMaxCombinations = 100000;

    std::vector<Knob> knobs;

    /// Parses the --vary texts. Problems (no `=`, an empty path or value, a path varied twice,
    /// too many combinations) come back as diagnostics with the file `--vary`.
    static SweepPlan parse(const std::vector<std::string> &varies, Diagnostics *diagnostics);
    /// Splits `V1,V2,...` at the commas outside `[]`, `{}` and quotes, trimming spaces, so
    /// that `{distribution: exponential, mean: 5ms},2ms` is two values.
    static std::vector<std::string> splitValues(const std::string &text);

    /// The number of combinations: the product of the knobs' value counts.
    std::size_t combinations() const;
    /// The value chosen for each knob in combination `index` (0-based, odometer order).
    std::vector<std::string> values(std::size_t index) const;
    /// Combination `index` as overrides, `PATH=VALUE` for each knob in --vary order.
    std::vector<std::string> overrides(std::size_t index) const;
};

} // namespace eventbench::model
