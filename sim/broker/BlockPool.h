#pragma once
// Fixed-size memory blocks for message storage (partition chunks, archive blocks), carved from
// slabs that the kernel fills in one call (MAP_POPULATE): page by page, first touches cost
// more than the simulation that writes the records (BENCHMARKS.md). Slabs start at 64 KiB and
// double up to 2 MiB per block size, so a small run stays small. Freed blocks are reused;
// slabs go back to the system when the pool is destroyed. Owned by one engine run (a log
// without a pool uses the heap); single-threaded.
#include <cstddef>
#include <utility>
#include <vector>

namespace eventbench::sim {

class BlockPool {
  public:
    static constexpr std::size_t kFirstSlabBytes = std::size_t{64} << 10;
    static constexpr std::size_t kSlabBytes = std::size_t{2} << 20;

    BlockPool() = default;
    ~BlockPool();
    BlockPool(const BlockPool &) = delete;
    BlockPool &operator=(const BlockPool &) = delete;

    /// A block of `bytes` (at most kSlabBytes), aligned to 64 bytes; throws std::bad_alloc.
    void *allocate(std::size_t bytes);
    /// Returns a block that allocate(bytes) gave. Never throws and never allocates (the free
    /// list runs through the freed blocks themselves), so destructors may release.
    void release(void *block, std::size_t bytes) noexcept;
    /// Bytes of slabs held (a running count: cheap enough to read every few thousand events).
    std::size_t reservedBytes() const { return m_reserved; }

  private:
    struct SizeClass {
        std::size_t bytes;
        void *free = nullptr; // freed blocks, each holding the next one's address
        char *next = nullptr; // uncarved rest of the newest slab
        std::size_t left = 0;
        std::size_t slabBytes = 0; // of the newest slab
    };
    SizeClass &classOf(std::size_t bytes);

    std::vector<SizeClass> m_classes;
    std::vector<std::pair<void *, std::size_t>> m_slabs;
    std::size_t m_reserved = 0;
};

/// Allocates from `pool`, or from the heap when it is null.
void *allocateBlock(BlockPool *pool, std::size_t bytes);
void releaseBlock(BlockPool *pool, void *block, std::size_t bytes) noexcept;

} // namespace eventbench::sim
