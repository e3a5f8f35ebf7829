#pragma once
// Deterministic random numbers: xoshiro256** seeded through SplitMix64. One Rng per
// stream (per node), derived from the scenario seed and a stable name so that adding a
// node leaves the other nodes' draws unchanged. Same results on every platform: no
// std:: distributions. Not thread-safe; each owner keeps its own.
#include <cmath>
#include <cstdint>
#include <string_view>

namespace eventbench::sim {

class Rng {
  public:
    explicit Rng(std::uint64_t seed);
    /// The stream named `streamName` (e.g. a node id) of scenario seed `scenarioSeed`.
    static Rng forStream(std::uint64_t scenarioSeed, std::string_view streamName);

    /// 64 random bits.
    std::uint64_t next() {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    /// Uniform in [0, 1), 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform in (0, 1], 53 random bits.
    double uniformPositive() { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }
    /// Exponential with the given mean (one draw).
    double exponential(double mean) { return -mean * std::log(uniformPositive()); }
    /// Normal (Marsaglia polar method; the second variate of a pair is kept for the next
    /// call, so the sequence depends only on the calls made, deterministically).
    double normal(double mean, double stddev);
    /// Uniform integer in [0, n), unbiased (Lemire's multiply-and-reject); 0 when n == 0.
    std::uint64_t below(std::uint64_t n) {
        if (n == 0)
            return 0;
        const U128 m = static_cast<U128>(next()) * n;
        if (static_cast<std::uint64_t>(m) < n) // rarely: maybe in the biased range
            return belowRejecting(n, m);
        return static_cast<std::uint64_t>(m >> 64);
    }
    /// True with probability p (always exactly one draw).
    bool bernoulli(double p) { return uniform() < p; }

  private:
    __extension__ using U128 = unsigned __int128;
    /// below() once the first draw's low half fell under n: rejects the biased draws.
    std::uint64_t belowRejecting(std::uint64_t n, U128 m);
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::uint64_t m_s[4];
    double m_spareNormal = 0;
    bool m_hasSpareNormal = false;
};

/// FNV-1a, 64 bit: a stable hash of a stream name.
std::uint64_t fnv1a64(std::string_view text);
/// One SplitMix64 step: advances `state` and returns the mixed output.
std::uint64_t splitMix64(std::uint64_t &state);

} // namespace eventbench::sim
