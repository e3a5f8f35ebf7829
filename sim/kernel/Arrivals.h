#pragma once
// A producer's arrival process (scenarios/README.md#nodes): Poisson or evenly spaced arrivals
// following a rate profile. Owned by one producer instance's runtime; call next() with that
// instance's Rng each time an arrival fires.
#include <cstdint>
#include <vector>

#include "model/scenario/Scenario.h"
#include "sim/kernel/PeriodicRateTable.h"
#include "sim/kernel/Rng.h"
#include "sim/kernel/Time.h"

namespace eventbench::sim {

/// Turns a RateProfile into arrival times. Poisson: exact piecewise-homogeneous draws where
/// the profile is piecewise constant (constant, steps, burst), thinning (Lewis-Shedler)
/// where it varies continuously (ramp, sine). Constant arrivals: the next arrival is where
/// the integral of the rate since the previous one reaches 1 (exact for all but the sine,
/// which is integrated from a table). A sub-nanosecond cursor is kept between calls so
/// rounding to integer nanoseconds never accumulates.
class ArrivalProcess {
  public:
    ArrivalProcess(const model::RateProfile &profile, model::ProducerSpec::Arrivals arrivals);

    /// The next arrival strictly after `now` (>= now + 1 ns) with the rate multiplied by
    /// `factor`; kTimeNever when the rate is 0 from `now` on.
    /// Flattened: one call per message.
    [[gnu::flatten]] Time next(Time now, Rng &rng, double factor = 1.0);
    /// The profile's rate at t (per second, without any factor).
    double rateAt(Time t) const { return m_profile.rateAt(t); }

  private:
    // A stretch [start, end) of the profile: piecewise-constant pieces carry their rate;
    // smooth ones (a ramp's slope, a sine) carry an upper bound of the rate.
    struct Piece {
        Time end; // exclusive; kTimeNever = unbounded
        bool smooth;
        double rate; // per second: the rate, or for smooth pieces an upper bound
    };
    Piece pieceAt(Time t) const;
    Time nextPoisson(Time base, double off, Time now, Rng &rng, double factor);
    Time nextPoissonConstant(Time base, double off, Time now, Rng &rng, double factor);
    Time nextConstant(Time base, double off, Time now, double factor);
    /// The mean Poisson gap (ns) at `bound` arrivals per second.
    double gapMean(double bound);
    /// Normalises the exact arrival base + off, then settle().
    Time finish(Time base, double off, Time now);
    /// Keeps the normalised exact arrival as the cursor; returns it rounded up, after `now`.
    Time settle(Time base, double off, Time now);

    model::RateProfile m_profile;
    model::ProducerSpec::Arrivals m_arrivals;
    std::vector<Time> m_stepStarts; // sorted, unique
    PeriodicRateTable m_periodic;   // sine only
    // The exact (fractional) time of the last arrival returned: m_cursorBase + m_cursorFrac.
    Time m_cursorBase = -2;
    double m_cursorFrac = 0;
    // The mean Poisson gap (ns) at the rate m_gapRate (per second, factor included).
    double m_gapRate = 0;
    double m_gapMean = 0;
};

} // namespace eventbench::sim
