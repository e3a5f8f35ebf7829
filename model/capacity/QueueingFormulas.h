#pragma once
// Closed forms of queueing theory used by the capacity model: Erlang C (M/M/c), the
// Allen-Cunneen approximation for G/G/c, Pollaczek-Khinchine (M/G/1), Whitt's QNA departure
// variability, and the first two moments of what the simulator samples from a Distribution.
// Pure functions of their arguments; times in seconds unless a Distribution says otherwise.
#include <cstdint>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// The mean and second raw moment of a non-negative random variable.
struct Moments {
    double mean = 0;
    double second = 0; // E[X^2]
    double variance() const;
    /// Squared coefficient of variation Var/mean^2 (0 when the mean is 0).
    double scv() const;
    /// Moments of the sum of two independent variables.
    Moments plus(const Moments &o) const;
    /// Moments of `factor` * X.
    Moments scaled(double factor) const;
    static Moments constant(double v) { return {v, v * v}; }
};

/// Moments of the values the simulator draws from `d`, in d's base unit (ns for durations):
/// uniform and normal as the simulator truncates them at 0, lognormal from (mean, p99) with
/// the simulator's parameter fit, empirical with its weights (missing weights 0, none: equal).
Moments distributionMoments(const Distribution &d);

/// Erlang B: the blocking probability of M/M/c/c with `servers` servers and offered load a
/// (Erlangs). Summed from its largest terms, so exact to rounding and O(sqrt(a)) terms even for
/// millions of servers. 1 when servers < 1; 0 when a <= 0.
double erlangB(std::int64_t servers, double offeredLoad);

/// Erlang C: the probability that an arrival waits in M/M/c with `servers` servers and
/// offered load a = lambda/mu (Erlangs), from Erlang B: C = c B / (c - a (1 - B)).
/// 1 when a >= servers; 0 when a <= 0.
double erlangC(std::int64_t servers, double offeredLoad);

/// Erlang C at a utilisation rho = a / c: what `validate` shows as P(WAIT). 1 when the
/// station is saturated (rho >= 1), 0 when idle.
double waitProbability(std::int64_t servers, double utilization);

/// Mean time in queue of M/M/c: C(c, a) / (c mu - lambda); +inf when lambda >= c mu.
double mmcMeanWait(std::int64_t servers, double lambda, double mu);

/// Mean time in queue of M/G/1 (Pollaczek-Khinchine): lambda E[S^2] / (2 (1 - rho));
/// +inf when rho >= 1.
double pollaczekKhinchineMeanWait(double lambda, double meanService, double serviceScv);

/// Allen-Cunneen: the M/M/c wait scaled by (ca^2 + cs^2) / 2, with c = servers, mean service
/// E[S]; exact for M/M/c (ca^2 = cs^2 = 1) and for M/G/1 (equals Pollaczek-Khinchine).
/// +inf when lambda E[S] >= servers. Works with fractional load; servers >= 1.
double allenCunneenMeanWait(std::int64_t servers, double lambda, double meanService,
                            double arrivalScv, double serviceScv);

/// Whitt's QNA approximation of the squared coefficient of variation of the departures of a
/// G/G/c station: 1 + (1 - rho^2)(ca^2 - 1) + rho^2 (cs^2 - 1) / sqrt(c), rho capped at 1.
double departureScv(std::int64_t servers, double utilization, double arrivalScv, double serviceScv);

/// The SCV of a stream after each message is turned into K copies (thinning when K is 0 or 1,
/// follow-up ratios and duplicate copies otherwise): E[K] c^2 + Var[K] / E[K] (QNA).
/// Returns `scv` unchanged when E[K] <= 0.
double copiedScv(double scv, double meanCopies, double copiesVariance);

/// The mean wait of a station that cannot keep up (rho >= 1) over a run: a message arriving at
/// t waits about (rho - 1) t for the backlog ahead of it; averaged over the messages that
/// complete between `warmup` and `horizon` (seconds): (rho - 1)(warmup + horizon) / (2 rho).
double overloadMeanWait(double utilization, double warmup, double horizon);

} // namespace eventbench::model
