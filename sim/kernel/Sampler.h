#pragma once
// Samplers of the random variables a scenario describes (scenarios/README.md#values-and-units
// distributions, key popularity, weighted choices). Built once from the scenario, then sampled on
// the hot path with the caller's Rng; immutable after construction, so one can serve many streams.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/scenario/Scenario.h"
#include "sim/kernel/Rng.h"

namespace eventbench::sim {

/// Picks index i with probability weights[i] / sum (Vose's alias method: O(1) per draw, one
/// 64-bit draw each). Negative or non-finite weights count as 0; if no weight is positive
/// every index is equally likely; with no weights at all sample() returns 0.
class WeightedChooser {
  public:
    explicit WeightedChooser(std::vector<double> weights);
    std::size_t sample(Rng &rng) const;
    std::size_t size() const { return m_alias.size(); }
    /// The normalised probability of index i.
    double probability(std::size_t i) const { return m_probability[i]; }

  private:
    std::vector<double> m_threshold;    // chance of keeping the column, scaled to [0, 1]
    std::vector<std::uint32_t> m_alias; // the other index of each column
    std::vector<double> m_probability;
};

/// A model::Distribution ready to sample. Values are in the distribution's base unit
/// (nanoseconds or bytes); sample() never returns a negative number.
class DistributionSampler {
  public:
    /// The constant 0.
    DistributionSampler();
    explicit DistributionSampler(const model::Distribution &d);

    double sample(Rng &rng) const {
        // On every message's path (sizes, service times): the two commonest kinds inline.
        if (m_kind == model::Distribution::Kind::Constant)
            return m_a;
        if (m_kind == model::Distribution::Kind::Exponential)
            return rng.exponential(m_a);
        return sampleOther(rng);
    }
    /// The mean of what sample() returns (normal: of the distribution truncated at 0).
    double mean() const { return m_mean; }
    /// True when every sample is the same value, mean() (no draw).
    bool isConstant() const { return m_kind == model::Distribution::Kind::Constant; }
    /// True when every sample is exactly 0 (so callers can skip scheduling a delay).
    bool isZero() const { return m_kind == model::Distribution::Kind::Constant && m_a == 0; }

    /// Lognormal parameters derived from (mean, p99): sigma = z - sqrt(z^2 - 2 ln(p99/mean)),
    /// mu = ln(mean) - sigma^2 / 2, with z the standard normal 0.99 quantile. sigma is
    /// clamped to [0, z] when p99/mean is outside the feasible range (1, e^(z^2/2)].
    static void lognormalParameters(double mean, double p99, double *mu, double *sigma);

  private:
    double sampleOther(Rng &rng) const;

    model::Distribution::Kind m_kind = model::Distribution::Kind::Constant;
    double m_a = 0; // constant: value; exponential/normal: mean; uniform: min; lognormal: mu
    double m_b = 0; // uniform: max - min; normal: stddev; lognormal: sigma
    double m_mean = 0;
    std::vector<double> m_values;  // empirical
    WeightedChooser m_chooser{{}}; // empirical
};

/// Zipf ranks: sample() returns k in [0, n) with P(k) proportional to 1 / (k + 1)^skew, so
/// rank 0 is the most frequent. Rejection-inversion (Hörmann & Derflinger 1996): O(1)
/// expected per draw for any n, for every skew > 0 (including 1 and below); skew <= 0 is
/// uniform. n == 0 is treated as 1.
class ZipfSampler {
  public:
    ZipfSampler(std::uint64_t n, double skew);
    std::uint64_t sample(Rng &rng) const;
    std::uint64_t size() const { return m_n; }
    double skew() const { return m_skew; }

  private:
    double h(double x) const;
    double hIntegral(double x) const;
    double hIntegralInverse(double x) const;

    std::uint64_t m_n;
    double m_skew;
    double m_hIntegralX1 = 0;
    double m_hIntegralN = 0;
    double m_s = 0;
};

} // namespace eventbench::sim
