#pragma once
// New samples and events of a run since a cursor, as plain values: what the simulator hands
// out between slices (sim::RunDriver::takeSnapshot), what the results store appends as one
// batch, and what the GUI copies into its RunData. The one snapshot type of every front end;
// safe to copy and move across threads.
#include <cstddef>
#include <vector>

#include "model/results/RunReport.h"

namespace eventbench::model {

struct SampleSnapshot {
    std::size_t firstSample = 0;                     // index of the first sample in this snapshot
    std::vector<double> times;                       // seconds, one per new sample
    std::vector<std::vector<double>> values;         // [series][new sample], series in report order
    std::vector<RunReport::EventRow> newEvents;      // new events, in log order
    std::vector<RunReport::PartitionRow> partitions; // every partition row, as of `now`
    SimTime now = 0;                                 // the run's simulated time when taken
};

} // namespace eventbench::model
