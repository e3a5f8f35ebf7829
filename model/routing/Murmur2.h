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

namespace detail {
/// x as `width` ASCII digits (leading zeros), the first in the lowest byte.
constexpr std::uint32_t digitWord(std::uint32_t x, int width) {
    std::uint32_t word = 0;
    for (int i = width - 1; i >= 0; --i, x /= 10)
        word |= (0x30U + x % 10) << (8 * i);
    return word;
}
/// What the hash of key-<n> (n < 10^8) looks up: the mix of every 4-digit block, and the
/// words of the 1-, 2- and 3-digit tails. 44 KB, built by the compiler.
struct CountedKeyTables {
    std::uint32_t block[10000];
    std::uint32_t tail1[10], tail2[100], tail3[1000];
};
constexpr CountedKeyTables makeCountedKeyTables() {
    CountedKeyTables t{};
    for (std::uint32_t x = 0; x < 10000; ++x)
        t.block[x] = murmurMixBlock(digitWord(x, 4));
    for (std::uint32_t x = 0; x < 1000; ++x) {
        if (x < 10)
            t.tail1[x] = digitWord(x, 1);
        if (x < 100)
            t.tail2[x] = digitWord(x, 2);
        t.tail3[x] = digitWord(x, 3);
    }
    return t;
}
inline constexpr CountedKeyTables kCountedKeyTables = makeCountedKeyTables();
/// x / 10^K (K = 1..4) for every 32-bit x, as the multiply and shift a compiler emits for
/// the constant divisor (Granlund and Montgomery).
template <int K> constexpr std::uint32_t dividePow10(std::uint32_t x) {
    static_assert(K >= 1 && K <= 4);
    constexpr std::uint64_t magic[] = {0, 0xCCCCCCCDU, 0x51EB851FU, 0x10624DD3U, 0xD1B71759U};
    constexpr int shift[] = {0, 35, 37, 38, 45};
    return static_cast<std::uint32_t>((std::uint64_t{x} * magic[K]) >> shift[K]);
}
} // namespace detail

/// kafkaMurmur2 of countedKeyText(n), on every keyed message's path. For n < 10^8 the text is
/// never written: "key-" is one block whose mix is a constant, the first 4 digits are the next
/// block, looked up, and the rest is a looked-up tail (or, at 8 digits, a second block). The
/// digits split with constant divisors, so the partition a key selects is a few multiplies
/// and two loads after the key is drawn.
inline std::int32_t countedKeyMurmur2(std::uint64_t n) {
    if (n >= 100'000'000 || std::endian::native != std::endian::little) {
        char text[32];
        return kafkaMurmur2(text, countedKeyText(n, text));
    }
    constexpr std::uint32_t m = detail::kMurmurM;
    // The state after the seed, the length and the "key-" block, for a key of `digits`.
    constexpr auto start = [](int digits) {
        constexpr std::uint32_t prefixMixed = detail::murmurMixBlock(0x2d79656bU); // key- (LE)
        return ((0x9747b28cU ^ static_cast<std::uint32_t>(4 + digits)) * m) ^ prefixMixed;
    };
    const auto &t = detail::kCountedKeyTables;
    const auto x = static_cast<std::uint32_t>(n);
    const int digits = 1 + int{x >= 10} + int{x >= 100} + int{x >= 1000} + int{x >= 10000} +
                       int{x >= 100000} + int{x >= 1000000} + int{x >= 10000000};
    // Spelled as multiplies: written `x / 100`, the compiler merges the cases' tails and a
    // divisor that differs by case becomes a division instruction, the slowest step here.
    const std::uint32_t by10 = detail::dividePow10<1>(x), by100 = detail::dividePow10<2>(x),
                        by1000 = detail::dividePow10<3>(x), by10000 = detail::dividePow10<4>(x);
    std::uint32_t h;
    switch (digits) {
    case 1:
        h = (start(1) ^ t.tail1[x]) * m;
        break;
    case 2:
        h = (start(2) ^ t.tail2[x]) * m;
        break;
    case 3:
        h = (start(3) ^ t.tail3[x]) * m;
        break;
    case 4:
        h = (start(4) * m) ^ t.block[x];
        break;
    case 5:
        h = ((start(5) * m) ^ t.block[by10] ^ t.tail1[x - by10 * 10]) * m;
        break;
    case 6:
        h = ((start(6) * m) ^ t.block[by100] ^ t.tail2[x - by100 * 100]) * m;
        break;
    case 7:
        h = ((start(7) * m) ^ t.block[by1000] ^ t.tail3[x - by1000 * 1000]) * m;
        break;
    default:
        h = (((start(8) * m) ^ t.block[by10000]) * m) ^ t.block[x - by10000 * 10000];
        break;
    }
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
/// A topic's partition count with kafkaPartitionOfHash's remainder turned into two multiplies
/// (Lemire, Kaser and Kurz's direct remainder, exact for every 32-bit dividend): on every keyed
/// record's path, where a division would be the slowest step between the key and its
/// partition.
class PartitionDivisor {
  public:
    explicit PartitionDivisor(int partitions)
        : m_count(partitions > 0 ? static_cast<std::uint32_t>(partitions) : 0),
          m_magic(m_count > 0 ? UINT64_MAX / m_count + 1 : 0) {}
    /// kafkaPartitionOfHash(hash, partitions); 0 when partitions <= 0 (the magic is 0).
    int partitionOf(std::int32_t hash) const {
        __extension__ using Wide = unsigned __int128;
        const std::uint64_t fraction = m_magic * (static_cast<std::uint32_t>(hash) & 0x7fffffffU);
        return static_cast<int>((static_cast<Wide>(fraction) * m_count) >> 64);
    }

  private:
    std::uint32_t m_count;
    std::uint64_t m_magic; // ceil(2^64 / count), 0 for a count of 1 (every hash goes to 0)
};

/// kafkaPartitionOfHash of the key's murmur2.
inline int kafkaPartition(std::string_view key, int partitions) {
    return kafkaPartitionOfHash(kafkaMurmur2(key.data(), key.size()), partitions);
}

} // namespace eventbench::model
