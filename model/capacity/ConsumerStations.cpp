#include "model/capacity/ConsumerStations.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <optional>

namespace eventbench::model {

namespace {

constexpr int kMaxInstances = 100000;
constexpr int kMaxPartitions = 4096;

struct Station {
    std::int64_t servers = 1;
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
    r.rho = s.lambda * s.busy.mean / static_cast<double>(s.servers);
    if (r.rho < 1) {
        r.wait = allenCunneenMeanWait(s.servers, s.lambda, s.busy.mean, s.arrivalScv, s.busy.scv());
    } else {
        r.wait = overloadMeanWait(r.rho, warmup, horizon);
        r.lagGrowth = s.lambda - static_cast<double>(s.servers) / s.busy.mean;
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

/// Builds one group's StationLoad station by station: the queue pool, then each member's
/// stations over the partitions it owns, then the per-input means of the topic inputs.
class GroupEvaluation {
  public:
    GroupEvaluation(const std::vector<StationInput> &inputs,
                    const std::vector<PartitionLoad> &loads, double warmup, double horizon)
        : m_inputs(inputs), m_loads(loads), m_warmup(warmup), m_horizon(horizon),
          m_waitSum(inputs.size(), 0.0), m_rhoSum(inputs.size(), 0.0),
          m_rateSum(inputs.size(), 0.0) {
        m_out.inputWait.assign(inputs.size(), 0.0);
        m_out.inputUtilization.assign(inputs.size(), 0.0);
        m_out.inputServers.assign(inputs.size(), 0);
    }

    /// Queues: one pool of `servers` handlers takes every queue input's deliveries.
    void addQueueStation(std::int64_t servers) {
        if (std::all_of(m_inputs.begin(), m_inputs.end(),
                        [](const StationInput &in) { return in.topic; }))
            return;
        Station queue;
        queue.servers = servers;
        double scvSum = 0;
        for (const StationInput &in : m_inputs) {
            if (in.topic)
                continue;
            const double rate = std::accumulate(in.rates.begin(), in.rates.end(), 0.0);
            queue.busy = mix(queue.busy, queue.lambda, in.busy, rate);
            queue.lambda += rate;
            scvSum += rate * in.arrivalScv;
        }
        queue.arrivalScv = queue.lambda > 0 ? scvSum / queue.lambda : 1.0;
        const Result r = solve(queue, m_warmup, m_horizon);
        note(r, queue, false);
        m_out.servers += queue.servers;
        for (std::size_t i = 0; i < m_inputs.size(); ++i) {
            if (!m_inputs[i].topic) {
                m_out.inputWait[i] = r.wait;
                m_out.inputUtilization[i] = r.rho;
                m_out.inputServers[i] = queue.servers;
            }
        }
    }

    /// A member with a handler for each partition it owns: one G/G/1 station per partition.
    void addPartitionStations(const std::vector<std::size_t> &mine) {
        for (std::size_t i : mine) {
            Station s{1, m_loads[i].lambda, stationScv(m_inputs, m_loads, {i}),
                      m_inputs[m_loads[i].input].busy};
            const Result r = solve(s, m_warmup, m_horizon);
            note(r, s, true);
            record(i, r, 1);
        }
        m_out.servers += static_cast<std::int64_t>(mine.size());
    }

    /// A member with fewer handlers than partitions: one G/G/h station over them.
    void addSharedStation(const std::vector<std::size_t> &mine, int handlers) {
        Station s;
        s.servers = handlers;
        for (std::size_t i : mine) {
            s.busy = mix(s.busy, s.lambda, m_inputs[m_loads[i].input].busy, m_loads[i].lambda);
            s.lambda += m_loads[i].lambda;
        }
        s.arrivalScv = stationScv(m_inputs, m_loads, mine);
        Result r = solve(s, m_warmup, m_horizon);
        limitToOneHandlerPerPartition(mine, handlers, r);
        note(r, s, true);
        for (std::size_t i : mine)
            record(i, r, handlers);
        m_out.servers += handlers;
    }

    /// Each topic input's wait and utilisation: its partitions' figures weighted by rate.
    void averageTopicInputs() {
        for (std::size_t i = 0; i < m_inputs.size(); ++i) {
            if (m_inputs[i].topic && m_rateSum[i] > 0) {
                m_out.inputWait[i] = m_waitSum[i] / m_rateSum[i];
                m_out.inputUtilization[i] = m_rhoSum[i] / m_rateSum[i];
            }
        }
    }

    const StationLoad &result() const { return m_out; }

  private:
    /// A partition is served one message at a time: it cannot use more than one handler.
    void limitToOneHandlerPerPartition(const std::vector<std::size_t> &mine, int handlers,
                                       Result &r) const {
        for (std::size_t i : mine) {
            const double busy = m_inputs[m_loads[i].input].busy.mean;
            const double rho = m_loads[i].lambda * busy;
            if (rho >= 1 && handlers > 1) {
                r.lagGrowth += m_loads[i].lambda - 1 / busy;
                r.wait = std::max(r.wait, overloadMeanWait(rho, m_warmup, m_horizon));
            }
            if (rho > r.rho)
                r.rho = rho;
        }
    }

    /// Adds a station to the group's totals; the busiest one sets its utilisation. A topic's
    /// stations count as one server for P(WAIT): a partition is served one message at a time.
    void note(const Result &r, const Station &s, bool topic) {
        m_out.lambda += s.lambda;
        m_out.lagGrowth += r.lagGrowth;
        m_out.overloaded = m_out.overloaded || r.rho >= 1;
        if (r.rho > m_busiest) {
            m_busiest = r.rho;
            m_out.utilization = r.rho;
            m_out.arrivalScv = s.arrivalScv;
            m_out.busiestServers = topic ? 1 : s.servers;
        }
    }

    /// Adds what partition load `load` sees at its station to its input's sums.
    void record(std::size_t load, const Result &r, std::int64_t servers) {
        const PartitionLoad &l = m_loads[load];
        m_waitSum[l.input] += l.lambda * r.wait;
        m_rhoSum[l.input] += l.lambda * r.rho;
        m_rateSum[l.input] += l.lambda;
        m_out.inputServers[l.input] = std::max(m_out.inputServers[l.input], servers);
    }

    const std::vector<StationInput> &m_inputs;
    const std::vector<PartitionLoad> &m_loads;
    const double m_warmup, m_horizon;
    StationLoad m_out;
    double m_busiest = -1;
    std::vector<double> m_waitSum, m_rhoSum, m_rateSum; // per input, over its partitions
};

StationLoad evaluate(const ConsumerSpec &spec, int instances,
                     const std::vector<StationInput> &inputs,
                     const std::vector<PartitionLoad> &loads, double warmup, double horizon) {
    GroupEvaluation group(inputs, loads, warmup, horizon);
    const int members = std::max(1, instances);
    const int concurrency = std::max(1, spec.concurrency);
    group.addQueueStation(std::int64_t{members} * concurrency);
    // Topics: stations per member.
    if (loads.empty())
        return group.result();
    const std::vector<int> owner = assign(spec, members, loads);
    std::vector<std::vector<std::size_t>> owned(static_cast<std::size_t>(members));
    for (std::size_t i = 0; i < loads.size(); ++i)
        owned[static_cast<std::size_t>(owner[i])].push_back(i);
    for (const std::vector<std::size_t> &mine : owned) {
        if (mine.empty())
            continue; // an idle member
        if (static_cast<std::size_t>(concurrency) >= mine.size())
            group.addPartitionStations(mine);
        else
            group.addSharedStation(mine, concurrency);
    }
    group.averageTopicInputs();
    return group.result();
}

/// What a consumer's inputs ask of it: their partitions and the handler-seconds per second.
struct Workload {
    std::vector<int> partitions; // per input, at least 1
    int mostPartitions = 0;      // of one topic
    int allPartitions = 0;       // of all topics together
    int topics = 0;
    double queueWork = 0, topicWork = 0; // handler-seconds per second
    double hotKeyWork = 0;               // of the busiest single key
};

Workload workloadOf(const std::vector<StationInput> &inputs) {
    Workload w;
    for (const StationInput &in : inputs) {
        w.partitions.push_back(std::max(1, in.partitions));
        if (in.topic) {
            ++w.topics;
            w.mostPartitions = std::max(w.mostPartitions, std::max(1, in.partitions));
            w.allPartitions += std::max(1, in.partitions);
            for (std::size_t c = 0; c < in.rates.size(); ++c) {
                w.topicWork += in.rates[c] * in.busy.mean;
                // One key always lands on one partition, however many there are.
                if (!in.roundRobin && in.keys[c] && in.keys[c]->keyed())
                    w.hotKeyWork = std::max(w.hotKeyWork, in.rates[c] * in.busy.mean *
                                                              in.keys[c]->hottestKeyShare());
            }
        } else {
            for (double r : in.rates)
                w.queueWork += r * in.busy.mean;
        }
    }
    return w;
}

/// The instances the queue inputs alone need: rho = work / (n c), so n is the first integer
/// above work / (target c); nullopt when that is beyond the search limit.
std::optional<int> queueInstances(double queueWork, double target, int concurrency) {
    if (!(queueWork > 0))
        return 1;
    const double n = std::floor(queueWork / (target * concurrency)) + 1;
    if (n > kMaxInstances)
        return std::nullopt;
    return static_cast<int>(n);
}

/// The search for the fewest instances that keep every station under the target, with at
/// least as many as the queue inputs need.
struct InstanceSearch {
    const ConsumerSpec &spec;
    const std::vector<StationInput> &inputs;
    double target;
    int queueNeed;

    bool fits(int instances, const std::vector<PartitionLoad> &loads) const {
        return evaluate(spec, instances, inputs, loads, 0, 0).utilization < target;
    }

    /// Members beyond this many own nothing.
    int usefulMembers(int most, int all) const {
        return spec.assignment == ConsumerSpec::Assignment::Range ? most : all;
    }

    /// The fewest instances up to `limit` (or the queue need) with these partitions per
    /// input; 0 when even that many do not fit.
    int fewest(const std::vector<int> &partitions, int limit) const {
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
    }
};

/// More partitions: each of the consumer's topics gets at least `p`; fewer than the
/// perfectly balanced topic work needs cannot do.
Suggestion withMorePartitions(const InstanceSearch &search, const std::vector<StationInput> &inputs,
                              const Workload &w, double target) {
    const double balanced =
        std::min<double>(kMaxPartitions, std::ceil(w.topicWork / (w.topics * target)));
    std::vector<int> candidates;
    for (int p = std::max(w.mostPartitions + 1, static_cast<int>(balanced)); p <= kMaxPartitions;
         p = p < w.mostPartitions + 64 ? p + 1 : p + std::max(1, p / 8))
        candidates.push_back(p);
    for (int p : candidates) {
        std::vector<int> grown = w.partitions;
        int all = 0;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            if (inputs[i].topic) {
                grown[i] = std::max(grown[i], p);
                all += grown[i];
            }
        }
        if (const int n = search.fewest(grown, search.usefulMembers(p, all)))
            return {n, p};
    }
    return {};
}

} // namespace

StationLoad evaluateStations(const ConsumerSpec &spec, int instances,
                             const std::vector<StationInput> &inputs,
                             const std::vector<int> &partitions, double warmup, double horizon) {
    return evaluate(spec, instances, inputs, partitionLoads(inputs, partitions), warmup, horizon);
}

Suggestion suggestCapacity(const ConsumerSpec &spec, const std::vector<StationInput> &inputs,
                           double target) {
    const Workload w = workloadOf(inputs);
    const std::optional<int> queueNeed =
        queueInstances(w.queueWork, target, std::max(1, spec.concurrency));
    if (!queueNeed)
        return {};
    const InstanceSearch search{spec, inputs, target, *queueNeed};
    if (w.topics == 0)
        return {search.fits(*queueNeed, {}) ? *queueNeed : 0, 0};
    const int members = search.usefulMembers(w.mostPartitions, w.allPartitions);
    if (const int n = search.fewest(w.partitions, members))
        return {n, w.mostPartitions};
    if (w.hotKeyWork >= target)
        return {};
    return withMorePartitions(search, inputs, w, target);
}

} // namespace eventbench::model
