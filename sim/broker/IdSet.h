#pragma once
// A set of message ids as a growable bitset: ids are dense (1..N), so one bit per message
// per group is exact and far cheaper than a hash set.
#include <cstdint>
#include <vector>

namespace eventbench::sim {

class IdSet {
public:
    bool contains(std::uint64_t id) const {
        const std::uint64_t word = id >> 6;
        return word < m_bits.size() && (m_bits[word] >> (id & 63)) & 1U;
    }
    /// Inserts id; returns true when it was not there before.
    bool insert(std::uint64_t id) {
        const std::uint64_t word = id >> 6;
        if (word >= m_bits.size())
            m_bits.resize(word + 1 + word / 2, 0);
        const std::uint64_t mask = std::uint64_t{1} << (id & 63);
        const bool fresh = !(m_bits[word] & mask);
        m_bits[word] |= mask;
        return fresh;
    }

private:
    std::vector<std::uint64_t> m_bits;
};

} // namespace eventbench::sim
