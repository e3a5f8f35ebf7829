#pragma once
// A set of message ids as a growable bitset: ids are dense (1..N), so one bit per message
// per group is exact and far cheaper than a hash set. The owner may forget the ids below a
// floor that no live message can have any more (forgetBelow), so the bits kept cover a
// sliding window of recent ids and memory stays flat over a long run.
#include <algorithm>
#include <cassert>
#include <cstdint>
#include <vector>

namespace eventbench::sim {

class IdSet {
  public:
    bool contains(std::uint64_t id) const {
        const std::uint64_t word = id >> 6;
        assert(word >= m_baseWord && "IdSet: asked about an id it was told to forget");
        return word >= m_baseWord && word - m_baseWord < m_bits.size() &&
               (m_bits[word - m_baseWord] >> (id & 63)) & 1U;
    }
    /// Inserts id; returns true when it was not there before.
    bool insert(std::uint64_t id) {
        const std::uint64_t word = id >> 6;
        assert(word >= m_baseWord && "IdSet: inserting an id it was told to forget");
        const std::uint64_t at = word - m_baseWord;
        if (at >= m_bits.size())
            m_bits.resize(at + 1 + at / 2, 0);
        const std::uint64_t mask = std::uint64_t{1} << (id & 63);
        const bool fresh = !(m_bits[at] & mask);
        m_bits[at] |= mask;
        return fresh;
    }
    /// Drops the ids below `floor`; the caller promises never to ask about them again.
    /// The bits are moved only once half the window can go, so this is O(1) amortised.
    void forgetBelow(std::uint64_t floor) {
        const std::uint64_t word = floor >> 6;
        if (word <= m_baseWord)
            return;
        const std::uint64_t drop = word - m_baseWord;
        if (drop >= m_bits.size()) {
            m_bits.clear();
            m_baseWord = word;
        } else if (2 * drop >= m_bits.size()) {
            m_bits.erase(m_bits.begin(), m_bits.begin() + static_cast<std::ptrdiff_t>(drop));
            m_baseWord = word;
        }
    }
    /// Bytes of bit storage.
    std::size_t memoryBytes() const { return m_bits.capacity() * sizeof(std::uint64_t); }

  private:
    std::vector<std::uint64_t> m_bits; // m_bits[i] holds ids (m_baseWord + i) * 64 ...
    std::uint64_t m_baseWord = 0;
};

} // namespace eventbench::sim
