#pragma once
// What the threads of a live run count, shared with the sampler: one atomic counter per (node,
// metric) fixed before the threads start, each consumer's latencies, and each queue's receive
// counts (RabbitMQ's classic queues only flag a redelivery; max_receive_count needs the count,
// so the consumers keep it, as README.md, "Checked against a real RabbitMQ", says).
#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace eventbench::live {

/// One end-to-end latency: when the message completed and how long since it was published.
struct LatencySample {
    double at = 0;      // seconds since the run started
    double seconds = 0; // publish to completion
};

class LiveTally {
  public:
    /// Declares counter (node, metric) before the threads start; returns its index.
    std::size_t add(const std::string &node, const std::string &metric);
    /// The counter's index; asserts it was declared.
    std::size_t index(const std::string &node, const std::string &metric) const;
    /// Allocates the counters; no add() after this.
    void freeze();

    void bump(std::size_t i, std::int64_t by = 1) { m_values[i].fetch_add(by); }
    std::int64_t value(std::size_t i) const { return m_values[i].load(); }
    std::size_t size() const { return m_names.size(); }
    const std::pair<std::string, std::string> &name(std::size_t i) const { return m_names[i]; }

    /// A consumer's latencies (declared before freeze).
    void addLatency(const std::string &consumer, LatencySample s);
    /// The latencies of `consumer` with index >= from.
    std::vector<LatencySample> latencies(const std::string &consumer, std::size_t from = 0) const;

    /// The receive number of message `id` on `queue` (1 for the first delivery).
    int receive(const std::string &queue, std::uint64_t id);

  private:
    std::vector<std::pair<std::string, std::string>> m_names;
    std::map<std::pair<std::string, std::string>, std::size_t> m_index;
    std::unique_ptr<std::atomic<std::int64_t>[]> m_values;
    mutable std::mutex m_mutex; // latencies and receives
    std::map<std::string, std::vector<LatencySample>> m_latency;
    std::map<std::string, std::unordered_map<std::uint64_t, int>> m_receives;
};

/// The seeded choice of whether attempt `attempt` of receive `receive` of message `id` fails in
/// `consumer`: a hash of them with the scenario seed, below `probability`. A pure function, so
/// the same messages fail in every live run of the same scenario and seed.
bool attemptFails(std::uint64_t seed, const std::string &consumer, std::uint64_t id, int receive,
                  int attempt, double probability);

} // namespace eventbench::live
