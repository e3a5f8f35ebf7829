#include "sim/metrics/Mser5.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/catalogue/MetricCatalogue.h"

namespace eventbench::sim {

Mser5 Mser5::choose(const std::vector<double> &series) {
    Mser5 out;
    out.statistic = std::numeric_limits<double>::quiet_NaN();
    const std::size_t m = series.size() / kBatch;
    if (m < 2)
        return out;

    double carry = std::numeric_limits<double>::quiet_NaN();
    for (double v : series)
        if (!std::isnan(v)) {
            carry = v;
            break;
        }
    if (std::isnan(carry))
        return out; // nothing measured at all
    std::vector<double> batch(m);
    for (std::size_t j = 0; j < m; ++j) {
        double sum = 0;
        for (std::size_t k = 0; k < kBatch; ++k) {
            const double v = series[j * kBatch + k];
            if (!std::isnan(v))
                carry = v;
            sum += carry;
        }
        batch[j] = sum / static_cast<double>(kBatch);
    }

    // Suffix sums give every candidate's mean and sum of squares in one backward pass; the
    // squares are taken about a shift (the last batch) so that large, flat series keep their
    // precision.
    const double shift = batch[m - 1];
    std::vector<double> sum(m + 1, 0.0), squares(m + 1, 0.0);
    for (std::size_t j = m; j-- > 0;) {
        const double z = batch[j] - shift;
        sum[j] = sum[j + 1] + z;
        squares[j] = squares[j + 1] + z * z;
    }
    double best = std::numeric_limits<double>::infinity();
    std::size_t bestD = 0;
    for (std::size_t d = 0; d <= m / 2; ++d) {
        const double kept = static_cast<double>(m - d);
        const double ss = std::max(0.0, squares[d] - sum[d] * sum[d] / kept);
        const double stat = ss / (kept * kept);
        // A relative margin keeps rounding noise from moving a tie on a flat series.
        if (stat < best * (1 - 1e-12)) {
            best = stat;
            bestD = d;
        }
    }
    out.truncation = bestD * kBatch;
    out.statistic = best;
    return out;
}

std::size_t Mser5::runTruncation(const model::Scenario &scenario, const model::RunReport &report) {
    std::size_t truncation = 0;
    for (const auto &node : scenario.nodes) {
        if (node.kind != model::NodeKind::Consumer)
            continue;
        for (std::size_t i = 0; i < report.series.size(); ++i) {
            const auto &s = report.series[i];
            if (s.node == node.id &&
                (s.metric == model::metricDef(model::MetricId::ConsumerLag).name ||
                 s.metric == model::metricDef(model::MetricId::ConsumerLatency).name))
                truncation = std::max(truncation, choose(report.seriesValues(i)).truncation);
        }
    }
    return truncation;
}

} // namespace eventbench::sim
