#include "model/routing/KeyPartitioning.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "model/routing/Murmur2.h"

namespace eventbench::model {

KeyPartitioning::KeyPartitioning(const KeySpec &keys) {
    if (keys.kind == KeySpec::Kind::None)
        return;
    m_keyed = true;
    if (keys.kind == KeySpec::Kind::Values) {
        setValues(keys);
        return;
    }
    const std::uint64_t n = std::max<std::uint64_t>(1, keys.count);
    const std::uint64_t exact = std::min(n, kMaxExactKeys);
    // The simulator's ZipfSampler treats skew <= 0 (or non-finite) as uniform.
    const bool zipf = keys.kind == KeySpec::Kind::Zipf && std::isfinite(keys.skew) && keys.skew > 0;
    m_hash.resize(exact);
    for (std::uint64_t k = 0; k < exact; ++k)
        m_hash[k] = static_cast<std::uint32_t>(countedKeyMurmur2(k)) & 0x7fffffffU;
    double exactSum = static_cast<double>(exact);
    if (zipf) {
        m_weight.resize(exact);
        exactSum = 0;
        for (std::uint64_t k = 0; k < exact; ++k)
            exactSum += m_weight[k] = std::pow(static_cast<double>(k + 1), -keys.skew);
    }
    double tailSum = 0;
    if (exact < n) {
        const double lo = static_cast<double>(exact) + 0.5, hi = static_cast<double>(n) + 0.5;
        if (!zipf)
            tailSum = static_cast<double>(n - exact);
        else if (std::abs(keys.skew - 1) < 1e-12)
            tailSum = std::log(hi / lo); // the integral of x^-1 over the tail's ranks
        else
            tailSum = (std::pow(hi, 1 - keys.skew) - std::pow(lo, 1 - keys.skew)) / (1 - keys.skew);
    }
    const double total = exactSum + tailSum;
    for (double &w : m_weight)
        w /= total;
    m_evenWeight = 1.0 / total;
    m_tail = tailSum / total;
}

// Listed keys: one entry per distinct string (a key listed twice weighs twice), hottest first.
void KeyPartitioning::setValues(const KeySpec &keys) {
    std::map<std::string, double> weight;
    double total = 0;
    for (std::size_t i = 0; i < keys.values.size(); ++i) {
        const double w = keys.weights.empty() ? 1.0 : keys.weights[i];
        weight[keys.values[i]] += w;
        total += w;
    }
    std::vector<std::pair<double, std::uint32_t>> entries;
    for (const auto &[key, w] : weight)
        entries.emplace_back(w / total,
                             static_cast<std::uint32_t>(kafkaMurmur2(key.data(), key.size())) &
                                 0x7fffffffU);
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &[w, hash] : entries) {
        m_weight.push_back(w);
        m_hash.push_back(hash);
    }
}

std::vector<double> KeyPartitioning::shares(int partitions) const {
    const int p = std::max(1, partitions);
    std::vector<double> out(static_cast<std::size_t>(p), 0.0);
    if (!m_keyed) {
        std::fill(out.begin(), out.end(), 1.0 / p);
        return out;
    }
    const PartitionDivisor divisor(p);
    for (std::size_t i = 0; i < m_hash.size(); ++i)
        out[static_cast<std::size_t>(divisor.partitionOf(static_cast<std::int32_t>(m_hash[i])))] +=
            weightOf(i);
    for (double &s : out)
        s += m_tail / p;
    return out;
}

} // namespace eventbench::model
