#pragma once
// What one run leaves behind (README.md#command-line): the sampled time series, the summary, the
// event log, the expectation verdicts and the run's own figures. Built by the simulator, written by
// ReportWriter (CSV) and later by the results store. Plain values; safe to copy across threads.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/results/SampleSpool.h"
#include "model/scenario/Scenario.h"

namespace eventbench::model {

struct RunReport {
    /// One sampled series: (node, metric) with one value per entry of sampleTimes (empty while
    /// the values are in `spool`).
    struct Series {
        std::string node;
        std::string metric;
        std::vector<double> values;
    };
    /// One row of summary.csv (`node,metric,stat,value`).
    struct SummaryRow {
        std::string node;
        std::string metric;
        std::string stat;
        double value = 0;
    };
    /// One row of events.csv.
    struct EventRow {
        SimTime time = 0;
        std::string node;
        std::string event;
        std::string detail;
    };
    /// One row of partitions.csv: a topic partition and one group reading it. `group` is
    /// empty when no group reads the topic (the lag and owner columns are then empty).
    struct PartitionRow {
        std::string topic;
        int partition = 0;
        std::string group;
        std::int64_t appended = 0; // records appended over the run (log end offset)
        std::int64_t lagFinal = 0; // log end offset minus the group's commit, at the end
        std::int64_t lagMax = 0;   // the most that lag was at any moment of the run
        int ownerFinal = -1;       // member id n of the owner at the end, -1 for none
    };
    struct ExpectationResult {
        std::string text;
        bool pass = false;
        double measured = 0;
        bool known = true; // false when the figure does not exist (treated as a failure)
    };

    std::string scenario;
    std::vector<double> sampleTimes; // seconds
    std::vector<Series> series;
    /// The series' values as the simulator wrote them during the run (a run's memory stays
    /// its live state); null for a report read back from files or the store, whose values are
    /// in `series`. Shared by copies of the report.
    std::shared_ptr<const SampleSpool> spool;
    std::vector<SummaryRow> summary; // node and ledger figures, in a stable order
    std::vector<EventRow> events;
    std::vector<PartitionRow> partitions; // by topic name, partition, group name
    std::vector<ExpectationResult> expectations;

    std::uint64_t seed = 0;
    double simSeconds = 0;
    double wallSeconds = 0;
    std::uint64_t eventCount = 0;
    std::uint64_t messages = 0;
    std::uint64_t fingerprint = 0;
    std::string version;        // eventbench's version (provenance row `run,version`)
    std::string scenarioSha256; // of the scenario as written back, overrides included
    std::int64_t unaccounted = 0;
    /// False when the run did not measure ledger.unaccounted (a live run whose broker may drop
    /// messages unseen; a report without that summary row): `unaccounted` is then 0 and says
    /// nothing, and readers show it as not measured.
    bool unaccountedMeasured = true;
    /// Deliveries that skipped an offset neither delivered nor ended (must be 0; a bug).
    std::int64_t orderViolations = 0;
    /// Why the run ended before its duration: simulated time could not advance
    /// (README.md#limits-on-input-files), or it reached the memory budget (which node grew,
    /// at what simulated time). Empty when it ran to the end; simSeconds is then where it
    /// stopped, and the ledger balances there.
    std::string stopReason;

    /// Sets unaccounted and unaccountedMeasured from the summary's ledger.unaccounted row (a
    /// report read back from files or the store).
    void readUnaccounted();
    /// The summary figure, or nullptr.
    const SummaryRow *find(const std::string &node, const std::string &metric,
                           const std::string &stat) const;
    bool allExpectationsPass() const;
    /// The values of series `index`, from the spool or from `series`.
    std::vector<double> seriesValues(std::size_t index) const;
    /// Moves the spool's values into `series` (for readers that need every value at once).
    void loadSeries();
};

} // namespace eventbench::model
