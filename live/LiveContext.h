#pragma once
// What every thread of a live run shares: where the broker is, the run's clock and seed, the
// stop flag, the tally, the ledger's obligation count, and the first error a thread met (which
// stops the run).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "live/LiveTally.h"
#include "model/scenario/Scenario.h"

namespace eventbench::live {

using Clock = std::chrono::steady_clock;

class LiveObligations;

struct LiveContext {
    std::string host;
    int port = 0;
    std::uint64_t seed = 1;
    model::SimTime duration = 0;
    Clock::time_point start;
    std::atomic<bool> stop{false};
    LiveTally tally;
    const LiveObligations *obligations = nullptr; // set before the threads start

    /// Nanoseconds since the run started.
    std::int64_t now() const {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
    }
    /// Sleeps until `t` (run nanoseconds) or until the run stops, in slices of at most 50 ms.
    void sleepUntil(std::int64_t t) const {
        for (std::int64_t n = now(); n < t && !stop.load(); n = now())
            std::this_thread::sleep_for(std::chrono::nanoseconds(
                std::min<std::int64_t>(t - n, 50 * model::kNanosPerMilli)));
    }
    /// Keeps the first error and stops the run.
    void fail(const std::string &what) {
        {
            std::lock_guard lock(m_mutex);
            if (m_error.empty())
                m_error = what;
        }
        stop.store(true);
    }
    std::string error() const {
        std::lock_guard lock(m_mutex);
        return m_error;
    }

  private:
    mutable std::mutex m_mutex;
    std::string m_error;
};

/// Message header names a live run writes and reads.
namespace header {
inline const std::string kId = "eventbench-id";     // producer index << 40 | sequence number
inline const std::string kSent = "eventbench-sent"; // publish time, run nanoseconds
inline const std::string kEvent = "eventbench-event";
inline const std::string kKey = "eventbench-key";
} // namespace header

} // namespace eventbench::live
