#pragma once
// Two recorded runs side by side (`eventbench runs compare`, the app's Runs panel): every
// figure of both — the run's own (status, seed, times, counts, fingerprint), each summary row
// and each expectation — with its difference and ratio and whether it changed. Pure values.
#include <optional>
#include <string>
#include <vector>

#include "model/results/RunReport.h"
#include "model/store/ResultsStore.h"

namespace eventbench::model {

/// One compared figure: numbers when both sides are numbers, else text (status, verdicts,
/// fingerprints); a side is empty when that run does not have the figure.
struct ComparedFigure {
    std::string node;   // `run` for the run's own figures, `expect` for expectations
    std::string metric; // the expectation's text for `expect`
    std::string stat;   // `value`; for `expect`: `measured` or `verdict`
    std::optional<double> a, b;
    std::optional<std::string> textA, textB;

    bool numeric() const { return !textA && !textB; }
    /// Exactly different (NaN equals NaN; a missing side differs from a present one).
    bool changed() const;
    /// b - a when both are numbers.
    std::optional<double> diff() const;
    /// b / a when both are numbers and a is not 0; 1 when they are equal.
    std::optional<double> ratio() const;
};

/// The run figures first, then the summary rows in A's order followed by those only B has,
/// then per expectation its measured value and verdict. `a` and `b` need no samples.
std::vector<ComparedFigure> compareRuns(const StoredRun &runA, const RunReport &a,
                                        const StoredRun &runB, const RunReport &b);

} // namespace eventbench::model
