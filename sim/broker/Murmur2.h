#pragma once
// Kafka's default partitioner for keyed records: the 32-bit murmur2 hash of the key bytes
// (org.apache.kafka.common.utils.Utils.murmur2) and the partition it selects. Pure functions,
// safe from any thread.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace eventbench::sim {

/// Bit-exact port of Kafka's Utils.murmur2: seed 0x9747b28c, m 0x5bd1e995, r 24,
/// little-endian 4-byte blocks; returns the same signed 32-bit value Java does.
std::int32_t kafkaMurmur2(const void *data, std::size_t length);

/// The partition Kafka's default partitioner picks for a keyed record:
/// (murmur2(key bytes) & 0x7fffffff) % partitions. Returns 0 when partitions <= 0.
int kafkaPartition(std::string_view key, int partitions);

} // namespace eventbench::sim
