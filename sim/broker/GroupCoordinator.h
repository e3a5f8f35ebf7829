#pragma once
// The coordinator of one Kafka-like consumer group: who is a member (crashes, restarts,
// pauses, isolation, eviction after session_timeout), who owns which partition (assignment
// through Assignment.h on every rebalance, which stops the group's partitions for
// rebalance_time), and what each partition's position and committed offset are (commit modes
// auto, after_each and before_process; a new owner resumes from the commit). Owned by the
// engine, one per consumer node; "now" is passed in; timers go through a TimerSink, whose
// target is the group's index and whose payload is handed back to onTimer(); what the engine
// must log or do in response goes to a GroupListener. Single-threaded.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/scenario/Scenario.h"
#include "sim/broker/Ledger.h"
#include "sim/broker/PartitionLog.h"
#include "sim/broker/TimerSink.h"
#include "sim/kernel/Time.h"
#include "sim/kernel/TypedIndex.h"

namespace eventbench::sim {

/// The group's view of one partition it subscribes to.
struct Cursor {
    TopicIndex topic;
    int partition = 0;
    const PartitionLog *log = nullptr;
    std::uint32_t subscription = 0; // which subscribe() call created it
    std::int64_t committed = 0;     // offset the group would resume from
    std::int64_t done = 0;          // next offset to process
    std::int64_t fetched = 0;       // end of the last poll (before_process commits this)
    std::int64_t ended = 0;         // every offset below has its ledger outcome
    int owner = -1;                 // member index
    int ownerId = -1;               // the owner's member id n (`#n`) when it was assigned
    bool busy = false;
    std::uint32_t generation = 0; // changes when the partition moves; stale handlers see it
    std::int64_t highestDelivered = -1;
    std::int64_t replayUntil = 0; // offsets below were set back over by a replay
};

/// One member (client instance) of the group as the coordinator sees it.
struct GroupMember {
    int id = -1;                      // member id n (`#n`): the n-th member to join the group
    bool up = true;                   // running (not crashed)
    bool inGroup = true;              // a group member: up, or down but within session_timeout
    bool paused = false;              // pause fault: holds its work, sends no heartbeats
    bool isolated = false;            // isolate fault: cannot reach any bus (held like a pause)
    bool lostState = false;           // crashed since the last rebalance: resumes from commits
    bool left = false;                // left the group for good (scaled down)
    std::uint32_t silenceEpoch = 0;   // invalidates session-timeout checks
    std::vector<CursorIndex> cursors; // owned, in (topic, partition) order

    bool held() const { return paused || isolated; }
    /// Up and neither paused nor isolated: it may take and process messages.
    bool working() const { return up && !paused && !isolated; }
};

/// What a GroupCoordinator tells its owner. Implemented by the engine.
class GroupListener {
  public:
    virtual ~GroupListener() = default;
    /// A membership or rebalance event for the run's event log (crash, restart, pause,
    /// resume, isolated, reconnected, evicted, rebalance_started, rebalance_done,
    /// assignment).
    virtual void groupEvent(GroupIndex group, const char *event, const std::string &detail) = 0;
    /// A held member is free again: the work it held may go on. Comes before the group is
    /// kicked or rebalanced.
    virtual void memberReleased(GroupIndex group, MemberIndex member) = 0;
    /// The working members may take work now (after a rebalance, a restart or a release).
    virtual void groupReady(GroupIndex group) = 0;
};

class GroupCoordinator {
  public:
    enum class Timer : std::uint8_t { CommitTick, SessionCheck, RebalanceEnd };
    /// Which timer a payload passed to TimerSink::wakeAt is (for the owner's event kinds).
    static Timer timerOf(std::uint64_t payload) {
        return static_cast<Timer>((payload >> kTimerShift) & 3U);
    }

    /// `spec` must outlive it; `ledger` counts skipped and expired records and the outcomes
    /// finish() is given; no timer is set at or after `end` except a rebalance's end.
    GroupCoordinator(const model::ConsumerSpec &spec, std::string name, GroupIndex index,
                     TimerSink *timers, GroupListener *listener, Ledger *ledger, Time end);

    /// Subscribes to a topic: one cursor per partition, in order. Before start() only.
    /// Returns the index of the first cursor. `partitions` must outlive it.
    CursorIndex subscribe(TopicIndex topic, std::string topicName,
                          const std::vector<PartitionLog> &partitions);
    /// Assigns the partitions to the members and starts the auto-commit timer. The group's
    /// positions start at the log start (`start: earliest`, whose retained records become
    /// its obligations) or the log end (`latest`).
    void start(Time now);
    /// Whether start() was called (a group with `join_at` starts late): before, it has no
    /// positions, obligations, lag or readers' floor.
    bool started() const { return m_started; }
    const model::ConsumerSpec &spec() const { return *m_spec; }
    /// Keep every retained record readable for this group (it may replay).
    void keepLog() { m_keepsLog = true; }
    bool keepsLog() const { return m_keepsLog; }

    // ---- replays and scaling ----
    /// Sets every position back (or forward) to the first record appended at or after
    /// `since`, or to the earliest retained (and readable) record; what lies between that
    /// and what had ended gets new obligations and counts as replayed when read again.
    /// The group's partition work must already be abandoned. Returns the records re-opened.
    std::int64_t replay(std::optional<Time> since, Time now);
    /// Members in the group (not left), crashed ones included.
    int memberCount() const;
    /// The members that leave when the group is set to `count`: the newest first.
    std::vector<MemberIndex> leaversFor(int count) const;
    /// Sets the group to `count` members: leaversFor(count) leave (committing what they
    /// processed), new members join with new ids. Returns the new members' indices; call
    /// membershipChanged() once their work exists.
    std::vector<MemberIndex> scaleTo(int count);
    /// After scaleTo(): one rebalance for everything that changed at this instant (on
    /// topics), or ready (queues only, or not started).
    void membershipChanged(const std::string &reason, Time now);

    // ---- membership (faults) ----
    /// The member stops: its partitions stay assigned to it until session_timeout evicts it;
    /// it resumes from the commits. Its handlers' work must already be abandoned.
    void crash(MemberIndex member, Time now);
    /// A crashed member starts again and joins with a new member id (a rebalance).
    void restart(MemberIndex member, Time now);
    void setPaused(MemberIndex member, bool paused, Time now);
    void setIsolated(MemberIndex member, bool isolated, Time now);
    /// A rebalance nobody asked for (the rebalance fault).
    void forceRebalance(Time now) { startRebalance("forced", now); }
    /// The topic's broker is reachable (outage ended) or not: positions there cannot be
    /// fetched or committed.
    void setTopicReachable(TopicIndex topic, bool reachable);
    /// A timer set through the TimerSink came due.
    void onTimer(std::uint64_t payload, Time now);

    // ---- positions (handlers) ----
    /// A record taken for processing: its offset and the cursor's generation then.
    struct Fetch {
        std::int64_t offset = 0;
        std::uint32_t generation = 0;
    };
    /// Takes the record at the cursor's position for its owner; false when the cursor is
    /// busy, the group is rebalancing, the topic is unreachable or nothing is left to read.
    bool fetch(CursorIndex cursor, Fetch &out);
    /// The record taken by fetch() ended with `outcome` (nullptr: no outcome yet). A handler
    /// whose `generation` is stale (the partition moved) changes no position or commit.
    void finish(CursorIndex cursor, std::uint32_t generation, std::int64_t offset,
                std::int64_t Ledger::*outcome);
    /// The record taken by fetch() is dropped unprocessed (its member crashed): the cursor is
    /// free again, and whoever owns it next replays the record.
    void abandon(CursorIndex cursor, std::uint32_t generation);
    /// Retention deleted records of the cursor's partition: those no reader holds expire.
    void partitionTrimmed(CursorIndex cursor) {
        if (m_started)
            expireBehind(m_cursors[cursor.at()]);
    }

    // ---- reading ----
    const std::vector<Cursor> &cursors() const { return m_cursors; }
    const Cursor &cursor(CursorIndex c) const { return m_cursors[c.at()]; }
    const std::vector<GroupMember> &members() const { return m_members; }
    const GroupMember &member(MemberIndex m) const { return m_members[m.at()]; }
    int membersUp() const;
    bool rebalancing() const { return m_rebalancing; }
    std::int64_t rebalances() const { return m_rebalances; }
    /// Records never processed because a commit moved past them (at-most-once).
    std::int64_t skipped() const { return m_skipped; }
    /// Deliveries that jumped over an offset neither delivered nor ended (a bug if > 0).
    std::int64_t orderViolations() const { return m_orderViolations; }
    Time lastCommit() const { return m_lastCommit; }
    /// Every current member with its partitions, as the `assignment` event's detail:
    /// `#0 orders[0],orders[1]; #1 orders[2]; #2 -` (members in Kafka's order of member ids,
    /// partitions by topic name then number).
    std::string assignmentText() const;

  private:
    static constexpr unsigned kTimerShift = 30;
    struct Subscription {
        TopicIndex topic;
        std::string name;
        bool reachable = true;
    };

    std::uint64_t payload(Timer timer, std::uint32_t value, std::uint32_t low = 0) const {
        return (std::uint64_t{value} << 32) | (std::uint64_t(timer) << kTimerShift) | low;
    }
    std::string memberName(MemberIndex member) const;
    bool reachable(const Cursor &c) const { return m_subscriptions[c.subscription].reachable; }
    void holdChanged(MemberIndex member, bool wasHeld, Time now);
    void startSilence(MemberIndex member, Time now);
    void onSessionCheck(std::uint64_t payload, Time now);
    void startRebalance(const std::string &reason, Time now);
    void onRebalanceEnd(std::uint32_t epoch, Time now);
    void onCommitTick(Time now);
    void commitHealthyOwners();
    void expireBehind(Cursor &c);
    std::vector<int> assign() const;
    /// Cursor indices ordered by topic name, then partition: the order assignors deal in.
    std::vector<std::size_t> cursorsByTopicName() const;
    /// The slots of the members in the group, ordered as Kafka orders member id strings.
    std::vector<int> membersInKafkaOrder() const;
    void joinWithNewId(GroupMember &m) { m.id = m_nextMemberId++; }
    /// First offset of `log` at or after `from` that a reader may still read.
    static std::int64_t readableFrom(const PartitionLog &log, std::optional<Time> since);

    const model::ConsumerSpec *m_spec;
    std::string m_name;
    GroupIndex m_index;
    TimerSink *m_timers;
    GroupListener *m_listener;
    Ledger *m_ledger;
    Time m_end;

    std::vector<Subscription> m_subscriptions;
    std::vector<Cursor> m_cursors;
    std::vector<GroupMember> m_members;
    int m_nextMemberId = 0;
    bool m_rebalancing = false;
    bool m_started = false;
    bool m_keepsLog = false;
    Time m_rebalanceStart = -1;
    std::uint32_t m_rebalanceEpoch = 0;
    Time m_lastCommit = 0;
    std::int64_t m_rebalances = 0;
    std::int64_t m_skipped = 0;
    std::int64_t m_orderViolations = 0;
};

// The positions are on every message's path: inline.

inline bool GroupCoordinator::fetch(CursorIndex cursor, Fetch &out) {
    Cursor &c = m_cursors[cursor.at()];
    // A rebalance stops the group's partitions only; its queues keep being served.
    if (c.busy || m_rebalancing || !reachable(c))
        return false;
    const PartitionLog &log = *c.log;
    if (c.done < log.startOffset()) {
        expireBehind(c);
        c.done = log.startOffset();
        c.fetched = std::max(c.fetched, c.done);
    }
    if (c.done >= log.endOffset())
        return false;
    if (m_spec->commit == model::ConsumerSpec::Commit::BeforeProcess && c.done >= c.fetched) {
        // At-most-once: the poll's whole batch is committed before any of it is processed.
        c.fetched = std::min(log.endOffset(), c.done + m_spec->maxPollRecords);
        c.committed = c.fetched;
    }
    c.busy = true;
    out.offset = c.done;
    out.generation = c.generation;
    // Per-partition order: a delivery never jumps over an offset that was neither delivered
    // before nor ended (replays going back are redeliveries, which is allowed).
    if (c.done > std::max(c.ended, c.highestDelivered + 1))
        ++m_orderViolations;
    c.highestDelivered = std::max(c.highestDelivered, c.done);
    return true;
}

inline void GroupCoordinator::finish(CursorIndex cursor, std::uint32_t generation,
                                     std::int64_t offset, std::int64_t Ledger::*outcome) {
    Cursor &c = m_cursors[cursor.at()];
    if (outcome && offset >= c.ended) {
        ++(m_ledger->*outcome);
        c.ended = offset + 1;
    }
    // A handler whose partition moved meanwhile is a zombie: its position and commits are
    // rejected, as Kafka rejects commits from an evicted member's old generation.
    if (c.generation == generation) {
        c.busy = false;
        if (c.done == offset)
            c.done = offset + 1;
        if (m_spec->commit == model::ConsumerSpec::Commit::AfterEach && reachable(c))
            c.committed = std::max(c.committed, c.done);
    }
    expireBehind(c);
}

inline void GroupCoordinator::abandon(CursorIndex cursor, std::uint32_t generation) {
    Cursor &c = m_cursors[cursor.at()];
    if (c.generation == generation)
        c.busy = false; // the record stays at `done`: whoever owns it next replays it
}

inline void GroupCoordinator::expireBehind(Cursor &c) {
    const PartitionLog &log = *c.log;
    // A record a handler already holds is not lost to retention: it ends when processed.
    const std::int64_t limit = c.busy ? std::min(log.startOffset(), c.done) : log.startOffset();
    if (c.ended < limit) {
        m_ledger->expired += limit - c.ended;
        c.ended = limit;
    }
}

} // namespace eventbench::sim
