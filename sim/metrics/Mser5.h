#pragma once
// MSER-5 warm-up detection (White 1997; White, Cobb & Spratt 2000) for `warmup: auto`: the
// series is cut into batch means of 5 observations Z_1..Z_m, and the truncation d (in
// batches, 0 <= d <= m/2) minimising MSER(d) = sum_{j>d} (Z_j - mean_{j>d} Z)^2 / (m - d)^2
// is chosen. Pure functions over sampled values; callable from any thread.
#include <cstddef>
#include <vector>

#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::sim {

/// The truncation MSER-5 chose for one series.
struct Mser5 {
    static constexpr std::size_t kBatch = 5;

    std::size_t truncation = 0; // observations to drop from the start (a multiple of kBatch)
    double statistic = 0;       // MSER(d) at the chosen d; NaN when the series is too short

    /// Chooses the truncation of `series` (observations at equal spacing). NaN values are
    /// replaced by the last value before them (the first value seen for a leading run).
    /// Fewer than two batches: truncation 0, statistic NaN. Ties go to the smaller d.
    static Mser5 choose(const std::vector<double> &series);

    /// The largest truncation choose() can return for a series of `samples` observations:
    /// kBatch * floor(floor(samples / kBatch) / 2).
    static std::size_t maxTruncation(std::size_t samples) {
        return kBatch * (samples / kBatch / 2);
    }

    /// The samples a run with `warmup: auto` drops: the largest truncation chosen for the
    /// `lag` and the `latency` (interval mean) series of every consumer of `scenario`, read
    /// from report.series. 0 when the scenario has no consumer.
    static std::size_t runTruncation(const model::Scenario &scenario,
                                     const model::RunReport &report);
};

} // namespace eventbench::sim
