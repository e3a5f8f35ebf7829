// FieldReader, continued: composite values (distributions, rate profiles, weighted choices).
#include <cmath>

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
    const std::size_t before = m_errors;
    auto value = [&](double &target, const char *key) {
        return Field{key, [this, &target, quantity, what, key](const YamlNode &v) {
                         assignIf(target, quantityValue(v, quantity, what + "." + key));
                     }};
    };
    std::vector<Field> fields = {{"distribution", nullptr}};
    std::vector<const char *> required;
    switch (d.kind) {
    case Distribution::Kind::Constant:
        fields.push_back(value(d.value, "value"));
        required = {"value"};
        break;
    case Distribution::Kind::Exponential:
        fields.push_back(value(d.mean, "mean"));
        required = {"mean"};
        break;
    case Distribution::Kind::Uniform:
        fields.push_back(value(d.min, "min"));
        fields.push_back(value(d.max, "max"));
        required = {"min", "max"};
        break;
    case Distribution::Kind::Normal:
        fields.push_back(value(d.mean, "mean"));
        fields.push_back(value(d.stddev, "stddev"));
        required = {"mean", "stddev"};
        break;
    case Distribution::Kind::Lognormal:
        fields.push_back(value(d.mean, "mean"));
        fields.push_back(value(d.p99, "p99"));
        required = {"mean", "p99"};
        break;
    case Distribution::Kind::Empirical:
        fields.push_back({"values", [&](const YamlNode &v) {
                              if (!v.isSequence() || v.items.empty()) {
                                  error(v, what + ".values: expected a non-empty list, found " +
                                               describeType(v));
                                  return;
                              }
                              for (const auto &item : v.items)
                                  if (auto x = quantityValue(item, quantity, what + ".values"))
                                      d.values.push_back(*x);
                          }});
        fields.push_back({"weights", [&](const YamlNode &v) {
                              if (!v.isSequence() || v.items.empty()) {
                                  error(v, what + ".weights: expected a non-empty list, found " +
                                               describeType(v));
                                  return;
                              }
                              for (const auto &item : v.items)
                                  if (auto x = number(item, what + ".weights", 0, 1e12))
                                      d.weights.push_back(*x);
                          }});
        required = {"values"};
        break;
    }
    readFields(n, what + " (" + kindNode->scalar + " distribution)", fields);
    for (const char *key : required)
        require(n, key, what + " (" + kindNode->scalar + " distribution)", n);
    if (m_errors != before)
        return std::nullopt;

    const YamlNode &at = *kindNode;
    switch (d.kind) {
    case Distribution::Kind::Uniform:
        if (d.min > d.max) {
            error(at, what + ": uniform min must not exceed max");
            return std::nullopt;
        }
        break;
    case Distribution::Kind::Lognormal: {
        if (d.mean <= 0 || d.p99 <= d.mean) {
            error(at, what + ": a lognormal needs 0 < mean < p99");
            return std::nullopt;
        }
        if (std::log(d.p99 / d.mean) > kZ99 * kZ99 / 2) {
            error(at, what + ": no lognormal has this p99 for this mean (p99 may be at most " +
                          formatNumber(std::round(std::exp(kZ99 * kZ99 / 2) * 100) / 100) +
                          " times the mean)");
            return std::nullopt;
        }
        break;
    }
    case Distribution::Kind::Empirical: {
        const YamlNode *weights = n.find("weights");
        if (!weights)
            d.weights.assign(d.values.size(), 1.0);
        if (d.weights.size() != d.values.size()) {
            error(*weights, what + ": weights must have as many entries as values (" +
                                std::to_string(d.values.size()) + ")");
            return std::nullopt;
        }
        double sum = 0;
        for (double w : d.weights)
            sum += w;
        if (sum <= 0) {
            error(*weights, what + ": the weights must not all be 0");
            return std::nullopt;
        }
        break;
    }
    default:
        break;
    }
    return d;
}

std::optional<RateProfile> FieldReader::rateProfile(const YamlNode &n, const std::string &what) {
    RateProfile p;
    if (n.isScalar()) {
        auto r = rate(n, what);
        if (!r)
            return std::nullopt;
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
    p.kind = static_cast<RateProfile::Kind>(*kindIndex);
    const std::size_t before = m_errors;
    auto rateField = [&](double &target, const char *key) {
        return Field{key, [this, &target, what, key](const YamlNode &v) {
                         assignIf(target, rate(v, what + "." + key));
                     }};
    };
    auto timeField = [&](SimTime &target, const char *key) {
        return Field{key, [this, &target, what, key](const YamlNode &v) {
                         assignIf(target, positiveDuration(v, what + "." + key));
                     }};
    };
    std::vector<Field> fields = {{"profile", nullptr}};
    std::vector<const char *> required;
    switch (p.kind) {
    case RateProfile::Kind::Constant:
        fields = {{"profile", nullptr}, rateField(p.rate, "rate")};
        required = {"rate"};
        break;
    case RateProfile::Kind::Burst:
        fields = {{"profile", nullptr},
                  rateField(p.base, "base"),
                  rateField(p.peak, "peak"),
                  timeField(p.every, "every"),
                  timeField(p.burstFor, "for")};
        required = {"base", "peak", "every", "for"};
        break;
    case RateProfile::Kind::Ramp:
        fields = {{"profile", nullptr},
                  rateField(p.from, "from"),
                  rateField(p.to, "to"),
                  timeField(p.over, "over")};
        required = {"from", "to", "over"};
        break;
    case RateProfile::Kind::Sine:
        fields = {{"profile", nullptr},
                  rateField(p.mean, "mean"),
                  rateField(p.amplitude, "amplitude"),
                  timeField(p.period, "period")};
        required = {"mean", "amplitude", "period"};
        break;
    case RateProfile::Kind::Steps:
        fields = {{"profile", nullptr},
                  {"steps", [&](const YamlNode &v) {
                       if (!v.isSequence() || v.items.empty()) {
                           error(v, what +
                                        ".steps: expected a list of [time, rate] pairs, "
                                        "found " +
                                        describeType(v));
                           return;
                       }
                       for (const auto &step : v.items) {
                           if (!step.isSequence() || step.items.size() != 2) {
                               error(step, what +
                                               ".steps: each step must be [time, rate], "
                                               "found " +
                                               describeType(step));
                               continue;
                           }
                           auto t = duration(step.items[0], what + ".steps");
                           auto r = rate(step.items[1], what + ".steps");
                           if (!t || !r)
                               continue;
                           if (!p.steps.empty() && *t <= p.steps.back().first) {
                               error(step.items[0], what + ".steps: step times must increase");
                               continue;
                           }
                           p.steps.emplace_back(*t, *r);
                       }
                   }}};
        required = {"steps"};
        break;
    }
    const std::string where = what + " (" + kindNode->scalar + " profile)";
    readFields(n, where, fields);
    for (const char *key : required)
        require(n, key, where, n);
    if (m_errors != before)
        return std::nullopt;
    if (p.kind == RateProfile::Kind::Burst && p.burstFor > p.every) {
        error(*n.find("for"), what + ": a burst's 'for' must not exceed 'every'");
        return std::nullopt;
    }
    if (p.kind == RateProfile::Kind::Sine && p.amplitude > p.mean) {
        error(*n.find("amplitude"), what + ": the amplitude must not exceed the mean (a rate "
                                           "cannot go below 0)");
        return std::nullopt;
    }
    return p;
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
