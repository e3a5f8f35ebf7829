// The fault API (scenarios/README.md#faults): scheduling, applying and reverting every fault kind.
#include <algorithm>
#include <sstream>

#include "model/catalogue/FaultCatalogue.h"
#include "model/scenario/Units.h"
#include "model/yaml/ScenarioValidator.h"
#include "sim/engine/EngineImpl.h"

namespace eventbench::sim {

using model::Fault;
using model::NodeKind;

namespace {
/// The event log's text of a fault: its name, then its parameter and `for` as the catalogue
/// writes them (`crash instances=1 for=30s`); a latency fault names its edge.
std::string describe(const Fault &f) {
    const model::FaultInfo &info = model::faultInfo(f.kind);
    std::ostringstream out;
    out << info.name;
    if (f.kind == Fault::Kind::Latency)
        out << " " << f.target << " -> " << f.edgeTo << " +" << model::formatDuration(f.add);
    else if (const model::FaultParam *p = model::findFaultParam(info.parameter);
             p && (!p->present || p->present(f)))
        out << " " << p->key << "=" << p->text(f);
    if (const model::FaultParam &p = model::faultForParam(); p.present(f))
        out << " " << p.key << "=" << p.text(f);
    return out.str();
}
} // namespace

EngineFaults::EngineFaults(const model::Scenario &scenario, EventQueue &events, FaultHost &host,
                           Time end)
    : m_scenario(scenario), m_events(events), m_host(host), m_end(end) {}

bool EngineFaults::inject(const Fault &fault, Time now) {
    // The same rules as a fault written in the scenario file.
    model::Scenario probe = m_scenario;
    probe.faults = {fault};
    probe.faults.front().at = std::min(fault.at, m_end > 0 ? m_end - 1 : 0);
    if (model::hasErrors(model::validateScenario(probe)))
        return false;
    schedule(fault, now);
    return true;
}

void EngineFaults::schedule(const Fault &f, Time now) {
    const auto index = static_cast<std::uint32_t>(m_faults.size());
    m_faults.push_back(f);
    m_members.emplace_back();
    m_counts.push_back(0);
    const Time at = std::max(f.at, now);
    m_faults.back().at = at;
    if (at > m_end)
        return;
    m_events.push(at, kFaultApply, index, 0);
    if (f.duration && at + *f.duration <= m_end)
        m_events.push(at + *f.duration, kFaultRevert, index, 0);
}

void EngineFaults::apply(FaultIndex index, bool revert, Time now) {
    const Fault &f = m_faults[index.at()];
    const FaultHost::Target target = m_host.faultTarget(f.target);
    m_host.logFaultEvent(f.target, revert ? "fault_reverted" : "fault_applied", describe(f));
    switch (f.kind) {
    case Fault::Kind::Crash:
    case Fault::Kind::Pause:
    case Fault::Kind::Isolate:
        if (target.kind == NodeKind::Producer)
            applyToProducer(f, target, revert, now);
        else
            applyToMembers(index, target, revert, now);
        break;
    case Fault::Kind::Slow:
        if (target.kind == NodeKind::Store)
            m_host.setStoreSlow(target.index, revert ? 1.0 : f.factor);
        else
            m_host.setSlow(GroupIndex(target.index), revert ? 1.0 : f.factor);
        break;
    case Fault::Kind::Outage:
        applyOutage(f, target, revert, now);
        break;
    case Fault::Kind::Latency:
        for (std::uint32_t e = 0; e < m_scenario.edges.size(); ++e)
            if (m_scenario.edges[e].from == f.target && m_scenario.edges[e].to == f.edgeTo)
                m_host.addEdgeLatency(e, revert ? -f.add : f.add);
        break;
    case Fault::Kind::Duplicate:
        m_host.setBusDuplicate(target.node, revert ? 0.0 : f.probability);
        break;
    case Fault::Kind::Poison:
    case Fault::Kind::Schema:
    case Fault::Kind::Spike:
        applyToProducer(f, target, revert, now);
        break;
    case Fault::Kind::Rebalance:
        if (!revert)
            m_host.faultCoordinator(GroupIndex(target.index)).forceRebalance(now);
        break;
    case Fault::Kind::Replay:
        if (!revert)
            m_host.replayGroup(GroupIndex(target.index), f.replayTo);
        break;
    case Fault::Kind::Scale:
        // With `for`, the count from before comes back.
        if (!revert)
            m_counts[index.at()] =
                m_host.scaleGroup(GroupIndex(target.index), f.instances.value_or(1));
        else
            m_host.scaleGroup(GroupIndex(target.index), m_counts[index.at()]);
        break;
    }
}

void EngineFaults::applyToProducer(const Fault &f, const FaultHost::Target &target, bool revert,
                                   Time now) {
    Producers &producers = m_host.faultProducers();
    const ProducerIndex p(target.index);
    switch (f.kind) {
    case Fault::Kind::Crash:
    case Fault::Kind::Pause: {
        const int instances = producers[p.at()].spec->instances;
        const int count = f.instances.value_or(instances);
        const bool restarting =
            f.kind == Fault::Kind::Crash && revert && producers[p.at()].instancesUp == 0;
        const int up = producers.changeInstancesDown(p, revert ? -count : count, now);
        if (restarting)
            producers.reconnect(p, now);
        m_host.logFaultEvent(f.target, "instances",
                             std::to_string(up) + " of " + std::to_string(instances) + " up");
        break;
    }
    case Fault::Kind::Isolate:
        producers.setIsolated(p, !revert);
        break;
    case Fault::Kind::Poison:
        producers.setPoison(p, revert ? 0.0 : f.probability);
        break;
    case Fault::Kind::Schema:
        producers.setSchemaVersion(p, revert ? std::nullopt : std::optional<int>(f.version));
        break;
    case Fault::Kind::Spike:
        producers.setSpike(p, revert ? 1.0 : f.factor, now);
        break;
    default:
        break;
    }
}

void EngineFaults::applyToMembers(FaultIndex index, const FaultHost::Target &target, bool revert,
                                  Time now) {
    const Fault &f = m_faults[index.at()];
    const GroupIndex group(target.index);
    GroupCoordinator &coordinator = m_host.faultCoordinator(group);
    std::vector<MemberIndex> &members = m_members[index.at()];
    if (!revert) {
        // The fault takes the lowest-numbered members it can still affect.
        const auto size = static_cast<std::uint32_t>(coordinator.members().size());
        const std::size_t count = static_cast<std::size_t>(f.instances.value_or(int(size)));
        members.clear();
        for (std::uint32_t m = 0; m < size && members.size() < count; ++m) {
            const GroupMember &member = coordinator.member(MemberIndex(m));
            const bool affected = f.kind == Fault::Kind::Crash   ? !member.up
                                  : f.kind == Fault::Kind::Pause ? member.paused
                                                                 : member.isolated;
            if (member.up && !affected)
                members.push_back(MemberIndex(m));
        }
    }
    for (const MemberIndex m : members) {
        if (f.kind == Fault::Kind::Crash && revert) {
            m_host.memberStarting(group, m);
            coordinator.restart(m, now);
        } else if (f.kind == Fault::Kind::Crash) {
            m_host.crashMember(group, m);
        } else if (f.kind == Fault::Kind::Pause) {
            coordinator.setPaused(m, !revert, now);
        } else {
            coordinator.setIsolated(m, !revert, now);
        }
    }
}

void EngineFaults::applyOutage(const Fault &f, const FaultHost::Target &target, bool revert,
                               Time now) {
    if (target.kind == NodeKind::Store) {
        m_host.setStoreOutage(target.index, !revert);
        m_host.logFaultEvent(f.target, revert ? "outage_ended" : "outage_started", "");
        return;
    }
    m_host.setBusOutage(target.node, !revert);
    m_host.logFaultEvent(f.target, revert ? "outage_ended" : "outage_started", "");
    if (revert)
        m_host.wakeReaders(target.node);
    else
        m_host.faultProducers().outageStarted(target.node, now);
}

} // namespace eventbench::sim
