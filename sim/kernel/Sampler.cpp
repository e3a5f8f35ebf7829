#include "sim/kernel/Sampler.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace eventbench::sim {

namespace {

using Kind = model::Distribution::Kind;

constexpr double kZ99 = 2.3263478740408408; // standard normal 0.99 quantile
constexpr int kMaxRejections = 100;         // then clamp: keeps every draw bounded

double standardNormalTail(double a) {
    return 0.5 * std::erfc(a / std::sqrt(2.0));
}

// E[X | X >= 0] for X ~ N(mu, sigma^2).
double truncatedNormalMean(double mu, double sigma) {
    const double a = -mu / sigma;
    const double tail = standardNormalTail(a);
    if (tail < 1e-300)
        return 0;
    const double density = std::exp(-0.5 * a * a) / std::sqrt(2.0 * std::numbers::pi);
    return std::max(0.0, mu + sigma * density / tail);
}

} // namespace

WeightedChooser::WeightedChooser(std::vector<double> weights) {
    const std::size_t n = weights.size();
    double sum = 0;
    for (double &w : weights) {
        if (!std::isfinite(w) || w < 0)
            w = 0;
        sum += w;
    }
    if (n == 0)
        return;
    if (!(sum > 0)) {
        std::fill(weights.begin(), weights.end(), 1.0);
        sum = static_cast<double>(n);
    }
    m_probability.resize(n);
    m_threshold.assign(n, 1.0);
    m_alias.resize(n);
    std::vector<double> scaled(n);
    std::vector<std::uint32_t> small, large;
    for (std::size_t i = 0; i < n; ++i) {
        m_probability[i] = weights[i] / sum;
        scaled[i] = m_probability[i] * static_cast<double>(n);
        m_alias[i] = static_cast<std::uint32_t>(i);
        (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
    }
    // Vose: pair each under-full column with an over-full one.
    while (!small.empty() && !large.empty()) {
        const std::uint32_t s = small.back();
        small.pop_back();
        const std::uint32_t l = large.back();
        m_threshold[s] = scaled[s];
        m_alias[s] = l;
        scaled[l] = (scaled[l] + scaled[s]) - 1.0;
        if (scaled[l] < 1.0) {
            large.pop_back();
            small.push_back(l);
        }
    }
    // Leftovers are full columns up to rounding.
    for (const std::uint32_t i : small)
        m_threshold[i] = 1.0;
    for (const std::uint32_t i : large)
        m_threshold[i] = 1.0;
}

std::size_t WeightedChooser::sample(Rng &rng) const {
    const std::size_t n = m_alias.size();
    if (n == 0)
        return 0;
    const double x = rng.uniform() * static_cast<double>(n);
    const std::size_t column = std::min(static_cast<std::size_t>(x), n - 1);
    const double within = x - static_cast<double>(column);
    return within < m_threshold[column] ? column : m_alias[column];
}

void DistributionSampler::lognormalParameters(double mean, double p99, double *mu, double *sigma) {
    double s = 0;
    if (mean > 0 && p99 > mean) {
        const double discriminant = kZ99 * kZ99 - 2.0 * std::log(p99 / mean);
        s = discriminant > 0 ? kZ99 - std::sqrt(discriminant) : kZ99;
    }
    *sigma = s;
    *mu = mean > 0 ? std::log(mean) - s * s / 2 : 0;
}

DistributionSampler::DistributionSampler() = default;

DistributionSampler::DistributionSampler(const model::Distribution &d) {
    auto makeConstant = [this](double v) {
        m_kind = Kind::Constant;
        m_a = std::isfinite(v) ? std::max(0.0, v) : 0.0;
        m_b = 0;
        m_mean = m_a;
    };
    switch (d.kind) {
    case Kind::Constant:
        makeConstant(d.value);
        break;
    case Kind::Exponential:
        if (!(d.mean > 0)) {
            makeConstant(0);
            return;
        }
        m_kind = Kind::Exponential;
        m_a = d.mean;
        m_mean = d.mean;
        break;
    case Kind::Uniform: {
        const double lo = std::min(d.min, d.max), hi = std::max(d.min, d.max);
        if (!(hi > lo) || hi <= 0) {
            makeConstant(lo);
            return;
        }
        m_kind = Kind::Uniform;
        m_a = lo;
        m_b = hi - lo;
        // E[max(0, X)]
        m_mean = lo >= 0 ? (lo + hi) / 2 : hi * hi / (2 * (hi - lo));
        break;
    }
    case Kind::Normal:
        if (!(d.stddev > 0)) {
            makeConstant(d.mean);
            return;
        }
        m_kind = Kind::Normal;
        m_a = d.mean;
        m_b = d.stddev;
        m_mean = truncatedNormalMean(d.mean, d.stddev);
        break;
    case Kind::Lognormal: {
        if (!(d.mean > 0)) {
            makeConstant(0);
            return;
        }
        lognormalParameters(d.mean, d.p99, &m_a, &m_b);
        if (m_b == 0) {
            makeConstant(d.mean);
            return;
        }
        m_kind = Kind::Lognormal;
        m_mean = d.mean;
        break;
    }
    case Kind::Empirical: {
        if (d.values.empty()) {
            makeConstant(0);
            return;
        }
        // Same reading of the weights as Distribution::expectedValue(): missing ones are 0,
        // no weights at all means equal weights.
        std::vector<double> w(d.values.size());
        for (std::size_t i = 0; i < w.size(); ++i)
            w[i] = i < d.weights.size() ? d.weights[i] : (d.weights.empty() ? 1.0 : 0.0);
        m_kind = Kind::Empirical;
        m_chooser = WeightedChooser(std::move(w));
        m_values.reserve(d.values.size());
        m_mean = 0;
        for (std::size_t i = 0; i < d.values.size(); ++i) {
            const double v = std::isfinite(d.values[i]) ? std::max(0.0, d.values[i]) : 0.0;
            m_values.push_back(v);
            m_mean += m_chooser.probability(i) * v;
        }
        break;
    }
    }
}

double DistributionSampler::sampleOther(Rng &rng) const {
    switch (m_kind) {
    case Kind::Constant:
        return m_a;
    case Kind::Exponential:
        return rng.exponential(m_a);
    case Kind::Uniform:
        return std::max(0.0, m_a + m_b * rng.uniform());
    case Kind::Normal: {
        const double a = -m_a / m_b; // the truncation point in standard units
        if (a <= 0.5) {
            // Plain rejection accepts at least 31% of the draws here.
            for (int i = 0; i < kMaxRejections; ++i) {
                const double x = rng.normal(m_a, m_b);
                if (x >= 0)
                    return x;
            }
            return 0;
        }
        // Far tail: Robert's (1995) exponential proposal for N(0,1) restricted to [a, inf).
        const double alpha = (a + std::sqrt(a * a + 4)) / 2;
        double z = a;
        for (int i = 0; i < kMaxRejections; ++i) {
            z = a + rng.exponential(1.0 / alpha);
            const double u = rng.uniform();
            if (u <= std::exp(-0.5 * (z - alpha) * (z - alpha)))
                break;
        }
        return std::max(0.0, m_a + m_b * z);
    }
    case Kind::Lognormal:
        return std::exp(m_a + m_b * rng.normal(0, 1));
    case Kind::Empirical:
        return m_values[m_chooser.sample(rng)];
    }
    return 0;
}

} // namespace eventbench::sim
