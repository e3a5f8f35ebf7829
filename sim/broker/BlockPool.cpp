#include "sim/broker/BlockPool.h"

#include <sys/mman.h>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <new>

namespace eventbench::sim {

namespace {
constexpr std::size_t kAlign = 64;
std::size_t roundUp(std::size_t bytes) {
    return (bytes + kAlign - 1) / kAlign * kAlign;
}
} // namespace

BlockPool::~BlockPool() {
    for (const auto &[slab, bytes] : m_slabs)
        munmap(slab, bytes);
}

BlockPool::SizeClass &BlockPool::classOf(std::size_t bytes) {
    for (SizeClass &c : m_classes)
        if (c.bytes == bytes)
            return c;
    m_classes.push_back({bytes, nullptr, nullptr, 0, 0});
    return m_classes.back();
}

void *BlockPool::allocate(std::size_t bytes) {
    bytes = roundUp(bytes);
    assert(bytes <= kSlabBytes);
    SizeClass &c = classOf(bytes);
    if (c.free) {
        void *block = c.free;
        std::memcpy(&c.free, block, sizeof(void *));
        return block;
    }
    if (c.left < bytes) {
        std::size_t slabBytes = c.slabBytes == 0 ? kFirstSlabBytes : 2 * c.slabBytes;
        slabBytes = std::max(std::min(slabBytes, kSlabBytes), bytes);
        void *slab = mmap(nullptr, slabBytes, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (slab == MAP_FAILED)
            throw std::bad_alloc();
        try {
            m_slabs.emplace_back(slab, slabBytes);
        } catch (...) {
            munmap(slab, slabBytes);
            throw;
        }
        m_reserved += slabBytes;
        c.next = static_cast<char *>(slab);
        c.left = slabBytes;
        c.slabBytes = slabBytes;
    }
    void *block = c.next;
    c.next += bytes;
    c.left -= bytes;
    return block;
}

void BlockPool::release(void *block, std::size_t bytes) noexcept {
    bytes = roundUp(bytes);
    for (SizeClass &c : m_classes) {
        if (c.bytes != bytes)
            continue;
        std::memcpy(block, &c.free, sizeof(void *));
        c.free = block;
        return;
    }
    assert(false && "BlockPool::release of a block it did not allocate");
}

void *allocateBlock(BlockPool *pool, std::size_t bytes) {
    return pool ? pool->allocate(bytes) : ::operator new (bytes, std::align_val_t{kAlign});
}

void releaseBlock(BlockPool *pool, void *block, std::size_t bytes) noexcept {
    if (!block)
        return;
    if (pool)
        pool->release(block, bytes);
    else
        ::operator delete (block, std::align_val_t{kAlign});
}

} // namespace eventbench::sim
