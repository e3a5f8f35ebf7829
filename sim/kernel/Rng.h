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
        ++m_drawn;
        return advance(m_s);
    }
    /// Uniform in [0, 1), 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform in (0, 1], 53 random bits.
    double uniformPositive() { return positiveUnit(next()); }
    /// Exponential with the given mean (one draw): -mean * ln(uniformPositive()).
    double exponential(double mean) {
        m_between = m_drawn - m_lastExponential - 1;
        m_lastExponential = m_drawn;
        const std::uint64_t bits = next();
        return -mean * (bits == m_aheadBits ? m_aheadLog : std::log(positiveUnit(bits)));
    }
    /// A hint, to give once a draw's value is in use: works out now the logarithm the next
    /// exponential draw will need if the stream keeps its pattern (as many other draws
    /// before it as before the last one: none or one), so that the draw finds it ready
    /// instead of waiting for it. Changes no value drawn, only how soon it is known.
    void lookAhead() {
        // Where the next exponential draw falls, counted in outputs from the next one.
        const std::uint64_t skip = m_lastExponential + 1 + m_between - m_drawn;
        if (skip > 1 || m_lastExponential == kNone)
            return;
        // The output after `skip` steps, from the one state word it reads (see advance).
        const std::uint64_t word = skip == 0 ? m_s[1] : m_s[1] ^ m_s[2] ^ m_s[0];
        const std::uint64_t bits = output(word);
        if (bits == m_aheadBits) // prepared already (no draw since the last call)
            return;
        m_aheadBits = bits;
        m_aheadLog = std::log(positiveUnit(bits));
    }
    /// The output whose logarithm lookAhead() last prepared (for tests).
    std::uint64_t preparedOutput() const { return m_aheadBits; }
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
    /// xoshiro256**'s output for the state word s[1].
    static std::uint64_t output(std::uint64_t word) { return rotl(word * 5, 7) * 9; }
    /// One xoshiro256** step of the state `s`: its output.
    static std::uint64_t advance(std::uint64_t *s) {
        const std::uint64_t result = output(s[1]);
        const std::uint64_t t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = rotl(s[3], 45);
        return result;
    }
    static double positiveUnit(std::uint64_t bits) {
        return static_cast<double>((bits >> 11) + 1) * 0x1.0p-53;
    }

    std::uint64_t m_s[4];
    std::uint64_t m_drawn = 0; // outputs taken so far
    // For lookAhead(): the output index of the last exponential draw, how many other draws
    // came before it since the one before, and a memo of ln(positiveUnit(m_aheadBits)).
    // Draws never depend on the memo, only their speed: a value comes from it only for
    // the same bits.
    static constexpr std::uint64_t kNone = ~std::uint64_t{0};
    std::uint64_t m_lastExponential = kNone; // no exponential drawn yet: nothing to prepare
    std::uint64_t m_between = 0;
    std::uint64_t m_aheadBits = 0;
    double m_aheadLog; // set by the constructor, for the first output
    double m_spareNormal = 0;
    bool m_hasSpareNormal = false;
};

/// FNV-1a, 64 bit: a stable hash of a stream name.
std::uint64_t fnv1a64(std::string_view text);
/// One SplitMix64 step: advances `state` and returns the mixed output.
std::uint64_t splitMix64(std::uint64_t &state);

} // namespace eventbench::sim
