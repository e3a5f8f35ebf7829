#include "model/scenario/Scenario.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace eventbench::model {

namespace {

// Mean of N(mu, sigma^2) truncated to [0, inf): mu + sigma * phi(a) / (1 - Phi(a)), a = -mu/sigma.
double truncatedNormalMean(double mu, double sigma) {
    if (sigma <= 0)
        return std::max(mu, 0.0);
    const double a = -mu / sigma;
    const double tail = 0.5 * std::erfc(a / std::numbers::sqrt2);
    if (tail <= 0)
        return 0; // essentially all mass below 0: the truncated mean tends to 0
    const double pdf = std::exp(-0.5 * a * a) / std::sqrt(2 * std::numbers::pi);
    return mu + sigma * pdf / tail;
}

// Integral of max(0, m + A sin(x)) dx over [0, x] for A > 0 and any x >= 0.
double clippedSineIntegral(double m, double A, double x) {
    const double c = -m / A; // positive where sin(x) > c
    if (c >= 1)
        return 0;
    if (c <= -1)
        return m * x + A * (1 - std::cos(x));
    const double twoPi = 2 * std::numbers::pi;
    const double t1 = std::asin(c);
    const double t2 = std::numbers::pi - t1;
    auto F = [&](double v) { return m * v - A * std::cos(v); };
    // The positive part of one period [0, 2pi) as intervals.
    double iv[2][2];
    int n = 0;
    if (t1 >= 0) {
        iv[n][0] = t1, iv[n][1] = t2, ++n;
    } else {
        iv[n][0] = 0, iv[n][1] = t2, ++n;
        iv[n][0] = twoPi + t1, iv[n][1] = twoPi, ++n;
    }
    auto partial = [&](double r) {
        double s = 0;
        for (int i = 0; i < n; ++i)
            s += F(std::clamp(r, iv[i][0], iv[i][1])) - F(iv[i][0]);
        return s;
    };
    const double periods = std::floor(x / twoPi);
    return periods * partial(twoPi) + partial(x - periods * twoPi);
}

// Integral of the sine profile's rate over [0, h] seconds.
double sineIntegral(const RateProfile &p, double h) {
    if (p.period <= 0 || p.amplitude == 0)
        return std::max(p.mean, 0.0) * h;
    const double P = static_cast<double>(p.period) / kNanosPerSecond;
    const double w = 2 * std::numbers::pi / P;
    const double A = std::abs(p.amplitude);
    // A negative amplitude is the same curve shifted by half a period.
    const double shift = p.amplitude < 0 ? std::numbers::pi : 0.0;
    const double area = clippedSineIntegral(p.mean, A, w * h + shift);
    return (area - clippedSineIntegral(p.mean, A, shift)) / w;
}

} // namespace

double Distribution::expectedValue() const {
    switch (kind) {
    case Kind::Constant:
        return value;
    case Kind::Exponential:
        return mean;
    case Kind::Uniform:
        return (min + max) / 2;
    case Kind::Normal:
        return truncatedNormalMean(mean, stddev);
    case Kind::Lognormal:
        return mean;
    case Kind::Empirical: {
        if (values.empty())
            return 0;
        double sum = 0, wsum = 0;
        for (std::size_t i = 0; i < values.size(); ++i) {
            const double w = i < weights.size() ? weights[i] : (weights.empty() ? 1.0 : 0.0);
            sum += values[i] * w;
            wsum += w;
        }
        return wsum > 0 ? sum / wsum : 0;
    }
    }
    return 0;
}

double RateProfile::rateAt(SimTime t) const {
    switch (kind) {
    case Kind::Constant:
        return rate;
    case Kind::Burst:
        if (every <= 0 || t < 0)
            return base;
        return (t % every) < burstFor ? peak : base;
    case Kind::Ramp:
        if (t >= over)
            return to;
        if (t <= 0)
            return from;
        return from + (to - from) * (static_cast<double>(t) / static_cast<double>(over));
    case Kind::Steps: {
        double r = 0;
        for (const auto &[start, stepRate] : steps)
            if (start <= t)
                r = stepRate;
        return r;
    }
    case Kind::Sine: {
        if (period <= 0)
            return std::max(mean, 0.0);
        const double phase = static_cast<double>(t % period) / static_cast<double>(period);
        return std::max(0.0, mean + amplitude * std::sin(2 * std::numbers::pi * phase));
    }
    }
    return 0;
}

double RateProfile::maxRate() const {
    switch (kind) {
    case Kind::Constant:
        return rate;
    case Kind::Burst:
        return (every > 0 && burstFor > 0) ? std::max(base, peak) : base;
    case Kind::Ramp:
        return std::max(from, to);
    case Kind::Steps: {
        double r = 0;
        for (const auto &s : steps)
            r = std::max(r, s.second);
        return r;
    }
    case Kind::Sine:
        return std::max(0.0, mean + std::abs(amplitude));
    }
    return 0;
}

double RateProfile::meanRate(SimTime horizon) const {
    const double h = static_cast<double>(horizon) / kNanosPerSecond;
    switch (kind) {
    case Kind::Constant:
        return rate;
    case Kind::Burst: {
        if (every <= 0 || burstFor <= 0)
            return base;
        const SimTime onPerCycle = std::min(burstFor, every);
        if (horizon <= 0)
            return base + (peak - base) * static_cast<double>(onPerCycle) / every;
        const SimTime on = (horizon / every) * onPerCycle + std::min(horizon % every, burstFor);
        return base + (peak - base) * static_cast<double>(on) / static_cast<double>(horizon);
    }
    case Kind::Ramp: {
        if (horizon <= 0 || over <= 0)
            return to;
        if (horizon <= over)
            return (from + rateAt(horizon)) / 2;
        const double o = static_cast<double>(over) / kNanosPerSecond;
        return ((from + to) / 2 * o + to * (h - o)) / h;
    }
    case Kind::Steps: {
        if (horizon <= 0)
            return rateAt(std::numeric_limits<SimTime>::max());
        // rateAt only changes at step starts: integrate the piecewise-constant function.
        std::vector<SimTime> cuts{0, horizon};
        for (const auto &s : steps)
            if (s.first > 0 && s.first < horizon)
                cuts.push_back(s.first);
        std::sort(cuts.begin(), cuts.end());
        double area = 0;
        for (std::size_t i = 0; i + 1 < cuts.size(); ++i)
            area += rateAt(cuts[i]) * static_cast<double>(cuts[i + 1] - cuts[i]);
        return area / static_cast<double>(horizon);
    }
    case Kind::Sine: {
        if (period <= 0 || amplitude == 0)
            return std::max(mean, 0.0);
        if (horizon <= 0)
            return sineIntegral(*this, static_cast<double>(period) / kNanosPerSecond) /
                   (static_cast<double>(period) / kNanosPerSecond);
        return sineIntegral(*this, h) / h;
    }
    }
    return 0;
}

SourcePos Node::whereOf(const std::string &key) const {
    for (const auto &[k, pos] : keyWhere)
        if (k == key)
            return pos;
    return where;
}

bool Node::operator==(const Node &o) const {
    if (id != o.id || kind != o.kind || pos != o.pos)
        return false;
    switch (kind) {
    case NodeKind::Producer:
        return producer == o.producer;
    case NodeKind::Topic:
        return topic == o.topic;
    case NodeKind::Queue:
        return queue == o.queue;
    case NodeKind::Exchange:
        return exchange == o.exchange;
    case NodeKind::Consumer:
        return consumer == o.consumer;
    case NodeKind::Store:
        return store == o.store;
    }
    return true;
}

bool Edge::operator==(const Edge &o) const {
    return from == o.from && to == o.to && latency == o.latency && filter == o.filter &&
           binding == o.binding && ratio == o.ratio && longForm == o.longForm;
}

bool Fault::operator==(const Fault &o) const {
    return kind == o.kind && at == o.at && duration == o.duration && target == o.target &&
           edgeTo == o.edgeTo && instances == o.instances && factor == o.factor && add == o.add &&
           probability == o.probability && version == o.version && replayTo == o.replayTo;
}

bool Expectation::operator==(const Expectation &o) const {
    return stat == o.stat && node == o.node && metric == o.metric && op == o.op &&
           value == o.value && text == o.text;
}

bool Scenario::operator==(const Scenario &o) const {
    return name == o.name && description == o.description && seed == o.seed &&
           duration == o.duration && sampleEvery == o.sampleEvery && warmup == o.warmup &&
           warmupAuto == o.warmupAuto && nodes == o.nodes && edges == o.edges &&
           faults == o.faults && expectations == o.expectations;
}

const Node *Scenario::findNode(const std::string &id) const {
    for (const auto &n : nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

const char *toString(NodeKind kind) {
    switch (kind) {
    case NodeKind::Producer:
        return "producer";
    case NodeKind::Topic:
        return "topic";
    case NodeKind::Queue:
        return "queue";
    case NodeKind::Exchange:
        return "exchange";
    case NodeKind::Consumer:
        return "consumer";
    case NodeKind::Store:
        return "store";
    }
    return "producer";
}

std::optional<NodeKind> nodeKindFromString(const std::string &s) {
    for (NodeKind k : {NodeKind::Producer, NodeKind::Topic, NodeKind::Queue, NodeKind::Exchange,
                       NodeKind::Consumer, NodeKind::Store})
        if (s == toString(k))
            return k;
    return std::nullopt;
}

bool isBus(NodeKind kind) {
    return kind == NodeKind::Topic || kind == NodeKind::Queue || kind == NodeKind::Exchange;
}

namespace {
template <typename T>
const T *busPart(const Node &n, const std::optional<T> TopicSpec::*t,
                 const std::optional<T> QueueSpec::*q, const std::optional<T> ExchangeSpec::*x) {
    const std::optional<T> *v = n.kind == NodeKind::Topic      ? &(n.topic.*t)
                                : n.kind == NodeKind::Queue    ? &(n.queue.*q)
                                : n.kind == NodeKind::Exchange ? &(n.exchange.*x)
                                                               : nullptr;
    return v && *v ? &**v : nullptr;
}
} // namespace

const AclSpec *busAcl(const Node &n) {
    return busPart(n, &TopicSpec::acl, &QueueSpec::acl, &ExchangeSpec::acl);
}

const TlsSpec *busTls(const Node &n) {
    return busPart(n, &TopicSpec::tls, &QueueSpec::tls, &ExchangeSpec::tls);
}

} // namespace eventbench::model
