// Consumer-group partition assignment: Kafka's RangeAssignor and RoundRobinAssignor layouts,
// and the StickyAssignor goals (balance first, then keep as many previous owners as a
// balanced assignment allows), checked against exact tables and a brute-force optimum.
#include "sim/broker/Assignment.h"

#include <QTest>

#include <algorithm>
#include <cstdint>
#include <random>

using eventbench::sim::AssignmentStrategy;
using eventbench::sim::assignPartitions;
using eventbench::sim::TopicPartitionRef;

Q_DECLARE_METATYPE(AssignmentStrategy)

namespace {

std::vector<TopicPartitionRef> makePartitions(const QList<int> &perTopic) {
    std::vector<TopicPartitionRef> out;
    for (int t = 0; t < perTopic.size(); ++t)
        for (int p = 0; p < perTopic[t]; ++p)
            out.push_back({t, p});
    return out;
}

std::vector<int> toStd(const QList<int> &l) {
    return std::vector<int>(l.begin(), l.end());
}

QList<int> toQt(const std::vector<int> &v) {
    return QList<int>(v.begin(), v.end());
}

bool balanced(const std::vector<int> &owner, const std::vector<int> &members) {
    const std::size_t base = owner.size() / members.size();
    for (int m : members) {
        const auto c = std::size_t(std::count(owner.begin(), owner.end(), m));
        if (c != base && c != base + 1)
            return false;
    }
    return true;
}

int kept(const std::vector<int> &owner, const std::vector<int> &previous) {
    int n = 0;
    for (std::size_t i = 0; i < owner.size(); ++i)
        n += (previous[i] >= 0 && owner[i] == previous[i]) ? 1 : 0;
    return n;
}

// The most previous owners any balanced assignment can keep, by trying every assignment.
int bruteForceMaxKept(std::size_t partitions, const std::vector<int> &members,
                      const std::vector<int> &previous) {
    const std::size_t n = members.size();
    std::vector<std::size_t> digits(partitions, 0);
    std::vector<int> owner(partitions);
    int best = -1;
    while (true) {
        for (std::size_t i = 0; i < partitions; ++i)
            owner[i] = members[digits[i]];
        if (balanced(owner, members))
            best = std::max(best, kept(owner, previous));
        std::size_t i = 0;
        while (i < partitions && ++digits[i] == n)
            digits[i++] = 0;
        if (i == partitions)
            break;
    }
    return best;
}

} // namespace

class TestAssignment : public QObject {
    Q_OBJECT
  private slots:
    void layouts_data() {
        QTest::addColumn<AssignmentStrategy>("strategy");
        QTest::addColumn<QList<int>>("partitionsPerTopic");
        QTest::addColumn<QList<int>>("members");
        QTest::addColumn<QList<int>>("previous");
        QTest::addColumn<QList<int>>("expected");
        const auto R = AssignmentStrategy::Range;
        const auto RR = AssignmentStrategy::RoundRobin;
        const auto S = AssignmentStrategy::Sticky;

        QTest::newRow("range 6p 4m") << R << QList<int>{6} << QList<int>{0, 1, 2, 3} << QList<int>{}
                                     << QList<int>{0, 0, 1, 1, 2, 3};
        QTest::newRow("range 6p 3m") << R << QList<int>{6} << QList<int>{0, 1, 2} << QList<int>{}
                                     << QList<int>{0, 0, 1, 1, 2, 2};
        QTest::newRow("range 3p 5m: members 3,4 idle")
            << R << QList<int>{3} << QList<int>{0, 1, 2, 3, 4} << QList<int>{}
            << QList<int>{0, 1, 2};
        QTest::newRow("range 7p ids 3,7,9") << R << QList<int>{7} << QList<int>{3, 7, 9}
                                            << QList<int>{} << QList<int>{3, 3, 3, 7, 7, 9, 9};
        // Range works per topic, so the first member gets the extra partition of each topic.
        QTest::newRow("range 2 topics 3p+3p 2m") << R << QList<int>{3, 3} << QList<int>{0, 1}
                                                 << QList<int>{} << QList<int>{0, 0, 1, 0, 0, 1};
        QTest::newRow("range 2 topics 3p+2p 2m") << R << QList<int>{3, 2} << QList<int>{0, 1}
                                                 << QList<int>{} << QList<int>{0, 0, 1, 0, 1};
        QTest::newRow("range 1 member")
            << R << QList<int>{4} << QList<int>{5} << QList<int>{} << QList<int>{5, 5, 5, 5};
        QTest::newRow("range no members")
            << R << QList<int>{3} << QList<int>{} << QList<int>{} << QList<int>{-1, -1, -1};
        QTest::newRow("range no partitions")
            << R << QList<int>{} << QList<int>{0, 1} << QList<int>{} << QList<int>{};

        QTest::newRow("roundrobin 6p 4m") << RR << QList<int>{6} << QList<int>{0, 1, 2, 3}
                                          << QList<int>{} << QList<int>{0, 1, 2, 3, 0, 1};
        // Round robin deals across topic boundaries, so 3p+3p over 2 members is 3/3.
        QTest::newRow("roundrobin 2 topics 3p+3p 2m")
            << RR << QList<int>{3, 3} << QList<int>{0, 1} << QList<int>{}
            << QList<int>{0, 1, 0, 1, 0, 1};
        QTest::newRow("roundrobin 2 topics 3p+2p 3m ids 2,4,8")
            << RR << QList<int>{3, 2} << QList<int>{2, 4, 8} << QList<int>{}
            << QList<int>{2, 4, 8, 2, 4};
        QTest::newRow("roundrobin 2p 4m: 2 idle")
            << RR << QList<int>{2} << QList<int>{0, 1, 2, 3} << QList<int>{} << QList<int>{0, 1};
        QTest::newRow("roundrobin no members")
            << RR << QList<int>{2} << QList<int>{} << QList<int>{} << QList<int>{-1, -1};

        QTest::newRow("sticky fresh 6p 4m")
            << S << QList<int>{6} << QList<int>{0, 1, 2, 3} << QList<int>{-1, -1, -1, -1, -1, -1}
            << QList<int>{0, 1, 2, 3, 0, 1};
        QTest::newRow("sticky fresh, previous omitted")
            << S << QList<int>{3} << QList<int>{0, 1} << QList<int>{} << QList<int>{0, 1, 0};
        // Member 2 leaves: only its partitions 4 and 5 move.
        QTest::newRow("sticky member loss")
            << S << QList<int>{6} << QList<int>{0, 1} << QList<int>{0, 0, 1, 1, 2, 2}
            << QList<int>{0, 0, 1, 1, 0, 1};
        // Member 2 joins: it takes exactly two partitions, one from each old member.
        QTest::newRow("sticky member join")
            << S << QList<int>{6} << QList<int>{0, 1, 2} << QList<int>{0, 0, 0, 1, 1, 1}
            << QList<int>{0, 0, 2, 1, 1, 2};
        QTest::newRow("sticky rebalance skewed owner")
            << S << QList<int>{6} << QList<int>{0, 1} << QList<int>{0, 0, 0, 0, 0, 1}
            << QList<int>{0, 0, 0, 1, 1, 1};
        // 7 over 3: one ceil slot; members 0 and 1 both owned more than 2, the lower id keeps 3.
        QTest::newRow("sticky ceil slot")
            << S << QList<int>{7} << QList<int>{0, 1, 2} << QList<int>{0, 0, 0, 1, 1, 1, 1}
            << QList<int>{0, 0, 0, 1, 1, 2, 2};
        // Topic 1 is new (no owners); the owned partitions of topic 0 all stay.
        QTest::newRow("sticky new topic") << S << QList<int>{2, 2} << QList<int>{4, 9}
                                          << QList<int>{9, 4, -1, -1} << QList<int>{9, 4, 4, 9};
        // Previous owners 5 and 6 are gone; live member 3 keeps its own two. Kafka's
        // AbstractStickyAssignor fills member 1 (below the floor of 2) first, then gives the one
        // partition above the floor to the first member that reached the floor: member 3.
        QTest::newRow("sticky dead owners")
            << S << QList<int>{5} << QList<int>{1, 3} << QList<int>{5, 3, 6, 3, 5}
            << QList<int>{1, 3, 1, 3, 3};
        QTest::newRow("sticky 3p 5m: two idle") << S << QList<int>{3} << QList<int>{0, 1, 2, 3, 4}
                                                << QList<int>{4, 4, 4} << QList<int>{4, 0, 1};
        QTest::newRow("sticky no members")
            << S << QList<int>{2} << QList<int>{} << QList<int>{0, 1} << QList<int>{-1, -1};
    }

    void layouts() {
        QFETCH(AssignmentStrategy, strategy);
        QFETCH(QList<int>, partitionsPerTopic);
        QFETCH(QList<int>, members);
        QFETCH(QList<int>, previous);
        QFETCH(QList<int>, expected);
        const auto got = assignPartitions(strategy, makePartitions(partitionsPerTopic),
                                          toStd(members), toStd(previous));
        QCOMPARE(toQt(got), expected);
    }

    // Random member changes: Sticky is always balanced, keeps exactly as many owners as the
    // brute-force optimum, and Range/RoundRobin are balanced for one topic too.
    void stickyIsBalancedAndOptimal() {
        std::mt19937 rng(20240611);
        for (int trial = 0; trial < 200; ++trial) {
            const std::size_t partitions = 1 + rng() % 6;
            std::vector<int> members;
            for (int id = 0; id < 5; ++id)
                if (rng() % 2)
                    members.push_back(id);
            if (members.empty())
                members.push_back(int(rng() % 5));
            std::vector<int> previous(partitions);
            for (int &o : previous)
                o = int(rng() % 7) - 1; // -1 .. 5: none, live or departed owners

            std::vector<TopicPartitionRef> refs;
            for (std::size_t p = 0; p < partitions; ++p)
                refs.push_back({0, int(p)});
            const auto sticky =
                assignPartitions(AssignmentStrategy::Sticky, refs, members, previous);
            QVERIFY(balanced(sticky, members));
            QCOMPARE(kept(sticky, previous), bruteForceMaxKept(partitions, members, previous));
            QCOMPARE(assignPartitions(AssignmentStrategy::Sticky, refs, members, previous),
                     sticky); // deterministic
            QVERIFY(
                balanced(assignPartitions(AssignmentStrategy::Range, refs, members, {}), members));
            QVERIFY(balanced(assignPartitions(AssignmentStrategy::RoundRobin, refs, members, {}),
                             members));
        }
    }

    // A rolling loss of members 11 -> 1 over 12 partitions: each step moves only the
    // partitions of the member that left, i.e. the minimum.
    void stickyMovesOnlyOrphans() {
        std::vector<TopicPartitionRef> refs;
        for (int p = 0; p < 12; ++p)
            refs.push_back({0, p});
        std::vector<int> members{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        auto owner = assignPartitions(AssignmentStrategy::Sticky, refs, members, {});
        QCOMPARE(toQt(owner), (QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));
        while (members.size() > 1) {
            const int lost = members.back();
            members.pop_back();
            const auto orphans = std::count(owner.begin(), owner.end(), lost);
            const auto next = assignPartitions(AssignmentStrategy::Sticky, refs, members, owner);
            QVERIFY(balanced(next, members));
            QCOMPARE(kept(next, owner), int(12 - orphans));
            owner = next;
        }
        QCOMPARE(toQt(owner), QList<int>(12, 0));
    }
};

QTEST_GUILESS_MAIN(TestAssignment)
#include "tst_assignment.moc"
