// Circuit breakers and TLS handshakes of consumer groups (scenarios/README.md, consumer
// `circuit_breaker` and bus `tls`). The breaker itself is a CircuitBreaker; here its permits
// gate the attempts of the group's handlers, its outcomes are recorded, its timer turns it
// half-open, and its transitions are logged. A member reading a bus with `tls` takes no
// message before its handshakes have ended.
#include "model/scenario/Units.h"
#include "sim/engine/EngineImpl.h"

namespace eventbench::sim {

using WhenOpen = model::BreakerSpec::WhenOpen;

bool EngineImpl::breakerPermits(const GroupRt &g) const {
    return g.spec->circuitBreaker->whenOpen == WhenOpen::Fail || g.breaker->permits();
}

bool EngineImpl::admitThroughBreaker(std::uint32_t hi) {
    Handler &h = m_handlers[hi];
    GroupRt &g = m_groups[h.group.at()];
    if (g.breaker->acquire(h.breakerPhase)) {
        h.breakerCall = true;
        return true;
    }
    if (g.spec->circuitBreaker->whenOpen == WhenOpen::Pause) {
        // A message in hand waits for the breaker rather than taking an attempt.
        h.state = Handler::State::BreakerWait;
        g.breakerWaiters.emplace_back(hi, h.epoch);
        return false;
    }
    // Failed at once, through the event queue so that a backlog does not recurse.
    ++g.rejected;
    h.state = Handler::State::Rejected;
    m_events.push(m_now, kHandlerStep, hi, h.epoch);
    return false;
}

void EngineImpl::recordBreakerOutcome(std::uint32_t hi, bool failed) {
    Handler &h = m_handlers[hi];
    h.breakerCall = false;
    const GroupIndex group = h.group;
    GroupRt &g = m_groups[group.at()];
    switch (g.breaker->record(h.breakerPhase, failed, m_now)) {
    case CircuitBreaker::Transition::Opened:
        logEvent(nodeName(g.node), "breaker_opened",
                 "for " + model::formatDuration(g.spec->circuitBreaker->openFor));
        m_events.push(g.breaker->openUntil(), kBreakerTimer, group.value, g.breaker->phase());
        break;
    case CircuitBreaker::Transition::Closed:
        logEvent(nodeName(g.node), "breaker_closed", "");
        // The waiting handlers go on once the current step is over.
        m_events.push(m_now, kBreakerWake, group.value, 0);
        break;
    default:
        break;
    }
}

void EngineImpl::cancelBreakerCall(Handler &h) {
    if (h.breakerCall)
        m_groups[h.group.at()].breaker->cancel(h.breakerPhase);
    h.breakerCall = false;
}

void EngineImpl::onBreakerTimer(GroupIndex group, std::uint64_t phase) {
    GroupRt &g = m_groups[group.at()];
    if (phase != g.breaker->phase() ||
        g.breaker->onTimer(m_now) != CircuitBreaker::Transition::HalfOpened)
        return;
    logEvent(nodeName(g.node), "breaker_half_open", "");
    onBreakerWake(group);
}

void EngineImpl::onBreakerWake(GroupIndex group) {
    GroupRt &g = m_groups[group.at()];
    // Messages in hand first: their attempts take the trials before new messages do.
    for (std::size_t n = g.breakerWaiters.size(); n > 0 && g.breaker->permits(); --n) {
        const auto [hi, epoch] = g.breakerWaiters.front();
        g.breakerWaiters.pop_front();
        if (m_handlers[hi].state == Handler::State::BreakerWait && m_handlers[hi].epoch == epoch)
            startAttempt(hi);
    }
    kickGroup(group);
}

void EngineImpl::memberStarting(GroupIndex group, MemberIndex member) {
    GroupRt &g = m_groups[group.at()];
    if (g.handshake == 0)
        return;
    g.members[member.at()].connectedAt = m_now + g.handshake;
    m_events.push(m_now + g.handshake, kTlsReady, group.value, member.value);
}

void EngineImpl::onTlsReady(GroupIndex group, MemberIndex member) {
    GroupRt &g = m_groups[group.at()];
    if (m_now < g.members[member.at()].connectedAt || !g.coordinator.member(member).working())
        return;
    for (std::uint32_t h : g.members[member.at()].handlers)
        if (m_handlers[h].state == Handler::State::Idle)
            tryStartWork(h);
}

} // namespace eventbench::sim
