#pragma once
// The live run beside the simulation of the same scenario (README.md, "Checked against a real
// RabbitMQ"): per consumer its throughput, mean and p99 latency; per queue its redeliveries and the
// growth rate of its depth; per dead-letter queue what it held at the end; each with the tolerance
// band it is judged by and a verdict. Pure function of the two reports.
#include <string>
#include <vector>

#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::live {

struct ComparedFigure {
    std::string node;
    std::string figure; // `throughput`, `latency mean`, ...
    std::string unit;   // `msg/s`, `ms`, `msg`
    double live = 0;
    double simulated = 0;
    double allowed = 0; // the largest |live - simulated| that agrees
    std::string band;   // the band in words, e.g. `5%`
    bool agrees = false;
};

std::vector<ComparedFigure> compareRuns(const model::Scenario &scenario,
                                        const model::RunReport &live,
                                        const model::RunReport &simulated);

/// The least-squares slope of the series (node, metric) after `fromSeconds`, per second; 0 with
/// fewer than two samples.
double growthRate(const model::RunReport &r, const std::string &node, const std::string &metric,
                  double fromSeconds);

} // namespace eventbench::live
