#pragma once
// A FIFO of trivially copyable records in fixed-size chunks (the storage of a partition log):
// push at the back, pop at the front, O(1) random access. Chunks come uninitialised from a
// BlockPool (or the heap), and one emptied chunk is kept for reuse, so a log trimmed at a
// steady rate stops allocating. Single-threaded; owned by its log; move-only.
#include <algorithm>
#include <cassert>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/broker/BlockPool.h"

namespace eventbench::sim {

template <class T, unsigned kChunkBits> class ChunkedRing {
    // Trivially constructible, so that a raw block can hold records without initialising it.
    static_assert(std::is_trivially_default_constructible_v<T> && std::is_trivially_copyable_v<T> &&
                  std::is_trivially_destructible_v<T>);

  public:
    static constexpr std::size_t kChunk = std::size_t{1} << kChunkBits;
    static constexpr std::size_t kChunkBytes = kChunk * sizeof(T);

    ChunkedRing() = default;
    ChunkedRing(const ChunkedRing &) = delete;
    ChunkedRing &operator=(const ChunkedRing &) = delete;
    ChunkedRing(ChunkedRing &&other) noexcept { swap(other); }
    ChunkedRing &operator=(ChunkedRing &&other) noexcept {
        ChunkedRing gone;
        gone.swap(other);
        swap(gone);
        return *this;
    }
    ~ChunkedRing() {
        for (std::size_t c = 0; c < m_used; ++c)
            releaseBlock(m_pool, m_chunks[(m_first + c) & (m_chunks.size() - 1)], kChunkBytes);
        releaseBlock(m_pool, m_spare, kChunkBytes);
    }

    /// Where chunks come from from now on (null: the heap); only while empty.
    void usePool(BlockPool *pool) {
        assert(m_used == 0 && !m_spare);
        m_pool = pool;
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    const T &operator[](std::size_t i) const {
        assert(i < m_size);
        const std::size_t pos = m_head + i;
        return m_chunks[(m_first + (pos >> kChunkBits)) & (m_chunks.size() - 1)]
                       [pos & (kChunk - 1)];
    }
    T &operator[](std::size_t i) { return const_cast<T &>(std::as_const(*this)[i]); }
    const T &front() const { return (*this)[0]; }

    void push_back(const T &value) {
        const std::size_t pos = m_head + m_size;
        if ((pos >> kChunkBits) == m_used)
            addChunk();
        m_chunks[(m_first + (pos >> kChunkBits)) & (m_chunks.size() - 1)][pos & (kChunk - 1)] =
            value;
        ++m_size;
    }

    /// How many records from the front lie one after another in memory (all of the first
    /// chunk's), and where they start; the ring must not be empty.
    std::size_t frontRun() const { return std::min(m_size, kChunk - m_head); }
    const T *frontData() const { return m_chunks[m_first] + m_head; }

    void pop_front() { popFront(1); }
    /// Pops `n` <= frontRun() records.
    void popFront(std::size_t n) {
        assert(n <= frontRun());
        m_size -= n;
        m_head += n;
        if (m_head == kChunk) {
            // The first chunk is used up: keep it as the spare (or free it).
            T *&first = m_chunks[m_first];
            if (!m_spare)
                m_spare = first;
            else
                releaseBlock(m_pool, first, kChunkBytes);
            first = nullptr;
            m_first = (m_first + 1) & (m_chunks.size() - 1);
            --m_used;
            m_head = 0;
        }
    }

    /// Bytes held by chunks (in use and spare) and the chunk table.
    std::size_t memoryBytes() const {
        return (m_used + (m_spare ? 1 : 0)) * kChunkBytes + m_chunks.capacity() * sizeof(T *);
    }

  private:
    void swap(ChunkedRing &o) noexcept {
        std::swap(m_chunks, o.m_chunks);
        std::swap(m_first, o.m_first);
        std::swap(m_used, o.m_used);
        std::swap(m_head, o.m_head);
        std::swap(m_size, o.m_size);
        std::swap(m_spare, o.m_spare);
        std::swap(m_pool, o.m_pool);
    }

    void addChunk() {
        if (m_used == m_chunks.size()) {
            // Unroll the ring into a table twice as big.
            std::vector<T *> bigger(m_chunks.empty() ? 4 : 2 * m_chunks.size(), nullptr);
            for (std::size_t c = 0; c < m_used; ++c)
                bigger[c] = m_chunks[(m_first + c) & (m_chunks.size() - 1)];
            m_chunks.swap(bigger);
            m_first = 0;
        }
        T *chunk = m_spare;
        m_spare = nullptr;
        if (!chunk)
            chunk = static_cast<T *>(allocateBlock(m_pool, kChunkBytes));
        m_chunks[(m_first + m_used) & (m_chunks.size() - 1)] = chunk;
        ++m_used;
    }

    std::vector<T *> m_chunks; // ring of chunks; size is a power of two
    std::size_t m_first = 0;   // ring index of the chunk holding element 0
    std::size_t m_used = 0;    // chunks in use, from m_first on
    std::size_t m_head = 0;    // position of element 0 in its chunk
    std::size_t m_size = 0;
    T *m_spare = nullptr;
    BlockPool *m_pool = nullptr;
};

} // namespace eventbench::sim
