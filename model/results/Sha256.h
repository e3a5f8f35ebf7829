#pragma once
// SHA-256 (FIPS 180-4) of a byte string, for the provenance rows of summary.csv (the
// scenario_sha256 of README.md#command-line). Small and dependency-free; pure function.
#include <string>
#include <string_view>

namespace eventbench::model {

/// The digest of `bytes` as 64 lowercase hex digits.
std::string sha256Hex(std::string_view bytes);

/// The eventbench version this binary was built as (the project version, e.g. "0.1.0").
const char *eventbenchVersion();

} // namespace eventbench::model
