// ZipfSampler (declared in Sampler.h): rejection-inversion after Hörmann & Derflinger,
// "Rejection-inversion to generate variates from monotone discrete distributions" (1996),
// with the integral H(x) = (x^(1-q) - 1) / (1 - q), which has a limit at q = 1 (ln x), so
// every q > 0 works.
#include <cmath>

#include "sim/kernel/Sampler.h"

namespace eventbench::sim {

namespace {

constexpr double kTaylorThreshold = 1e-8;

// log1p(x) / x, accurate near 0.
double log1pOverX(double x) {
    if (std::abs(x) > kTaylorThreshold)
        return std::log1p(x) / x;
    return 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x));
}

// expm1(x) / x, accurate near 0.
double expm1OverX(double x) {
    if (std::abs(x) > kTaylorThreshold)
        return std::expm1(x) / x;
    return 1 + x * 0.5 * (1 + x * (1.0 / 3) * (1 + 0.25 * x));
}

} // namespace

ZipfSampler::ZipfSampler(std::uint64_t n, double skew)
    : m_n(n == 0 ? 1 : n), m_skew(std::isfinite(skew) && skew > 0 ? skew : 0) {
    if (m_skew == 0)
        return;
    m_hIntegralX1 = hIntegral(1.5) - 1;
    m_hIntegralN = hIntegral(static_cast<double>(m_n) + 0.5);
    m_s = 2 - hIntegralInverse(hIntegral(2.5) - h(2));
}

double ZipfSampler::h(double x) const {
    return std::exp(-m_skew * std::log(x));
}

double ZipfSampler::hIntegral(double x) const {
    const double logX = std::log(x);
    return expm1OverX((1 - m_skew) * logX) * logX;
}

double ZipfSampler::hIntegralInverse(double x) const {
    double t = x * (1 - m_skew);
    if (t < -1)
        t = -1; // only reachable through rounding
    return std::exp(log1pOverX(t) * x);
}

std::uint64_t ZipfSampler::sample(Rng &rng) const {
    if (m_skew == 0)
        return rng.below(m_n);
    const double n = static_cast<double>(m_n);
    for (;;) {
        // u is uniform in (H(1.5) - 1, H(n + 0.5)].
        const double u = m_hIntegralN + rng.uniform() * (m_hIntegralX1 - m_hIntegralN);
        const double x = hIntegralInverse(u);
        const double rounded = x + 0.5;
        std::uint64_t k;
        if (!(rounded >= 1))
            k = 1;
        else if (rounded >= n)
            k = m_n;
        else
            k = static_cast<std::uint64_t>(rounded);
        const double kd = static_cast<double>(k);
        // Accept at once when x lies in the part of k's bar that is surely under the pmf.
        if (kd - x <= m_s || u >= hIntegral(kd + 0.5) - h(kd))
            return k - 1;
    }
}

} // namespace eventbench::sim
