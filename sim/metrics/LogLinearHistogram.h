#pragma once
// Latency histogram of the simulator (ARCHITECTURE: log-linear, <= 1% relative error).
// Buckets: one per binary exponent, each split into 64 linear sub-buckets, so a bucket's
// midpoint is within 1/128 (0.78%) of any value in it. Count, sum, min and max are exact.
// Owned by one metrics object; not thread-safe (copy it to hand it to another thread).
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace eventbench::sim {

class LogLinearHistogram {
  public:
    /// Sub-buckets per binary exponent.
    static constexpr int kSubBuckets = 64;
    /// Values in [2^kMinExponent, 2^(kMaxExponent+1)) ~ [9.3e-10, 1.07e9) get log-linear
    /// buckets; smaller ones a zero bucket (represented by 0, clamped to min), larger ones an
    /// overflow bucket (represented by the exact max).
    static constexpr int kMinExponent = -30;
    static constexpr int kMaxExponent = 29;

    LogLinearHistogram();

    /// Records one value >= 0 (e.g. seconds). O(1); allocates only the first time a value
    /// lands in a binary exponent outside the ones seen so far (at most 60 times in all).
    void record(double value);

    std::uint64_t count() const { return m_count; }
    /// Exact mean (compensated sum / count); 0 when empty.
    double mean() const;
    /// Exact extremes; 0 when empty.
    double min() const;
    double max() const;
    /// Nearest-rank quantile: the smallest recorded v with at least ceil(q*count) values
    /// <= v (rank at least 1), approximated by its bucket's midpoint clamped to [min, max]
    /// (ranks 1 and count give min and max exactly); q is clamped to [0, 1]. 0 when empty.
    double quantile(double q) const;

    /// Adds every value recorded in `other`.
    void merge(const LogLinearHistogram &other);
    /// Forgets all values; keeps the bucket memory.
    void clear();

    /// Bytes of bucket storage currently allocated (for tests and memory budgets).
    std::size_t bucketMemoryBytes() const { return m_buckets.capacity() * sizeof(std::uint64_t); }

  private:
    /// record() for what its inline part leaves: the first value, zero, negative, NaN and
    /// values in an exponent without buckets yet.
    void recordRare(double value);
    // For a positive normal double 1.f * 2^e, the exponent field gives e and the top mantissa
    // bits give the linear sub-bucket of 1.f in [1, 2): exact and branch-free.
    static constexpr int kMantissaBits = 52;
    static constexpr int kSubBucketBits = 6;
    static_assert((1 << kSubBucketBits) == kSubBuckets);
    static int exponentOf(std::uint64_t bits) {
        return static_cast<int>((bits >> kMantissaBits) & 0x7ff) - 1023;
    }
    static std::size_t subBucketOf(std::uint64_t bits) {
        return (bits >> (kMantissaBits - kSubBucketBits)) & (kSubBuckets - 1);
    }
    void ensureExponents(int low, int high);
    void addToSum(double value) {
        // Neumaier's compensated summation: the mean stays exact to ~1 ulp over long runs.
        const double t = m_sum + value;
        if (std::abs(m_sum) >= std::abs(value))
            m_sumCompensation += (m_sum - t) + value;
        else
            m_sumCompensation += (value - t) + m_sum;
        m_sum = t;
    }
    double bucketMidpoint(int exponent, int subBucket) const;

    std::vector<std::uint64_t> m_buckets; // exponents [m_lowExponent, m_highExponent]
    int m_lowExponent = 0;
    int m_highExponent = -1; // < m_lowExponent: nothing allocated yet
    std::uint64_t m_zero = 0;
    std::uint64_t m_overflow = 0;
    std::uint64_t m_count = 0;
    double m_sum = 0;
    double m_sumCompensation = 0; // Neumaier compensation term
    double m_min = 0;
    double m_max = 0;
};

// On every message's path: inline, with the rare cases out of line.
inline void LogLinearHistogram::record(double value) {
    const auto bits = std::bit_cast<std::uint64_t>(value);
    const int exponent = exponentOf(bits);
    if (!(value > 0) || m_count == 0 || exponent < m_lowExponent || exponent > m_highExponent) {
        recordRare(value);
        return;
    }
    m_min = std::min(m_min, value);
    m_max = std::max(m_max, value);
    ++m_count;
    addToSum(value);
    ++m_buckets[static_cast<std::size_t>(exponent - m_lowExponent) * kSubBuckets +
                subBucketOf(bits)];
}

} // namespace eventbench::sim
