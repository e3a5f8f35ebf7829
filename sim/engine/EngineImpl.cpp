// The event loop and the Engine facade.
#include "sim/engine/EngineImpl.h"

#include "model/scenario/ExpectationParser.h"

namespace eventbench::sim {

namespace {
// Mixes one event into the run fingerprint (order-sensitive, cheap).
std::uint64_t mixFingerprint(std::uint64_t fp, const Event &e) {
    std::uint64_t x = static_cast<std::uint64_t>(e.time) * 0x9e3779b97f4a7c15ULL;
    x ^= (std::uint64_t{e.kind} << 32) | e.target;
    fp ^= x + 0x632be59bd9b4e019ULL + (fp << 6) + (fp >> 2);
    return fp * 0x100000001b3ULL;
}
} // namespace

void EngineImpl::wakeAt(Time at, std::uint32_t target, std::uint64_t payload) {
    m_events.push(at, kQueueTimer, target, payload);
}

void EngineImpl::GroupTimers::wakeAt(Time at, std::uint32_t target, std::uint64_t payload) {
    std::uint32_t kind = kCommitTick;
    switch (GroupCoordinator::timerOf(payload)) {
    case GroupCoordinator::Timer::CommitTick:
        break;
    case GroupCoordinator::Timer::SessionCheck:
        kind = kSessionCheck;
        break;
    case GroupCoordinator::Timer::RebalanceEnd:
        kind = kRebalanceEnd;
        break;
    }
    m_events.push(at, kind, target, payload);
}

bool EngineImpl::runOne(Time limit) {
    if (m_finished)
        return false;
    Event e; // popUntil fills it
    if (!m_events.popUntil(limit, e)) {
        if (limit >= m_end) {
            m_now = m_end;
            finishRun();
        } else {
            m_now = std::max(m_now, limit);
        }
        return false;
    }
    m_now = e.time;
    ++m_eventCount;
    m_fingerprint = mixFingerprint(m_fingerprint, e);
    const bool stop = countInstant(e);
    dispatch(e);
    if (stop) {
        stopAtInstant();
        return false;
    }
    if (m_eventCount >= m_budgetCheckAt)
        checkBudget();
    return !m_finished;
}

// The two kinds of nearly every event first, small enough to inline into the loop; the
// others through a second switch.
inline void EngineImpl::dispatch(const Event &e) {
    if (e.kind == kHandlerStep)
        onHandlerStep(e.target, e.payload);
    else if (e.kind == kArrival)
        m_producers.onArrival(ProducerIndex(e.target), e.payload, m_now);
    else
        dispatchOther(e);
}

void EngineImpl::dispatchOther(const Event &e) {
    switch (e.kind) {
    case kTransit: {
        const auto slot = static_cast<std::uint32_t>(e.payload);
        const auto [node, message] = m_transit[slot];
        m_transit[slot].first = kFreeTransit;
        m_freeTransit.push_back(slot);
        if (m_nodes[node].kind == model::NodeKind::Topic &&
            (message.flags & Message::kAppendPending))
            appendToTopic(m_nodes[node].index, message);
        else
            deliverToBus(node, message);
        break;
    }
    case kQueueTimer:
        m_queues[e.target].queue->onTimer(e.payload, m_now);
        wakeQueue(e.target);
        break;
    case kSample:
        onSample();
        break;
    case kCommitTick:
    case kSessionCheck:
    case kRebalanceEnd:
        m_groups[e.target].coordinator.onTimer(e.payload, m_now);
        break;
    case kFaultApply:
        m_faults.apply(FaultIndex(e.target), false, m_now);
        break;
    case kFaultRevert:
        m_faults.apply(FaultIndex(e.target), true, m_now);
        break;
    case kPublishRetry:
        m_producers.onPublishRetry(ProducerIndex(e.target), m_now);
        break;
    case kBreakerTimer:
        onBreakerTimer(GroupIndex(e.target), e.payload);
        break;
    case kBreakerWake:
        onBreakerWake(GroupIndex(e.target));
        break;
    case kTlsReady:
        onTlsReady(GroupIndex(e.target), MemberIndex(static_cast<std::uint32_t>(e.payload)));
        break;
    case kGroupJoin:
        joinGroup(GroupIndex(e.target));
        break;
    case kAutoscale:
        autoscaleTick(GroupIndex(e.target));
        break;
    case kMembersJoin:
        startedMembersJoin(GroupIndex(e.target));
        break;
    default:
        break;
    }
}

void EngineImpl::advanceTo(Time t) {
    const Time limit = std::min(t, m_end);
    while (runOne(limit)) {
    }
}

std::uint64_t EngineImpl::advanceEvents(std::uint64_t maxEvents) {
    std::uint64_t n = 0;
    while (n < maxEvents && runOne(m_end))
        ++n;
    return n;
}

void EngineImpl::finishRun() {
    if (m_finished)
        return;
    m_finished = true;
    if (m_report.sampleTimes.empty() ||
        m_report.sampleTimes.back() * 1e9 < static_cast<double>(m_end) - 0.5)
        onSample(); // the end of the run is always sampled
    for (GroupRt &g : m_groups)
        foldLatency(g);
    buildSummary();
}

model::RunReport EngineImpl::takeReport() {
    if (!m_finished)
        advanceTo(m_end);
    model::RunReport report = std::move(m_report);
    m_spool.reset(); // the report's now
    report.simSeconds = static_cast<double>(m_end) / 1e9;
    report.eventCount = m_eventCount;
    report.messages = 0;
    for (const ProducerRt &p : m_producers)
        report.messages += static_cast<std::uint64_t>(p.produced);
    report.fingerprint = m_fingerprint;
    report.orderViolations = 0;
    for (const GroupRt &g : m_groups)
        report.orderViolations += g.coordinator.orderViolations();
    report.partitions = partitionRows();
    model::evaluateExpectations(m_scenario, report);
    m_report = model::RunReport{};
    return report;
}

// ---- facade ----

Engine::Engine(const model::Scenario &scenario) : m_impl(std::make_unique<EngineImpl>(scenario)) {}
Engine::~Engine() = default;
void Engine::advanceTo(model::SimTime t) {
    m_impl->advanceTo(t);
}
std::uint64_t Engine::advanceEvents(std::uint64_t maxEvents) {
    return m_impl->advanceEvents(maxEvents);
}
void Engine::runToEnd() {
    m_impl->advanceTo(m_impl->endTime());
}
bool Engine::finished() const {
    return m_impl->finished();
}
model::SimTime Engine::now() const {
    return m_impl->now();
}
model::SimTime Engine::endTime() const {
    return m_impl->endTime();
}
std::uint64_t Engine::eventCount() const {
    return m_impl->eventCount();
}
std::vector<std::pair<std::string, std::string>> Engine::seriesNames() const {
    return m_impl->seriesNames();
}
std::size_t Engine::sampleCount() const {
    return m_impl->sampleCount();
}
SampleSnapshot Engine::snapshotSince(std::size_t fromSample, std::size_t fromEvent) const {
    return m_impl->snapshotSince(fromSample, fromEvent);
}
model::RunReport Engine::takeReport(SeriesIn where) {
    model::RunReport report = m_impl->takeReport();
    if (where == SeriesIn::Memory)
        report.loadSeries();
    return report;
}
bool Engine::injectFault(const model::Fault &fault) {
    return m_impl->injectFault(fault);
}

} // namespace eventbench::sim
