#include "ui/live/RunData.h"

#include <cassert>
#include <numeric>

namespace eventbench::ui {

namespace {
std::string key(const std::string &node, const std::string &metric) {
    return node + '\x1f' + metric;
}
} // namespace

void RunData::reset(std::vector<std::pair<std::string, std::string>> seriesNames,
                    model::SimTime sampleEvery, model::SimTime endTime) {
    clear();
    m_names = std::move(seriesNames);
    for (std::size_t i = 0; i < m_names.size(); ++i)
        m_index[key(m_names[i].first, m_names[i].second)] = int(i);
    m_values.resize(m_names.size());
    m_sampleEvery = sampleEvery > 0 ? sampleEvery : model::kNanosPerSecond;
    m_end = endTime;
}

void RunData::clear() {
    m_names.clear();
    m_index.clear();
    m_times.clear();
    m_values.clear();
    m_events.clear();
    m_partitions.clear();
    m_now = 0;
    m_end = 0;
    ++m_revision;
    ++m_generation;
}

void RunData::append(const model::SampleSnapshot &s) {
    // Snapshots arrive in order and never overlap; anything else is a worker bug.
    assert(s.firstSample == m_times.size());
    if (s.firstSample != m_times.size())
        return;
    m_times.insert(m_times.end(), s.times.begin(), s.times.end());
    for (std::size_t i = 0; i < m_values.size() && i < s.values.size(); ++i)
        m_values[i].insert(m_values[i].end(), s.values[i].begin(), s.values[i].end());
    m_events.insert(m_events.end(), s.newEvents.begin(), s.newEvents.end());
    m_partitions = s.partitions;
    m_now = s.now;
    ++m_revision;
}

int RunData::seriesIndex(const std::string &node, const std::string &metric) const {
    auto it = m_index.find(key(node, metric));
    return it == m_index.end() ? -1 : it->second;
}

double RunData::last(int series) const {
    if (series < 0 || std::size_t(series) >= m_values.size() || m_values[series].empty())
        return 0;
    return m_values[series].back();
}

double RunData::sum(int series) const {
    if (series < 0 || std::size_t(series) >= m_values.size())
        return 0;
    return std::accumulate(m_values[series].begin(), m_values[series].end(), 0.0);
}

} // namespace eventbench::ui
