#include "live/LiveComparison.h"

#include <cmath>

namespace eventbench::live {

namespace {

using model::NodeKind;

double figure(const model::RunReport &r, const std::string &node, const std::string &metric,
              const std::string &stat) {
    const auto *row = r.find(node, metric, stat);
    return row ? row->value : std::nan("");
}

ComparedFigure judged(ComparedFigure f) {
    // Not measured on either side (the latency of a consumer that processed nothing) agrees.
    f.agrees = (std::isnan(f.live) && std::isnan(f.simulated)) ||
               (std::isfinite(f.live) && std::isfinite(f.simulated) &&
                std::abs(f.live - f.simulated) <= f.allowed + 1e-9);
    return f;
}

/// Counts drawn by different random numbers on each side: three standard deviations of a
/// Poisson count, and 3 for small counts.
double countBand(double simulated) {
    return 3 * std::sqrt(std::max(simulated, 0.0)) + 3;
}

bool isDeadLetterQueue(const model::Scenario &s, const std::string &id) {
    for (const model::Node &n : s.nodes)
        if (n.consumer.deadLetter == id || n.queue.deadLetter == id)
            return true;
    return false;
}

void compareConsumer(const model::Node &n, const model::RunReport &live,
                     const model::RunReport &sim, double seconds,
                     std::vector<ComparedFigure> &out) {
    const double l = figure(live, n.id, "processed", "total") / seconds;
    const double s = figure(sim, n.id, "processed", "total") / seconds;
    out.push_back(judged({n.id, "throughput", "msg/s", l, s, 0.05 * s + 0.5, "5%"}));
    const double lm = figure(live, n.id, "latency", "mean") * 1e3;
    const double sm = figure(sim, n.id, "latency", "mean") * 1e3;
    out.push_back(judged({n.id, "latency mean", "ms", lm, sm, 3 + 0.25 * sm, "3 ms + 25%"}));
    const double lp = figure(live, n.id, "latency", "p99") * 1e3;
    const double sp = figure(sim, n.id, "latency", "p99") * 1e3;
    out.push_back(judged({n.id, "latency p99", "ms", lp, sp, 10 + 0.5 * sp, "10 ms + 50%"}));
}

void compareQueue(const model::Scenario &scenario, const model::Node &n,
                  const model::RunReport &live, const model::RunReport &sim,
                  std::vector<ComparedFigure> &out) {
    if (isDeadLetterQueue(scenario, n.id)) {
        const double l = figure(live, n.id, "depth", "final");
        const double s = figure(sim, n.id, "depth", "final");
        out.push_back(judged({n.id, "dead letters", "msg", l, s, countBand(s), "3 sd + 3"}));
        return;
    }
    const double lr = figure(live, n.id, "redelivered", "total");
    const double sr = figure(sim, n.id, "redelivered", "total");
    out.push_back(judged({n.id, "redeliveries", "msg", lr, sr, countBand(sr), "3 sd + 3"}));
    const double from = double(scenario.warmup) / 1e9;
    const double lg = growthRate(live, n.id, "depth", from);
    const double sg = growthRate(sim, n.id, "depth", from);
    out.push_back(
        judged({n.id, "depth growth", "msg/s", lg, sg, 0.1 * std::abs(sg) + 2, "10% + 2/s"}));
}

} // namespace

double growthRate(const model::RunReport &r, const std::string &node, const std::string &metric,
                  double fromSeconds) {
    for (const auto &series : r.series) {
        if (series.node != node || series.metric != metric)
            continue;
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (std::size_t k = 0; k < series.values.size() && k < r.sampleTimes.size(); ++k) {
            const double x = r.sampleTimes[k], y = series.values[k];
            if (x <= fromSeconds || std::isnan(y))
                continue;
            n += 1;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        const double d = n * sxx - sx * sx;
        return n < 2 || d == 0 ? 0 : (n * sxy - sx * sy) / d;
    }
    return 0;
}

std::vector<ComparedFigure> compareRuns(const model::Scenario &scenario,
                                        const model::RunReport &live,
                                        const model::RunReport &simulated) {
    std::vector<ComparedFigure> out;
    const double seconds = std::max(1e-9, double(scenario.duration) / 1e9);
    for (const model::Node &n : scenario.nodes) {
        if (n.kind == NodeKind::Consumer)
            compareConsumer(n, live, simulated, seconds, out);
        else if (n.kind == NodeKind::Queue)
            compareQueue(scenario, n, live, simulated, out);
    }
    return out;
}

} // namespace eventbench::live
