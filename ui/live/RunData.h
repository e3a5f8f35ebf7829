#pragma once
// Everything the GUI has received of the current run: sample times, the values of every
// series and the event log, appended snapshot by snapshot. Plain values, GUI thread only;
// charts, badges and the event log read it.
#include <QString>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/results/RunReport.h"
#include "model/results/SampleSnapshot.h"

namespace eventbench::ui {

class RunData {
  public:
    void reset(std::vector<std::pair<std::string, std::string>> seriesNames,
               model::SimTime sampleEvery, model::SimTime endTime);
    void clear();
    void append(const model::SampleSnapshot &snapshot);

    /// Index of the (node, metric) series, or -1.
    int seriesIndex(const std::string &node, const std::string &metric) const;
    const std::vector<std::pair<std::string, std::string>> &seriesNames() const { return m_names; }
    std::size_t seriesCount() const { return m_values.size(); }
    const std::vector<double> &times() const { return m_times; }
    const std::vector<double> &values(int series) const { return m_values[series]; }
    std::size_t sampleCount() const { return m_times.size(); }
    const std::vector<model::RunReport::EventRow> &events() const { return m_events; }
    /// Per partition and group, as of the latest snapshot (the rows of partitions.csv).
    const std::vector<model::RunReport::PartitionRow> &partitions() const { return m_partitions; }

    /// The latest value of a series (0 when there is none yet).
    double last(int series) const;
    /// Sum over every sample so far (the total of a counter).
    double sum(int series) const;

    double sampleEverySeconds() const { return double(m_sampleEvery) / 1e9; }
    model::SimTime now() const { return m_now; }
    model::SimTime endTime() const { return m_end; }
    /// Bumped by every append that brought something new.
    quint64 revision() const { return m_revision; }
    /// Bumped by clear() and reset(): a new run (views drop what they derived from the old one).
    quint64 generation() const { return m_generation; }

  private:
    std::vector<std::pair<std::string, std::string>> m_names;
    std::unordered_map<std::string, int> m_index; // "node\x1fmetric" -> series
    std::vector<double> m_times;
    std::vector<std::vector<double>> m_values;
    std::vector<model::RunReport::EventRow> m_events;
    std::vector<model::RunReport::PartitionRow> m_partitions;
    model::SimTime m_sampleEvery = model::kNanosPerSecond;
    model::SimTime m_now = 0;
    model::SimTime m_end = 0;
    quint64 m_revision = 0;
    quint64 m_generation = 0;
};

} // namespace eventbench::ui
