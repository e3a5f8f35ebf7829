#pragma once
// The engine's internals: builds runtime state from a scenario (EngineBuild.cpp), runs the event
// loop (EngineImpl.cpp), moves messages through buses (EngineBuses.cpp), runs the handlers of
// consumer groups (EngineConsumers.cpp; each group's membership, positions, commits and
// rebalances are its GroupCoordinator's, EngineMembership.cpp connects the two) and samples
// metrics into the report (EngineSampling.cpp). Producers are the Producers object's
// (Producers.cpp), fault application the EngineFaults object's (EngineFaults.cpp); both act
// on the rest through interfaces this class implements (ProducerNetwork, FaultHost).
#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/catalogue/MetricCatalogue.h"
#include "model/results/RunReport.h"
#include "model/routing/MessageMatching.h"
#include "model/scenario/Scenario.h"
#include "sim/broker/BlockPool.h"
#include "sim/broker/GroupCoordinator.h"
#include "sim/broker/Ledger.h"
#include "sim/broker/TimerSink.h"
#include "sim/engine/Engine.h"
#include "sim/engine/EngineFaults.h"
#include "sim/engine/EventKinds.h"
#include "sim/engine/Producers.h"
#include "sim/engine/Runtime.h"
#include "sim/kernel/EventQueue.h"
#include "sim/kernel/MemoryBudget.h"

namespace eventbench::sim {

/// A sampled metric's value where there is none (no message, no member).
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A statistic of a latency histogram (mean, percentiles, extremes); NaN for any other.
double histogramStat(const LogLinearHistogram &h, model::Expectation::Stat stat);

class EngineImpl final : public TimerSink,
                         public GroupListener,
                         public ProducerNetwork,
                         public FaultHost {
  public:
    explicit EngineImpl(const model::Scenario &scenario);

    void advanceTo(Time t);
    std::uint64_t advanceEvents(std::uint64_t maxEvents);
    bool finished() const { return m_finished; }
    Time now() const { return m_now; }
    Time endTime() const { return m_end; }
    std::uint64_t eventCount() const { return m_eventCount; }
    std::vector<std::pair<std::string, std::string>> seriesNames() const;
    std::size_t sampleCount() const { return m_report.sampleTimes.size(); }
    SampleSnapshot snapshotSince(std::size_t fromSample, std::size_t fromEvent) const;
    model::RunReport takeReport();

    void wakeAt(Time at, std::uint32_t target, std::uint64_t payload) override;
    bool injectFault(const model::Fault &fault) { return m_faults.inject(fault, m_now); }

    // GroupListener (EngineMembership.cpp)
    void groupEvent(GroupIndex group, const char *event, const std::string &detail) override;
    void memberReleased(GroupIndex group, MemberIndex member) override;
    void groupReady(GroupIndex group) override;

    // ProducerNetwork (EngineBuses.cpp)
    /// Flattened: every produced message takes this path to its bus.
    [[gnu::flatten]] bool publish(const Outlet &outlet, const Message &m, Rng &rng,
                                  Time hold) override;

    // FaultHost (EngineMembership.cpp)
    Target faultTarget(const std::string &node) const override;
    void logFaultEvent(const std::string &node, const char *event,
                       const std::string &detail) override;
    Producers &faultProducers() override { return m_producers; }
    GroupCoordinator &faultCoordinator(GroupIndex group) override {
        return m_groups[group.at()].coordinator;
    }
    void crashMember(GroupIndex group, MemberIndex member) override;
    void setSlow(GroupIndex group, double factor) override { m_groups[group.at()].slow = factor; }
    void setStoreSlow(std::uint32_t store, double factor) override {
        m_stores[store].slow = factor;
    }
    void setStoreOutage(std::uint32_t store, bool outage) override;     // EngineStores.cpp
    void memberStarting(GroupIndex group, MemberIndex member) override; // EngineBreakers.cpp
    void setBusOutage(NodeIndex bus, bool outage) override;
    void wakeReaders(NodeIndex bus) override;
    void setBusDuplicate(NodeIndex bus, double probability) override;
    void addEdgeLatency(std::uint32_t edge, Time add) override;
    void replayGroup(GroupIndex group, std::optional<Time> since) override; // EngineScaling.cpp
    int scaleGroup(GroupIndex group, int count) override;

  private:
    /// Turns coordinators' timers into events of their own kinds (the fingerprint hashes kinds).
    class GroupTimers final : public TimerSink {
      public:
        explicit GroupTimers(EventQueue &events) : m_events(events) {}
        void wakeAt(Time at, std::uint32_t target, std::uint64_t payload) override;

      private:
        EventQueue &m_events;
    };

    struct NodeRef {
        model::NodeKind kind;
        std::uint32_t index; // into the runtime vector of its kind
    };

    // build (EngineBuild.cpp)
    void build();
    void addNode(std::uint32_t node);
    void addEdge(std::uint32_t edge);
    void finishNode(std::uint32_t node); // what needs every edge: queues, dead letters, handlers
    void start();                        // the first events
    Outlet makeOutlet(std::uint32_t edgeIndex);
    const PartitionLog &logOf(const Cursor &c) const { return *c.log; }
    /// A group's lag on one partition: log end offset minus its commit (or the log start).
    std::int64_t partitionLag(const Cursor &c) const {
        return c.log->endOffset() - std::max(c.committed, c.log->startOffset());
    }
    /// The rows of partitions.csv at the end of the run.
    std::vector<model::RunReport::PartitionRow> partitionRows() const;

    // loop (EngineImpl.cpp)
    bool runOne(Time limit);
    void dispatch(const Event &e);
    void dispatchOther(const Event &e);
    void finishRun();
    // Progress in simulated time (EngineProgress.cpp): counts the events of one instant and
    // stops the run when they pass m_instantBound, naming the nodes of the loop.
    std::uint64_t instantBound() const;
    bool countInstant(const Event &e) {
        if (e.time == m_instant)
            return countSameInstant(e);
        m_instant = e.time; // the usual event: the first of its instant
        m_instantEvents = 0;
        m_loopHits.clear();
        return false;
    }
    bool countSameInstant(const Event &e);
    std::uint32_t nodeOfEvent(const Event &e) const;
    void stopAtInstant();

    // buses (EngineBuses.cpp)
    /// An edge's delay: its latency drawn from `rng`, a latency fault's and `hold` added.
    Time edgeDelay(const Outlet &outlet, Rng &rng, Time hold = 0) const {
        if (!outlet.hasLatency) // the usual edge: no draw
            return std::max<Time>(0, outlet.extraLatency + hold);
        return sampledEdgeDelay(outlet, rng, hold);
    }
    Time sampledEdgeDelay(const Outlet &outlet, Rng &rng, Time hold) const;
    /// Whether the bus accepts messages now (it has no outage).
    bool busAvailable(std::uint32_t node) const;
    /// Sends `m` along an edge inside the system (exchange copies, follow-ups).
    void send(const Outlet &outlet, const Message &m, Rng &rng);
    /// Delivers to a bus, or retries later while it is unavailable.
    void deliverToBus(std::uint32_t node, const Message &m);
    /// Delivers to a bus known to accept messages now.
    void deliverAvailable(std::uint32_t node, const Message &m);
    void appendToTopic(std::uint32_t topic, const Message &m);
    void enqueueToQueue(std::uint32_t queue, Message m);
    void routeExchange(std::uint32_t exchange, const Message &m);
    void drainDeadLetters(std::uint32_t queue);
    void wakeQueue(std::uint32_t queue);
    std::uint64_t parkTransit(std::uint32_t node, const Message &m);
    int partitionFor(TopicRt &t, const Message &m);

    // consumers (EngineConsumers.cpp)
    // The handler's path from one message to the next is a chain of small steps: the steps
    // taken on every message are inlined into it (EngineConsumers.cpp defines them).
    void tryStartWork(std::uint32_t handler);
    /// Takes the member's next message, round robin over its partitions and queues.
    [[gnu::always_inline]] inline bool takeNext(Handler &h, GroupRt &g, const GroupMember &m,
                                                MemberWork &work);
    [[gnu::always_inline]] inline bool takeFromCursor(Handler &h, CursorIndex cursor);
    bool takeFromQueue(Handler &h, std::uint32_t queue);
    /// Starts the handler's message; false when it ended at once (a suppressed duplicate).
    [[gnu::always_inline]] inline bool deliver(std::uint32_t handler);
    void startAttempt(std::uint32_t handler);
    /// The edge the handler's message came in by (null when none); a group with one input
    /// (the usual one) takes every message through it.
    const Outlet *inputOf(const Handler &h, const GroupRt &g) const;
    /// A handler's step came due (service, backoff, store write, rejection). Flattened: every
    /// message ends here, through most of this file.
    [[gnu::flatten]] void onHandlerStep(std::uint32_t handler, std::uint64_t epoch);
    /// A service ended: the attempt fails, writes to stores or completes, and the handler takes
    /// its next message.
    void afterService(std::uint32_t handler);
    void requestStoreWrite(std::uint32_t handler);
    void finishStoreWrite(std::uint32_t handler);
    void releaseStoreSlot(StoreRt &store);
    void complete(std::uint32_t handler);
    void attemptFailed(std::uint32_t handler);
    void exhausted(std::uint32_t handler);
    void endMessage(std::uint32_t handler, std::int64_t Ledger::*outcome);
    void goIdle(std::uint32_t handler);
    bool isIdleEntry(std::uint64_t entry) const;
    void setBusy(GroupRt &g, bool busy);
    void flushBusy(GroupRt &g);
    bool alreadyCompleted(GroupRt &g, std::uint64_t id);
    bool suppressible(GroupRt &g, std::uint64_t id);
    void rememberCompleted(GroupRt &g, std::uint64_t id) {
        g.completedIds.insert(id);
        if (g.spec->idempotent && g.spec->dedupWindow)
            rememberCompletedAt(g, id);
    }
    void rememberCompletedAt(GroupRt &g, std::uint64_t id); // the dedup window's record
    /// Lets an idle handler of the partition's owner take its new record (flattened: on
    /// every append).
    [[gnu::flatten]] void wakeCursorOwner(GroupIndex group, CursorIndex cursor);
    void onRetention(std::uint32_t topic, int partition);

    // circuit breakers and TLS handshakes (EngineBreakers.cpp)
    // A group without a breaker (the usual one) is decided inline, on every message's path.
    bool breakerTakesWork(const GroupRt &g) const { return !g.breaker || breakerPermits(g); }
    bool breakerPermits(const GroupRt &g) const;
    /// Takes the breaker's permit for the handler's next attempt; false when the attempt is
    /// not made now (rejected, or waiting for the breaker).
    bool admitAttempt(Handler &h, const GroupRt &g, std::uint32_t handler) {
        h.breakerCall = false;
        return !g.breaker || admitThroughBreaker(handler);
    }
    bool admitThroughBreaker(std::uint32_t handler);
    void breakerOutcome(Handler &h, std::uint32_t handler, bool failed) {
        if (h.breakerCall)
            recordBreakerOutcome(handler, failed);
    }
    void recordBreakerOutcome(std::uint32_t handler, bool failed);
    void cancelBreakerCall(Handler &h);
    void onBreakerTimer(GroupIndex group, std::uint64_t phase);
    void onBreakerWake(GroupIndex group);
    void onTlsReady(GroupIndex group, MemberIndex member);

    // consumer groups under faults (EngineMembership.cpp)
    void abandonWork(std::uint32_t handler);
    void kickGroup(GroupIndex group);
    const std::string &nodeName(std::uint32_t node) const { return m_scenario.nodes[node].id; }
    std::vector<std::uint32_t> m_topicNode; // topic index -> node index
    std::vector<std::uint32_t> m_queueNode; // queue index -> node index

    // late groups, replays and scaling (EngineScaling.cpp)
    void startGroups();
    void startMembers(GroupIndex group);
    void joinGroup(GroupIndex group);
    void autoscaleTick(GroupIndex group);
    void startedMembersJoin(GroupIndex group);
    /// Sets the group to `count` members now; the new ones get their handlers.
    void resizeGroup(GroupIndex group, int count, const std::string &reason);
    /// The raw autoscale count: ceil(lag / target_lag) in [min, max] (and partitions).
    int autoscaleRaw(const GroupRt &g) const;
    int membersAsked(const GroupRt &g) const;

    // memory kept flat (EngineWatermark.cpp)
    void houseKeeping();
    std::int64_t readFloor(const TopicRt &t, std::size_t partition) const;
    /// Whether a group holds its partitions' records: started, or starting late at earliest.
    bool holdsLog(const GroupCoordinator &gc) const;
    void archiveRead(TopicRt &t, std::size_t partition);
    std::uint64_t liveIdFloor(std::uint64_t *cost) const;
    void forgetDeadIds();
    std::uint64_t m_floorAfterEvents = 0; // next event count at which forgetDeadIds may scan

    // sampling (EngineSampling.cpp)
    void buildSeries();
    void onSample();
    /// Adds the interval's latencies after the warmup to the whole run's; starts a new interval.
    void foldLatency(GroupRt &g);
    std::int64_t pendingObligations() const;
    void buildSummary();
    void logEvent(const std::string &node, const std::string &event, const std::string &detail);

    model::Scenario m_scenario;
    Time m_now = 0;
    Time m_end;
    bool m_finished = false;
    std::uint64_t m_eventCount = 0;
    std::uint64_t m_fingerprint = 0xcbf29ce484222325ULL;
    EventQueue m_events;
    GroupTimers m_groupTimers{m_events};

    BlockPool m_blockPool;        // message storage of the buses below; outlives them
    std::vector<NodeRef> m_nodes; // by scenario node index
    std::unordered_map<std::string, std::uint32_t> m_nodeIndex;
    MessageContext m_messages;
    Producers m_producers{m_events, *this, m_messages, m_end};
    EngineFaults m_faults{m_scenario, m_events, *this, m_end};
    std::vector<TopicRt> m_topics;
    std::vector<QueueRt> m_queues;
    std::vector<ExchangeRt> m_exchanges;
    std::vector<GroupRt> m_groups;
    std::vector<StoreRt> m_stores;
    std::vector<Handler> m_handlers;
    static constexpr std::uint32_t kFreeTransit = UINT32_MAX; // target of a free slot
    std::vector<std::pair<std::uint32_t, Message>> m_transit; // (target node, message)
    std::vector<std::uint32_t> m_freeTransit;
    Rng m_busRng{1}; // draws for bus-level randomness (duplicates, ratio) not tied to a node

    Ledger m_ledger;

    // metrics
    /// Where one sampled series reads its value.
    struct SeriesSource {
        std::uint32_t node = 0; // scenario node index (ignored for the ledger)
        model::MetricId metric = model::MetricId::ProducerProduced;
        std::uint8_t variant = 0; // latency: index into model::latencySeriesStats()
        model::MetricType type = model::MetricType::Counter;
    };
    /// A counter's running total, or a gauge's (latency's) value now.
    double readMetric(const SeriesSource &s);
    double readQueueMetric(const SeriesSource &s, MessageQueue &q);
    double readConsumerMetric(const SeriesSource &s, const GroupRt &g);
    double consumerLag(const GroupRt &g) const;
    double consumerLagTime(const GroupRt &g);
    // memory budget (EngineBudget.cpp)
    void checkBudget();
    std::size_t footprint() const;
    std::string largestHolder() const;
    MemoryShare m_budget;
    std::uint64_t m_budgetCheckAt = 0; // event count of the next look

    std::vector<SeriesSource> m_sources;
    std::vector<std::int64_t> m_lastCounter;     // per series: counter value at the last sample
    std::vector<double> m_row;                   // per series: the sample being taken
    std::shared_ptr<model::SampleSpool> m_spool; // every sample so far (the report's values)
    model::RunReport m_report;
    Time m_lastSample = 0;

    // ---- progress in simulated time ----
    Time m_instant = -1;                   // the time of the events being counted
    std::uint64_t m_instantEvents = 0;     // events run at m_instant so far
    std::uint64_t m_instantBound = 0;      // set by build()
    std::vector<std::uint32_t> m_loopHits; // per node: events near the bound (only then)
};

} // namespace eventbench::sim
