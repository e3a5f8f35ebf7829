#include "model/capacity/DeliveryModel.h"

#include <algorithm>
#include <cmath>

namespace eventbench::model {

namespace {

constexpr int kMaxAttempts = 100000;

struct Accumulator {
    double p = 0, time = 0, second = 0;
    void add(double probability, double mean, double variance) {
        p += probability;
        time += probability * mean;
        second += probability * (variance + mean * mean);
    }
};

} // namespace

DeliveryModel deliveryModel(const ConsumerSpec &spec, double alwaysFail, const Moments &service,
                            const Moments &inputLatency, const Moments &writes) {
    const int attempts = std::clamp(spec.retry.maxAttempts, 1, kMaxAttempts);
    const double backoff = static_cast<double>(spec.retry.backoff) / kNanosPerSecond;
    const double multiplier = std::isfinite(spec.retry.multiplier) ? spec.retry.multiplier : 1.0;
    const double a = std::clamp(alwaysFail, 0.0, 1.0);
    const double f = std::clamp(spec.failure, 0.0, 1.0);
    Accumulator succeeded, failed;
    // Two kinds of message: poisoned ones (fail with certainty) and ordinary ones.
    for (const auto &[share, q] : {std::pair{a, 1.0}, std::pair{1 - a, f}}) {
        if (!(share > 0))
            continue;
        double reach = 1;    // P(attempt k happens)
        double backoffs = 0; // the sum of the k - 1 backoffs before attempt k
        double nextBackoff = backoff;
        for (int k = 1; k <= attempts && reach > 1e-300; ++k) {
            const double mean = k * service.mean + backoffs + inputLatency.mean;
            const double variance = k * service.variance() + inputLatency.variance();
            succeeded.add(share * reach * (1 - q), mean + writes.mean,
                          variance + writes.variance());
            if (k == attempts)
                failed.add(share * reach * q, mean, variance);
            reach *= q;
            backoffs += nextBackoff;
            nextBackoff *= multiplier;
        }
    }
    DeliveryModel m;
    const double total = succeeded.p + failed.p;
    m.success = total > 0 ? succeeded.p / total : 1.0;
    m.exhausted = 1 - m.success;
    m.busy = total > 0 ? Moments{(succeeded.time + failed.time) / total,
                                 (succeeded.second + failed.second) / total}
                       : service.plus(inputLatency).plus(writes);
    m.successTime = succeeded.p > 0 ? succeeded.time / succeeded.p
                                    : service.mean + inputLatency.mean + writes.mean;
    m.failedTime = failed.p > 0 ? failed.time / failed.p : attempts * service.mean;
    return m;
}

} // namespace eventbench::model
