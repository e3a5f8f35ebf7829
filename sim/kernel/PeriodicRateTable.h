#pragma once
// The integral of a periodic rate profile (sine) tabulated over one period, so that evenly
// spaced arrivals can find "where the integral of the rate reaches 1" in O(log n) without
// stepping through the period. Built once per ArrivalProcess; immutable afterwards.
#include <vector>

#include "model/scenario/Scenario.h"
#include "sim/kernel/Time.h"

namespace eventbench::sim {

/// Where the integral of a rate that goes linearly from `ra` to `rb` over [0, width]
/// reaches `area` (area <= the integral over the whole width); clamped to [0, width].
double offsetForArea(double ra, double rb, double width, double area);

/// The rate is taken as the linear interpolation of RateProfile::rateAt on a grid of up to
/// 4096 points per period (relative error ~1e-7 for a sine).
class PeriodicRateTable {
  public:
    PeriodicRateTable() = default;
    /// `profile` must be periodic (a sine with period > 0).
    explicit PeriodicRateTable(const model::RateProfile &profile);

    bool empty() const { return m_cumulative.empty(); }
    /// Moves the position base + off (0 <= off < 1) forward to where the integral of
    /// rate * factor / 1e9 since it reaches `need`; false when the rate is 0 throughout.
    bool advance(Time &base, double &off, double need, double factor) const;

  private:
    double cumulativeAt(double phase) const;

    Time m_period = 0;
    double m_cellWidth = 0;           // ns
    std::vector<double> m_ratePerNs;  // at the grid points, one more than cells
    std::vector<double> m_cumulative; // integral from the period start to each grid point
};

} // namespace eventbench::sim
