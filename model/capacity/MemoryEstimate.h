#pragma once
// The memory budget's static half (README.md#memory-budget): what a scenario will need before
// it runs — sampled series (their values go to disk, but for the chunk being filled), handlers,
// partitions, retained messages, producer buffers under an outage — and the timers whose count
// alone would keep a run from finishing. `run`, `sweep` and `validate` refuse a scenario whose
// estimate does not fit, naming the knob; what grows while a run goes is the engine's half
// (sim/kernel/MemoryBudget.h). Pure functions.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/scenario/Diagnostic.h"
#include "model/scenario/Scenario.h"
#include "model/yaml/ProgressChecks.h" // kMaxTimerEvents, the one bound on timer events

namespace eventbench::model {

/// What the engine holds per thing (sim/broker, sim/engine), rounded up. The model cannot
/// see the engine's types; sim/engine/EngineBudget.cpp asserts that they are not below them.
namespace memory_costs {
constexpr double kSampleTimeBytes = 8;       // a sample's time (its values go to the spool's file)
constexpr double kSeriesBytes = 160;         // a series' name, source, last value and row slot
constexpr double kHandlerBytes = 384;        // a handler's state with its slot in its member
constexpr double kProducerInstanceBytes = 8; // a share of the rate per instance
constexpr double kPartitionBytes = 512 * 48; // a partition's first chunk of records
constexpr double kRetainedBytes = 16;        // a read record in a partition's cold log
constexpr double kBufferedBytes = 80;        // a message in a producer's retry buffer
} // namespace memory_costs

/// One thing a run of the scenario will hold, and the knob that decides its size.
struct MemoryItem {
    std::string nodeId; // empty: a key of the scenario itself
    std::string knob;   // e.g. `retention`, `sample_every`, `instances`
    double bytes = 0;
    std::string what; // how it was estimated, for the message
};

struct MemoryEstimate {
    std::vector<MemoryItem> items;
    double totalBytes = 0;
    /// Timer events the run will execute (commit ticks, samples), with the knob that decides
    /// the largest share.
    double timerEvents = 0;
    MemoryItem timerItem;
};

MemoryEstimate estimateMemory(const Scenario &s);

/// Errors when the estimate does not fit `budgetBytes` (the largest items, each at its knob's
/// FILE:LINE:COL in `text`, or `--set` when an override set it) or when the timers alone are
/// too many; empty when the scenario fits.
Diagnostics checkMemoryBudget(const Scenario &s, std::uint64_t budgetBytes, const std::string &text,
                              const std::vector<std::string> &overrides);

/// `512MiB`, `4GB`, `1.5GiB`, `100000000` (bytes); nullopt for anything else or zero.
std::optional<std::uint64_t> parseMemorySize(const std::string &text);
/// `1.5 GiB`, `512 MiB`, `700 B`.
std::string formatMemory(double bytes);

} // namespace eventbench::model
