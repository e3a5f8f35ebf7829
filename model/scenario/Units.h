#pragma once
// Parsing and printing of the units of scenarios/README.md#values-and-units: durations, rates,
// sizes and counts. Parsers return nullopt and set `error` (a short message, no position) on bad
// input.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// `250us`, `15ms`, `2s`, `5m`, `1h`, `2d`, `1.5s`; a bare number is seconds. -> nanoseconds.
/// Rejects negatives and anything above 10 years.
std::optional<SimTime> parseDuration(std::string_view text, std::string *error);
/// `200/s`, `12000/min`, `3/ms`, `1.5k/s`, `5/h`; a bare number is per second. -> per second.
/// Rejects negatives and anything above 1e9/s.
std::optional<double> parseRate(std::string_view text, std::string *error);
/// `512B`, `1KB`, `4KiB`, `1MB`, `1GiB`; KB = 1000, KiB = 1024; bare = bytes. -> bytes.
std::optional<double> parseSize(std::string_view text, std::string *error);
/// `5000`, `5k`, `2M`, `1.5G`. -> count (may be fractional).
std::optional<double> parseCount(std::string_view text, std::string *error);

/// One unit a duration, size or rate may be written in, as the parsers read it and the
/// formatters and the app's value editors offer it: the one table of each kind's units.
struct UnitDef {
    std::string_view name; // after the number: `ms`, `KiB`, `/min`
    int exponent;          // the unit is multiplier × 10^exponent base units (kept apart so
    double multiplier;     // that decimal units scale exactly)
    bool offered = true;   // false: another spelling the parser also reads (`µs`, `kB`, bare)
    /// The unit in base units: nanoseconds, bytes, or (for a rate) the seconds it counts per.
    double size() const;
};
/// Durations, in nanoseconds, smallest first.
std::span<const UnitDef> durationUnits();
/// Sizes, in bytes, smallest first (decimal before binary of the same prefix).
std::span<const UnitDef> sizeUnits();
/// Rates, by the length of their time unit in seconds (`/ms` is 10^-3), shortest first.
std::span<const UnitDef> rateUnits();

/// Canonical text that the parsers read back to the same value: the largest unit that
/// keeps the value exact (`250ms`, `2s`, `90s`, `1500us`).
std::string formatDuration(SimTime ns);
std::string formatRate(double perSecond); // `200/s`, `0.5/s`
std::string formatSize(double bytes);     // `1KB`, `4KiB`, `700B`
std::string formatNumber(double v);       // shortest round-trip decimal (`0.01`, `3`)

} // namespace eventbench::model
