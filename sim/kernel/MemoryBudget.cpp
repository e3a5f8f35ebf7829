#include "sim/kernel/MemoryBudget.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>

namespace eventbench::sim {

namespace {
std::atomic<std::uint64_t> g_limit{0}; // 0: not set yet
std::atomic<std::uint64_t> g_used{0};
} // namespace

std::uint64_t MemoryBudget::defaultLimit() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    std::uint64_t limit = pages > 0 && pageSize > 0 ? static_cast<std::uint64_t>(pages) *
                                                          static_cast<std::uint64_t>(pageSize) / 2
                                                    : std::uint64_t{4} << 30;
    rlimit as{};
    if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY)
        limit = std::min<std::uint64_t>(limit, static_cast<std::uint64_t>(as.rlim_cur) / 2);
    return std::max<std::uint64_t>(limit, std::uint64_t{64} << 20);
}

std::uint64_t MemoryBudget::limit() {
    std::uint64_t limit = g_limit.load(std::memory_order_relaxed);
    if (limit == 0) {
        limit = defaultLimit();
        std::uint64_t unset = 0;
        g_limit.compare_exchange_strong(unset, limit);
        limit = g_limit.load(std::memory_order_relaxed);
    }
    return limit;
}

void MemoryBudget::setLimit(std::uint64_t bytes) {
    g_limit.store(std::max<std::uint64_t>(bytes, 1), std::memory_order_relaxed);
}

std::uint64_t MemoryBudget::used() {
    return g_used.load(std::memory_order_relaxed);
}

MemoryShare::~MemoryShare() {
    g_used.fetch_sub(m_bytes, std::memory_order_relaxed);
}

bool MemoryShare::update(std::uint64_t bytes) {
    std::uint64_t total = 0;
    if (bytes >= m_bytes)
        total = g_used.fetch_add(bytes - m_bytes, std::memory_order_relaxed) + (bytes - m_bytes);
    else
        total = g_used.fetch_sub(m_bytes - bytes, std::memory_order_relaxed) - (m_bytes - bytes);
    m_bytes = bytes;
    return total <= MemoryBudget::limit();
}

} // namespace eventbench::sim
