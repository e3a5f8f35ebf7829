#include "sim/metrics/LogLinearHistogram.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>

namespace eventbench::sim {

LogLinearHistogram::LogLinearHistogram() = default;

void LogLinearHistogram::recordRare(double value) {
    assert(value >= 0);
    if (std::isnan(value))
        return;
    if (value < 0)
        value = 0;

    if (m_count == 0) {
        m_min = value;
        m_max = value;
    } else {
        m_min = std::min(m_min, value);
        m_max = std::max(m_max, value);
    }
    ++m_count;
    addToSum(value);

    const auto bits = std::bit_cast<std::uint64_t>(value);
    const int exponent = exponentOf(bits);
    if (value == 0 || exponent < kMinExponent) {
        ++m_zero;
        return;
    }
    if (exponent > kMaxExponent) {
        ++m_overflow;
        return;
    }
    if (exponent < m_lowExponent || exponent > m_highExponent)
        ensureExponents(exponent, exponent);
    ++m_buckets[std::size_t(exponent - m_lowExponent) * kSubBuckets + subBucketOf(bits)];
}

void LogLinearHistogram::ensureExponents(int low, int high) {
    if (m_highExponent >= m_lowExponent) {
        low = std::min(low, m_lowExponent);
        high = std::max(high, m_highExponent);
        if (low == m_lowExponent && high == m_highExponent)
            return;
    }
    std::vector<std::uint64_t> grown(std::size_t(high - low + 1) * kSubBuckets, 0);
    if (m_highExponent >= m_lowExponent)
        std::copy(m_buckets.begin(), m_buckets.end(),
                  grown.begin() + std::ptrdiff_t(m_lowExponent - low) * kSubBuckets);
    m_buckets.swap(grown);
    m_lowExponent = low;
    m_highExponent = high;
}

double LogLinearHistogram::mean() const {
    return m_count == 0 ? 0.0 : (m_sum + m_sumCompensation) / double(m_count);
}

double LogLinearHistogram::min() const {
    return m_count == 0 ? 0.0 : m_min;
}

double LogLinearHistogram::max() const {
    return m_count == 0 ? 0.0 : m_max;
}

double LogLinearHistogram::bucketMidpoint(int exponent, int subBucket) const {
    return std::ldexp(1.0 + (subBucket + 0.5) / kSubBuckets, exponent);
}

double LogLinearHistogram::quantile(double q) const {
    if (m_count == 0)
        return 0.0;
    if (!(q > 0)) // also NaN
        q = 0;
    q = std::min(q, 1.0);
    auto rank = std::uint64_t(std::ceil(q * double(m_count)));
    rank = std::clamp<std::uint64_t>(rank, 1, m_count);

    // The extreme ranks are known exactly.
    if (rank == 1)
        return m_min;
    if (rank == m_count)
        return m_max;

    auto clamped = [this](double v) { return std::clamp(v, m_min, m_max); };
    std::uint64_t seen = m_zero;
    if (seen >= rank)
        return clamped(0.0);
    for (std::size_t i = 0; i < m_buckets.size(); ++i) {
        seen += m_buckets[i];
        if (seen >= rank) {
            const int exponent = m_lowExponent + int(i / kSubBuckets);
            return clamped(bucketMidpoint(exponent, int(i % kSubBuckets)));
        }
    }
    return m_max; // the rank is in the overflow bucket
}

void LogLinearHistogram::merge(const LogLinearHistogram &other) {
    if (other.m_count == 0)
        return;
    if (other.m_highExponent >= other.m_lowExponent) {
        ensureExponents(other.m_lowExponent, other.m_highExponent);
        const std::size_t offset = std::size_t(other.m_lowExponent - m_lowExponent) * kSubBuckets;
        for (std::size_t i = 0; i < other.m_buckets.size(); ++i)
            m_buckets[offset + i] += other.m_buckets[i];
    }
    if (m_count == 0) {
        m_min = other.m_min;
        m_max = other.m_max;
    } else {
        m_min = std::min(m_min, other.m_min);
        m_max = std::max(m_max, other.m_max);
    }
    m_zero += other.m_zero;
    m_overflow += other.m_overflow;
    m_count += other.m_count;
    addToSum(other.m_sum);
    m_sumCompensation += other.m_sumCompensation;
}

void LogLinearHistogram::clear() {
    std::fill(m_buckets.begin(), m_buckets.end(), 0);
    m_zero = 0;
    m_overflow = 0;
    m_count = 0;
    m_sum = 0;
    m_sumCompensation = 0;
    m_min = 0;
    m_max = 0;
}

} // namespace eventbench::sim
