#pragma once
// Kafka's default partitioner for keyed records: the 32-bit murmur2 hash of the key bytes
// (org.apache.kafka.common.utils.Utils.murmur2) and the partition it selects. The one copy,
// used by the simulator's topics and the capacity model's partition shares; inline so that
// the simulator's hot path compiles it with its own optimisation. Pure functions, safe from
// any thread.
#include <algorithm>
#include <bit>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace eventbench::model {

namespace detail {
constexpr std::uint32_t kMurmurM = 0x5bd1e995U;
/// One 4-byte block's mix (k *= m; k ^= k >>> 24; k *= m).
constexpr std::uint32_t murmurMixBlock(std::uint32_t k) {
    k *= kMurmurM;
    k ^= k >> 24;
    return k * kMurmurM;
}
/// The final avalanche.
constexpr std::uint32_t murmurFinish(std::uint32_t h) {
    h ^= h >> 13;
    h *= kMurmurM;
    return h ^ (h >> 15);
}
} // namespace detail

/// Bit-exact port of Kafka's Utils.murmur2: seed 0x9747b28c, m 0x5bd1e995, r 24,
/// little-endian 4-byte blocks; returns the same signed 32-bit value Java does.
inline std::int32_t kafkaMurmur2(const void *data, std::size_t length) {
    // Java int arithmetic wraps modulo 2^32 and `>>>` is a logical shift: unsigned 32-bit
    // arithmetic gives exactly the same bits without signed-overflow UB.
    constexpr std::uint32_t seed = 0x9747b28cU;
    constexpr std::uint32_t m = detail::kMurmurM;

    const auto *bytes = static_cast<const unsigned char *>(data);
    std::uint32_t h = seed ^ static_cast<std::uint32_t>(length);

    const std::size_t blocks = length / 4;
    for (std::size_t i = 0; i < blocks; ++i) {
        const unsigned char *b = bytes + 4 * i;
        const std::uint32_t k = std::uint32_t(b[0]) | (std::uint32_t(b[1]) << 8) |
                                (std::uint32_t(b[2]) << 16) | (std::uint32_t(b[3]) << 24);
        h = (h * m) ^ detail::murmurMixBlock(k);
    }

    const unsigned char *tail = bytes + 4 * blocks;
    switch (length % 4) {
    case 3:
        h ^= std::uint32_t(tail[2]) << 16;
        [[fallthrough]];
    case 2:
        h ^= std::uint32_t(tail[1]) << 8;
        [[fallthrough]];
    case 1:
        h ^= std::uint32_t(tail[0]);
        h *= m;
        break;
    default:
        break;
    }

    // two's complement reinterpretation, as Java's int
    return static_cast<std::int32_t>(detail::murmurFinish(h));
}

namespace detail {
/// The decimal digits of n < 10^8 as ASCII bytes, first digit lowest, in one word, and how
/// many there are: two 4-digit halves in 32-bit lanes, then 2-digit pairs in 16-bit lanes,
/// then digits in bytes.
struct DecimalWord {
    std::uint64_t text;
    int digits;
};
inline DecimalWord decimalWord(std::uint64_t n) {
    const std::uint64_t high = n / 10000;
    std::uint64_t v = high | ((n - high * 10000) << 32);
    const std::uint64_t hundreds = ((v * 5243) >> 19) & 0x0000007f0000007fULL; // x / 100
    v = hundreds | ((v - hundreds * 100) << 16);
    const std::uint64_t tens = ((v * 103) >> 10) & 0x000f000f000f000fULL; // y / 10
    v = tens | ((v - tens * 10) << 8);
    // Leading zero digits are the low zero bytes; n == 0 keeps its one digit.
    const int zeros = std::min(7, std::countr_zero(v) / 8);
    return {(v | 0x3030303030303030ULL) >> (8 * zeros), 8 - zeros};
}
} // namespace detail

/// Writes `key-<n>`, the n-th key a counted producer draws (`keys: {distribution: uniform|zipf}`),
/// to `out` (at least 32 bytes) and returns its length. The one spelling of those keys: the
/// simulator partitions by it and the capacity model hashes it.
inline std::size_t countedKeyText(std::uint64_t n, char *out) {
    std::memcpy(out, "key-", 4);
    if (n >= 100'000'000 || std::endian::native != std::endian::little)
        return static_cast<std::size_t>(std::to_chars(out + 4, out + 32, n).ptr - out);
    const detail::DecimalWord word = detail::decimalWord(n);
    std::memcpy(out + 4, &word.text, 8);
    return static_cast<std::size_t>(4 + word.digits);
}

/// kafkaMurmur2 of countedKeyText(n), on every keyed message's path: for n < 10^8 the digits
/// are hashed from the word they are made in, and the "key-" block's mix is a constant.
inline std::int32_t countedKeyMurmur2(std::uint64_t n) {
    if (n >= 100'000'000 || std::endian::native != std::endian::little) {
        char text[32];
        return kafkaMurmur2(text, countedKeyText(n, text));
    }
    constexpr std::uint32_t m = detail::kMurmurM;
    constexpr std::uint32_t prefixMixed = detail::murmurMixBlock(0x2d79656bU); // key- (LE)
    const detail::DecimalWord word = detail::decimalWord(n);
    std::uint32_t h =
        ((0x9747b28cU ^ static_cast<std::uint32_t>(4 + word.digits)) * m) ^ prefixMixed;
    std::uint64_t rest = word.text;
    int left = word.digits;
    for (; left >= 4; left -= 4, rest >>= 32)
        h = (h * m) ^ detail::murmurMixBlock(static_cast<std::uint32_t>(rest));
    if (left > 0) // the tail's bytes, xored in as one little-endian word
        h = (h ^ (static_cast<std::uint32_t>(rest) & ((std::uint32_t{1} << (8 * left)) - 1))) * m;
    return static_cast<std::int32_t>(detail::murmurFinish(h));
}

/// The partition Kafka's default partitioner picks for a keyed record whose key bytes have
/// murmur2 `hash`: (hash & 0x7fffffff) % partitions. Returns 0 when partitions <= 0.
inline int kafkaPartitionOfHash(std::int32_t hash, int partitions) {
    if (partitions <= 0) // validation rejects this; never divide by zero regardless
        return 0;
    const auto positive = static_cast<std::uint32_t>(hash) & 0x7fffffffU;
    return static_cast<int>(positive % static_cast<std::uint32_t>(partitions));
}
/// kafkaPartitionOfHash of the key's murmur2.
inline int kafkaPartition(std::string_view key, int partitions) {
    return kafkaPartitionOfHash(kafkaMurmur2(key.data(), key.size()), partitions);
}

} // namespace eventbench::model
