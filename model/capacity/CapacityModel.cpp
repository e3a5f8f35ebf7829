#include "model/capacity/CapacityModel.h"

#include <algorithm>
#include <cmath>

#include "model/capacity/CapacityInputs.h"
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

} // namespace

CapacityReport analyseCapacity(const TopologyGraph &graph, const CapacityOptions &options) {
    CapacityInputs in(graph);
    const Scenario &s = graph.scenario();
    const double horizon = static_cast<double>(s.duration) / kNanosPerSecond;
    const double warmup = static_cast<double>(s.warmup) / kNanosPerSecond;
    const std::size_t classes = in.classes().classes.size();

    FlowNetwork mean = buildNetwork(in, false);
    mean.solveRates();
    FlowNetwork peak = buildNetwork(in, true);
    peak.solveRates();
    in.applyStoreWaits(mean);

    // Stations once for the utilisations (they do not depend on arrival variability), then
    // variability through the network, then stations again for the waits.
    auto stationInputs = [&](std::size_t consumer, const FlowNetwork &net, bool withScv) {
        std::vector<StationInput> inputs;
        for (std::size_t i : in.inputsOf(consumer)) {
            const ConsumerInput &ci = in.input(i);
            StationInput si;
            si.topic = ci.topic;
            si.partitions = ci.partitions;
            si.roundRobin = ci.roundRobin;
            double total = 0;
            for (std::size_t c = 0; c < classes; ++c) {
                const double r = net.linkRate(ci.link, c);
                si.rates.push_back(r);
                si.keys.push_back(in.classes().classes[c].keys.get());
                si.busy = total + r > 0
                              ? Moments{(si.busy.mean * total + ci.delivery[c].busy.mean * r) /
                                            (total + r),
                                        (si.busy.second * total + ci.delivery[c].busy.second * r) /
                                            (total + r)}
                              : ci.delivery[c].busy;
                total += r;
            }
            si.arrivalScv = !withScv ? 1.0 : ci.topic ? net.scv(ci.bus) : net.linkScv(ci.link);
            inputs.push_back(std::move(si));
        }
        return inputs;
    };
    std::vector<StationLoad> loads(in.consumers().size());
    std::vector<std::vector<StationInput>> inputs(in.consumers().size());
    for (std::size_t k = 0; k < in.consumers().size(); ++k) {
        const std::size_t v = in.consumers()[k];
        inputs[k] = stationInputs(v, mean, false);
        loads[k] = evaluateStations(graph.node(v).consumer, graph.node(v).consumer.instances,
                                    inputs[k], {}, warmup, horizon);
    }
    std::vector<double> sourceScv(in.nodeCount(), 1.0);
    for (const MessageClass &mc : in.classes().classes)
        sourceScv[mc.vertex] = mc.arrivalScv;
    mean.solveScv(sourceScv, [&](std::size_t node, double incoming) {
        const auto owner = in.inputAt(node);
        if (!owner)
            return incoming;
        const ConsumerInput &ci = in.input(*owner);
        const std::size_t k = ci.consumerIndex;
        const std::size_t slot = ci.slot;
        return departureScv(loads[k].inputServers[slot], loads[k].inputUtilization[slot], incoming,
                            inputs[k][slot].busy.scv());
    });

    CapacityReport report;
    for (std::size_t k = 0; k < in.consumers().size(); ++k) {
        const std::size_t v = in.consumers()[k];
        const ConsumerSpec &spec = graph.node(v).consumer;
        inputs[k] = stationInputs(v, mean, true);
        loads[k] = evaluateStations(spec, spec.instances, inputs[k], {}, warmup, horizon);
    }

    // Ages: every link's delay now that the waits are known.
    for (std::size_t li = 0; li < in.links().size(); ++li) {
        const FlowLink &l = in.links()[li];
        for (std::size_t c = 0; c < classes; ++c) {
            double delay = l.edgeDelay + (l.intoBus ? busDelay(graph.node(l.to)) : 0.0);
            if (l.fromInput) {
                const ConsumerInput &ci = in.input(*l.fromInput);
                const double wait = loads[ci.consumerIndex].inputWait[ci.slot];
                const DeliveryModel &d = ci.delivery[c];
                if (l.deadLetter) {
                    delay += wait + d.failedTime;
                } else {
                    const double round = ci.redeliverImmediately
                                             ? d.failedTime
                                             : std::max(ci.visibilityTimeout, d.failedTime) + wait;
                    delay += wait + d.successTime +
                             failedRoundsBeforeSuccess(ci.roundFailure, ci.maxReceives) * round;
                }
            } else if (l.fromQueueDeadLetter) {
                delay += l.queueDeadLetterRounds * l.queueRoundTime;
            }
            mean.setDelay(li, c, delay);
        }
    }
    mean.solveLatency();

    for (std::size_t k = 0; k < in.consumers().size(); ++k) {
        const std::size_t v = in.consumers()[k];
        const Node &node = graph.node(v);
        const StationLoad &load = loads[k];
        ConsumerCapacity cc;
        cc.node = node.id;
        cc.lambda = load.lambda;
        cc.servers = load.servers;
        cc.utilization = load.utilization;
        cc.arrivalScv = load.arrivalScv;
        cc.overloaded = load.overloaded;
        cc.lagGrowth = load.lagGrowth;
        double waitSum = 0, deliveries = 0, latencySum = 0, completions = 0, busySum = 0,
               busySecond = 0;
        for (std::size_t slot = 0; slot < in.inputsOf(v).size(); ++slot) {
            const ConsumerInput &ci = in.input(in.inputsOf(v)[slot]);
            cc.readsTopic = cc.readsTopic || ci.topic;
            cc.readsQueue = cc.readsQueue || !ci.topic;
            const double wait = load.inputWait[slot];
            for (std::size_t c = 0; c < classes; ++c) {
                const double r = mean.linkRate(ci.link, c);
                const DeliveryModel &d = ci.delivery[c];
                deliveries += r;
                waitSum += r * wait;
                busySum += r * d.busy.mean;
                busySecond += r * d.busy.second;
                cc.peakLambda += peak.linkRate(ci.link, c);
                const double done = r * d.success;
                const double round = ci.redeliverImmediately
                                         ? d.failedTime
                                         : std::max(ci.visibilityTimeout, d.failedTime) + wait;
                completions += done;
                latencySum +=
                    done * (mean.latency(ci.node, c) + wait + d.successTime +
                            failedRoundsBeforeSuccess(ci.roundFailure, ci.maxReceives) * round);
            }
        }
        const Moments busy = deliveries > 0 ? Moments{busySum / deliveries, busySecond / deliveries}
                                            : in.idleDelivery(v).busy;
        cc.meanService = busy.mean;
        cc.serviceScv = busy.scv();
        cc.predictedWait = deliveries > 0 ? waitSum / deliveries : 0.0;
        cc.predictedLatency =
            completions > 0 ? latencySum / completions : in.idleDelivery(v).successTime;
        if (options.suggestions) {
            const Suggestion sg =
                suggestCapacity(node.consumer, inputs[k], options.targetUtilization);
            cc.suggestedInstances = sg.instances;
            cc.suggestedPartitions = sg.partitions;
        }
        report.consumers.push_back(std::move(cc));
    }
    return report;
}

} // namespace eventbench::model
