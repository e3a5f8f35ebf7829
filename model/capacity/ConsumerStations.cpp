#include "model/capacity/ConsumerStations.h"

#include <algorithm>
#include <cmath>

namespace eventbench::model {

namespace {

constexpr int kMaxInstances = 100000;
constexpr int kMaxPartitions = 4096;

struct Station {
    int servers = 1;
    double lambda = 0;
    double arrivalScv = 1;
    Moments busy;
};

struct Result {
    double wait = 0;
    double rho = 0;
    double lagGrowth = 0;
};

Result solve(const Station &s, double warmup, double horizon) {
    Result r;
    if (!(s.lambda > 0) || !(s.busy.mean > 0))
        return r;
    r.rho = s.lambda * s.busy.mean / s.servers;
    if (r.rho < 1) {
        r.wait = allenCunneenMeanWait(s.servers, s.lambda, s.busy.mean, s.arrivalScv, s.busy.scv());
    } else {
        r.wait = overloadMeanWait(r.rho, warmup, horizon);
        r.lagGrowth = s.lambda - s.servers / s.busy.mean;
    }
    return r;
}

Moments mix(const Moments &a, double wa, const Moments &b, double wb) {
    const double w = wa + wb;
    if (!(w > 0))
        return a;
    return {(a.mean * wa + b.mean * wb) / w, (a.second * wa + b.second * wb) / w};
}

/// One partition of one topic input.
struct PartitionLoad {
    std::size_t input = 0;
    double lambda = 0;
    double keyed = 0;   // of lambda, messages placed by key
    double topic = 0;   // the whole input's rate
    int partitions = 1; // of the input
};

/// Arrival SCV of the share of one topic input a station gets: `count` of its partitions,
/// `keyed` + `unkeyed` messages/s. Keys thin the topic's stream at random (Bernoulli);
/// round-robin hands a station `count` of every `partitions` un-keyed messages, whose count
/// varies (count / partitions) times as much as the stream's (the SCV of a deterministic split).
double shareScv(double topicScv, double topicRate, double keyed, double unkeyed, int count,
                int partitions) {
    const double total = keyed + unkeyed;
    if (!(total > 0))
        return 1.0;
    const double pi = topicRate > 0 ? keyed / topicRate : 0;
    const double keyedScv = copiedScv(topicScv, pi, pi * (1 - pi));
    const double roundRobinScv = topicScv * count / std::max(1, partitions);
    return (keyed * keyedScv + unkeyed * roundRobinScv) / total;
}

std::vector<PartitionLoad> partitionLoads(const std::vector<StationInput> &inputs,
                                          const std::vector<int> &partitions) {
    std::vector<PartitionLoad> out;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const StationInput &in = inputs[i];
        if (!in.topic)
            continue;
        const int p = std::max(1, partitions.empty() ? in.partitions : partitions[i]);
        std::vector<double> keyed(static_cast<std::size_t>(p), 0.0);
        double total = 0, unkeyed = 0;
        for (std::size_t c = 0; c < in.rates.size(); ++c) {
            total += in.rates[c];
            if (in.roundRobin || !in.keys[c] || !in.keys[c]->keyed()) {
                unkeyed += in.rates[c];
                continue;
            }
            const auto shares = in.keys[c]->shares(p);
            for (std::size_t k = 0; k < shares.size(); ++k)
                keyed[k] += in.rates[c] * shares[k];
        }
        for (int k = 0; k < p; ++k) {
            PartitionLoad l;
            l.input = i;
            l.keyed = keyed[static_cast<std::size_t>(k)];
            l.lambda = l.keyed + unkeyed / p;
            l.topic = total;
            l.partitions = p;
            out.push_back(l);
        }
    }
    return out;
}

/// The arrival SCV at a station serving `mine` (indices into `loads`): per input the share it
/// gets, then independent inputs merged by rate.
double stationScv(const std::vector<StationInput> &inputs, const std::vector<PartitionLoad> &loads,
                  const std::vector<std::size_t> &mine) {
    double sum = 0, rate = 0;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        double keyed = 0, unkeyed = 0, topic = 0;
        int count = 0, partitions = 1;
        for (std::size_t k : mine) {
            if (loads[k].input != i)
                continue;
            keyed += loads[k].keyed;
            unkeyed += loads[k].lambda - loads[k].keyed;
            topic = loads[k].topic;
            partitions = loads[k].partitions;
            ++count;
        }
        if (count == 0 || !(keyed + unkeyed > 0))
            continue;
        sum += (keyed + unkeyed) *
               shareScv(inputs[i].arrivalScv, topic, keyed, unkeyed, count, partitions);
        rate += keyed + unkeyed;
    }
    return rate > 0 ? sum / rate : 1.0;
}

/// Owner (member index) of each partition load, in the order partitionLoads lists them.
std::vector<int> assign(const ConsumerSpec &spec, int members,
                        const std::vector<PartitionLoad> &loads) {
    std::vector<int> owner(loads.size(), 0);
    const int n = std::max(1, members);
    if (spec.assignment != ConsumerSpec::Assignment::Range) {
        // RoundRobin, and Sticky on a group that starts with no previous owners.
        for (std::size_t i = 0; i < loads.size(); ++i)
            owner[i] = static_cast<int>(i % static_cast<std::size_t>(n));
        return owner;
    }
    std::size_t begin = 0;
    while (begin < loads.size()) {
        std::size_t end = begin;
        while (end < loads.size() && loads[end].input == loads[begin].input)
            ++end;
        const std::size_t count = end - begin;
        const std::size_t base = count / static_cast<std::size_t>(n);
        const std::size_t extra = count % static_cast<std::size_t>(n);
        std::size_t next = begin;
        for (std::size_t m = 0; m < static_cast<std::size_t>(n); ++m)
            for (std::size_t k = 0; k < base + (m < extra ? 1 : 0); ++k)
                owner[next++] = static_cast<int>(m);
        begin = end;
    }
    return owner;
}

StationLoad evaluate(const ConsumerSpec &spec, int instances,
                     const std::vector<StationInput> &inputs,
                     const std::vector<PartitionLoad> &loads, double warmup, double horizon) {
    StationLoad out;
    out.inputWait.assign(inputs.size(), 0.0);
    out.inputUtilization.assign(inputs.size(), 0.0);
    out.inputServers.assign(inputs.size(), 0);
    const int members = std::max(1, instances);
    const int concurrency = std::max(1, spec.concurrency);
    double busiest = -1;
    auto note = [&](const Result &r, const Station &s) {
        out.lambda += s.lambda;
        out.lagGrowth += r.lagGrowth;
        out.overloaded = out.overloaded || r.rho >= 1;
        if (r.rho > busiest) {
            busiest = r.rho;
            out.utilization = r.rho;
            out.arrivalScv = s.arrivalScv;
        }
    };

    // Queues: one pool of handlers.
    Station queue;
    queue.servers = members * concurrency;
    std::vector<double> queueRate(inputs.size(), 0.0);
    double scvSum = 0;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (inputs[i].topic)
            continue;
        for (double r : inputs[i].rates)
            queueRate[i] += r;
        queue.busy = mix(queue.busy, queue.lambda, inputs[i].busy, queueRate[i]);
        queue.lambda += queueRate[i];
        scvSum += queueRate[i] * inputs[i].arrivalScv;
    }
    const bool anyQueue =
        std::any_of(inputs.begin(), inputs.end(), [](const StationInput &in) { return !in.topic; });
    if (anyQueue) {
        queue.arrivalScv = queue.lambda > 0 ? scvSum / queue.lambda : 1.0;
        const Result r = solve(queue, warmup, horizon);
        note(r, queue);
        out.servers += queue.servers;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            if (!inputs[i].topic) {
                out.inputWait[i] = r.wait;
                out.inputUtilization[i] = r.rho;
                out.inputServers[i] = queue.servers;
            }
        }
    }

    // Topics: stations per member.
    if (loads.empty())
        return out;
    const std::vector<int> owner = assign(spec, members, loads);
    std::vector<double> waitSum(inputs.size(), 0.0), rhoSum(inputs.size(), 0.0),
        rateSum(inputs.size(), 0.0);
    for (int m = 0; m < members; ++m) {
        std::vector<std::size_t> mine;
        for (std::size_t i = 0; i < loads.size(); ++i)
            if (owner[i] == m)
                mine.push_back(i);
        if (mine.empty())
            continue; // an idle member
        auto record = [&](std::size_t load, const Result &r, int servers) {
            const PartitionLoad &l = loads[load];
            waitSum[l.input] += l.lambda * r.wait;
            rhoSum[l.input] += l.lambda * r.rho;
            rateSum[l.input] += l.lambda;
            out.inputServers[l.input] = std::max(out.inputServers[l.input], servers);
        };
        if (static_cast<std::size_t>(concurrency) >= mine.size()) {
            for (std::size_t i : mine) {
                Station s{1, loads[i].lambda, stationScv(inputs, loads, {i}),
                          inputs[loads[i].input].busy};
                const Result r = solve(s, warmup, horizon);
                note(r, s);
                record(i, r, 1);
            }
            out.servers += static_cast<int>(mine.size());
            continue;
        }
        Station s;
        s.servers = concurrency;
        for (std::size_t i : mine) {
            s.busy = mix(s.busy, s.lambda, inputs[loads[i].input].busy, loads[i].lambda);
            s.lambda += loads[i].lambda;
        }
        s.arrivalScv = stationScv(inputs, loads, mine);
        Result r = solve(s, warmup, horizon);
        // A partition is served one message at a time: it cannot use more than one handler.
        for (std::size_t i : mine) {
            const double rho = loads[i].lambda * inputs[loads[i].input].busy.mean;
            if (rho >= 1 && concurrency > 1) {
                r.lagGrowth += loads[i].lambda - 1 / inputs[loads[i].input].busy.mean;
                r.wait = std::max(r.wait, overloadMeanWait(rho, warmup, horizon));
            }
            if (rho > r.rho)
                r.rho = rho;
        }
        note(r, s);
        for (std::size_t i : mine)
            record(i, r, concurrency);
        out.servers += concurrency;
    }
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (inputs[i].topic && rateSum[i] > 0) {
            out.inputWait[i] = waitSum[i] / rateSum[i];
            out.inputUtilization[i] = rhoSum[i] / rateSum[i];
        }
    }
    return out;
}

} // namespace

StationLoad evaluateStations(const ConsumerSpec &spec, int instances,
                             const std::vector<StationInput> &inputs,
                             const std::vector<int> &partitions, double warmup, double horizon) {
    return evaluate(spec, instances, inputs, partitionLoads(inputs, partitions), warmup, horizon);
}

Suggestion suggestCapacity(const ConsumerSpec &spec, const std::vector<StationInput> &inputs,
                           double target) {
    auto fits = [&](int instances, const std::vector<PartitionLoad> &loads) {
        return evaluate(spec, instances, inputs, loads, 0, 0).utilization < target;
    };
    std::vector<int> current;
    int mostPartitions = 0, allPartitions = 0;
    bool anyTopic = false;
    int topics = 0;
    double queueWork = 0, topicWork = 0, hotKeyWork = 0;
    for (const StationInput &in : inputs) {
        current.push_back(std::max(1, in.partitions));
        if (in.topic) {
            anyTopic = true;
            ++topics;
            mostPartitions = std::max(mostPartitions, std::max(1, in.partitions));
            allPartitions += std::max(1, in.partitions);
            for (std::size_t c = 0; c < in.rates.size(); ++c) {
                topicWork += in.rates[c] * in.busy.mean;
                // One key always lands on one partition, however many there are.
                if (!in.roundRobin && in.keys[c] && in.keys[c]->keyed())
                    hotKeyWork = std::max(hotKeyWork, in.rates[c] * in.busy.mean *
                                                          in.keys[c]->hottestKeyShare());
            }
        } else {
            for (double r : in.rates)
                queueWork += r * in.busy.mean;
        }
    }
    const int concurrency = std::max(1, spec.concurrency);
    // Queues alone: rho = work / (n c), so n is the first integer above work / (target c).
    int queueNeed = 1;
    if (queueWork > 0) {
        const double n = std::floor(queueWork / (target * concurrency)) + 1;
        if (n > kMaxInstances)
            return {};
        queueNeed = static_cast<int>(n);
    }
    if (!anyTopic)
        return {fits(queueNeed, {}) ? queueNeed : 0, 0};
    // Members beyond this many own nothing.
    auto usefulMembers = [&](int most, int all) {
        return spec.assignment == ConsumerSpec::Assignment::Range ? most : all;
    };
    auto fewest = [&](const std::vector<int> &partitions, int limit) {
        const std::vector<PartitionLoad> loads = partitionLoads(inputs, partitions);
        if (!fits(std::max(limit, queueNeed), loads))
            return 0;
        int lo = 1, hi = std::max(limit, queueNeed); // more members never hurt: bisect
        while (lo < hi) {
            const int mid = lo + (hi - lo) / 2;
            if (fits(mid, loads))
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    };
    if (const int n = fewest(current, usefulMembers(mostPartitions, allPartitions)))
        return {n, mostPartitions};
    if (hotKeyWork >= target)
        return {};
    // More partitions: each of the consumer's topics gets at least `p`; fewer than the
    // perfectly balanced topic work needs cannot do.
    const double balanced =
        std::min<double>(kMaxPartitions, std::ceil(topicWork / (topics * target)));
    std::vector<int> candidates;
    for (int p = std::max(mostPartitions + 1, static_cast<int>(balanced)); p <= kMaxPartitions;
         p = p < mostPartitions + 64 ? p + 1 : p + std::max(1, p / 8))
        candidates.push_back(p);
    for (int p : candidates) {
        std::vector<int> grown = current;
        int all = 0;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            if (inputs[i].topic) {
                grown[i] = std::max(grown[i], p);
                all += grown[i];
            }
        }
        if (const int n = fewest(grown, usefulMembers(p, all)))
            return {n, p};
    }
    return {};
}

} // namespace eventbench::model
