#pragma once
// The pending-event set of one simulation run: events ordered by (time, seq), so ties are
// deterministic and FIFO. Owned by the engine; single-threaded; no per-event allocation.
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

#include "sim/kernel/Time.h"

namespace eventbench::sim {

/// One scheduled event: a plain 32-byte record. `kind` and `target` say which handler runs
/// and on what; `payload` is an index or small value the handler interprets.
struct Event {
    Time time;
    std::uint64_t seq;
    std::uint32_t kind;
    std::uint32_t target;
    std::uint64_t payload;
};
static_assert(sizeof(Event) == 32, "Event must stay a 32-byte POD");

/// Allocates on 64-byte boundaries so that the 4 children of a heap node share 2 cache lines.
template <class T> struct CacheAlignedAllocator {
    using value_type = T;
    CacheAlignedAllocator() = default;
    template <class U> CacheAlignedAllocator(const CacheAlignedAllocator<U> &) {}
    T *allocate(std::size_t n) {
        return static_cast<T *>(::operator new (n * sizeof(T), std::align_val_t{64}));
    }
    void deallocate(T *p, std::size_t) { ::operator delete (p, std::align_val_t{64}); }
    template <class U> bool operator==(const CacheAlignedAllocator<U> &) const { return true; }
};

/// Min-queue of Events by (time, seq): while small, an array sorted latest-first (the next
/// event at the back); past kSortedMax events, a 4-ary implicit heap. Plus a FIFO ring for
/// events scheduled at the current instant (the time of the last pop), drained in order.
/// Never push earlier than the last popped time (asserted). seq is assigned by push().
class EventQueue {
  public:
    EventQueue();

    void push(Time time, std::uint32_t kind, std::uint32_t target, std::uint64_t payload);
    bool empty() const { return size() == 0; }
    std::size_t size() const { return heapSize() + m_ringCount; }
    /// The next event; the queue must not be empty.
    const Event &top() const;
    /// Removes and returns the next event; the queue must not be empty.
    Event pop();
    /// Removes the next event into `out` when there is one at or before `limit` (the event
    /// loop's step: one look instead of empty(), top() and pop()); false otherwise.
    bool popUntil(Time limit, Event &out);
    void reserve(std::size_t n);
    /// Number of push() calls so far (also the next seq).
    std::uint64_t pushed() const { return m_seq; }
    /// Time of the last popped event (0 before the first pop).
    Time now() const { return m_now; }
    /// Drops every pending event; seq keeps counting, now() is kept.
    void clear();

  private:
    // Physical index of the root: with it, the children of p are 4p-8 .. 4p-5, which start
    // on a 128-byte boundary.
    static constexpr std::size_t kRoot = 3;
    // The sorted array becomes a heap when a push would exceed kSortedMax events, and the heap
    // becomes sorted again once it is down to kSortedFrom (the gap keeps it from thrashing).
    static constexpr std::size_t kSortedMax = 32;
    static constexpr std::size_t kSortedFrom = 16;

    std::size_t heapSize() const { return m_heap.size() - kRoot - (m_hole ? 1 : 0); }
    const Event &next() const { return m_sorted ? m_heap.back() : m_heap[kRoot]; }
    void takeNext(Event &out);
    void sortedInsert(const Event &e);
    void growToHeap(const Event &e);
    void toSorted() const;
    void fixHole() const;
    void replaceRoot(const Event &e) const;
    void siftUp(std::size_t p, const Event &e) const;
    void ringPush(const Event &e);
    void ringGrow();

    // Lazy pop: pop() leaves the next event's slot stale ("hole"); the next push fills it (in
    // heap mode with a single sift-down, the hold pattern's whole cost). top()/pop() repair it
    // if needed. In sorted mode (m_sorted) m_heap[kRoot..] is sorted latest-first and the
    // hole, if any, is the last slot.
    mutable std::vector<Event, CacheAlignedAllocator<Event>> m_heap;
    mutable bool m_hole = false;
    mutable bool m_sorted = true;
    std::vector<Event> m_ring; // capacity is a power of two
    std::size_t m_ringHead = 0;
    std::size_t m_ringCount = 0;
    Time m_now = 0;
    std::uint64_t m_seq = 0;
};

namespace detail {
inline bool eventBefore(const Event &a, const Event &b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
}
} // namespace detail

// Forced inline: out of line (the compiler's choice once the sorted insert is in it), the call
// and its register saves cost about 8 instructions per push on a small queue.
[[gnu::always_inline]] inline void EventQueue::push(Time time, std::uint32_t kind,
                                                    std::uint32_t target, std::uint64_t payload) {
    assert(time >= m_now && "EventQueue: push into the past");
    const Event e{time, m_seq++, kind, target, payload};
    if (time == m_now) {
        ringPush(e);
    } else if (m_sorted) {
        sortedInsert(e);
    } else if (m_hole) {
        m_hole = false;
        replaceRoot(e);
    } else {
        m_heap.push_back(e);
        siftUp(m_heap.size() - 1, e);
    }
}

// e's seq is the newest, so e goes after every pending event at its time: the events it
// passes (those due at or before it) shift one slot towards the back. The slot before kRoot
// holds a sentinel whose time (-1), compared unsigned, is later than any pending time (all are
// >= now() >= 0), so the scan needs no bounds check.
inline void EventQueue::sortedInsert(const Event &e) {
    Event *p;
    if (m_hole) {
        m_hole = false;
        p = &m_heap.back();
    } else {
        const std::size_t n = m_heap.size();
        if (n == kRoot + kSortedMax) [[unlikely]] {
            growToHeap(e);
            return;
        }
        m_heap.push_back(e);
        p = m_heap.data() + n;
    }
    const auto t = static_cast<std::uint64_t>(e.time);
    while (static_cast<std::uint64_t>(p[-1].time) <= t) {
        *p = p[-1];
        --p;
    }
    *p = e;
}

inline void EventQueue::ringPush(const Event &e) {
    if (m_ringCount == m_ring.size())
        ringGrow();
    m_ring[(m_ringHead + m_ringCount) & (m_ring.size() - 1)] = e;
    ++m_ringCount;
}

inline const Event &EventQueue::top() const {
    assert(!empty());
    if (m_hole)
        fixHole();
    if (m_ringCount == 0)
        return next();
    const Event &r = m_ring[m_ringHead];
    if (m_heap.size() > kRoot && detail::eventBefore(next(), r))
        return next();
    return r;
}

inline void EventQueue::takeNext(Event &out) {
    out = next();
    m_hole = true;
    m_now = out.time;
}

inline Event EventQueue::pop() {
    assert(!empty());
    if (m_hole)
        fixHole();
    if (m_ringCount != 0) {
        const Event &r = m_ring[m_ringHead];
        if (m_heap.size() == kRoot || !detail::eventBefore(next(), r)) {
            const Event e = r;
            m_ringHead = (m_ringHead + 1) & (m_ring.size() - 1);
            --m_ringCount;
            m_now = e.time;
            return e;
        }
    }
    Event e;
    takeNext(e);
    return e;
}

inline bool EventQueue::popUntil(Time limit, Event &out) {
    if (m_hole)
        fixHole();
    const bool heapEmpty = m_heap.size() == kRoot;
    if (m_ringCount != 0) {
        const Event &r = m_ring[m_ringHead];
        if (heapEmpty || !detail::eventBefore(next(), r)) {
            if (r.time > limit)
                return false;
            out = r;
            m_ringHead = (m_ringHead + 1) & (m_ring.size() - 1);
            --m_ringCount;
            m_now = out.time;
            return true;
        }
    } else if (heapEmpty) {
        return false;
    }
    if (next().time > limit)
        return false;
    takeNext(out);
    return true;
}

} // namespace eventbench::sim
