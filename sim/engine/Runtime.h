#pragma once
// The run-time state of each node of a running scenario, owned by EngineImpl. Plain structs:
// the behaviour lives in EngineImpl's member functions, split by concern across files, and in
// the broker objects some of them hold (a queue's MessageQueue, a group's GroupCoordinator).
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/routing/MessageMatching.h"
#include "model/routing/Murmur2.h"
#include "model/scenario/Scenario.h"
#include "sim/broker/CircuitBreaker.h"
#include "sim/broker/GroupCoordinator.h"
#include "sim/broker/IdSet.h"
#include "sim/broker/Message.h"
#include "sim/broker/MessageQueue.h"
#include "sim/broker/PartitionLog.h"
#include "sim/kernel/Arrivals.h"
#include "sim/kernel/Rng.h"
#include "sim/kernel/Sampler.h"
#include "sim/metrics/LogLinearHistogram.h"

namespace eventbench::sim {

/// One outgoing edge as the sender sees it.
struct Outlet {
    std::uint32_t edge = 0;
    std::uint32_t target = 0; // node index
    bool hasLatency = false;
    DistributionSampler latency;
    Time extraLatency = 0; // added by a latency fault
    double ratio = 1.0;
    const model::FilterPolicy *filter = nullptr;
    const std::vector<std::string> *binding = nullptr; // any pattern matches
    // The `tls` of the bus at the client's end (the target of a publish, the source of a
    // group's input): the handshake before the first publish or fetch, the service overhead.
    Time handshake = 0;
    double overhead = 0;
};

/// What the messages of one run share: the id counter, and the strings (event types, routing
/// keys) and attribute sets they refer to by number. Owned by EngineImpl.
struct MessageContext {
    MessageContext() {
        strings.emplace_back();
        attributeSets.emplace_back();
    }
    std::uint64_t newId() { return ++lastId; }
    std::uint32_t intern(const std::string &s) {
        auto [it, fresh] = stringIds.emplace(s, static_cast<std::uint32_t>(strings.size()));
        if (fresh)
            strings.push_back(s);
        return it->second;
    }

    std::uint64_t lastId = 0;         // the next message gets lastId + 1
    std::vector<std::string> strings; // interned: event types, routing keys; 0 = none
    std::unordered_map<std::string, std::uint32_t> stringIds;
    std::vector<model::AttributeValues> attributeSets; // index 0 = no attributes
};

struct TopicRt {
    const model::TopicSpec *spec = nullptr;
    std::vector<PartitionLog> partitions;
    model::PartitionDivisor keyed{1}; // partitions' count, for a keyed record's partition
    std::uint64_t roundRobin = 0;
    DistributionSampler appendLatency;
    std::vector<std::pair<GroupIndex, CursorIndex>> readers; // (group, its first cursor here)
    /// The most lag (log end minus commit) each reader had on each partition, checked on
    /// every append (the only moment lag grows): [reader * partitions + partition].
    std::vector<std::int64_t> lagMax;
    std::int64_t appended = 0, deleted = 0;
    double duplicate = 0;
    bool outage = false;
};

struct QueueRt {
    std::unique_ptr<MessageQueue> queue;
    std::int32_t deadLetter = -1; // node index
    std::vector<std::uint32_t> groups;
    std::deque<std::uint64_t>
        waiting; // idle handlers that want a message: (idle epoch << 32) | handler
    double duplicate = 0;
    bool outage = false;
};

struct ExchangeRt {
    std::vector<Outlet> outlets;
    std::int32_t unroutable = -1; // node index
    std::int64_t routed = 0, unroutableCount = 0;
    double duplicate = 0;
    bool outage = false;
};

struct StoreRt {
    DistributionSampler writeTime;
    double slow = 1.0;
    double failure = 0;
    bool outage = false;
    Rng rng{1};
    std::optional<int> capacity;
    int active = 0;
    std::deque<std::pair<std::uint32_t, std::uint64_t>> waiters; // (handler, its epoch)
    IdSet written;
    std::int64_t writes = 0, writeFailed = 0, duplicateWrites = 0;
};

/// One processing slot of one member of a consumer group.
struct Handler {
    enum class State : std::uint8_t {
        Idle,
        Service,
        Backoff,
        StoreWait,
        StoreWrite,
        Rejected,   // the open breaker failed the attempt (when_open: fail); ends at once
        BreakerWait // a retry waits for the open breaker (when_open: pause)
    };
    enum class Source : std::uint8_t { None, Partition, Queue };
    State state = State::Idle;
    Source source = Source::None;
    GroupIndex group;
    MemberIndex member;
    CursorIndex cursor;           // Source::Partition
    std::int64_t offset = 0;      // Source::Partition
    std::uint32_t queue = 0;      // Source::Queue (queue runtime index)
    QueueLease lease;             // Source::Queue
    std::deque<QueueLease> batch; // the rest of the last receive (`batch` > 1)
    Message message;
    int attempt = 0;
    std::uint32_t storeStep = 0;
    std::uint64_t epoch = 0;            // invalidates scheduled steps when a member crashes
    std::uint32_t idleEpoch = 0;        // invalidates idle-list entries once it is busy again
    std::uint32_t cursorGeneration = 0; // Cursor::generation when it took the record
    bool deferred = false;              // a step came due while its member was paused
    bool waited = false;                // its delivery began after the message was available
    bool breakerCall = false;           // the attempt holds a permit of the group's breaker
    std::uint32_t breakerPhase = 0;     // CircuitBreaker::acquire's phase of that permit
};

/// The processing side of one member of a consumer group (its membership, partitions and
/// positions are the group's GroupCoordinator's).
struct MemberWork {
    std::vector<std::uint32_t> handlers;
    std::vector<std::uint64_t> idle; // idle handlers: (idle epoch << 32) | handler, lazily pruned
    std::uint32_t roundRobin = 0;    // where its next look for work starts
    Time connectedAt = 0;            // the end of its TLS handshakes: no fetch before
};

struct GroupRt {
    explicit GroupRt(GroupCoordinator c) : coordinator(std::move(c)) {}
    GroupCoordinator coordinator; // membership, assignment, positions, commits, rebalances
    const model::ConsumerSpec *spec = nullptr;
    std::uint32_t node = 0;
    Rng rng{1};
    DistributionSampler service;
    std::vector<std::uint32_t> queues; // queue runtime indices
    std::vector<MemberWork> members;
    std::vector<Outlet> followUps;     // edges to buses
    std::vector<std::uint32_t> stores; // store runtime indices, in edge order
    std::vector<Outlet> storeEdges;    // the edges to those stores (their latency)
    std::vector<Outlet> inputs;        // edges from its topics and queues (target = the bus)
    std::int32_t deadLetter = -1;      // node index
    std::uint32_t eventType = 0;       // event type of its follow-ups (the consumer's id)
    IdSet completedIds;
    std::unordered_map<std::uint64_t, Time> completedAt; // only with a dedup window
    std::deque<std::pair<Time, std::uint64_t>> completedOrder;
    double slow = 1.0;
    std::optional<CircuitBreaker> breaker;
    std::deque<std::pair<std::uint32_t, std::uint64_t>> breakerWaiters; // (handler, epoch)
    Time handshake = 0; // the longest TLS handshake of its inputs
    // Each latency is recorded once, into the interval's histogram of its side of the warmup;
    // each sample folds the interval into the whole run's.
    LogLinearHistogram latency;                     // after warmup, up to the last sample
    LogLinearHistogram latencyInterval;             // after warmup, since the last sample
    LogLinearHistogram latencyEarly;                // before warmup, since the last sample
    std::vector<LogLinearHistogram> latencyBatches; // warmup auto: 5-sample batches, 1st half
    double busyIntegral = 0;                        // handler-seconds busy since the last sample
    int busyHandlers = 0;
    Time lastBusyChange = 0;
    std::int64_t received = 0, processed = 0, failed = 0, retries = 0, deadLettered = 0,
                 discarded = 0, duplicates = 0, duplicatesSuppressed = 0, outOfOrder = 0,
                 waited = 0, rejected = 0, replayed = 0;
    // Scaling (EngineScaling.cpp).
    int desired = 0;                           // instances_desired
    std::deque<std::pair<Time, int>> raws;     // autoscale: raw counts of the last cooldown
    std::deque<std::pair<Time, int>> starting; // autoscale: (join time, members) starting
};

} // namespace eventbench::sim
