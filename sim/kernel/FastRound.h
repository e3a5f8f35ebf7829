#pragma once
// Exact inline equivalents of std::round, std::floor and std::llround for the hot paths: the
// default x86-64 target has no rounding instruction, so the library calls cost more than the
// arithmetic around them. Same results bit for bit (tests/sim/tst_fast_round.cpp compares them);
// values beyond 2^52, infinities and NaN go to the library.
#include <cmath>
#include <cstdint>

namespace eventbench::sim {

namespace detail {
/// x (|x| < 2^52) to the nearest integer, halves away from zero, as an integer.
inline std::int64_t halfAwayInteger(double x) {
    const auto whole = static_cast<std::int64_t>(x);        // toward zero
    const double fraction = x - static_cast<double>(whole); // exact
    // The step away from zero in integers, without a branch: random values (service times)
    // would mispredict half of them.
    return whole + std::int64_t{fraction >= 0.5} - std::int64_t{fraction <= -0.5};
}
} // namespace detail

/// std::round: to the nearest integer, halves away from zero.
inline double roundHalfAway(double x) {
    if (!(std::abs(x) < 0x1p52))
        return std::round(x);
    const auto t = static_cast<double>(detail::halfAwayInteger(x));
    return t == 0 ? std::copysign(0.0, x) : t;
}

/// std::floor.
inline double floorExact(double x) {
    if (!(std::abs(x) < 0x1p52))
        return std::floor(x);
    const double t = static_cast<double>(static_cast<std::int64_t>(x));
    const double f = t > x ? t - 1 : t;
    return f == 0 ? std::copysign(0.0, x) : f;
}

/// std::llround.
inline long long llroundExact(double x) {
    if (!(std::abs(x) < 0x1p52))
        return std::llround(x);
    return detail::halfAwayInteger(x);
}

} // namespace eventbench::sim
