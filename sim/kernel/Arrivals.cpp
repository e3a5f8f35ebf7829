#include "sim/kernel/Arrivals.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace eventbench::sim {

namespace {

using ProfileKind = model::RateProfile::Kind;

constexpr double kNsPerSecond = 1e9;
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Steps per sine period for constant arrivals: the quadratic interpolant of the rate over
// 1/512 of a period is off by ~1e-7 relative.
constexpr double kSineStepsPerPeriod = 512;

// Keeps 0 <= off < 1 by moving whole nanoseconds into base.
void normalise(Time &base, double &off) {
    // Gaps like 1e9/100 carry float noise: snap it so constant rates land on exact instants.
    const double nearest = std::round(off);
    if (std::abs(off - nearest) < 1e-6)
        off = nearest;
    const double whole = std::floor(off);
    base += static_cast<Time>(whole);
    off -= whole;
}

// Integral from 0 to x of the quadratic through (0, ra), (h/2, rm), (h, rb).
struct Quadratic {
    double ra, c1, c2;
    Quadratic(double a, double m, double b, double h)
        : ra(a), c1(0), c2(2 * (a - 2 * m + b) / (h * h)) {
        c1 = (b - a) / h - c2 * h;
    }
    double value(double x) const { return ra + x * (c1 + x * c2); }
    double integral(double x) const { return x * (ra + x * (c1 / 2 + x * c2 / 3)); }
};

// The x in [0, h] where q.integral(x) == need (q.integral(h) >= need): Newton kept inside
// a shrinking bracket, so a rate that dips to 0 cannot throw it out.
double solveForIntegral(const Quadratic &q, double h, double total, double need) {
    double lo = 0, hi = h;
    double x = h * (need / total);
    for (int i = 0; i < 60; ++i) {
        const double f = q.integral(x) - need;
        (f > 0 ? hi : lo) = x;
        const double slope = q.value(x);
        double next = slope > 0 ? x - f / slope : (lo + hi) / 2;
        if (!(next > lo && next < hi))
            next = (lo + hi) / 2;
        if (std::abs(next - x) < 1e-4)
            return next;
        x = next;
    }
    return x;
}

} // namespace

ArrivalProcess::ArrivalProcess(const model::RateProfile &profile,
                               model::ProducerSpec::Arrivals arrivals)
    : m_profile(profile), m_arrivals(arrivals) {
    for (const auto &step : profile.steps)
        m_stepStarts.push_back(step.first);
    std::sort(m_stepStarts.begin(), m_stepStarts.end());
    m_stepStarts.erase(std::unique(m_stepStarts.begin(), m_stepStarts.end()),
                       m_stepStarts.end());
}

// Mirrors RateProfile::rateAt: where that function is constant, the piece is constant.
ArrivalProcess::Piece ArrivalProcess::pieceAt(Time t) const {
    const model::RateProfile &p = m_profile;
    switch (p.kind) {
    case ProfileKind::Constant:
        return {kTimeNever, false, p.rate, kInfinity};
    case ProfileKind::Steps: {
        const auto it = std::upper_bound(m_stepStarts.begin(), m_stepStarts.end(), t);
        return {it == m_stepStarts.end() ? kTimeNever : *it, false, p.rateAt(t), kInfinity};
    }
    case ProfileKind::Burst: {
        if (t < 0)
            return {0, false, p.rateAt(t), kInfinity};
        if (p.every <= 0 || p.burstFor <= 0 || p.burstFor >= p.every)
            return {kTimeNever, false, p.rateAt(t), kInfinity};
        const Time phase = t % p.every;
        const Time cycleStart = t - phase;
        const Time end = phase < p.burstFor ? cycleStart + p.burstFor : cycleStart + p.every;
        return {end, false, p.rateAt(t), kInfinity};
    }
    case ProfileKind::Ramp:
        if (t >= p.over)
            return {kTimeNever, false, p.rateAt(t), kInfinity};
        if (t < 0)
            return {0, false, p.rateAt(t), kInfinity};
        // Linear inside: the larger end is a bound, and any step integrates it exactly.
        return {p.over, true, std::max(p.rateAt(t), p.to), kInfinity};
    case ProfileKind::Sine:
        if (p.period <= 0 || p.amplitude == 0 || p.maxRate() <= 0)
            return {kTimeNever, false, p.rateAt(t), kInfinity};
        return {kTimeNever, true, p.maxRate(),
                static_cast<double>(p.period) / kSineStepsPerPeriod};
    }
    return {kTimeNever, false, 0, kInfinity};
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
    if (m_arrivals == model::ProducerSpec::Arrivals::Poisson)
        return nextPoisson(base, off, now, rng, factor);
    return nextConstant(base, off, now, factor);
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
        const double gap = rng.exponential(kNsPerSecond / bound);
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
        // Smooth piece: one step of at most maxStep (and about four expected gaps).
        const Time start = base;
        const double startOff = off;
        auto ratePerNs = [&](double x) {
            const double at = std::floor(startOff + x);
            return m_profile.rateAt(start + static_cast<Time>(at)) * factor / kNsPerSecond;
        };
        const double r0 = ratePerNs(0);
        double h = std::min(span, piece.maxStep);
        if (r0 > 0)
            h = std::min(h, std::max(1.0, 4 * need / r0));
        const Quadratic q(r0, ratePerNs(h / 2), ratePerNs(h), h);
        const double total = q.integral(h);
        if (total >= need && total > 0) {
            off += solveForIntegral(q, h, total, need);
            return finish(base, off, now);
        }
        need -= std::max(0.0, total);
        if (h >= span) {
            base = piece.end;
            off = 0;
        } else {
            off += h;
            normalise(base, off);
        }
    }
}

Time ArrivalProcess::finish(Time base, double off, Time now) {
    normalise(base, off);
    m_cursorBase = base;
    m_cursorFrac = off;
    const Time rounded = base + (off > 0 ? 1 : 0);
    return std::max(rounded, now + 1);
}

} // namespace eventbench::sim
