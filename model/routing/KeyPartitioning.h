#pragma once
// Where a producer's keyed messages land on a topic (SPEC §3.1 topic `partitioner: murmur2`):
// a model-side copy of Kafka's murmur2 partitioner (the simulator's is in sim/broker, which the
// model may not use; tests check they agree) and the share of a producer's messages that each
// partition receives, computed exactly from the key popularity (uniform or zipf) by hashing
// every key the simulator can draw (`key-0` .. `key-<count-1>`).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// Kafka's Utils.murmur2 (seed 0x9747b28c), as the signed 32-bit value Java returns.
std::int32_t kafkaMurmur2Hash(const void *data, std::size_t length);
/// (murmur2(key) & 0x7fffffff) % partitions; 0 when partitions <= 0.
int kafkaPartitionOf(std::string_view key, int partitions);

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
    double hottestKeyShare() const { return m_weight.empty() ? 0.0 : m_weight.front(); }

  private:
    bool m_keyed = false;
    std::vector<std::uint32_t> m_hash; // positive murmur2 of each exactly hashed key
    std::vector<double> m_weight;      // its probability
    double m_tail = 0;                 // probability of the keys not hashed
};

} // namespace eventbench::model
