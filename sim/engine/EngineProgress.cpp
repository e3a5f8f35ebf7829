// Progress in simulated time: a run whose events keep scheduling one another at the same
// instant (a consumer with a zero service time whose failed messages come back at once) would
// never advance its clock and would grow until memory runs out. The engine counts the events
// of each instant and stops the run when they pass a bound no real scenario reaches
// (README.md#limits-on-input-files).
#include <algorithm>
#include <cstdio>

#include "sim/engine/EngineImpl.h"

namespace eventbench::sim {

namespace {
// Events at one instant that any scenario may have, plus this many per server, partition
// and producer instance (each can act a few times at the same instant, e.g. at time 0).
constexpr std::uint64_t kInstantBase = 1'000'000;
constexpr std::uint64_t kInstantPerUnit = 64;
constexpr std::uint64_t kMaxUnits = 1'000'000'000;
// How many of the last events before the bound are traced to name the loop's nodes.
constexpr std::uint64_t kTraceEvents = 4096;
} // namespace

std::uint64_t EngineImpl::instantBound() const {
    std::uint64_t units = 0;
    for (const model::Node &n : m_scenario.nodes) {
        std::uint64_t add = 1;
        if (n.kind == model::NodeKind::Producer)
            add = static_cast<std::uint64_t>(std::max(n.producer.instances, 1));
        else if (n.kind == model::NodeKind::Topic)
            add = static_cast<std::uint64_t>(std::max(n.topic.partitions, 1));
        else if (n.kind == model::NodeKind::Consumer)
            add = static_cast<std::uint64_t>(std::max(n.consumer.instances, 1)) *
                  static_cast<std::uint64_t>(std::max(n.consumer.concurrency, 1));
        units = std::min(kMaxUnits, units + std::min(add, kMaxUnits));
    }
    return kInstantBase + kInstantPerUnit * units;
}

bool EngineImpl::countSameInstant(const Event &e) {
    ++m_instantEvents;
    if (m_instantEvents + kTraceEvents < m_instantBound)
        return false;
    if (m_loopHits.empty())
        m_loopHits.assign(m_scenario.nodes.size(), 0);
    if (const std::uint32_t node = nodeOfEvent(e); node < m_loopHits.size())
        ++m_loopHits[node];
    return m_instantEvents >= m_instantBound;
}

std::uint32_t EngineImpl::nodeOfEvent(const Event &e) const {
    const auto ofKind = [&](model::NodeKind kind, std::uint32_t index) {
        for (std::uint32_t i = 0; i < m_nodes.size(); ++i)
            if (m_nodes[i].kind == kind && m_nodes[i].index == index)
                return i;
        return UINT32_MAX;
    };
    switch (e.kind) {
    case kArrival:
    case kPublishRetry:
        return ofKind(model::NodeKind::Producer, e.target);
    case kTransit:
        return m_transit[static_cast<std::uint32_t>(e.payload)].first;
    case kHandlerStep:
        return m_groups[m_handlers[e.target].group.at()].node;
    case kQueueTimer:
        return m_queueNode[e.target];
    case kCommitTick:
    case kSessionCheck:
    case kRebalanceEnd:
    case kGroupJoin:
    case kAutoscale:
    case kMembersJoin:
        return m_groups[e.target].node;
    default:
        return UINT32_MAX;
    }
}

void EngineImpl::stopAtInstant() {
    // A consumer's failed messages go back to the buses it reads without an event of theirs,
    // so those buses are named with it.
    for (const model::Edge &e : m_scenario.edges) {
        const auto from = m_nodeIndex.find(e.from), to = m_nodeIndex.find(e.to);
        if (from != m_nodeIndex.end() && to != m_nodeIndex.end() && m_loopHits[to->second] > 0 &&
            m_nodes[to->second].kind == model::NodeKind::Consumer &&
            m_nodes[from->second].kind != model::NodeKind::Producer)
            m_loopHits[from->second] = std::max<std::uint32_t>(m_loopHits[from->second], 1);
    }
    std::string nodes;
    for (std::uint32_t i = 0; i < m_loopHits.size(); ++i)
        if (m_loopHits[i] > 0)
            nodes += (nodes.empty() ? "'" : ", '") + nodeName(i) + "'";
    char at[32];
    std::snprintf(at, sizeof at, "%.9gs", static_cast<double>(m_now) / 1e9);
    m_report.stopReason =
        std::string("the run stopped at simulated time ") + at + ": more than " +
        std::to_string(m_instantBound) +
        " events happened at that one instant, so simulated time could not advance (a loop "
        "without delay, such as a zero service_time with immediate redelivery or retries "
        "without backoff); nodes in the loop: " +
        (nodes.empty() ? std::string("unknown") : nodes);
    m_end = m_now;
    finishRun();
}

} // namespace eventbench::sim
