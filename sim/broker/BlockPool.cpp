#include "sim/broker/BlockPool.h"

#include <sys/mman.h>

#include <algorithm>
#include <cassert>
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

std::size_t BlockPool::reservedBytes() const {
    std::size_t total = 0;
    for (const auto &slab : m_slabs)
        total += slab.second;
    return total;
}

BlockPool::SizeClass &BlockPool::classOf(std::size_t bytes) {
    for (SizeClass &c : m_classes)
        if (c.bytes == bytes)
            return c;
    m_classes.push_back({bytes, {}, nullptr, 0, 0});
    return m_classes.back();
}

void *BlockPool::allocate(std::size_t bytes) {
    bytes = roundUp(bytes);
    assert(bytes <= kSlabBytes);
    SizeClass &c = classOf(bytes);
    if (!c.free.empty()) {
        void *block = c.free.back();
        c.free.pop_back();
        return block;
    }
    if (c.left < bytes) {
        std::size_t slabBytes = c.slabBytes == 0 ? kFirstSlabBytes : 2 * c.slabBytes;
        slabBytes = std::max(std::min(slabBytes, kSlabBytes), bytes);
        void *slab = mmap(nullptr, slabBytes, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (slab == MAP_FAILED)
            throw std::bad_alloc();
        m_slabs.emplace_back(slab, slabBytes);
        c.next = static_cast<char *>(slab);
        c.left = slabBytes;
        c.slabBytes = slabBytes;
    }
    void *block = c.next;
    c.next += bytes;
    c.left -= bytes;
    return block;
}

void BlockPool::release(void *block, std::size_t bytes) {
    classOf(roundUp(bytes)).free.push_back(block);
}

void *allocateBlock(BlockPool *pool, std::size_t bytes) {
    return pool ? pool->allocate(bytes) : ::operator new (bytes, std::align_val_t{kAlign});
}

void releaseBlock(BlockPool *pool, void *block, std::size_t bytes) {
    if (!block)
        return;
    if (pool)
        pool->release(block, bytes);
    else
        ::operator delete (block, std::align_val_t{kAlign});
}

} // namespace eventbench::sim
