// FieldReader, continued: composite values (distributions, rate profiles, weighted choices).
#include <cmath>
#include <functional>
#include <string>

#include "model/scenario/Units.h"
#include "model/yaml/FieldReader.h"

namespace eventbench::model {

namespace {

// z of the standard normal's 99th percentile: a lognormal with mean m has p99 = m *
// exp(z*sigma - sigma^2/2), which is at most m * exp(z^2/2).
constexpr double kZ99 = 2.3263478740;

const char *quantityExample(Quantity q) {
    switch (q) {
    case Quantity::Duration:
        return "a duration such as 5ms";
    case Quantity::Size:
        return "a size such as 1KB";
    case Quantity::Count:
        return "a count";
    }
    return "a value";
}

/// A field whose value must be a non-empty list, each item read by `readItem`.
FieldReader::Field listField(FieldReader &r, const char *key, const std::string &what,
                             std::function<void(const YamlNode &)> readItem) {
    return {key, [&r, key, what, readItem](const YamlNode &v) {
                if (!v.isSequence() || v.items.empty()) {
                    r.error(v, what + "." + key + ": expected a non-empty list, found " +
                                   describeType(v));
                    return;
                }
                for (const auto &item : v.items)
                    readItem(item);
            }};
}

/// A field holding a rate (`200/s`), read into `target`.
FieldReader::Field rateField(FieldReader &r, double &target, const char *key,
                             const std::string &what) {
    return {key, [&r, &target, what, key](const YamlNode &v) {
                assignIf(target, r.rate(v, what + "." + key));
            }};
}

/// A field holding a positive duration, read into `target`.
FieldReader::Field timeField(FieldReader &r, SimTime &target, const char *key,
                             const std::string &what) {
    return {key, [&r, &target, what, key](const YamlNode &v) {
                assignIf(target, r.positiveDuration(v, what + "." + key));
            }};
}

/// A steps profile's `steps`: [time, rate] pairs at increasing times.
FieldReader::Field stepsField(FieldReader &r, RateProfile &p, const std::string &what) {
    return {"steps", [&r, &p, what](const YamlNode &v) {
                if (!v.isSequence() || v.items.empty()) {
                    r.error(v, what + ".steps: expected a list of [time, rate] pairs, found " +
                                   describeType(v));
                    return;
                }
                for (const auto &step : v.items) {
                    if (!step.isSequence() || step.items.size() != 2) {
                        r.error(step, what + ".steps: each step must be [time, rate], found " +
                                          describeType(step));
                        continue;
                    }
                    auto t = r.duration(step.items[0], what + ".steps");
                    auto rate = r.rate(step.items[1], what + ".steps");
                    if (!t || !rate)
                        continue;
                    if (!p.steps.empty() && *t <= p.steps.back().first) {
                        r.error(step.items[0], what + ".steps: step times must increase");
                        continue;
                    }
                    p.steps.emplace_back(*t, *rate);
                }
            }};
}

} // namespace

std::optional<double> FieldReader::quantityValue(const YamlNode &n, Quantity quantity,
                                                 const std::string &what) {
    switch (quantity) {
    case Quantity::Duration: {
        auto v = duration(n, what);
        return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
    }
    case Quantity::Size:
        return size(n, what);
    case Quantity::Count:
        return count(n, what);
    }
    return std::nullopt;
}

std::optional<Distribution> FieldReader::distribution(const YamlNode &n, Quantity quantity,
                                                      const std::string &what) {
    if (n.isScalar()) {
        auto v = quantityValue(n, quantity, what);
        return v ? std::optional<Distribution>(Distribution::constant(*v, quantity)) : std::nullopt;
    }
    if (n.isMap())
        return distributionMap(n, quantity, what);
    error(n, what + ": expected " + quantityExample(quantity) +
                 " or a map such as {distribution: exponential, mean: ...}, found " +
                 describeType(n));
    return std::nullopt;
}

bool FieldReader::readKindMap(const YamlNode &n, const std::string &where, const MapFields &f) {
    const std::size_t before = m_errors;
    readFields(n, where, f.fields);
    for (const char *key : f.required)
        require(n, key, where, n);
    return m_errors == before;
}

std::optional<Distribution> FieldReader::distributionMap(const YamlNode &n, Quantity quantity,
                                                         const std::string &what) {
    const YamlNode *kindNode = n.find("distribution");
    if (!kindNode) {
        error(n, what + " is missing the required key 'distribution' (constant, exponential, "
                        "uniform, normal, lognormal or empirical)");
        return std::nullopt;
    }
    auto kindIndex =
        choice(*kindNode, what + ".distribution",
               {"constant", "exponential", "uniform", "normal", "lognormal", "empirical"});
    if (!kindIndex)
        return std::nullopt;
    Distribution d;
    d.kind = static_cast<Distribution::Kind>(*kindIndex);
    d.quantity = quantity;
    if (!readKindMap(n, what + " (" + kindNode->scalar + " distribution)",
                     distributionFields(d, what)))
        return std::nullopt;
    if (!checkDistribution(n, *kindNode, what, d))
        return std::nullopt;
    return d;
}

FieldReader::MapFields FieldReader::distributionFields(Distribution &d, const std::string &what) {
    const Quantity quantity = d.quantity;
    auto value = [&](double &target, const char *key) {
        return Field{key, [this, &target, quantity, what, key](const YamlNode &v) {
                         assignIf(target, quantityValue(v, quantity, what + "." + key));
                     }};
    };
    switch (d.kind) {
    case Distribution::Kind::Constant:
        return {{{"distribution", nullptr}, value(d.value, "value")}, {"value"}};
    case Distribution::Kind::Exponential:
        return {{{"distribution", nullptr}, value(d.mean, "mean")}, {"mean"}};
    case Distribution::Kind::Uniform:
        return {{{"distribution", nullptr}, value(d.min, "min"), value(d.max, "max")},
                {"min", "max"}};
    case Distribution::Kind::Normal:
        return {{{"distribution", nullptr}, value(d.mean, "mean"), value(d.stddev, "stddev")},
                {"mean", "stddev"}};
    case Distribution::Kind::Lognormal:
        return {{{"distribution", nullptr}, value(d.mean, "mean"), value(d.p99, "p99")},
                {"mean", "p99"}};
    case Distribution::Kind::Empirical:
        return {{{"distribution", nullptr},
                 listField(*this, "values", what,
                           [this, &d, quantity, what](const YamlNode &item) {
                               if (auto x = quantityValue(item, quantity, what + ".values"))
                                   d.values.push_back(*x);
                           }),
                 listField(*this, "weights", what,
                           [this, &d, what](const YamlNode &item) {
                               if (auto x = number(item, what + ".weights", 0, 1e12))
                                   d.weights.push_back(*x);
                           })},
                {"values"}};
    }
    return {{{"distribution", nullptr}}, {}};
}

bool FieldReader::checkDistribution(const YamlNode &n, const YamlNode &at, const std::string &what,
                                    Distribution &d) {
    switch (d.kind) {
    case Distribution::Kind::Uniform:
        if (d.min > d.max) {
            error(at, what + ": uniform min must not exceed max");
            return false;
        }
        return true;
    case Distribution::Kind::Lognormal:
        if (d.mean <= 0 || d.p99 <= d.mean) {
            error(at, what + ": a lognormal needs 0 < mean < p99");
            return false;
        }
        if (std::log(d.p99 / d.mean) > kZ99 * kZ99 / 2) {
            error(at, what + ": no lognormal has this p99 for this mean (p99 may be at most " +
                          formatNumber(std::round(std::exp(kZ99 * kZ99 / 2) * 100) / 100) +
                          " times the mean)");
            return false;
        }
        return true;
    case Distribution::Kind::Empirical:
        return checkEmpiricalWeights(n, what, d);
    default:
        return true;
    }
}

bool FieldReader::checkEmpiricalWeights(const YamlNode &n, const std::string &what,
                                        Distribution &d) {
    const YamlNode *weights = n.find("weights");
    if (!weights)
        d.weights.assign(d.values.size(), 1.0);
    if (d.weights.size() != d.values.size()) {
        error(*weights, what + ": weights must have as many entries as values (" +
                            std::to_string(d.values.size()) + ")");
        return false;
    }
    double sum = 0;
    for (double w : d.weights)
        sum += w;
    if (sum <= 0) {
        error(*weights, what + ": the weights must not all be 0");
        return false;
    }
    return true;
}

std::optional<RateProfile> FieldReader::rateProfile(const YamlNode &n, const std::string &what) {
    if (n.isScalar()) {
        auto r = rate(n, what);
        if (!r)
            return std::nullopt;
        RateProfile p;
        p.rate = *r;
        return p;
    }
    if (!n.isMap()) {
        error(n, what +
                     ": expected a rate such as 200/s or a map such as {profile: burst, ...}, "
                     "found " +
                     describeType(n));
        return std::nullopt;
    }
    const YamlNode *kindNode = n.find("profile");
    if (!kindNode) {
        error(n, what + " is missing the required key 'profile' (burst, ramp, steps or sine)");
        return std::nullopt;
    }
    auto kindIndex =
        choice(*kindNode, what + ".profile", {"constant", "burst", "ramp", "steps", "sine"});
    if (!kindIndex)
        return std::nullopt;
    RateProfile p;
    p.kind = static_cast<RateProfile::Kind>(*kindIndex);
    if (!readKindMap(n, what + " (" + kindNode->scalar + " profile)", rateProfileFields(p, what)))
        return std::nullopt;
    if (!checkRateProfile(n, what, p))
        return std::nullopt;
    return p;
}

FieldReader::MapFields FieldReader::rateProfileFields(RateProfile &p, const std::string &what) {
    const Field kind{"profile", nullptr};
    switch (p.kind) {
    case RateProfile::Kind::Constant:
        return {{kind, rateField(*this, p.rate, "rate", what)}, {"rate"}};
    case RateProfile::Kind::Burst:
        return {{kind, rateField(*this, p.base, "base", what),
                 rateField(*this, p.peak, "peak", what), timeField(*this, p.every, "every", what),
                 timeField(*this, p.burstFor, "for", what)},
                {"base", "peak", "every", "for"}};
    case RateProfile::Kind::Ramp:
        return {{kind, rateField(*this, p.from, "from", what), rateField(*this, p.to, "to", what),
                 timeField(*this, p.over, "over", what)},
                {"from", "to", "over"}};
    case RateProfile::Kind::Sine:
        return {{kind, rateField(*this, p.mean, "mean", what),
                 rateField(*this, p.amplitude, "amplitude", what),
                 timeField(*this, p.period, "period", what)},
                {"mean", "amplitude", "period"}};
    case RateProfile::Kind::Steps:
        return {{kind, stepsField(*this, p, what)}, {"steps"}};
    }
    return {{kind}, {}};
}

bool FieldReader::checkRateProfile(const YamlNode &n, const std::string &what,
                                   const RateProfile &p) {
    if (p.kind == RateProfile::Kind::Burst && p.burstFor > p.every) {
        error(*n.find("for"), what + ": a burst's 'for' must not exceed 'every'");
        return false;
    }
    if (p.kind == RateProfile::Kind::Sine && p.amplitude > p.mean) {
        error(*n.find("amplitude"), what + ": the amplitude must not exceed the mean (a rate "
                                           "cannot go below 0)");
        return false;
    }
    return true;
}

std::optional<WeightedChoice> FieldReader::weightedChoice(const YamlNode &n,
                                                          const std::string &what) {
    WeightedChoice c;
    if (n.isScalar()) {
        c.options.emplace_back(n.scalar, 1.0);
        return c;
    }
    if (!n.isMap() || n.keys.empty()) {
        error(n, what +
                     ": expected a value or a map of value: weight such as {eu: 0.7, us: "
                     "0.3}, found " +
                     describeType(n));
        return std::nullopt;
    }
    const std::size_t before = m_errors;
    double sum = 0;
    for (std::size_t i = 0; i < n.keys.size(); ++i) {
        if (n.indexOf(n.keys[i].scalar) != static_cast<int>(i)) {
            error(n.keys[i], what + ": duplicate value '" + n.keys[i].scalar + "'");
            continue;
        }
        if (auto w = number(n.values[i], what + "." + n.keys[i].scalar, 0, 1e12)) {
            c.options.emplace_back(n.keys[i].scalar, *w);
            sum += *w;
        }
    }
    if (m_errors != before)
        return std::nullopt;
    if (sum <= 0) {
        error(n, what + ": the weights must not all be 0");
        return std::nullopt;
    }
    return c;
}

} // namespace eventbench::model
