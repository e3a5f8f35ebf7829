#pragma once
// The memory budget of the process (README.md#memory-budget): a limit in bytes, by default half
// of the physical memory (and at most half of RLIMIT_AS when one is set), changed by
// `--max-memory`. Each running engine holds a MemoryShare and reports what it holds now
// (message storage, pending events, buffers, samples: counters it keeps anyway); the shares of
// the engines of one process (parallel replications, sweep points) add up against the one limit.
// Thread-safe: the limit and the total are atomics.
#include <cstdint>

namespace eventbench::sim {

class MemoryBudget {
  public:
    /// Half of the physical memory, and at most half of RLIMIT_AS when one is set.
    static std::uint64_t defaultLimit();
    /// The limit in bytes (defaultLimit() until set).
    static std::uint64_t limit();
    static void setLimit(std::uint64_t bytes);
    /// Bytes the shares hold now, all engines together.
    static std::uint64_t used();
};

/// One engine's part of the budget; gives it back when destroyed. Owned by the engine.
class MemoryShare {
  public:
    MemoryShare() = default;
    ~MemoryShare();
    MemoryShare(const MemoryShare &) = delete;
    MemoryShare &operator=(const MemoryShare &) = delete;

    /// This engine holds `bytes` now; false when the process's shares together exceed the
    /// limit.
    bool update(std::uint64_t bytes);
    std::uint64_t bytes() const { return m_bytes; }

  private:
    std::uint64_t m_bytes = 0;
};

} // namespace eventbench::sim
