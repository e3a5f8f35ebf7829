#include "model/capacity/QueueingFormulas.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>

namespace eventbench::model {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Up to this many servers Erlang B runs its textbook recursion (the figures capacity reports
// have always shown); beyond, the sum from the largest term, which costs O(sqrt(c)).
constexpr std::int64_t kForwardRecursionLimit = 100000;
constexpr double kZ99 = 2.3263478740408408; // standard normal 0.99 quantile

double clampNonNegative(double v) {
    return std::isfinite(v) ? std::max(0.0, v) : 0.0;
}

// X ~ N(mu, sigma^2) conditioned on X >= 0, as the simulator draws it (rejection).
Moments truncatedNormal(double mu, double sigma) {
    const double alpha = -mu / sigma;
    const double tail = 0.5 * std::erfc(alpha / std::sqrt(2.0));
    if (tail < 1e-300)
        return {};
    const double density = std::exp(-0.5 * alpha * alpha) / std::sqrt(2.0 * std::numbers::pi);
    const double hazard = density / tail;
    const double mean = std::max(0.0, mu + sigma * hazard);
    const double variance = std::max(0.0, sigma * sigma * (1 + alpha * hazard - hazard * hazard));
    return {mean, variance + mean * mean};
}

} // namespace

double Moments::variance() const {
    // E[X^2] - E[X]^2 cancels: what is left of a constant is rounding noise, not variance.
    const double v = second - mean * mean;
    return v > 1e-12 * mean * mean ? v : 0.0;
}

double Moments::scv() const {
    return mean > 0 ? variance() / (mean * mean) : 0.0;
}

Moments Moments::plus(const Moments &o) const {
    return {mean + o.mean, second + o.second + 2 * mean * o.mean};
}

Moments Moments::scaled(double factor) const {
    return {mean * factor, second * factor * factor};
}

Moments distributionMoments(const Distribution &d) {
    using Kind = Distribution::Kind;
    switch (d.kind) {
    case Kind::Constant:
        return Moments::constant(clampNonNegative(d.value));
    case Kind::Exponential:
        if (!(d.mean > 0) || !std::isfinite(d.mean))
            return {};
        return {d.mean, 2 * d.mean * d.mean};
    case Kind::Uniform: {
        const double lo = std::min(d.min, d.max), hi = std::max(d.min, d.max);
        if (!(hi > lo) || hi <= 0)
            return Moments::constant(clampNonNegative(lo));
        if (lo >= 0)
            return {(lo + hi) / 2, (lo * lo + lo * hi + hi * hi) / 3};
        // max(0, X): the part below 0 is drawn as 0.
        return {hi * hi / (2 * (hi - lo)), hi * hi * hi / (3 * (hi - lo))};
    }
    case Kind::Normal:
        if (!(d.stddev > 0))
            return Moments::constant(clampNonNegative(d.mean));
        return truncatedNormal(d.mean, d.stddev);
    case Kind::Lognormal: {
        if (!(d.mean > 0))
            return {};
        double sigma = 0;
        if (d.p99 > d.mean) {
            const double discriminant = kZ99 * kZ99 - 2.0 * std::log(d.p99 / d.mean);
            sigma = discriminant > 0 ? kZ99 - std::sqrt(discriminant) : kZ99;
        }
        return {d.mean, d.mean * d.mean * std::exp(sigma * sigma)};
    }
    case Kind::Empirical: {
        if (d.values.empty())
            return {};
        std::vector<double> w(d.values.size());
        double sum = 0;
        for (std::size_t i = 0; i < w.size(); ++i) {
            double x = i < d.weights.size() ? d.weights[i] : (d.weights.empty() ? 1.0 : 0.0);
            w[i] = std::isfinite(x) && x > 0 ? x : 0.0;
            sum += w[i];
        }
        if (!(sum > 0)) {
            std::fill(w.begin(), w.end(), 1.0);
            sum = static_cast<double>(w.size());
        }
        Moments m;
        for (std::size_t i = 0; i < w.size(); ++i) {
            const double v = clampNonNegative(d.values[i]);
            m.mean += w[i] / sum * v;
            m.second += w[i] / sum * v * v;
        }
        return m;
    }
    }
    return {};
}

double erlangB(std::int64_t servers, double offeredLoad) {
    if (servers < 1)
        return 1.0;
    if (!(offeredLoad > 0))
        return 0.0;
    if (servers <= kForwardRecursionLimit) {
        // The Erlang B recursion B(k) = a B(k-1) / (k + a B(k-1)): stable, O(c).
        double b = 1.0;
        for (std::int64_t k = 1; k <= servers; ++k)
            b = offeredLoad * b / (static_cast<double>(k) + offeredLoad * b);
        return b;
    }
    // Many servers: 1/B(c, a) = sum over j of c (c-1) ... (c-j+1) / a^j, the same recursion
    // unrolled from its last term, all terms positive (no cancellation). Past the largest term
    // they fall at least geometrically, so the sum stops once they no longer count; before it,
    // a sum that leaves double range means B is below 1e-300. The work is O(sqrt(a)) terms
    // plus O(1 / (1 - c/a)) when c < a, not O(c).
    const double c = static_cast<double>(servers);
    double term = 1.0, sum = 1.0;
    for (std::int64_t j = 0; j < servers; ++j) {
        const double ratio = (c - static_cast<double>(j)) / offeredLoad;
        term *= ratio;
        sum += term;
        if (sum > 1e300)
            return 0.0;
        if (ratio < 1 && term < 1e-17 * sum)
            break;
    }
    return 1.0 / sum;
}

double erlangC(std::int64_t servers, double offeredLoad) {
    if (servers < 1 || offeredLoad >= static_cast<double>(servers))
        return 1.0;
    if (!(offeredLoad > 0))
        return 0.0;
    const double b = erlangB(servers, offeredLoad);
    const double c = static_cast<double>(servers);
    return std::clamp(c * b / (c - offeredLoad * (1 - b)), 0.0, 1.0);
}

double waitProbability(std::int64_t servers, double utilization) {
    if (!(utilization > 0))
        return 0.0;
    if (utilization >= 1 || !std::isfinite(utilization))
        return 1.0;
    const std::int64_t c = std::max<std::int64_t>(1, servers);
    return erlangC(c, utilization * static_cast<double>(c));
}

double mmcMeanWait(std::int64_t servers, double lambda, double mu) {
    if (!(mu > 0) || servers < 1)
        return kInf;
    if (!(lambda > 0))
        return 0.0;
    const double capacity = static_cast<double>(servers) * mu;
    if (lambda >= capacity)
        return kInf;
    return erlangC(servers, lambda / mu) / (capacity - lambda);
}

double pollaczekKhinchineMeanWait(double lambda, double meanService, double serviceScv) {
    if (!(lambda > 0) || !(meanService > 0))
        return 0.0;
    const double rho = lambda * meanService;
    if (rho >= 1)
        return kInf;
    const double second = meanService * meanService * (1 + serviceScv);
    return lambda * second / (2 * (1 - rho));
}

double allenCunneenMeanWait(std::int64_t servers, double lambda, double meanService,
                            double arrivalScv, double serviceScv) {
    if (!(lambda > 0) || !(meanService > 0))
        return 0.0;
    const double mmc = mmcMeanWait(servers, lambda, 1.0 / meanService);
    if (!std::isfinite(mmc))
        return kInf;
    return mmc * (arrivalScv + serviceScv) / 2;
}

double departureScv(std::int64_t servers, double utilization, double arrivalScv,
                    double serviceScv) {
    const double rho = std::clamp(utilization, 0.0, 1.0);
    const double c = static_cast<double>(std::max<std::int64_t>(1, servers));
    return std::max(0.0, 1 + (1 - rho * rho) * (arrivalScv - 1) +
                             rho * rho * (serviceScv - 1) / std::sqrt(c));
}

double copiedScv(double scv, double meanCopies, double copiesVariance) {
    if (!(meanCopies > 0))
        return scv;
    return meanCopies * scv + copiesVariance / meanCopies;
}

double overloadMeanWait(double utilization, double warmup, double horizon) {
    if (!(utilization > 1) || !std::isfinite(utilization))
        return 0.0;
    return (utilization - 1) * (std::max(0.0, warmup) + std::max(0.0, horizon)) / (2 * utilization);
}

} // namespace eventbench::model
