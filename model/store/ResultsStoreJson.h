#pragma once
// The text of `samples.values_json` in the results store: one JSON array per sample instant
// with one number per series (in `series.idx` order), so that a batch of samples costs one row
// per instant and SQL still reaches every value through json_each (view `sample_values`).
// Numbers are the shortest decimal that reads back to the same double; NaN is `null` and the
// infinities are `1e999` and `-1e999` (which SQLite reads as Inf).
#include <string>
#include <string_view>
#include <vector>

namespace eventbench::model {

void appendJsonNumber(std::string &out, double v);
/// The numbers of such an array (null -> NaN); false for anything else.
bool parseJsonNumbers(std::string_view text, std::vector<double> &out);

} // namespace eventbench::model
