#include "sim/kernel/EventQueue.h"

#include <algorithm>

namespace eventbench::sim {

namespace {

constexpr std::size_t kFirstRingCapacity = 64;
// Heaps of at most this many slots (8 KiB of events) are not prefetched.
constexpr std::size_t kPrefetchFrom = 256;

__extension__ using Key = unsigned __int128;

// (time, seq) as one unsigned 128-bit number: one compare, no branch on ties.
inline Key keyOf(const Event &e) {
    const auto t = static_cast<std::uint64_t>(e.time) ^ (std::uint64_t{1} << 63);
    return (static_cast<Key>(t) << 64) | e.seq;
}

// Index of the smallest of the four events at c..c+3, without data-dependent branches:
// a small tournament the compiler turns into conditional moves.
inline std::size_t minOfFour(const Event *h, std::size_t c) {
    const Key k0 = keyOf(h[c]), k1 = keyOf(h[c + 1]), k2 = keyOf(h[c + 2]), k3 = keyOf(h[c + 3]);
    const bool x = k1 < k0, y = k3 < k2;
    const std::size_t a = x ? c + 1 : c;
    const std::size_t b = y ? c + 3 : c + 2;
    const Key ka = x ? k1 : k0;
    const Key kb = y ? k3 : k2;
    return kb < ka ? b : a;
}

} // namespace

EventQueue::EventQueue() {
    m_heap.resize(kRoot);
    m_heap[kRoot - 1].time = -1; // the sorted mode's sentinel
}

void EventQueue::reserve(std::size_t n) {
    m_heap.reserve(n + kRoot + 1);
}

void EventQueue::clear() {
    m_heap.resize(kRoot);
    m_hole = false;
    m_sorted = true;
    m_ringHead = 0;
    m_ringCount = 0;
}

void EventQueue::fixHole() const {
    m_hole = false;
    if (m_sorted) {
        m_heap.pop_back();
        return;
    }
    const Event last = m_heap.back();
    m_heap.pop_back();
    if (m_heap.size() > kRoot)
        replaceRoot(last);
    if (m_heap.size() - kRoot <= kSortedFrom)
        toSorted();
}

// Sorted earliest-first, an array is already a valid heap (every parent precedes its
// children).
void EventQueue::growToHeap(const Event &e) {
    std::reverse(m_heap.begin() + kRoot, m_heap.end());
    m_sorted = false;
    m_heap.push_back(e);
    siftUp(m_heap.size() - 1, e);
}

void EventQueue::toSorted() const {
    std::sort(m_heap.begin() + kRoot, m_heap.end(),
              [](const Event &a, const Event &b) { return detail::eventBefore(b, a); });
    m_sorted = true;
}

// Bottom-up sift-down (Floyd): walk the hole from the root to a leaf along the smaller
// children without comparing against `e`, then sift `e` up from there. In a DES the new
// event is usually late, so the walk back up is short and the descent is branch-free.
void EventQueue::replaceRoot(const Event &e) const {
    Event *h = m_heap.data();
    const std::size_t end = m_heap.size();
    std::size_t p = kRoot;
    for (;;) {
        const std::size_t c = 4 * p - 8;
        if (c + 3 < end) {
            // The next group is one of four; fetch all of them while comparing this one (a
            // small heap is in the cache already, and the loop would only cost instructions).
            const std::size_t g = 4 * c - 8;
            if (end > kPrefetchFrom && g < end) {
                const std::size_t span = std::min<std::size_t>(16, end - g);
                for (std::size_t k = 0; k < span; k += 2)
                    __builtin_prefetch(h + g + k);
            }
            const std::size_t m = minOfFour(h, c);
            h[p] = h[m];
            p = m;
            continue;
        }
        if (c < end) {
            std::size_t m = c;
            for (std::size_t k = c + 1; k < end; ++k)
                if (detail::eventBefore(h[k], h[m]))
                    m = k;
            h[p] = h[m];
            p = m;
        }
        break;
    }
    siftUp(p, e);
}

void EventQueue::siftUp(std::size_t p, const Event &e) const {
    Event *h = m_heap.data();
    while (p > kRoot) {
        const std::size_t parent = p / 4 + 2;
        if (!detail::eventBefore(e, h[parent]))
            break;
        h[p] = h[parent];
        p = parent;
    }
    h[p] = e;
}

void EventQueue::ringGrow() {
    const std::size_t oldCap = m_ring.size();
    std::vector<Event> bigger(oldCap == 0 ? kFirstRingCapacity : 2 * oldCap);
    for (std::size_t i = 0; i < m_ringCount; ++i)
        bigger[i] = m_ring[(m_ringHead + i) & (oldCap - 1)];
    m_ring.swap(bigger);
    m_ringHead = 0;
}

} // namespace eventbench::sim
