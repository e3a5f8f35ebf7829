// The fault API (SPEC §3.4): scheduling, applying and reverting every fault kind.
#include <algorithm>
#include <sstream>

#include "model/scenario/Units.h"
#include "model/yaml/ScenarioValidator.h"
#include "sim/engine/EngineImpl.h"

namespace eventbench::sim {

using model::Fault;
using model::NodeKind;

namespace {
const char *faultName(Fault::Kind kind) {
    static const char *names[] = {"crash",     "pause",  "slow",   "outage", "latency",  "isolate",
                                  "duplicate", "poison", "schema", "spike",  "rebalance"};
    return names[static_cast<int>(kind)];
}

std::string describe(const Fault &f) {
    std::ostringstream out;
    out << faultName(f.kind);
    if (f.kind == Fault::Kind::Latency)
        out << " " << f.target << " -> " << f.edgeTo << " +" << model::formatDuration(f.add);
    if (f.instances)
        out << " instances=" << *f.instances;
    if (f.kind == Fault::Kind::Slow || f.kind == Fault::Kind::Spike)
        out << " factor=" << model::formatNumber(f.factor);
    if (f.kind == Fault::Kind::Duplicate || f.kind == Fault::Kind::Poison)
        out << " probability=" << model::formatNumber(f.probability);
    if (f.kind == Fault::Kind::Schema)
        out << " version=" << f.version;
    if (f.duration)
        out << " for=" << model::formatDuration(*f.duration);
    return out.str();
}
} // namespace

bool EngineImpl::injectFault(const Fault &fault) {
    // The same rules as a fault written in the scenario file.
    model::Scenario probe = m_scenario;
    probe.faults = {fault};
    probe.faults.front().at = std::min(fault.at, m_end > 0 ? m_end - 1 : 0);
    if (model::hasErrors(model::validateScenario(probe)))
        return false;
    scheduleFault(fault);
    return true;
}

void EngineImpl::scheduleFault(const Fault &f) {
    const auto index = static_cast<std::uint32_t>(m_faults.size());
    m_faults.push_back(f);
    m_faultMembers.emplace_back();
    const Time at = std::max(f.at, m_now);
    m_faults.back().at = at;
    if (at > m_end)
        return;
    m_events.push(at, kFaultApply, index, 0);
    if (f.duration && at + *f.duration <= m_end)
        m_events.push(at + *f.duration, kFaultRevert, index, 0);
}

void EngineImpl::addEdgeLatency(std::uint32_t edge, Time add) {
    auto adjust = [&](std::vector<Outlet> &outlets) {
        for (Outlet &o : outlets)
            if (o.edge == edge)
                o.extraLatency += add;
    };
    m_producers.addEdgeLatency(edge, add);
    for (ExchangeRt &x : m_exchanges)
        adjust(x.outlets);
    for (GroupRt &g : m_groups) {
        adjust(g.followUps);
        adjust(g.inputs);
        adjust(g.storeEdges);
    }
}

void EngineImpl::applyFault(std::uint32_t index, bool revert) {
    const Fault &f = m_faults[index];
    const std::uint32_t node = m_nodeIndex.at(f.target);
    const NodeRef ref = m_nodes[node];
    logEvent(f.target, revert ? "fault_reverted" : "fault_applied", describe(f));
    std::vector<MemberIndex> &members = m_faultMembers[index];
    switch (f.kind) {
    case Fault::Kind::Crash:
    case Fault::Kind::Pause:
    case Fault::Kind::Isolate: {
        if (ref.kind == NodeKind::Producer) {
            const ProducerIndex p(ref.index);
            if (f.kind == Fault::Kind::Isolate) {
                m_producers.setIsolated(p, !revert);
                break;
            }
            const int instances = m_producers[ref.index].spec->instances;
            const int count = f.instances.value_or(instances);
            const int up = m_producers.changeInstancesDown(p, revert ? -count : count, m_now);
            logEvent(f.target, "instances",
                     std::to_string(up) + " of " + std::to_string(instances) + " up");
            break;
        }
        GroupRt &g = m_groups[ref.index];
        if (!revert) {
            // The fault takes the lowest-numbered members it can still affect.
            const int count = f.instances.value_or(static_cast<int>(g.members.size()));
            members.clear();
            for (std::uint32_t m = 0; m < g.members.size() && members.size() < std::size_t(count);
                 ++m) {
                const GroupMember &member = g.coordinator.member(MemberIndex(m));
                const bool affected = f.kind == Fault::Kind::Crash   ? !member.up
                                      : f.kind == Fault::Kind::Pause ? member.paused
                                                                     : member.isolated;
                if (member.up && !affected)
                    members.push_back(MemberIndex(m));
            }
        }
        for (const MemberIndex m : members) {
            if (f.kind == Fault::Kind::Crash && revert)
                g.coordinator.restart(m, m_now);
            else if (f.kind == Fault::Kind::Crash)
                crashConsumer(g, m);
            else if (f.kind == Fault::Kind::Pause)
                g.coordinator.setPaused(m, !revert, m_now);
            else
                g.coordinator.setIsolated(m, !revert, m_now);
        }
        break;
    }
    case Fault::Kind::Slow:
        m_groups[ref.index].slow = revert ? 1.0 : f.factor;
        break;
    case Fault::Kind::Outage:
        if (ref.kind == NodeKind::Topic)
            setTopicOutage(ref.index, !revert);
        else if (ref.kind == NodeKind::Queue)
            m_queues[ref.index].outage = !revert;
        else
            m_exchanges[ref.index].outage = !revert;
        logEvent(f.target, revert ? "outage_ended" : "outage_started", "");
        if (revert)
            wakeReadersOf(node);
        else
            m_producers.outageStarted(NodeIndex(node), m_now);
        break;
    case Fault::Kind::Latency:
        for (std::uint32_t e = 0; e < m_scenario.edges.size(); ++e)
            if (m_scenario.edges[e].from == f.target && m_scenario.edges[e].to == f.edgeTo)
                addEdgeLatency(e, revert ? -f.add : f.add);
        break;
    case Fault::Kind::Duplicate: {
        const double p = revert ? 0.0 : f.probability;
        if (ref.kind == NodeKind::Topic)
            m_topics[ref.index].duplicate = p;
        else if (ref.kind == NodeKind::Queue)
            m_queues[ref.index].duplicate = p;
        else
            m_exchanges[ref.index].duplicate = p;
        break;
    }
    case Fault::Kind::Poison:
        m_producers.setPoison(ProducerIndex(ref.index), revert ? 0.0 : f.probability);
        break;
    case Fault::Kind::Schema:
        m_producers.setSchemaVersion(ProducerIndex(ref.index),
                                     revert ? std::nullopt : std::optional<int>(f.version));
        break;
    case Fault::Kind::Spike:
        m_producers.setSpike(ProducerIndex(ref.index), revert ? 1.0 : f.factor, m_now);
        break;
    case Fault::Kind::Rebalance:
        if (!revert)
            m_groups[ref.index].coordinator.forceRebalance(m_now);
        break;
    }
}

} // namespace eventbench::sim
