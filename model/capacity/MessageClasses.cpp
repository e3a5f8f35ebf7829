#include "model/capacity/MessageClasses.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "model/routing/MessageMatching.h"

namespace eventbench::model {

namespace {

constexpr std::size_t kMaxCombinations = 100000;

/// A value that faults set while active and put back to `base` when they end (as the engine
/// applies and reverts them, the latest change winning).
class FaultTimeline {
  public:
    explicit FaultTimeline(double base) : m_base(base) {}
    void add(const Fault &f, double value) {
        const SimTime at = std::max<SimTime>(0, f.at);
        m_changes.push_back({at, m_changes.size(), value});
        if (f.duration)
            m_changes.push_back({at + *f.duration, m_changes.size(), m_base});
        std::stable_sort(m_changes.begin(), m_changes.end(),
                         [](const Change &a, const Change &b) { return a.at < b.at; });
    }
    double valueAt(SimTime t) const {
        double v = m_base;
        for (const Change &c : m_changes)
            if (c.at <= t)
                v = c.value;
        return v;
    }
    void addBreakpoints(std::vector<SimTime> &out) const {
        for (const Change &c : m_changes)
            out.push_back(c.at);
    }

  private:
    struct Change {
        SimTime at;
        std::size_t order;
        double value;
    };
    double m_base;
    std::vector<Change> m_changes;
};

/// Calls `f(length share, value...)` for each stretch of [0, horizon) where the timelines are
/// constant (the whole run as one stretch when the horizon is 0).
template <typename F>
void forEachStretch(const std::vector<const FaultTimeline *> &timelines, SimTime horizon, F f) {
    if (horizon <= 0) {
        f(1.0, 0);
        return;
    }
    std::vector<SimTime> cuts{0, horizon};
    for (const FaultTimeline *t : timelines)
        t->addBreakpoints(cuts);
    std::sort(cuts.begin(), cuts.end());
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
        const SimTime from = std::max<SimTime>(0, cuts[i]);
        const SimTime to = std::min(horizon, cuts[i + 1]);
        if (to > from)
            f(static_cast<double>(to - from) / static_cast<double>(horizon), from);
    }
}

/// A weighted choice's probabilities, read as the simulator's WeightedChooser reads weights.
std::vector<double> probabilities(const WeightedChoice &choice) {
    std::vector<double> p;
    double sum = 0;
    for (const auto &[value, w] : choice.options) {
        p.push_back(std::isfinite(w) && w > 0 ? w : 0.0);
        sum += p.back();
    }
    if (!(sum > 0)) {
        std::fill(p.begin(), p.end(), 1.0);
        sum = static_cast<double>(p.size());
    }
    for (double &x : p)
        x /= sum;
    return p;
}

/// The values of one attribute (or of the routing key) and their probabilities.
struct Dimension {
    std::vector<std::string> values;
    std::vector<double> p;
};

Dimension dimensionOf(const WeightedChoice &choice) {
    Dimension d;
    for (const auto &option : choice.options)
        d.values.push_back(option.first);
    d.p = probabilities(choice);
    return d;
}

/// The attributes of a producer's messages that matter to an exchange's outlets.
struct AttributeDimensions {
    std::vector<std::string> names;
    std::vector<Dimension> dims; // parallel to names
    AttributeValues fixed;       // list attributes: every message carries all their elements
};

/// Only attributes some filter names matter; the rest cannot change a decision.
AttributeDimensions filteredAttributes(const ProducerSpec &producer,
                                       const std::vector<const Edge *> &edges) {
    std::set<std::string> named;
    for (const Edge *e : edges)
        if (e->filter)
            for (const auto &[name, conditions] : e->filter->attributes)
                named.insert(name);
    AttributeDimensions out;
    std::set<std::string> seen;
    for (const auto &[name, choice] : producer.attributes) {
        if (!named.count(name) || !seen.insert(name).second || choice.options.empty())
            continue;
        if (choice.list) {
            for (const auto &element : choice.options)
                out.fixed.emplace_back(name, element.first);
            continue;
        }
        out.names.push_back(name);
        out.dims.push_back(dimensionOf(choice));
    }
    return out;
}

/// The producer's routing keys; one empty key when it sets none.
Dimension routingKeys(const ProducerSpec &producer) {
    if (producer.routingKey && !producer.routingKey->options.empty())
        return dimensionOf(*producer.routingKey);
    return {{""}, {1.0}};
}

/// How many attribute and routing-key combinations there are (counting stops growing once
/// past the enumeration limit).
std::size_t combinationCount(const AttributeDimensions &attributes, const Dimension &routing) {
    std::size_t combinations = routing.values.size();
    for (const Dimension &d : attributes.dims)
        combinations =
            combinations > kMaxCombinations ? combinations : combinations * d.values.size();
    return combinations;
}

/// Whether an outlet lets a message with these attributes and routing key through.
bool outletMatches(const Edge &e, const AttributeValues &attrs, const std::string &key) {
    return (!e.filter || filterPolicyMatches(*e.filter, attrs)) &&
           (!e.binding || bindingMatches(*e.binding, key));
}

/// Steps `index` to the next combination of the dimensions' values; false after the last.
bool nextCombination(std::vector<std::size_t> &index, const std::vector<Dimension> &dims) {
    std::size_t i = 0;
    while (i < dims.size() && ++index[i] == dims[i].values.size())
        index[i++] = 0;
    return i != dims.size();
}

/// Exact: every combination of attribute values (probability `p` each) with every routing key
/// adds its probability to each outlet it matches, or to the unroutable share (last).
std::vector<double> enumeratedProbabilities(const std::vector<const Edge *> &edges,
                                            const AttributeDimensions &attributes,
                                            const Dimension &routing) {
    const std::vector<Dimension> &dims = attributes.dims;
    std::vector<double> result(edges.size() + 1, 0.0);
    std::vector<std::size_t> index(dims.size(), 0);
    AttributeValues attrs(dims.size());
    attrs.insert(attrs.end(), attributes.fixed.begin(), attributes.fixed.end());
    do {
        double p = 1;
        for (std::size_t i = 0; i < dims.size(); ++i) {
            attrs[i] = {attributes.names[i], dims[i].values[index[i]]};
            p *= dims[i].p[index[i]];
        }
        for (std::size_t r = 0; r < routing.values.size(); ++r) {
            bool any = false;
            for (std::size_t e = 0; e < edges.size(); ++e) {
                if (outletMatches(*edges[e], attrs, routing.values[r])) {
                    result[e] += p * routing.p[r];
                    any = true;
                }
            }
            if (!any)
                result.back() += p * routing.p[r];
        }
    } while (nextCombination(index, dims));
    return result;
}

/// The probability that a message passes an outlet's filter, its attributes taken as
/// independent.
double filterShare(const FilterPolicy &filter, const AttributeDimensions &attributes) {
    double p = 1;
    for (const auto &[name, conditions] : filter.attributes) {
        const FilterPolicy single{{{name, conditions}}};
        const auto it = std::find(attributes.names.begin(), attributes.names.end(), name);
        double q = 0;
        if (it == attributes.names.end()) {
            q = filterPolicyMatches(single, attributes.fixed) ? 1.0 : 0.0;
        } else {
            const Dimension &d =
                attributes.dims[static_cast<std::size_t>(it - attributes.names.begin())];
            for (std::size_t k = 0; k < d.values.size(); ++k)
                if (filterPolicyMatches(single, {{name, d.values[k]}}))
                    q += d.p[k];
        }
        p *= q;
    }
    return p;
}

/// The probability that a message's routing key matches an outlet's binding.
double bindingShare(const std::vector<std::string> &binding, const Dimension &routing) {
    double q = 0;
    for (std::size_t r = 0; r < routing.values.size(); ++r)
        if (bindingMatches(binding, routing.values[r]))
            q += routing.p[r];
    return q;
}

/// Too many combinations: per outlet, its filter's names are independent attributes, and the
/// outlets are independent of each other for the unroutable share.
std::vector<double> independentProbabilities(const std::vector<const Edge *> &edges,
                                             const AttributeDimensions &attributes,
                                             const Dimension &routing) {
    std::vector<double> result(edges.size() + 1, 0.0);
    double none = 1;
    for (std::size_t e = 0; e < edges.size(); ++e) {
        double p = edges[e]->filter ? filterShare(*edges[e]->filter, attributes) : 1.0;
        if (edges[e]->binding)
            p *= bindingShare(*edges[e]->binding, routing);
        result[e] = p;
        none *= 1 - p;
    }
    result.back() = none;
    return result;
}

} // namespace

MessageClasses messageClasses(const TopologyGraph &g) {
    const Scenario &s = g.scenario();
    MessageClasses out;
    const std::size_t vertices = boost::num_vertices(g.graph());
    out.duplicates.resize(vertices);
    for (std::size_t v = 0; v < vertices; ++v) {
        const Node &n = g.node(v);
        if (isBus(n.kind)) {
            FaultTimeline dup(0);
            for (const Fault &f : s.faults)
                if (f.kind == Fault::Kind::Duplicate && f.target == n.id)
                    dup.add(f, std::clamp(f.probability, 0.0, 1.0));
            BusDuplicates &d = out.duplicates[v];
            forEachStretch({&dup}, s.duration, [&](double share, SimTime at) {
                d.mean += share * dup.valueAt(at);
                d.peak = std::max(d.peak, dup.valueAt(at));
            });
        }
        if (n.kind != NodeKind::Producer)
            continue;
        const ProducerSpec &p = n.producer;
        FaultTimeline spike(1), poison(0), version(p.schemaVersion);
        for (const Fault &f : s.faults) {
            if (f.target != n.id)
                continue;
            if (f.kind == Fault::Kind::Spike)
                spike.add(f, std::max(0.0, f.factor));
            else if (f.kind == Fault::Kind::Poison)
                poison.add(f, std::clamp(f.probability, 0.0, 1.0));
            else if (f.kind == Fault::Kind::Schema)
                version.add(f, f.version);
        }
        // The share of the producer's messages per (version, poisoned), weighting each stretch
        // of the run by its length and spike factor.
        std::map<std::pair<int, bool>, double> shares;
        double weight = 0, maxSpike = 0;
        forEachStretch({&spike, &poison, &version}, s.duration, [&](double share, SimTime at) {
            const double w = share * spike.valueAt(at);
            const int ver = static_cast<int>(version.valueAt(at));
            shares[{ver, false}] += w * (1 - poison.valueAt(at));
            shares[{ver, true}] += w * poison.valueAt(at);
            weight += w;
            maxSpike = std::max(maxSpike, spike.valueAt(at));
        });
        const double rate = p.rate.meanRate(s.duration);
        const double meanRate = std::isfinite(rate) ? std::max(0.0, rate) * weight : 0.0;
        const double peakRate = std::max(0.0, p.rate.maxRate()) * maxSpike;
        const auto keys = std::make_shared<const KeyPartitioning>(p.keys);
        for (const auto &[key, share] : shares) {
            const bool base = key.first == p.schemaVersion && !key.second;
            if (!(share > 0) && !base)
                continue;
            const double fraction = weight > 0 ? share / weight : 0.0;
            MessageClass c;
            c.vertex = v;
            c.version = key.first;
            c.poisoned = key.second;
            c.meanRate = meanRate * fraction;
            c.peakRate = peakRate * fraction;
            c.arrivalScv = p.arrivals == ProducerSpec::Arrivals::Constant ? 0.0 : 1.0;
            c.keys = keys;
            out.classes.push_back(std::move(c));
        }
    }
    return out;
}

std::vector<double> routingProbabilities(const ProducerSpec &producer,
                                         const std::vector<const Edge *> &edges) {
    const AttributeDimensions attributes = filteredAttributes(producer, edges);
    const Dimension routing = routingKeys(producer);
    if (combinationCount(attributes, routing) <= kMaxCombinations)
        return enumeratedProbabilities(edges, attributes, routing);
    return independentProbabilities(edges, attributes, routing);
}

} // namespace eventbench::model
