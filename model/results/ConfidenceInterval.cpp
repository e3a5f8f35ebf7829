#include "model/results/ConfidenceInterval.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace eventbench::model {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The continued fraction of the regularised incomplete beta function (DLMF 8.17.22),
/// evaluated by the modified Lentz method. Converges fast for x < (a + 1) / (a + b + 2).
double betaContinuedFraction(double a, double b, double x) {
    constexpr double kTiny = 1e-300;
    constexpr double kEps = 1e-16;
    auto guard = [](double v) { return std::fabs(v) < kTiny ? kTiny : v; };
    double c = 1;
    double d = 1 / guard(1 - (a + b) * x / (a + 1));
    double f = d;
    for (int m = 1; m <= 10000; ++m) {
        const double md = m;
        // The even step d_{2m}, then the odd step d_{2m+1}.
        const double even = md * (b - md) * x / ((a + 2 * md - 1) * (a + 2 * md));
        d = 1 / guard(1 + even * d);
        c = guard(1 + even / c);
        f *= d * c;
        const double odd = -(a + md) * (a + b + md) * x / ((a + 2 * md) * (a + 2 * md + 1));
        d = 1 / guard(1 + odd * d);
        c = guard(1 + odd / c);
        const double delta = d * c;
        f *= delta;
        if (std::fabs(delta - 1) < kEps)
            break;
    }
    return f;
}

/// I_x(a, b), the regularised incomplete beta function; `y` is 1 - x given separately so that
/// x close to 1 keeps its precision.
double incompleteBeta(double a, double b, double x, double y) {
    if (x <= 0)
        return 0;
    if (y <= 0)
        return 1;
    const double logFront =
        std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log(y);
    const double front = std::exp(logFront);
    if (x < (a + 1) / (a + b + 2))
        return front * betaContinuedFraction(a, b, x) / a;
    return 1 - front * betaContinuedFraction(b, a, y) / b;
}

/// P(T > t) for t >= 0.
double upperTail(double t, double df) {
    const double t2 = t * t;
    const double x = df / (df + t2);
    const double y = t2 / (df + t2);
    return 0.5 * incompleteBeta(df / 2, 0.5, x, y);
}

double density(double t, double df) {
    const double logNorm =
        std::lgamma((df + 1) / 2) - std::lgamma(df / 2) - 0.5 * std::log(df * std::numbers::pi);
    return std::exp(logNorm - (df + 1) / 2 * std::log1p(t * t / df));
}

/// The t > 0 with P(T > t) = alpha, 0 < alpha < 0.5: Newton steps kept inside a bracket
/// that bisection shrinks whenever a step would leave it.
double upperQuantile(double alpha, double df) {
    double lo = 0, hi = 1;
    while (upperTail(hi, df) > alpha && hi < 1e300) {
        lo = hi;
        hi *= 2;
    }
    double t = (lo + hi) / 2;
    for (int i = 0; i < 200; ++i) {
        const double f = upperTail(t, df) - alpha; // decreasing in t
        if (f > 0)
            lo = t;
        else
            hi = t;
        const double slope = density(t, df);
        double next = slope > 0 ? t + f / slope : (lo + hi) / 2;
        if (!(next > lo && next < hi))
            next = (lo + hi) / 2;
        const double step = std::fabs(next - t);
        t = next;
        if (step <= 1e-14 * std::max(1.0, t) || hi - lo <= 1e-15 * std::max(1.0, t))
            break;
    }
    return t;
}

} // namespace

double studentTCdf(double t, double df) {
    if (std::isnan(t) || !(df > 0))
        return kNaN;
    if (std::isinf(t))
        return t > 0 ? 1 : 0;
    const double tail = upperTail(std::fabs(t), df);
    return t > 0 ? 1 - tail : tail;
}

double studentTQuantile(double p, double df) {
    if (!(p > 0 && p < 1) || !(df > 0))
        return kNaN;
    if (p == 0.5)
        return 0;
    if (df == 1)
        return std::tan(std::numbers::pi * (p - 0.5));
    if (df == 2)
        return (2 * p - 1) / std::sqrt(2 * p * (1 - p));
    return p > 0.5 ? upperQuantile(1 - p, df) : -upperQuantile(p, df);
}

ConfidenceInterval ConfidenceInterval::of(const std::vector<double> &values, double level) {
    ConfidenceInterval ci;
    double sum = 0;
    for (double v : values)
        if (!std::isnan(v)) {
            sum += v;
            ++ci.n;
        }
    if (ci.n == 0) {
        ci.mean = ci.low = ci.high = kNaN;
        return ci;
    }
    const double n = static_cast<double>(ci.n);
    ci.mean = sum / n;
    if (ci.n == 1 || !(level > 0 && level < 1)) {
        ci.low = ci.high = kNaN;
        return ci;
    }
    double squares = 0;
    for (double v : values)
        if (!std::isnan(v))
            squares += (v - ci.mean) * (v - ci.mean);
    const double stddev = std::sqrt(squares / (n - 1));
    const double half = studentTQuantile(0.5 + level / 2, n - 1) * stddev / std::sqrt(n);
    // Identical values (a constant figure) give exactly the mean, not mean ± rounding noise.
    ci.low = half > 0 ? ci.mean - half : ci.mean;
    ci.high = half > 0 ? ci.mean + half : ci.mean;
    return ci;
}

} // namespace eventbench::model
