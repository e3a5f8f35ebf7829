#pragma once
// Student t confidence intervals for the mean of independent replications (issue 8): the
// t distribution's CDF and quantile (computed here, no statistics library) and the interval
// of a sample. Pure functions; callable from any thread.
#include <cstddef>
#include <vector>

namespace eventbench::model {

/// The mean of a sample with its two-sided confidence interval. `n` counts the values used
/// (NaN values are left out). With n == 0 everything is NaN; with n == 1 low and high are NaN.
struct ConfidenceInterval {
    double mean = 0;
    double low = 0;
    double high = 0;
    std::size_t n = 0;

    /// (high - low) / 2: the `±` of `mean ± half-width`.
    double halfWidth() const { return (high - low) / 2; }

    /// The interval of `values` at `level` (0.95: low/high = mean ∓ t_{0.975,n-1} s/√n).
    static ConfidenceInterval of(const std::vector<double> &values, double level = 0.95);
};

/// P(T <= t) for Student's t with `df` >= 1 degrees of freedom (relative error ~1e-14).
double studentTCdf(double t, double df);

/// The p-quantile of Student's t with `df` >= 1 degrees of freedom, 0 < p < 1; NaN outside.
/// Closed forms for df 1 and 2; otherwise the CDF inverted by safeguarded Newton steps
/// (absolute error below 1e-9 for df 1..1000 and p in [1e-6, 1 - 1e-6]).
double studentTQuantile(double p, double df);

} // namespace eventbench::model
