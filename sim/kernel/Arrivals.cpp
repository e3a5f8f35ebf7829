#include "sim/kernel/Arrivals.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/kernel/FastRound.h"

namespace eventbench::sim {

namespace {

using ProfileKind = model::RateProfile::Kind;

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Keeps 0 <= off < 1 by moving whole nanoseconds into base.
void normalise(Time &base, double &off) {
    if (off >= 0 && off < 0x1p52) {
        // The usual case, the steps below without library calls (same results: the integer
        // part is exact and so are `frac` and `1 - frac`).
        const double whole = static_cast<double>(static_cast<std::int64_t>(off));
        const double frac = off - whole;
        if (frac < 1e-6) {
            base += static_cast<Time>(whole);
            off = 0;
        } else if (1.0 - frac < 1e-6) {
            base += static_cast<Time>(whole) + 1;
            off = 0;
        } else {
            base += static_cast<Time>(whole);
            off = frac;
        }
        return;
    }
    // Gaps like 1e9/100 carry float noise: snap it so constant rates land on exact instants.
    const double nearest = roundHalfAway(off);
    if (std::abs(off - nearest) < 1e-6)
        off = nearest;
    const double whole = floorExact(off);
    base += static_cast<Time>(whole);
    off -= whole;
}

} // namespace

ArrivalProcess::ArrivalProcess(const model::RateProfile &profile,
                               model::ProducerSpec::Arrivals arrivals)
    : m_profile(profile), m_arrivals(arrivals) {
    for (const auto &step : profile.steps)
        m_stepStarts.push_back(step.first);
    std::sort(m_stepStarts.begin(), m_stepStarts.end());
    m_stepStarts.erase(std::unique(m_stepStarts.begin(), m_stepStarts.end()), m_stepStarts.end());
    if (profile.kind == ProfileKind::Sine && profile.period > 0)
        m_periodic = PeriodicRateTable(profile);
}

// Mirrors RateProfile::rateAt: where that function is constant, the piece is constant.
ArrivalProcess::Piece ArrivalProcess::pieceAt(Time t) const {
    const model::RateProfile &p = m_profile;
    switch (p.kind) {
    case ProfileKind::Constant:
        return {kTimeNever, false, p.rate};
    case ProfileKind::Steps: {
        const auto it = std::upper_bound(m_stepStarts.begin(), m_stepStarts.end(), t);
        return {it == m_stepStarts.end() ? kTimeNever : *it, false, p.rateAt(t)};
    }
    case ProfileKind::Burst: {
        if (t < 0)
            return {0, false, p.rateAt(t)};
        if (p.every <= 0 || p.burstFor <= 0 || p.burstFor >= p.every)
            return {kTimeNever, false, p.rateAt(t)};
        const Time phase = t % p.every;
        const Time cycleStart = t - phase;
        const Time end = phase < p.burstFor ? cycleStart + p.burstFor : cycleStart + p.every;
        return {end, false, p.rateAt(t)};
    }
    case ProfileKind::Ramp:
        if (t >= p.over)
            return {kTimeNever, false, p.rateAt(t)};
        if (t < 0)
            return {0, false, p.rateAt(t)};
        // Linear inside: the larger end is a bound.
        return {p.over, true, std::max(p.rateAt(t), p.to)};
    case ProfileKind::Sine:
        if (p.period <= 0 || p.amplitude == 0 || p.maxRate() <= 0)
            return {kTimeNever, false, p.rateAt(t)};
        return {kTimeNever, true, p.maxRate()};
    }
    return {kTimeNever, false, 0};
}

Time ArrivalProcess::next(Time now, Rng &rng, double factor) {
    if (!(factor > 0) || !std::isfinite(factor))
        return kTimeNever;
    // Continue from the exact previous arrival when `now` is that arrival rounded up.
    Time base = now;
    double off = 0;
    if ((m_cursorBase == now && m_cursorFrac == 0) ||
        (m_cursorBase == now - 1 && m_cursorFrac > 0)) {
        base = m_cursorBase;
        off = m_cursorFrac;
    }
    if (m_arrivals == model::ProducerSpec::Arrivals::Poisson) {
        if (m_profile.kind == ProfileKind::Constant)
            return nextPoissonConstant(base, off, now, rng, factor);
        return nextPoisson(base, off, now, rng, factor);
    }
    return nextConstant(base, off, now, factor);
}

// nextPoisson's steps for the one unbounded piece of a constant profile, without the piece
// lookup and the second normalise of finish() (same draws, same results).
Time ArrivalProcess::nextPoissonConstant(Time base, double off, Time now, Rng &rng, double factor) {
    const double bound = m_profile.rate * factor;
    if (!(bound > 0))
        return kTimeNever;
    off += rng.exponential(gapMean(bound));
    normalise(base, off);
    return settle(base, off, now);
}

// Memoryless: at each piece boundary the draw restarts with the next piece's rate.
Time ArrivalProcess::nextPoisson(Time base, double off, Time now, Rng &rng, double factor) {
    for (;;) {
        const Piece piece = pieceAt(base);
        const double bound = piece.rate * factor;
        if (!(bound > 0)) {
            if (piece.end == kTimeNever)
                return kTimeNever;
            base = piece.end;
            off = 0;
            continue;
        }
        const double span =
            piece.end == kTimeNever ? kInfinity : static_cast<double>(piece.end - base) - off;
        const double gap = rng.exponential(gapMean(bound));
        if (gap >= span) {
            base = piece.end;
            off = 0;
            continue;
        }
        off += gap;
        normalise(base, off);
        if (!piece.smooth)
            return finish(base, off, now);
        // Lewis-Shedler thinning against the piece's bound (the factor cancels).
        if (rng.uniform() * piece.rate < m_profile.rateAt(base))
            return finish(base, off, now);
    }
}

// The next arrival is where the integral of rate * factor since the last one reaches 1.
Time ArrivalProcess::nextConstant(Time base, double off, Time now, double factor) {
    double need = 1.0;
    for (;;) {
        const Piece piece = pieceAt(base);
        const double span =
            piece.end == kTimeNever ? kInfinity : static_cast<double>(piece.end - base) - off;
        if (!piece.smooth) {
            const double rate = piece.rate * factor;
            if (!(rate > 0)) {
                if (piece.end == kTimeNever)
                    return kTimeNever;
                base = piece.end;
                off = 0;
                continue;
            }
            const double gap = need / rate * kNsPerSecond;
            if (gap <= span) {
                off += gap;
                return finish(base, off, now);
            }
            need -= rate * span / kNsPerSecond;
            base = piece.end;
            off = 0;
            continue;
        }
        if (!m_periodic.empty()) {
            if (!m_periodic.advance(base, off, need, factor))
                return kTimeNever;
            return finish(base, off, now);
        }
        // The other smooth piece is a ramp's slope: linear, so integrated exactly.
        const double ra = m_profile.rateAt(base) * factor / kNsPerSecond;
        const double rb = m_profile.rateAt(piece.end) * factor / kNsPerSecond;
        const double area = (ra + rb) / 2 * span;
        if (area >= need && area > 0) {
            off += offsetForArea(ra, rb, span, need);
            return finish(base, off, now);
        }
        need -= area;
        base = piece.end;
        off = 0;
    }
}

double ArrivalProcess::gapMean(double bound) {
    if (bound != m_gapRate) { // the rate rarely changes: keep the division off the path
        m_gapRate = bound;
        m_gapMean = kNsPerSecond / bound;
    }
    return m_gapMean;
}

Time ArrivalProcess::finish(Time base, double off, Time now) {
    normalise(base, off);
    return settle(base, off, now);
}

Time ArrivalProcess::settle(Time base, double off, Time now) {
    m_cursorBase = base;
    m_cursorFrac = off;
    const Time rounded = base + (off > 0 ? 1 : 0);
    return std::max(rounded, now + 1);
}

} // namespace eventbench::sim
