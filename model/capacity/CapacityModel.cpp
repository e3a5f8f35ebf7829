#include "model/capacity/CapacityModel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "model/capacity/CapacityInputs.h"
#include "model/capacity/CapacityParts.h"
#include "model/capacity/ConsumerStations.h"
#include "model/capacity/FlowNetwork.h"

namespace eventbench::model {

namespace {

/// Mean (seconds) of what the run's flows add on their way into `bus`: an edge's latency is
/// passed in; a topic's append latency and a queue's delay hold every message.
double busDelay(const Node &bus) {
    if (bus.kind == NodeKind::Topic)
        return distributionMoments(bus.topic.appendLatency).mean / kNanosPerSecond;
    if (bus.kind == NodeKind::Queue)
        return static_cast<double>(bus.queue.delay) / kNanosPerSecond;
    return 0;
}

/// E[rounds - 1 | the message completes] when each round fails with probability q and at most
/// `limit` rounds happen (0 = unlimited).
double failedRoundsBeforeSuccess(double q, int limit) {
    if (!(q > 0))
        return 0;
    if (limit <= 0)
        return q < 1 ? q / (1 - q) : 0;
    double weighted = 0, total = 0, reach = 1;
    for (int r = 1; r <= std::min(limit, 100000) && reach > 1e-300; ++r) {
        weighted += (r - 1) * reach * (1 - q);
        total += reach * (1 - q);
        reach *= q;
    }
    return total > 0 ? weighted / total : 0;
}

/// Builds the flow network of one mode (mean or peak rates).
FlowNetwork buildNetwork(const CapacityInputs &in, bool peak) {
    const std::size_t classes = in.classes().classes.size();
    FlowNetwork net(in.nodeCount(), classes);
    for (std::size_t c = 0; c < classes; ++c) {
        const MessageClass &mc = in.classes().classes[c];
        net.setSource(mc.vertex, c, peak ? mc.peakRate : mc.meanRate);
    }
    auto copies = [&](std::size_t bus) {
        const BusDuplicates &d = in.classes().duplicates[bus];
        return 1 + (peak ? d.peak : d.mean);
    };
    for (const FlowLink &l : in.links()) {
        const std::size_t link = net.addLink(l.from, l.to);
        for (std::size_t c = 0; c < classes; ++c) {
            double m = l.multiplier[c];
            if (l.intoBus)
                m *= copies(l.to);
            if (l.dropsDuplicates) // an idempotent consumer acknowledges repeats unprocessed
                m /= copies(l.from);
            net.setMultiplier(link, c, m);
        }
    }
    return net;
}

/// One consumer input as its station sees it: the rate per class that `net` puts through its
/// link, the handler time mixed by those rates, and (`withScv`) the network's arrival SCV.
StationInput stationInput(const CapacityInputs &in, const ConsumerInput &ci, const FlowNetwork &net,
                          bool withScv) {
    const std::size_t classes = in.classes().classes.size();
    StationInput si;
    si.topic = ci.topic;
    si.partitions = ci.partitions;
    si.roundRobin = ci.roundRobin;
    double total = 0;
    for (std::size_t c = 0; c < classes; ++c) {
        const double r = net.linkRate(ci.link, c);
        si.rates.push_back(r);
        si.keys.push_back(in.classes().classes[c].keys.get());
        si.busy =
            total + r > 0
                ? Moments{(si.busy.mean * total + ci.delivery[c].busy.mean * r) / (total + r),
                          (si.busy.second * total + ci.delivery[c].busy.second * r) / (total + r)}
                : ci.delivery[c].busy;
        total += r;
    }
    si.arrivalScv = !withScv ? 1.0 : ci.topic ? net.scv(ci.bus) : net.linkScv(ci.link);
    return si;
}

/// Every consumer's station inputs and the stations' verdict, indexed like
/// CapacityInputs::consumers().
struct GroupStations {
    std::vector<std::vector<StationInput>> inputs;
    std::vector<StationLoad> loads;
};

/// Evaluates every consumer's stations at the rates of `net`; `withScv` takes the arrival
/// variability from the network (solved by propagateVariability), otherwise Poisson.
GroupStations evaluateGroups(const CapacityInputs &in, const FlowNetwork &net, bool withScv,
                             double warmup, double horizon) {
    GroupStations out;
    out.inputs.resize(in.consumers().size());
    out.loads.resize(in.consumers().size());
    for (std::size_t k = 0; k < in.consumers().size(); ++k) {
        const std::size_t v = in.consumers()[k];
        for (std::size_t i : in.inputsOf(v))
            out.inputs[k].push_back(stationInput(in, in.input(i), net, withScv));
        const ConsumerSpec &spec = in.graph().node(v).consumer;
        // An autoscaled group is sized by the members it can reach.
        const int instances = spec.autoscale ? spec.autoscale->max : spec.instances;
        out.loads[k] = evaluateStations(spec, instances, out.inputs[k], {}, warmup, horizon);
    }
    return out;
}

/// Solves the arrival SCVs through `net`: producers start them, every consumer input's
/// station turns what arrives into what departs.
void propagateVariability(const CapacityInputs &in, const GroupStations &stations,
                          FlowNetwork &net) {
    std::vector<double> sourceScv(in.nodeCount(), 1.0);
    for (const MessageClass &mc : in.classes().classes)
        sourceScv[mc.vertex] = mc.arrivalScv;
    net.solveScv(sourceScv, [&](std::size_t node, double incoming) {
        const auto owner = in.inputAt(node);
        if (!owner)
            return incoming;
        const ConsumerInput &ci = in.input(*owner);
        const std::size_t k = ci.consumerIndex;
        const std::size_t slot = ci.slot;
        return departureScv(stations.loads[k].inputServers[slot],
                            stations.loads[k].inputUtilization[slot], incoming,
                            stations.inputs[k][slot].busy.scv());
    });
}

/// Mean seconds a completing message of one class spends in the rounds that failed before
/// its successful one (each a failed attempt plus the wait for its redelivery).
double failedRoundsTime(const ConsumerInput &ci, const DeliveryModel &d, double wait) {
    const double round = ci.redeliverImmediately
                             ? d.failedTime
                             : std::max(ci.visibilityTimeout, d.failedTime) + wait;
    return failedRoundsBeforeSuccess(ci.roundFailure, ci.maxReceives) * round;
}

/// Mean seconds a class spends on link `l`: the edge and the bus it leads into, plus, when it
/// leaves a consumer input, the wait and handling there (or a queue's dead-letter rounds).
double linkDelay(const CapacityInputs &in, const std::vector<StationLoad> &loads, const FlowLink &l,
                 std::size_t c) {
    double delay = l.edgeDelay + (l.intoBus ? busDelay(in.graph().node(l.to)) : 0.0);
    if (l.fromInput) {
        const ConsumerInput &ci = in.input(*l.fromInput);
        const double wait = loads[ci.consumerIndex].inputWait[ci.slot];
        const DeliveryModel &d = ci.delivery[c];
        if (l.deadLetter)
            delay += wait + d.failedTime;
        else
            delay += wait + d.successTime + failedRoundsTime(ci, d, wait);
    } else if (l.fromQueueDeadLetter) {
        delay += l.queueDeadLetterRounds * l.queueRoundTime;
    }
    return delay;
}

/// Ages: every link's delay now that the waits are known, then the latency to every node.
void solveLatencies(const CapacityInputs &in, const std::vector<StationLoad> &loads,
                    FlowNetwork &net) {
    const std::size_t classes = in.classes().classes.size();
    for (std::size_t li = 0; li < in.links().size(); ++li)
        for (std::size_t c = 0; c < classes; ++c)
            net.setDelay(li, c, linkDelay(in, loads, in.links()[li], c));
    net.solveLatency();
}

/// The report's figures that the stations give directly.
ConsumerCapacity fromStationLoad(const std::string &node, const StationLoad &load) {
    ConsumerCapacity cc;
    cc.node = node;
    cc.lambda = load.lambda;
    cc.servers = load.servers;
    cc.utilization = load.utilization;
    cc.waitProbability = waitProbability(load.busiestServers, load.utilization);
    cc.arrivalScv = load.arrivalScv;
    cc.overloaded = load.overloaded;
    cc.lagGrowth = load.lagGrowth;
    return cc;
}

/// Rate-weighted sums over one consumer's deliveries (per input and class), from which its
/// mean service, wait and latency are read.
struct DeliveryTotals {
    double deliveries = 0;  // deliveries/s
    double waitSum = 0;     // of rate x wait
    double busySum = 0;     // of rate x E[S]
    double busySecond = 0;  // of rate x E[S^2]
    double completions = 0; // successful deliveries/s
    double latencySum = 0;  // of completion rate x end-to-end latency
};

DeliveryTotals deliveryTotals(const CapacityInputs &in, const FlowNetwork &mean,
                              const StationLoad &load, std::size_t consumer) {
    const std::size_t classes = in.classes().classes.size();
    DeliveryTotals t;
    for (std::size_t slot = 0; slot < in.inputsOf(consumer).size(); ++slot) {
        const ConsumerInput &ci = in.input(in.inputsOf(consumer)[slot]);
        const double wait = load.inputWait[slot];
        for (std::size_t c = 0; c < classes; ++c) {
            const double r = mean.linkRate(ci.link, c);
            const DeliveryModel &d = ci.delivery[c];
            t.deliveries += r;
            t.waitSum += r * wait;
            t.busySum += r * d.busy.mean;
            t.busySecond += r * d.busy.second;
            const double done = r * d.success;
            t.completions += done;
            t.latencySum += done * (mean.latency(ci.node, c) + wait + d.successTime +
                                    failedRoundsTime(ci, d, wait));
        }
    }
    return t;
}

/// Deliveries/s to a consumer with every producer at its peak rate.
double peakDeliveries(const CapacityInputs &in, const FlowNetwork &peak, std::size_t consumer) {
    double sum = 0;
    for (std::size_t i : in.inputsOf(consumer))
        for (std::size_t c = 0; c < in.classes().classes.size(); ++c)
            sum += peak.linkRate(in.input(i).link, c);
    return sum;
}

/// Sets which kinds of bus the consumer reads.
void noteInputKinds(const CapacityInputs &in, std::size_t consumer, ConsumerCapacity &cc) {
    for (std::size_t i : in.inputsOf(consumer)) {
        cc.readsTopic = cc.readsTopic || in.input(i).topic;
        cc.readsQueue = cc.readsQueue || !in.input(i).topic;
    }
}

/// The means of one consumer's deliveries (an idle consumer's cost when nothing reaches it).
void setDeliveryMeans(const DeliveryTotals &t, const DeliveryModel &idle, ConsumerCapacity &cc) {
    const Moments busy = t.deliveries > 0
                             ? Moments{t.busySum / t.deliveries, t.busySecond / t.deliveries}
                             : idle.busy;
    cc.meanService = busy.mean;
    cc.serviceScv = busy.scv();
    cc.predictedWait = t.deliveries > 0 ? t.waitSum / t.deliveries : 0.0;
    cc.predictedLatency = t.completions > 0 ? t.latencySum / t.completions : idle.successTime;
}

/// The report line of the consumer at position `k` among CapacityInputs::consumers().
ConsumerCapacity consumerCapacity(const CapacityInputs &in, const FlowNetwork &mean,
                                  const FlowNetwork &peak, const GroupStations &stations,
                                  std::size_t k, const CapacityOptions &options) {
    const std::size_t v = in.consumers()[k];
    const Node &node = in.graph().node(v);
    ConsumerCapacity cc = fromStationLoad(node.id, stations.loads[k]);
    noteInputKinds(in, v, cc);
    cc.peakLambda = peakDeliveries(in, peak, v);
    setDeliveryMeans(deliveryTotals(in, mean, stations.loads[k], v), in.idleDelivery(v), cc);
    if (options.suggestions) {
        const Suggestion sg =
            suggestCapacity(node.consumer, stations.inputs[k], options.targetUtilization);
        cc.suggestedInstances = sg.instances;
        cc.suggestedPartitions = sg.partitions;
    }
    return cc;
}

// A store whose writers need more slots than its capacity: its writes wait longer and longer.
Diagnostic storeWarning(const Node &n, const std::string &file,
                        const CapacityInputs::StoreOverload &o) {
    Diagnostic d;
    d.severity = Diagnostic::Severity::Warning;
    d.file = file;
    d.where = n.whereOf("capacity");
    d.nodeId = n.id;
    char text[256];
    std::snprintf(text, sizeof text,
                  "store '%s' cannot carry its writers: %.4g writes/s of %.4g ms each need %.3g "
                  "concurrent writes, its capacity is %d; writes will wait longer and longer",
                  n.id.c_str(), o.writes, o.meanWrite * 1e3, o.writes * o.meanWrite, o.slots);
    d.message = text;
    return d;
}

/// The analysis of one connected topology (every flow may reach every node).
CapacityReport analyseConnected(const TopologyGraph &graph, const CapacityOptions &options) {
    CapacityInputs in(graph);
    const Scenario &s = graph.scenario();
    const double horizon = static_cast<double>(s.duration) / kNanosPerSecond;
    const double warmup = static_cast<double>(s.warmup) / kNanosPerSecond;

    FlowNetwork mean = buildNetwork(in, false);
    mean.solveRates();
    FlowNetwork peak = buildNetwork(in, true);
    peak.solveRates();
    in.applyStoreWaits(mean);

    // Stations once for the utilisations (they do not depend on arrival variability), then
    // variability through the network, then stations again for the waits.
    const GroupStations poisson = evaluateGroups(in, mean, false, warmup, horizon);
    propagateVariability(in, poisson, mean);
    const GroupStations stations = evaluateGroups(in, mean, true, warmup, horizon);
    solveLatencies(in, stations.loads, mean);

    CapacityReport report;
    report.flowCells = in.nodeCount() * in.classes().classes.size();
    for (std::size_t k = 0; k < in.consumers().size(); ++k)
        report.consumers.push_back(consumerCapacity(in, mean, peak, stations, k, options));
    for (const CapacityInputs::StoreOverload &o : in.storeOverloads())
        report.warnings.push_back(storeWarning(graph.node(o.vertex), s.fileName, o));
    return report;
}

} // namespace

CapacityReport analyseCapacity(const TopologyGraph &graph, const CapacityOptions &options) {
    // Messages never cross from one connected part of the graph to another, so each part is
    // analysed alone: the flow network of a part is its nodes x its message classes, which
    // keeps many independent pipelines linear instead of nodes x all classes.
    const TopologyParts parts = options.byParts ? topologyParts(graph) : TopologyParts{};
    if (parts.count <= 1)
        return analyseConnected(graph, options);
    const Scenario &s = graph.scenario();
    std::vector<std::optional<ConsumerCapacity>> byNode(s.nodes.size());
    std::size_t flowCells = 0;
    Diagnostics warnings;
    for (const Scenario &part : partScenarios(s, parts)) {
        const TopologyGraph partGraph(part);
        CapacityReport partReport = analyseConnected(partGraph, options);
        flowCells += partReport.flowCells;
        for (Diagnostic &d : partReport.warnings)
            warnings.push_back(std::move(d));
        for (ConsumerCapacity &cc : partReport.consumers) {
            const auto v = graph.vertexOf(cc.node);
            byNode[graph.graph()[*v].node] = std::move(cc);
        }
    }
    CapacityReport report;
    report.flowCells = flowCells;
    report.warnings = std::move(warnings);
    for (auto &cc : byNode)
        if (cc)
            report.consumers.push_back(std::move(*cc));
    return report;
}

} // namespace eventbench::model
