#pragma once
// Turns what a live run measured into the same model::RunReport a simulated run leaves (README.md,
// "Checked against a real RabbitMQ"): the series a live run can measure, under the metric
// catalogue's names (counters per interval, gauges at the sample, latency mean and percentiles
// per interval), and summary rows with the catalogue's statistics of each metric. Used by the
// run's sampling thread only.
#include <map>
#include <string>
#include <vector>

#include "live/LiveTally.h"
#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::live {

class LiveRecorder {
  public:
    /// Declares the scenario's counters in `tally` (call before tally.freeze()).
    LiveRecorder(const model::Scenario &scenario, LiveTally &tally);

    /// One sample at `seconds`; `depth` holds each queue's ready messages on the broker.
    void sample(double seconds, const std::map<std::string, std::int64_t> &depth);
    void addEvent(model::RunReport::EventRow row) { m_report.events.push_back(std::move(row)); }
    /// The report, with its summary; `wallSeconds` as the run took.
    model::RunReport finish(double wallSeconds);

  private:
    struct Column {
        std::string node;
        std::string metric; // series name
        enum class Source { Counter, Gauge, Depth, Lag, Latency } source;
        std::size_t counter = 0; // Counter, Gauge: the tally's index
        std::string queue;       // Depth, Lag: the queue node
        int latencyStat = 0;     // Latency: 0 mean, 1 p50, 2 p95, 3 p99
    };
    void addColumns(const model::Node &n);
    /// The column's value at a sample whose counters (read once each) are `counts`.
    double value(const Column &c, const std::vector<std::int64_t> &counts,
                 const std::map<std::string, std::int64_t> &depth,
                 const std::map<std::string, std::vector<double>> &latency) const;
    void summarise(model::RunReport &r) const;

    const model::Scenario &m_scenario;
    LiveTally &m_tally;
    std::vector<Column> m_columns;
    std::vector<std::int64_t> m_last; // counters at the previous sample
    std::map<std::string, std::size_t> m_latencySeen;
    std::map<std::string, std::vector<double>> m_latencyAll; // after warmup
    model::RunReport m_report;
};

} // namespace eventbench::live
