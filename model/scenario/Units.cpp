#include "model/scenario/Units.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace eventbench::model {

namespace {

__extension__ typedef __int128 Int128; // exact decimal -> nanosecond conversion

constexpr SimTime kMaxDuration = 315'576'000LL * kNanosPerSecond; // 10 Julian years
constexpr double kMaxRate = 1e9;                                  // per second
constexpr double kMaxSize = 1e15;                                 // bytes (1 PB)
constexpr double kMaxCount = 1e18;

/// A decimal number as written: mantissa digits (at most 19 significant ones kept) times
/// 10^exponent. Kept exact so that durations convert to nanoseconds without rounding.
struct Decimal {
    bool negative = false;
    std::uint64_t mantissa = 0;
    int exponent = 0;
    std::string_view numberText; // the number as written, without the sign
    std::string_view suffix;     // what follows the number, trimmed
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

std::optional<Decimal> scanDecimal(std::string_view text) {
    Decimal d;
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        d.negative = text[i] == '-';
        ++i;
    }
    const std::size_t start = i;
    int significant = 0;
    bool anyDigit = false;
    auto addDigit = [&](char c, bool fraction) {
        anyDigit = true;
        if (d.mantissa == 0 && c == '0') {
            if (fraction)
                --d.exponent;
            return;
        }
        if (significant < 19) {
            d.mantissa = d.mantissa * 10 + static_cast<std::uint64_t>(c - '0');
            ++significant;
            if (fraction)
                --d.exponent;
        } else if (!fraction) {
            ++d.exponent; // digits beyond what we keep still scale an integer part
        }
    };
    while (i < text.size() && isDigit(text[i]))
        addDigit(text[i++], false);
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && isDigit(text[i]))
            addDigit(text[i++], true);
    }
    if (!anyDigit)
        return std::nullopt;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        std::size_t j = i + 1;
        bool expNegative = false;
        if (j < text.size() && (text[j] == '+' || text[j] == '-')) {
            expNegative = text[j] == '-';
            ++j;
        }
        if (j < text.size() && isDigit(text[j])) {
            int e = 0;
            while (j < text.size() && isDigit(text[j])) {
                if (e < 100000)
                    e = e * 10 + (text[j] - '0');
                ++j;
            }
            d.exponent += expNegative ? -e : e;
            i = j;
        }
    }
    d.numberText = text.substr(start, i - start);
    d.suffix = trim(text.substr(i));
    return d;
}

/// The decimal times `scale`, as a correctly rounded double (via from_chars).
double toDouble(const Decimal &d, int extraExponent = 0) {
    if (d.mantissa == 0)
        return 0.0;
    const long long exp = static_cast<long long>(d.exponent) + extraExponent;
    if (exp > 400)
        return HUGE_VAL;
    if (exp < -400)
        return 0.0;
    std::string s = std::to_string(d.mantissa) + "e" + std::to_string(exp);
    double v = 0;
    auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (res.ec == std::errc::result_out_of_range)
        return exp > 0 ? HUGE_VAL : 0.0;
    return v;
}

std::string quoted(std::string_view text) {
    return "'" + std::string(text) + "'";
}

void setError(std::string *error, std::string message) {
    if (error)
        *error = std::move(message);
}

/// Shortest text that from_chars reads back to exactly v.
std::string shortest(double v) {
    std::array<char, 400> buf{};
    // Plain digits read better in a scenario file than `2e+06`; both are exact.
    const double a = std::fabs(v);
    const bool fixed = a == 0 || (a >= 1e-6 && a < 1e16);
    auto res = fixed
                   ? std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed)
                   : std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return std::string(buf.data(), res.ptr);
}

} // namespace

std::optional<SimTime> parseDuration(std::string_view text, std::string *error) {
    text = trim(text);
    auto d = scanDecimal(text);
    if (!d) {
        setError(error, "invalid duration " + quoted(text) +
                            " (expected a number and a unit: ns, us, ms, s, m, h or d)");
        return std::nullopt;
    }
    SimTime unit = 0;
    if (d->suffix.empty())
        unit = kNanosPerSecond;
    for (const UnitDef &u : durationUnits())
        if (d->suffix == u.name)
            unit = static_cast<SimTime>(u.size());
    if (unit == 0) {
        setError(error, "invalid duration " + quoted(text) + ": unknown unit " + quoted(d->suffix) +
                            " (use ns, us, ms, s, m, h or d)");
        return std::nullopt;
    }
    if (d->negative && d->mantissa != 0) {
        setError(error, "invalid duration " + quoted(text) + ": must not be negative");
        return std::nullopt;
    }
    const double approx = toDouble(*d) * static_cast<double>(unit);
    if (approx > static_cast<double>(kMaxDuration) * 1.001) {
        setError(error, "absurd duration " + quoted(text) + ": more than 10 years");
        return std::nullopt;
    }
    // Exact: mantissa < 1e19 and unit < 1e14 fit in 128 bits.
    Int128 value = static_cast<Int128>(d->mantissa) * unit;
    if (value == 0) {
        // nothing to scale
    } else if (d->exponent >= 0) {
        for (int i = 0; i < d->exponent; ++i)
            value *= 10;
    } else if (d->exponent < -36) {
        value = 0; // far below a nanosecond
    } else {
        Int128 divisor = 1;
        for (int i = 0; i < -d->exponent; ++i)
            divisor *= 10;
        const Int128 remainder = value % divisor;
        value = value / divisor + (2 * remainder >= divisor ? 1 : 0);
    }
    if (value > kMaxDuration) {
        setError(error, "absurd duration " + quoted(text) + ": more than 10 years");
        return std::nullopt;
    }
    return static_cast<SimTime>(value);
}

std::optional<double> parseRate(std::string_view text, std::string *error) {
    text = trim(text);
    auto d = scanDecimal(text);
    const std::string expected = " (expected e.g. 200/s, 12000/min, 3/ms, 1.5k/s)";
    if (!d) {
        setError(error, "invalid rate " + quoted(text) + expected);
        return std::nullopt;
    }
    std::string_view rest = d->suffix;
    int extraExponent = 0;
    if (!rest.empty() && (rest.front() == 'k' || rest.front() == 'M' || rest.front() == 'G')) {
        extraExponent = rest.front() == 'k' ? 3 : rest.front() == 'M' ? 6 : 9;
        rest = trim(rest.substr(1));
    }
    const UnitDef *rateUnit = &rateUnits()[2]; // `/s`
    if (!rest.empty()) {
        if (rest.front() != '/') {
            setError(error, "invalid rate " + quoted(text) + expected);
            return std::nullopt;
        }
        const std::string_view unit = trim(rest.substr(1));
        rateUnit = nullptr;
        for (const UnitDef &u : rateUnits())
            if (u.name.substr(1) == unit)
                rateUnit = &u;
        if (!rateUnit) {
            setError(error, "invalid rate " + quoted(text) + ": unknown unit " + quoted(unit) +
                                " (use /s, /min, /ms, /us, /h or /d)");
            return std::nullopt;
        }
    }
    if (d->negative && d->mantissa != 0) {
        setError(error, "invalid rate " + quoted(text) + ": must not be negative");
        return std::nullopt;
    }
    // Sub-second units go into the decimal exponent so that `3/ms` is exact.
    const double rate = rateUnit->exponent < 0 ? toDouble(*d, extraExponent - rateUnit->exponent)
                                               : toDouble(*d, extraExponent) / rateUnit->multiplier;
    if (!(rate <= kMaxRate)) {
        setError(error, "absurd rate " + quoted(text) + ": more than 1e9/s");
        return std::nullopt;
    }
    return rate;
}

std::optional<double> parseSize(std::string_view text, std::string *error) {
    text = trim(text);
    auto d = scanDecimal(text);
    if (!d) {
        setError(error,
                 "invalid size " + quoted(text) + " (expected e.g. 512B, 1KB, 4KiB, 1MB, 1GiB)");
        return std::nullopt;
    }
    const UnitDef *unit = d->suffix.empty() ? &sizeUnits()[0] : nullptr;
    for (const UnitDef &u : sizeUnits())
        if (d->suffix == u.name)
            unit = &u;
    if (!unit) {
        setError(error, "invalid size " + quoted(text) + ": unknown unit " + quoted(d->suffix) +
                            " (use B, KB, MB, GB, KiB, MiB or GiB)");
        return std::nullopt;
    }
    if (d->negative && d->mantissa != 0) {
        setError(error, "invalid size " + quoted(text) + ": must not be negative");
        return std::nullopt;
    }
    const double bytes = toDouble(*d, unit->exponent) * unit->multiplier;
    if (!(bytes <= kMaxSize)) {
        setError(error, "absurd size " + quoted(text) + ": more than 1PB");
        return std::nullopt;
    }
    return bytes;
}

std::optional<double> parseCount(std::string_view text, std::string *error) {
    text = trim(text);
    auto d = scanDecimal(text);
    if (!d) {
        setError(error, "invalid count " + quoted(text) + " (expected e.g. 5000, 5k, 2M)");
        return std::nullopt;
    }
    int extraExponent = 0;
    if (d->suffix == "k" || d->suffix == "K")
        extraExponent = 3;
    else if (d->suffix == "M")
        extraExponent = 6;
    else if (d->suffix == "G")
        extraExponent = 9;
    else if (!d->suffix.empty()) {
        setError(error, "invalid count " + quoted(text) + ": unknown suffix " + quoted(d->suffix) +
                            " (use k, M or G)");
        return std::nullopt;
    }
    if (d->negative && d->mantissa != 0) {
        setError(error, "invalid count " + quoted(text) + ": must not be negative");
        return std::nullopt;
    }
    const double count = toDouble(*d, extraExponent);
    if (!(count <= kMaxCount)) {
        setError(error, "absurd count " + quoted(text) + ": more than 1e18");
        return std::nullopt;
    }
    return count;
}

double UnitDef::size() const {
    return multiplier * std::pow(10.0, exponent);
}

std::span<const UnitDef> durationUnits() {
    static constexpr std::array<UnitDef, 8> units = {{{"ns", 0, 1},
                                                      {"us", 3, 1},
                                                      {"\xC2\xB5s", 3, 1, false},
                                                      {"ms", 6, 1},
                                                      {"s", 9, 1},
                                                      {"m", 9, 60},
                                                      {"h", 9, 3600},
                                                      {"d", 9, 86400}}};
    return units;
}

std::span<const UnitDef> sizeUnits() {
    static constexpr std::array<UnitDef, 9> units = {{{"", 0, 1, false},
                                                      {"B", 0, 1},
                                                      {"KB", 3, 1},
                                                      {"kB", 3, 1, false},
                                                      {"KiB", 0, 1024.0},
                                                      {"MB", 6, 1},
                                                      {"MiB", 0, 1024.0 * 1024},
                                                      {"GB", 9, 1},
                                                      {"GiB", 0, 1024.0 * 1024 * 1024}}};
    return units;
}

std::span<const UnitDef> rateUnits() {
    static constexpr std::array<UnitDef, 6> units = {{{"/us", -6, 1},
                                                      {"/ms", -3, 1},
                                                      {"/s", 0, 1},
                                                      {"/min", 0, 60},
                                                      {"/h", 0, 3600},
                                                      {"/d", 0, 86400}}};
    return units;
}

std::string formatDuration(SimTime ns) {
    if (ns == 0)
        return "0s";
    // The largest unit that keeps the value whole.
    const auto units = durationUnits();
    for (auto u = units.rbegin(); u != units.rend(); ++u)
        if (u->offered && ns % static_cast<SimTime>(u->size()) == 0)
            return std::to_string(ns / static_cast<SimTime>(u->size())) + std::string(u->name);
    return std::to_string(ns) + "ns";
}

std::string formatRate(double perSecond) {
    return shortest(perSecond) + "/s";
}

std::string formatSize(double bytes) {
    if (bytes > 0 && bytes < 9007199254740992.0 && bytes == std::floor(bytes)) {
        const auto whole = static_cast<std::int64_t>(bytes);
        // The largest unit that keeps the value whole (GiB before GB).
        const auto units = sizeUnits();
        for (auto u = units.rbegin(); u != units.rend(); ++u) {
            const auto unitBytes = static_cast<std::int64_t>(u->size());
            if (u->offered && unitBytes > 1 && whole % unitBytes == 0)
                return std::to_string(whole / unitBytes) + std::string(u->name);
        }
    }
    return shortest(bytes) + "B";
}

std::string formatNumber(double v) {
    return shortest(v);
}

} // namespace eventbench::model
