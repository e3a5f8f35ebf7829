#include "CapacityAnalysis.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace eventbench::app {

namespace {

using model::NodeKind;

double seconds(double ns) {
    return ns / static_cast<double>(model::kNanosPerSecond);
}

/// Expected seconds a handler spends on one message: attempt k+1 happens (after its backoff,
/// which holds the handler, and on a topic the partition) only when the first k failed.
double expectedBusySeconds(const model::ConsumerSpec &c) {
    const double f = std::clamp(c.failure, 0.0, 1.0);
    const double service = seconds(c.serviceTime.expectedValue());
    double busy = 0, reach = 1, backoff = static_cast<double>(c.retry.backoff);
    for (int i = 0; i < std::max(1, c.retry.maxAttempts); ++i) {
        busy += reach * service;
        reach *= f;
        if (i + 1 < c.retry.maxAttempts)
            busy += reach * seconds(backoff);
        backoff *= c.retry.multiplier;
    }
    return busy;
}

/// Propagates per-node output rates along the edges. Cycles (consumer -> bus -> consumer)
/// are resolved by bounded fixed-point iteration; a cycle that amplifies stays finite.
std::map<std::string, double> propagate(const model::Scenario &s, bool peak,
                                        const std::map<std::string, double> &capacity) {
    std::map<std::string, double> in, out;
    for (const auto &n : s.nodes)
        if (n.kind == NodeKind::Producer)
            out[n.id] = peak ? n.producer.rate.maxRate() : n.producer.rate.meanRate(s.duration);
    const std::size_t rounds = s.nodes.size() + 2;
    for (std::size_t round = 0; round < rounds; ++round) {
        std::map<std::string, double> nextIn;
        // A queue's messages are shared by every consumer attached to it, by capacity.
        std::map<std::string, double> queueCapacity;
        for (const auto &e : s.edges) {
            const auto *from = s.findNode(e.from);
            const auto *to = s.findNode(e.to);
            if (from && to && from->kind == NodeKind::Queue && to->kind == NodeKind::Consumer)
                queueCapacity[e.from] += capacity.count(e.to) ? capacity.at(e.to) : 1.0;
        }
        for (const auto &e : s.edges) {
            const auto *from = s.findNode(e.from);
            const auto *to = s.findNode(e.to);
            if (!from || !to)
                continue;
            double rate = out[e.from];
            if (from->kind == NodeKind::Consumer)
                rate *= to->kind == NodeKind::Store ? 1.0 : e.ratio;
            if (from->kind == NodeKind::Queue && to->kind == NodeKind::Consumer) {
                const double total = queueCapacity[e.from];
                const double mine = capacity.count(e.to) ? capacity.at(e.to) : 1.0;
                rate *= total > 0 ? mine / total : 0;
            }
            nextIn[e.to] += rate;
        }
        in = nextIn;
        for (const auto &n : s.nodes) {
            if (n.kind == NodeKind::Producer)
                continue;
            double o = in[n.id];
            if (n.kind == NodeKind::Consumer && capacity.count(n.id) && capacity.at(n.id) > 0)
                o = std::min(o, capacity.at(n.id));
            out[n.id] = std::isfinite(o) ? o : 0;
        }
    }
    return in;
}

} // namespace

std::vector<CapacityRow> analyseCapacity(const model::Scenario &s) {
    std::map<std::string, double> capacity;
    std::map<std::string, int> partitionsRead;
    for (const auto &e : s.edges) {
        const auto *from = s.findNode(e.from);
        if (from && from->kind == NodeKind::Topic)
            partitionsRead[e.to] += std::max(1, from->topic.partitions);
    }
    for (const auto &n : s.nodes) {
        if (n.kind == NodeKind::Consumer) {
            const auto &c = n.consumer;
            double perMessage = expectedBusySeconds(c);
            for (const auto &e : s.edges) {
                const auto *to = s.findNode(e.to);
                if (e.from == n.id && to && to->kind == NodeKind::Store)
                    perMessage += seconds(to->store.writeTime.expectedValue());
            }
            double slots =
                static_cast<double>(std::max(1, c.instances)) * std::max(1, c.concurrency);
            // On a topic a partition is processed in order by one member at a time.
            if (partitionsRead.count(n.id))
                slots = std::min(slots, static_cast<double>(partitionsRead[n.id]));
            capacity[n.id] = perMessage > 0 ? slots / perMessage : 0;
        } else if (n.kind == NodeKind::Store && n.store.capacity) {
            const double w = seconds(n.store.writeTime.expectedValue());
            capacity[n.id] = w > 0 ? *n.store.capacity / w : 0;
        }
    }
    const auto mean = propagate(s, false, capacity);
    const auto peak = propagate(s, true, capacity);
    std::vector<CapacityRow> rows;
    for (const auto &n : s.nodes) {
        if (n.kind != NodeKind::Consumer && n.kind != NodeKind::Store)
            continue;
        CapacityRow r;
        r.node = n.id;
        r.kind = model::toString(n.kind);
        r.inRate = mean.count(n.id) ? mean.at(n.id) : 0;
        r.peakRate = peak.count(n.id) ? peak.at(n.id) : 0;
        r.capacity = capacity.count(n.id) ? capacity.at(n.id) : 0;
        rows.push_back(r);
    }
    return rows;
}

} // namespace eventbench::app
