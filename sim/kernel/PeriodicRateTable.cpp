#include "sim/kernel/PeriodicRateTable.h"

#include <algorithm>
#include <cmath>

namespace eventbench::sim {

namespace {

constexpr Time kMaxCells = 4096;

} // namespace

double offsetForArea(double ra, double rb, double width, double area) {
    if (!(area > 0))
        return 0;
    // ra*x + a*x^2 = area with a = (rb - ra) / (2 width); this form of the root stays
    // accurate when a is tiny or negative.
    const double a = (rb - ra) / (2 * width);
    const double root = std::sqrt(std::max(0.0, ra * ra + 4 * a * area));
    const double denominator = ra + root;
    const double x = denominator > 0 ? 2 * area / denominator : width;
    return std::clamp(x, 0.0, width);
}

PeriodicRateTable::PeriodicRateTable(const model::RateProfile &profile) : m_period(profile.period) {
    if (m_period <= 0)
        return;
    const Time cells = std::min(m_period, kMaxCells);
    m_cellWidth = static_cast<double>(m_period) / static_cast<double>(cells);
    m_ratePerNs.resize(static_cast<std::size_t>(cells) + 1);
    for (Time i = 0; i < cells; ++i) {
        const auto at = static_cast<Time>(static_cast<double>(i) * m_cellWidth);
        m_ratePerNs[static_cast<std::size_t>(i)] = profile.rateAt(at) / kNsPerSecond;
    }
    m_ratePerNs.back() = m_ratePerNs.front();
    m_cumulative.resize(m_ratePerNs.size());
    m_cumulative[0] = 0;
    for (std::size_t i = 0; i + 1 < m_ratePerNs.size(); ++i)
        m_cumulative[i + 1] =
            m_cumulative[i] + (m_ratePerNs[i] + m_ratePerNs[i + 1]) / 2 * m_cellWidth;
}

double PeriodicRateTable::cumulativeAt(double phase) const {
    const std::size_t cells = m_cumulative.size() - 1;
    const auto j = std::min(static_cast<std::size_t>(phase / m_cellWidth), cells - 1);
    const double x = phase - static_cast<double>(j) * m_cellWidth;
    const double ra = m_ratePerNs[j], rb = m_ratePerNs[j + 1];
    return m_cumulative[j] + ra * x + (rb - ra) / (2 * m_cellWidth) * x * x;
}

bool PeriodicRateTable::advance(Time &base, double &off, double need, double factor) const {
    const double perPeriod = m_cumulative.back() * factor;
    if (empty() || !(perPeriod > 0))
        return false;
    // Work relative to the start of the current period so doubles stay small.
    Time period = base / m_period;
    if (base % m_period < 0)
        --period;
    const Time periodStart = period * m_period;
    const double phase = static_cast<double>(base - periodStart) + off;
    const double target = cumulativeAt(phase) + need / factor;
    const double total = m_cumulative.back();
    double whole = std::floor(target / total);
    double rest = target - whole * total;
    if (rest >= total) {
        rest -= total;
        whole += 1;
    }
    rest = std::max(rest, 0.0);
    // The cell whose integral range holds `rest` (it has a positive integral).
    const auto upper = std::upper_bound(m_cumulative.begin(), m_cumulative.end(), rest);
    const auto cell = std::min<std::size_t>(
        static_cast<std::size_t>(std::max<std::ptrdiff_t>(upper - m_cumulative.begin() - 1, 0)),
        m_cumulative.size() - 2);
    const double inCell = offsetForArea(m_ratePerNs[cell], m_ratePerNs[cell + 1], m_cellWidth,
                                        rest - m_cumulative[cell]);
    const double newPhase = static_cast<double>(cell) * m_cellWidth + inCell;
    base = periodStart + static_cast<Time>(whole) * m_period;
    off = newPhase;
    const double wholeNs = std::floor(off);
    base += static_cast<Time>(wholeNs);
    off -= wholeNs;
    return true;
}

} // namespace eventbench::sim
