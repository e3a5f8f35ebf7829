#pragma once
// Fault application for one run (the faults of scenarios/README.md): schedules each fault and
// its revert as events, checks injected faults against the scenario's rules, logs them, and
// turns each kind into changes of producers, consumer groups, buses and edges. Which group
// members a fault takes is decided here; the changes themselves go through a FaultHost.
// Owned by EngineImpl; "now" is passed in. Single-threaded.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/scenario/Scenario.h"
#include "sim/broker/GroupCoordinator.h"
#include "sim/engine/Producers.h"
#include "sim/kernel/EventQueue.h"
#include "sim/kernel/TypedIndex.h"

namespace eventbench::sim {

/// What faults act on. Implemented by the engine.
class FaultHost {
  public:
    /// A fault's target node: its kind, its scenario index, and its index among the nodes of
    /// its kind (ProducerIndex, GroupIndex, ...).
    struct Target {
        model::NodeKind kind;
        NodeIndex node;
        std::uint32_t index;
    };

    virtual ~FaultHost() = default;
    virtual Target faultTarget(const std::string &node) const = 0;
    virtual void logFaultEvent(const std::string &node, const char *event,
                               const std::string &detail) = 0;
    virtual Producers &faultProducers() = 0;
    virtual GroupCoordinator &faultCoordinator(GroupIndex group) = 0;
    /// Crashes a member: its handlers drop their work, then its coordinator is told.
    virtual void crashMember(GroupIndex group, MemberIndex member) = 0;
    /// Service times of the group are multiplied by `factor` (1: the spec's).
    virtual void setSlow(GroupIndex group, double factor) = 0;
    /// Write times of the store are multiplied by `factor` (1: the spec's).
    virtual void setStoreSlow(std::uint32_t store, double factor) = 0;
    /// Every write to the store fails at once while `outage`.
    virtual void setStoreOutage(std::uint32_t store, bool outage) = 0;
    /// A member is about to start again (after a crash): it makes its TLS handshakes.
    virtual void memberStarting(GroupIndex group, MemberIndex member) = 0;
    /// The bus (topic, queue or exchange) accepts nothing while `outage`.
    virtual void setBusOutage(NodeIndex bus, bool outage) = 0;
    /// The consumers of the bus look for work again (after its outage).
    virtual void wakeReaders(NodeIndex bus) = 0;
    /// The bus stores each message twice with this probability.
    virtual void setBusDuplicate(NodeIndex bus, double probability) = 0;
    /// Adds `add` to the latency of scenario edge `edge`.
    virtual void addEdgeLatency(std::uint32_t edge, Time add) = 0;
    /// Resets the group's offsets `since` back (none: to the earliest retained record).
    virtual void replayGroup(GroupIndex group, std::optional<Time> since) = 0;
    /// Sets the group to `count` members at once; returns the count it had.
    virtual int scaleGroup(GroupIndex group, int count) = 0;
};

class EngineFaults {
  public:
    /// Every reference must outlive it; no fault is applied or reverted after `end`.
    EngineFaults(const model::Scenario &scenario, EventQueue &events, FaultHost &host, Time end);

    /// Schedules `f` at max(f.at, now) and, when it has a duration, its revert that much later.
    void schedule(const model::Fault &f, Time now);
    /// Schedules `f` if it is valid for the scenario (the validator's fault rules); false if not.
    bool inject(const model::Fault &f, Time now);
    /// The kFaultApply or kFaultRevert event of fault `index` came due.
    void apply(FaultIndex index, bool revert, Time now);

  private:
    void applyToMembers(FaultIndex index, const FaultHost::Target &target, bool revert, Time now);
    void applyToProducer(const model::Fault &f, const FaultHost::Target &target, bool revert,
                         Time now);
    void applyOutage(const model::Fault &f, const FaultHost::Target &target, bool revert, Time now);

    const model::Scenario &m_scenario;
    EventQueue &m_events;
    FaultHost &m_host;
    Time m_end;
    std::vector<model::Fault> m_faults;
    std::vector<std::vector<MemberIndex>> m_members; // the members each fault took
    std::vector<int> m_counts;                       // scale: the count before each fault
};

} // namespace eventbench::sim
