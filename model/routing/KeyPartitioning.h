#pragma once
// Where a producer's keyed messages land on a topic (topic `partitioner: murmur2`, see
// scenarios/README.md): the share of a producer's messages that each partition receives,
// computed exactly from the key popularity (uniform or zipf) by hashing every key the
// simulator can draw (`key-0` .. `key-<count-1>`, or the listed key strings) with the simulator's
// partitioner (Murmur2.h).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// The keys of one KeySpec, hashed once, so that the partition shares for any partition count
/// cost one pass. Keys beyond kMaxExactKeys (the least popular ones) are not hashed: their
/// total weight is spread evenly over the partitions.
class KeyPartitioning {
  public:
    static constexpr std::uint64_t kMaxExactKeys = 1u << 20;

    explicit KeyPartitioning(const KeySpec &keys);
    /// False for KeySpec::None (un-keyed messages go round-robin).
    bool keyed() const { return m_keyed; }
    /// Fraction of the producer's messages per partition (sums to 1); un-keyed: 1/partitions
    /// each.
    std::vector<double> shares(int partitions) const;
    /// The probability of the most frequent key (0 when un-keyed).
    double hottestKeyShare() const { return m_hash.empty() ? 0.0 : weightOf(0); }

  private:
    void setValues(const KeySpec &keys);
    /// The probability of the i-th exactly hashed key.
    double weightOf(std::size_t i) const { return m_weight.empty() ? m_evenWeight : m_weight[i]; }

    bool m_keyed = false;
    std::vector<std::uint32_t> m_hash; // positive murmur2 of each exactly hashed key
    std::vector<double> m_weight;      // its probability; empty when every key has m_evenWeight
    double m_evenWeight = 0;
    double m_tail = 0; // probability of the keys not hashed
};

} // namespace eventbench::model
