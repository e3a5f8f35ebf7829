#include "sim/kernel/Rng.h"

namespace eventbench::sim {

std::uint64_t splitMix64(std::uint64_t &state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::uint64_t fnv1a64(std::string_view text) {
    std::uint64_t h = 0xCBF29CE484222325ull;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001B3ull;
    }
    return h;
}

Rng::Rng(std::uint64_t seed) {
    std::uint64_t sm = seed;
    for (auto &s : m_s)
        s = splitMix64(sm);
    // xoshiro must not start from the all-zero state (SplitMix64 never yields four zeros,
    // but keep the invariant explicit).
    if ((m_s[0] | m_s[1] | m_s[2] | m_s[3]) == 0)
        m_s[0] = 1;
    // A memo for the stream's first output: true bits, and a logarithm the library computes
    // at run time, as exponential() would.
    m_aheadBits = output(m_s[1]);
    m_aheadLog = std::log(positiveUnit(m_aheadBits));
}

Rng Rng::forStream(std::uint64_t scenarioSeed, std::string_view streamName) {
    // Mix the seed first so that seed s / name a and seed s' / name b cannot trivially
    // collide through the XOR.
    std::uint64_t sm = scenarioSeed;
    const std::uint64_t mixedSeed = splitMix64(sm);
    return Rng(mixedSeed ^ fnv1a64(streamName));
}

double Rng::normal(double mean, double stddev) {
    if (m_hasSpareNormal) {
        m_hasSpareNormal = false;
        return mean + stddev * m_spareNormal;
    }
    double u, v, s;
    do {
        u = 2.0 * uniform() - 1.0;
        v = 2.0 * uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    m_spareNormal = v * f;
    m_hasSpareNormal = true;
    return mean + stddev * (u * f);
}

std::uint64_t Rng::belowRejecting(std::uint64_t n, U128 m) {
    auto low = static_cast<std::uint64_t>(m);
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
        m = static_cast<U128>(next()) * n;
        low = static_cast<std::uint64_t>(m);
    }
    return static_cast<std::uint64_t>(m >> 64);
}

} // namespace eventbench::sim
