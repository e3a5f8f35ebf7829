// The consumer-group coordinator on its own, driven by hand: "now" is passed in and its timers
// are collected and fired in time order. Membership (join, leave, crash, pause, isolate) and
// the rebalance session_timeout later, rebalance_time stopping the group's partitions, the
// three commit modes, generations that reject a zombie's position, and the ledger's skipped
// and expired records.
#include "sim/broker/GroupCoordinator.h"

#include <QTest>

#include <algorithm>
#include <string>
#include <vector>

using namespace eventbench;
using sim::CursorIndex;
using sim::GroupCoordinator;
using sim::GroupIndex;
using sim::MemberIndex;
using sim::Time;
using Commit = model::ConsumerSpec::Commit;

namespace {

constexpr Time kSecond = model::kNanosPerSecond;

struct Timer {
    Time at;
    std::uint32_t target;
    std::uint64_t payload;
};

/// Collects timers; fire() hands them back in (time, order set) order, as the engine does.
struct Timers final : sim::TimerSink {
    std::vector<Timer> pending;
    void wakeAt(Time at, std::uint32_t target, std::uint64_t payload) override {
        pending.push_back({at, target, payload});
    }
    int count(GroupCoordinator::Timer kind) const {
        return static_cast<int>(std::count_if(pending.begin(), pending.end(), [&](const Timer &t) {
            return GroupCoordinator::timerOf(t.payload) == kind;
        }));
    }
};

/// Records what the coordinator tells the engine.
struct Listener final : sim::GroupListener {
    QStringList events; // "event: detail"
    std::vector<std::uint32_t> released;
    int ready = 0;
    void groupEvent(GroupIndex group, const char *event, const std::string &detail) override {
        QCOMPARE(group.value, 7U);
        events << QString::fromStdString(std::string(event) + ": " + detail);
    }
    void memberReleased(GroupIndex, MemberIndex member) override {
        released.push_back(member.value);
    }
    void groupReady(GroupIndex) override { ++ready; }
};

/// One group of `members` reading one topic of `partitions` partitions, each holding
/// `records` records.
struct Fixture {
    model::ConsumerSpec spec;
    std::vector<sim::PartitionLog> partitions;
    Timers timers;
    Listener listener;
    sim::Ledger ledger;
    std::unique_ptr<GroupCoordinator> group;
    Time now = 0;

    Fixture(int members, int partitionCount, int records, Commit commit,
            Time end = 1000 * kSecond) {
        spec.instances = members;
        spec.commit = commit;
        spec.sessionTimeout = 10 * kSecond;
        spec.rebalanceTime = 3 * kSecond;
        spec.commitInterval = 5 * kSecond;
        spec.maxPollRecords = 4;
        // The logs are filled before the group starts: it reads them from the start.
        spec.start = model::ConsumerSpec::Start::Earliest;
        partitions.resize(static_cast<std::size_t>(partitionCount));
        std::uint64_t id = 0;
        for (auto &log : partitions)
            for (int r = 0; r < records; ++r) {
                sim::Message m;
                m.id = ++id;
                log.append(m);
            }
        group = std::make_unique<GroupCoordinator>(spec, "g", GroupIndex(7U), &timers, &listener,
                                                   &ledger, end);
        group->subscribe(sim::TopicIndex(0U), "t", partitions);
        group->start(0);
        startEvents = listener.events;
        listener.events.clear();
    }

    QStringList startEvents; // what start() logged (the first assignment)

    /// Fires every timer due up to `until`, earliest first (ties in the order they were set).
    void advance(Time until) {
        for (;;) {
            auto next = timers.pending.end();
            for (auto it = timers.pending.begin(); it != timers.pending.end(); ++it)
                if (it->at <= until && (next == timers.pending.end() || it->at < next->at))
                    next = it;
            if (next == timers.pending.end())
                break;
            const Timer t = *next;
            timers.pending.erase(next);
            QCOMPARE(t.target, 7U);
            now = t.at;
            group->onTimer(t.payload, now);
        }
        now = until;
    }

    std::vector<std::uint32_t> owned(std::uint32_t member) const {
        std::vector<std::uint32_t> out;
        for (CursorIndex c : group->member(MemberIndex(member)).cursors)
            out.push_back(c.value);
        return out;
    }

    /// Takes and ends the next record of `cursor` with `completed`; returns its offset.
    std::int64_t process(std::uint32_t cursor) {
        GroupCoordinator::Fetch f;
        if (!group->fetch(CursorIndex(cursor), f))
            return -1;
        group->finish(CursorIndex(cursor), f.generation, f.offset, &sim::Ledger::completed);
        return f.offset;
    }
};

using Owners = std::vector<std::uint32_t>;

} // namespace

class TestGroupCoordinator : public QObject {
    Q_OBJECT
  private slots:
    void startAssignsAndArmsTheCommitTimer() {
        Fixture f(2, 4, 3, Commit::Auto);
        QCOMPARE(f.owned(0), (Owners{0, 1})); // range: consecutive halves
        QCOMPARE(f.owned(1), (Owners{2, 3}));
        QCOMPARE(f.group->cursor(CursorIndex(2U)).owner, 1);
        QCOMPARE(f.timers.pending.size(), std::size_t(1));
        QCOMPARE(f.timers.pending[0].at, 5 * kSecond);
        QVERIFY(GroupCoordinator::timerOf(f.timers.pending[0].payload) ==
                GroupCoordinator::Timer::CommitTick);
        QCOMPARE(f.startEvents, QStringList{"assignment: #0 t[0],t[1]; #1 t[2],t[3]"});
        QVERIFY(f.listener.events.isEmpty());
        // Other commit modes need no timer.
        Fixture g(2, 4, 3, Commit::AfterEach);
        QVERIFY(g.timers.pending.empty());
    }

    void crashRebalancesAfterSessionTimeout() {
        Fixture f(2, 4, 3, Commit::AfterEach);
        f.advance(1 * kSecond);
        f.group->crash(MemberIndex(1U), f.now);
        QCOMPARE(f.listener.events, QStringList{"crash: g#1"});
        QCOMPARE(f.group->membersUp(), 1);
        // Its partitions wait for it until session_timeout: nobody else reads them.
        QCOMPARE(f.owned(1), (Owners{2, 3}));
        f.advance(10 * kSecond);
        QVERIFY(!f.group->rebalancing());
        f.advance(11 * kSecond);
        QCOMPARE(f.listener.events,
                 (QStringList{"crash: g#1", "evicted: g#1 missed heartbeats for session_timeout",
                              "rebalance_started: member #1 evicted"}));
        QVERIFY(f.group->rebalancing());
        QCOMPARE(f.group->rebalances(), std::int64_t(1));
        // rebalance_time stops every partition of the group, the survivor's too.
        GroupCoordinator::Fetch fetch;
        QVERIFY(!f.group->fetch(CursorIndex(0U), fetch));
        f.advance(14 * kSecond - 1);
        QVERIFY(f.group->rebalancing());
        QCOMPARE(f.listener.ready, 0);
        f.advance(14 * kSecond);
        QVERIFY(!f.group->rebalancing());
        QCOMPARE(f.listener.events.mid(f.listener.events.size() - 2),
                 (QStringList{"rebalance_done: 1 members; moved 2: t[2]:1->0 t[3]:1->0",
                              "assignment: #0 t[0],t[1],t[2],t[3]"}));
        QCOMPARE(f.owned(0), (Owners{0, 1, 2, 3}));
        QCOMPARE(f.owned(1), Owners{});
        QCOMPARE(f.listener.ready, 1);
        QCOMPARE(f.process(2), std::int64_t(0));
    }

    // Issue 15's case: a group reading topic2 then topic1 (3 partitions each), 2 members,
    // round robin. Kafka's RoundRobinAssignor deals in topic-name order: #0 gets topic1-0,
    // topic1-2 and topic2-1 whatever the order of subscription.
    void roundRobinDealsInTopicNameOrder() {
        model::ConsumerSpec spec;
        spec.instances = 2;
        spec.assignment = model::ConsumerSpec::Assignment::RoundRobin;
        std::vector<sim::PartitionLog> topic1(3), topic2(3);
        Timers timers;
        Listener listener;
        sim::Ledger ledger;
        GroupCoordinator group(spec, "g", GroupIndex(7U), &timers, &listener, &ledger,
                               100 * kSecond);
        group.subscribe(sim::TopicIndex(0U), "topic2", topic2);
        group.subscribe(sim::TopicIndex(1U), "topic1", topic1);
        group.start(0);
        QCOMPARE(listener.events, QStringList{"assignment: #0 topic1[0],topic1[2],topic2[1]; "
                                              "#1 topic1[1],topic2[0],topic2[2]"});
        QCOMPARE(group.cursor(CursorIndex(4U)).owner, 1); // topic1[1] is cursor 4
        QCOMPARE(group.cursor(CursorIndex(3U)).owner, 0); // topic1[0]
    }

    void restartWithinTheSessionJoinsAtOnce() {
        Fixture f(2, 4, 3, Commit::AfterEach);
        f.group->crash(MemberIndex(1U), 0);
        f.advance(4 * kSecond);
        f.group->restart(MemberIndex(1U), f.now);
        // It joins as a new member, #2: the partitions of the old #1 move to it.
        QCOMPARE(f.listener.events.mid(1),
                 (QStringList{"restart: g#2", "rebalance_started: member #2 joined"}));
        f.advance(7 * kSecond);
        QCOMPARE(f.listener.events.mid(3),
                 (QStringList{"rebalance_done: 2 members; moved 2: t[2]:1->2 t[3]:1->2",
                              "assignment: #0 t[0],t[1]; #2 t[2],t[3]"}));
        // The session check set by the crash is stale: no eviction, no second rebalance.
        f.advance(100 * kSecond);
        QCOMPARE(f.group->rebalances(), std::int64_t(1));
        QVERIFY(!f.listener.events.join("|").contains("evicted"));
        QCOMPARE(f.owned(1), (Owners{2, 3}));
    }

    void pauseLeavesAndResumeRejoins() {
        Fixture f(2, 2, 3, Commit::AfterEach);
        f.group->setPaused(MemberIndex(0U), true, 0);
        f.group->setPaused(MemberIndex(0U), true, 0); // already paused: nothing
        QCOMPARE(f.listener.events, QStringList{"pause: g#0"});
        f.advance(13 * kSecond);
        QVERIFY(!f.group->member(MemberIndex(0U)).inGroup);
        QCOMPARE(f.owned(1), (Owners{0, 1}));
        f.group->setPaused(MemberIndex(0U), false, f.now);
        QCOMPARE(f.listener.released, std::vector<std::uint32_t>{0});
        // Evicted, it rejoins as a new member, #2, which sorts after #1.
        QCOMPARE(f.listener.events.last(), QString("rebalance_started: member #2 rejoined"));
        f.advance(16 * kSecond);
        QCOMPARE(f.listener.events.last(), QString("assignment: #1 t[0]; #2 t[1]"));
        QCOMPARE(f.owned(0), Owners{1});
        QCOMPARE(f.owned(1), Owners{0});
        QCOMPARE(f.group->rebalances(), std::int64_t(2));
    }

    void shortIsolationNeedsNoRebalance() {
        Fixture f(2, 2, 3, Commit::AfterEach);
        f.group->setIsolated(MemberIndex(1U), true, 0);
        f.group->setPaused(MemberIndex(1U), true, 0); // held already: no second silence
        f.advance(5 * kSecond);
        f.group->setIsolated(MemberIndex(1U), false, f.now);
        QCOMPARE(f.listener.ready, 0); // still paused
        f.group->setPaused(MemberIndex(1U), false, f.now);
        QCOMPARE(f.listener.released, std::vector<std::uint32_t>{1});
        QCOMPARE(f.listener.ready, 1);
        f.advance(100 * kSecond);
        QCOMPARE(f.group->rebalances(), std::int64_t(0));
        QCOMPARE(f.listener.events,
                 (QStringList{"isolated: g#1", "pause: g#1", "reconnected: g#1", "resume: g#1"}));
    }

    void aRebalanceDuringARebalanceRestartsIt() {
        Fixture f(2, 2, 3, Commit::AfterEach);
        f.group->forceRebalance(0);
        f.advance(2 * kSecond);
        f.group->forceRebalance(f.now);
        f.advance(3 * kSecond);
        QVERIFY(f.group->rebalancing()); // the first end is stale
        f.advance(5 * kSecond);
        QVERIFY(!f.group->rebalancing());
        QCOMPARE(f.group->rebalances(), std::int64_t(2));
        QCOMPARE(f.listener.ready, 1);
        QCOMPARE(f.timers.count(GroupCoordinator::Timer::RebalanceEnd), 0);
    }

    void afterEachCommitsEveryRecord() {
        Fixture f(1, 1, 5, Commit::AfterEach);
        QCOMPARE(f.process(0), std::int64_t(0));
        QCOMPARE(f.process(0), std::int64_t(1));
        QCOMPARE(f.group->cursor(CursorIndex(0U)).committed, std::int64_t(2));
        QCOMPARE(f.ledger.completed, std::int64_t(2));
        // Unreachable, nothing is fetched or committed; then it goes on.
        f.group->setTopicReachable(sim::TopicIndex(0U), false);
        GroupCoordinator::Fetch fetch;
        QVERIFY(!f.group->fetch(CursorIndex(0U), fetch));
        f.group->setTopicReachable(sim::TopicIndex(0U), true);
        QVERIFY(f.group->fetch(CursorIndex(0U), fetch));
        QVERIFY(!f.group->fetch(CursorIndex(0U), fetch)); // busy
        f.group->setTopicReachable(sim::TopicIndex(0U), false);
        f.group->finish(CursorIndex(0U), fetch.generation, fetch.offset, &sim::Ledger::completed);
        QCOMPARE(f.group->cursor(CursorIndex(0U)).done, std::int64_t(3));
        QCOMPARE(f.group->cursor(CursorIndex(0U)).committed, std::int64_t(2));
    }

    void autoCommitsOnTheTick() {
        Fixture f(1, 1, 5, Commit::Auto);
        f.process(0);
        f.process(0);
        QCOMPARE(f.group->cursor(CursorIndex(0U)).committed, std::int64_t(0));
        f.advance(5 * kSecond);
        QCOMPARE(f.group->cursor(CursorIndex(0U)).committed, std::int64_t(2));
        QCOMPARE(f.group->lastCommit(), 5 * kSecond);
        f.process(0);
        f.advance(9 * kSecond);
        QCOMPARE(f.group->cursor(CursorIndex(0U)).committed, std::int64_t(2));
        f.advance(10 * kSecond);
        QCOMPARE(f.group->cursor(CursorIndex(0U)).committed, std::int64_t(3));
        // No tick is set past the end of the run.
        Fixture g(1, 1, 5, Commit::Auto, 12 * kSecond);
        g.advance(12 * kSecond);
        QVERIFY(g.timers.pending.empty());
        QCOMPARE(g.group->lastCommit(), 10 * kSecond);
    }

    // A crash before the tick: the new owner resumes from the commit and replays the rest.
    void autoCommitReplaysAfterACrash() {
        Fixture f(2, 2, 5, Commit::Auto);
        f.process(1);
        f.process(1);
        f.advance(5 * kSecond);
        f.process(1);
        GroupCoordinator::Fetch held;
        QVERIFY(f.group->fetch(CursorIndex(1U), held)); // offset 3, in a handler's hands
        f.group->crash(MemberIndex(1U), f.now);
        f.group->abandon(CursorIndex(1U), held.generation);
        f.advance(18 * kSecond);
        const sim::Cursor &c = f.group->cursor(CursorIndex(1U));
        QCOMPARE(c.owner, 0);
        QCOMPARE(c.generation, 1U);
        QCOMPARE(c.done, std::int64_t(2)); // offset 2 again: a duplicate
        QCOMPARE(c.ended, std::int64_t(3));
        QCOMPARE(f.process(1), std::int64_t(2));
        QCOMPARE(f.ledger.completed, std::int64_t(3)); // offset 2 ended once only
        QCOMPARE(f.group->skipped(), std::int64_t(0));
        QCOMPARE(f.group->orderViolations(), std::int64_t(0));
    }

    // A zombie (its partition moved meanwhile) ends its record but moves no position.
    void staleGenerationIsRejected() {
        Fixture f(2, 2, 5, Commit::AfterEach);
        GroupCoordinator::Fetch zombie;
        QVERIFY(f.group->fetch(CursorIndex(1U), zombie));
        f.group->setPaused(MemberIndex(1U), true, 0);
        f.advance(13 * kSecond);
        const sim::Cursor &c = f.group->cursor(CursorIndex(1U));
        QCOMPARE(c.owner, 0);
        QCOMPARE(c.generation, zombie.generation + 1);
        QVERIFY(!c.busy);
        f.group->finish(CursorIndex(1U), zombie.generation, zombie.offset, &sim::Ledger::completed);
        QCOMPARE(c.done, std::int64_t(0));
        QCOMPARE(c.committed, std::int64_t(0));
        QCOMPARE(c.ended, std::int64_t(1));
        QCOMPARE(f.ledger.completed, std::int64_t(1));
        QCOMPARE(f.process(1), std::int64_t(0)); // the replay
        QCOMPARE(f.ledger.completed, std::int64_t(1));
        QCOMPARE(c.committed, std::int64_t(1));
    }

    // before_process commits a whole poll first: a crash skips what was never processed.
    void beforeProcessSkipsAfterACrash() {
        Fixture f(2, 2, 10, Commit::BeforeProcess);
        GroupCoordinator::Fetch fetch;
        QVERIFY(f.group->fetch(CursorIndex(1U), fetch));
        const sim::Cursor &c = f.group->cursor(CursorIndex(1U));
        QCOMPARE(c.committed, std::int64_t(4)); // max_poll_records
        QCOMPARE(c.fetched, std::int64_t(4));
        f.group->finish(CursorIndex(1U), fetch.generation, fetch.offset, &sim::Ledger::completed);
        QCOMPARE(c.committed, std::int64_t(4));
        QCOMPARE(f.process(1), std::int64_t(1));
        f.group->crash(MemberIndex(1U), 0);
        f.advance(13 * kSecond);
        QCOMPARE(c.owner, 0);
        QCOMPARE(c.done, std::int64_t(4));
        QCOMPARE(f.group->skipped(), std::int64_t(2)); // offsets 2 and 3
        QCOMPARE(f.ledger.skipped, std::int64_t(2));
        QCOMPARE(f.process(1), std::int64_t(4));
        QCOMPARE(c.committed, std::int64_t(8)); // the next poll
    }

    void retentionExpiresWhatNobodyHolds() {
        Fixture f(1, 1, 5, Commit::AfterEach);
        GroupCoordinator::Fetch fetch;
        QVERIFY(f.group->fetch(CursorIndex(0U), fetch));
        f.partitions[0].enforceRetention(100 * kSecond, 1, std::nullopt); // deletes all 5
        f.group->partitionTrimmed(CursorIndex(0U));
        QCOMPARE(f.ledger.expired, std::int64_t(0)); // offset 0 is held: it ends when done
        f.group->finish(CursorIndex(0U), fetch.generation, fetch.offset, &sim::Ledger::completed);
        QCOMPARE(f.ledger.completed, std::int64_t(1));
        QCOMPARE(f.ledger.expired, std::int64_t(4));
        QVERIFY(!f.group->fetch(CursorIndex(0U), fetch));
    }
};

QTEST_GUILESS_MAIN(TestGroupCoordinator)
#include "tst_group_coordinator.moc"
