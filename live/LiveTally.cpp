#include "live/LiveTally.h"

#include <cassert>

#include "sim/kernel/Rng.h"

namespace eventbench::live {

std::size_t LiveTally::add(const std::string &node, const std::string &metric) {
    assert(!m_values);
    const auto [it, added] = m_index.emplace(std::make_pair(node, metric), m_names.size());
    if (added)
        m_names.emplace_back(node, metric);
    return it->second;
}

std::size_t LiveTally::index(const std::string &node, const std::string &metric) const {
    const auto it = m_index.find({node, metric});
    assert(it != m_index.end());
    return it->second;
}

void LiveTally::freeze() {
    m_values = std::make_unique<std::atomic<std::int64_t>[]>(m_names.size());
    for (std::size_t i = 0; i < m_names.size(); ++i)
        m_values[i].store(0);
}

void LiveTally::addLatency(const std::string &consumer, LatencySample s) {
    std::lock_guard lock(m_mutex);
    m_latency[consumer].push_back(s);
}

std::vector<LatencySample> LiveTally::latencies(const std::string &consumer,
                                                std::size_t from) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_latency.find(consumer);
    if (it == m_latency.end() || from >= it->second.size())
        return {};
    return {it->second.begin() + std::ptrdiff_t(from), it->second.end()};
}

int LiveTally::receive(const std::string &queue, std::uint64_t id) {
    std::lock_guard lock(m_mutex);
    return ++m_receives[queue][id];
}

bool attemptFails(std::uint64_t seed, const std::string &consumer, std::uint64_t id, int receive,
                  int attempt, double probability) {
    if (probability <= 0)
        return false;
    std::uint64_t state = seed ^ sim::fnv1a64(consumer);
    state ^= sim::splitMix64(state) + id;
    state ^= sim::splitMix64(state) + (std::uint64_t(receive) << 32 | std::uint32_t(attempt));
    const double u = double(sim::splitMix64(state) >> 11) * 0x1.0p-53;
    return u < probability;
}

} // namespace eventbench::live
