// Compact message storage: the chunked ring, the cold (archived) log, the partition log
// against a plain reference model, and the id set that forgets below a floor.
#include <QtTest>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <set>
#include <vector>

#include "sim/broker/BlockPool.h"
#include "sim/broker/ChunkedRing.h"
#include "sim/broker/ColdLog.h"
#include "sim/broker/IdSet.h"
#include "sim/broker/PartitionLog.h"
#include "sim/kernel/Rng.h"

using namespace eventbench::sim;

namespace {

struct Pod {
    std::uint64_t a;
    std::uint32_t b;
};

// The partition log as a plain vector of whole messages, with the late/out-of-order rule
// written the obvious way (over every retained record).
struct ReferenceLog {
    std::vector<Message> records;
    std::int64_t start = 0;
    std::uint64_t maxId = 0;

    // Returns the offset of the newer record of the same key that made m out of order, or -1.
    std::int64_t append(Message m) {
        std::int64_t newer = -1;
        if (m.id < maxId) {
            m.flags |= Message::kLateAppend;
            for (std::size_t i = records.size(); m.key != 0 && i-- > 0;) {
                const Message &r = records[i];
                if (!(r.flags & Message::kLateAppend) && r.id < m.id)
                    break;
                if (r.key == m.key && r.id > m.id) {
                    m.flags |= Message::kOutOfOrder;
                    newer = start + static_cast<std::int64_t>(i);
                    break;
                }
            }
        }
        maxId = std::max(maxId, m.id);
        records.push_back(m);
        return newer;
    }
    std::int64_t end() const { return start + static_cast<std::int64_t>(records.size()); }
    const Message &at(std::int64_t o) const { return records[static_cast<std::size_t>(o - start)]; }
    void popFront() {
        records.erase(records.begin());
        ++start;
    }
};

bool sameMessage(const Message &a, const Message &b) {
    return a.id == b.id && a.causation == b.causation && a.origin == b.origin &&
           a.stamp == b.stamp && a.key == b.key && a.size == b.size && a.eventType == b.eventType &&
           a.attributes == b.attributes && a.routingKey == b.routingKey &&
           a.schemaVersion == b.schemaVersion && a.flags == b.flags;
}

} // namespace

class TestMessageStorage : public QObject {
    Q_OBJECT
  private slots:
    void blockPoolReusesAndGrows();
    void chunkedRingIndexesAcrossChunks();
    void chunkedRingReusesChunksAtSteadyState();
    void coldLogRoundTripsWithFarDeltas();
    void coldLogForgetsIdsOfOldBlocks();
    void coldLogCountsRecordsItKeeps();
    void partitionLogMatchesReference_data();
    void partitionLogMatchesReference();
    void partitionLogBytesPerRecord();
    void idSetForgetsBelowFloor();
    void idSetStaysSmallWhenSliding();
};

void TestMessageStorage::blockPoolReusesAndGrows() {
    BlockPool pool;
    std::vector<void *> blocks;
    for (int i = 0; i < 200; ++i)
        blocks.push_back(pool.allocate(20480));
    QCOMPARE(std::set<void *>(blocks.begin(), blocks.end()).size(), std::size_t{200});
    for (void *b : blocks) {
        QCOMPARE(reinterpret_cast<std::uintptr_t>(b) % 64, std::uintptr_t{0});
        std::memset(b, 1, 20480);
    }
    // Slabs double from 64 KiB: what is reserved stays within twice what is used.
    const std::size_t reserved = pool.reservedBytes();
    QVERIFY(reserved >= 200 * 20480);
    QVERIFY(reserved <= 2 * 200 * 20480 + BlockPool::kSlabBytes);
    for (void *b : blocks)
        pool.release(b, 20480);
    for (int i = 0; i < 200; ++i)
        pool.allocate(20480);
    QCOMPARE(pool.reservedBytes(), reserved);
    BlockPool small;
    small.allocate(16384);
    QCOMPARE(small.reservedBytes(), BlockPool::kFirstSlabBytes);
}

void TestMessageStorage::chunkedRingIndexesAcrossChunks() {
    ChunkedRing<Pod, 4> ring; // 16 per chunk
    for (std::uint64_t i = 0; i < 100; ++i)
        ring.push_back({i, static_cast<std::uint32_t>(i * 3)});
    QCOMPARE(ring.size(), std::size_t{100});
    for (std::size_t i = 0; i < 100; ++i)
        QCOMPARE(ring[i].a, std::uint64_t{i});
    for (int i = 0; i < 37; ++i)
        ring.pop_front();
    QCOMPARE(ring.front().a, std::uint64_t{37});
    for (std::uint64_t i = 100; i < 300; ++i)
        ring.push_back({i, 0});
    QCOMPARE(ring.size(), std::size_t{263});
    for (std::size_t i = 0; i < ring.size(); ++i)
        QCOMPARE(ring[i].a, std::uint64_t{37 + i});
    while (!ring.empty())
        ring.pop_front();
    ring.push_back({7, 7});
    QCOMPARE(ring[0].a, std::uint64_t{7});
}

void TestMessageStorage::chunkedRingReusesChunksAtSteadyState() {
    ChunkedRing<Pod, 6> ring; // 64 per chunk
    for (std::uint64_t i = 0; i < 1000; ++i)
        ring.push_back({i, 0});
    const std::size_t before = ring.memoryBytes();
    // A FIFO holding 1000 records while 100000 pass through keeps its footprint.
    for (std::uint64_t i = 1000; i < 101000; ++i) {
        ring.pop_front();
        ring.push_back({i, 0});
    }
    QCOMPARE(ring.front().a, std::uint64_t{100000});
    QVERIFY(ring.memoryBytes() <= before + 2 * 64 * sizeof(Pod));
}

void TestMessageStorage::coldLogRoundTripsWithFarDeltas() {
    ColdLog cold;
    std::vector<ColdLog::Record> in;
    Rng rng(5);
    Time stamp = 1000;
    std::uint64_t id = 1u << 20;
    for (int i = 0; i < 5000; ++i) {
        // Mostly small steps; now and then a gap beyond 31 bits of nanoseconds, an id far
        // ahead, or a late record with a much lower id.
        const std::uint64_t pick = rng.below(100);
        stamp += pick == 0 ? (Time{1} << 33) + static_cast<Time>(rng.below(1000))
                           : static_cast<Time>(rng.below(5000));
        const bool farBack = pick == 3 && id > (std::uint64_t{1} << 36);
        const std::uint64_t next = pick == 1   ? id + (std::uint64_t{1} << 40)
                                   : pick == 2 ? id - 900000
                                   : farBack   ? id - (std::uint64_t{1} << 35)
                                               : id + 1 + rng.below(20);
        const bool late = pick == 2 || farBack;
        if (!late)
            id = next;
        in.push_back({stamp, late ? next : id, static_cast<std::uint32_t>(rng.below(50)),
                      static_cast<std::uint32_t>(rng.below(1u << 31) * 2), late});
        cold.push_back(in.back());
    }
    QCOMPARE(cold.size(), in.size());
    std::size_t popped = 0;
    for (int round = 0; round < 4; ++round) {
        std::vector<ColdLog::Record> back;
        cold.scanBack([&](std::uint64_t id, std::uint32_t key, bool late) {
            back.push_back({0, id, key, 0, late});
            return true;
        });
        QCOMPARE(back.size(), in.size() - popped);
        for (std::size_t k = 0; k < back.size(); ++k) {
            const ColdLog::Record &want = in[in.size() - 1 - k];
            QCOMPARE(back[k].id, want.id);
            QCOMPARE(back[k].key, want.key);
            QCOMPARE(back[k].late, want.late);
        }
        for (int k = 0; k < 1100 && !cold.empty(); ++k, ++popped) {
            QCOMPARE(cold.frontStamp(), in[popped].stamp);
            QCOMPARE(cold.frontSize(), in[popped].size);
            cold.pop_front();
        }
    }
    // Stopping early visits only the newest records.
    int visited = 0;
    cold.scanBack([&](std::uint64_t, std::uint32_t, bool) { return ++visited < 3; });
    QCOMPARE(visited, 3);
    QCOMPARE(cold.size(), in.size() - popped);

    while (!cold.empty()) {
        QCOMPARE(cold.frontStamp(), in[popped].stamp);
        cold.pop_front();
        ++popped;
    }
    QCOMPARE(popped, in.size());
}

void TestMessageStorage::coldLogForgetsIdsOfOldBlocks() {
    ColdLog cold;
    std::vector<ColdLog::Record> in;
    Time stamp = 0;
    for (std::uint64_t i = 0; i < 3000; ++i) {
        stamp += i % 7 == 0 ? 3'000'000'000 : 1000; // some gaps beyond 31 bits of nanoseconds
        in.push_back({stamp, 100 + i, static_cast<std::uint32_t>(i % 13),
                      static_cast<std::uint32_t>(i), i % 5 == 0});
        cold.push_back(in.back());
    }
    cold.pop_front();
    const std::size_t before = cold.memoryBytes();
    // Ids 100..1123 are in the first block, 1124..2147 in the second.
    cold.forgetIdsBelow(1124);
    QVERIFY(cold.memoryBytes() < before - 4000);
    int visited = 0;
    cold.scanBack([&](std::uint64_t, std::uint32_t, bool) { return ++visited > 0; });
    QCOMPARE(visited, 3000 - 1024); // the scan stops where the ids were forgotten
    cold.forgetIdsBelow(UINT64_MAX);
    visited = 0;
    cold.scanBack([&](std::uint64_t, std::uint32_t, bool) { return ++visited > 0; });
    QCOMPARE(visited, 3000 - 2048); // the last block is not full: it keeps its ids
    for (std::size_t i = 1; i < in.size(); ++i) {
        QCOMPARE(cold.frontStamp(), in[i].stamp);
        QCOMPARE(cold.frontSize(), in[i].size);
        cold.pop_front();
    }
    QVERIFY(cold.empty());
}

void TestMessageStorage::coldLogCountsRecordsItKeeps() {
    ColdLog cold;
    cold.keepAfter(1'500'000); // records stamped after 1.5 ms are never popped
    std::vector<ColdLog::Record> in;
    const auto push = [&](std::uint64_t n) {
        for (std::uint64_t i = in.size(), end = in.size() + n; i < end; ++i) {
            in.push_back({static_cast<Time>(i) * 1000, i + 1, static_cast<std::uint32_t>(i % 13),
                          static_cast<std::uint32_t>(i), false});
            cold.push_back(in.back());
        }
    };
    push(5000);
    cold.forgetIdsBelow(UINT64_MAX);
    // Blocks 0 and 1 start at or before 1.5 ms and keep stamps and sizes; 2 and 3 are counted
    // (one block); the last, not full, keeps its ids.
    QCOMPARE(cold.size(), std::size_t{5000});
    QVERIFY(cold.memoryBytes() < 2 * 8 * 1024 + 16 * 1024 + 1024);
    int visited = 0;
    cold.scanBack([&](std::uint64_t, std::uint32_t, bool) { return ++visited > 0; });
    QCOMPARE(visited, 5000 - 4096);
    for (std::size_t i = 0; i <= 1500; ++i) {
        QCOMPARE(cold.frontStamp(), in[i].stamp);
        QCOMPARE(cold.frontSize(), in[i].size);
        cold.pop_front();
    }
    QCOMPARE(cold.frontStamp(), in[1501].stamp);
    // More records: the next counted blocks join the counting one, memory stays put.
    const std::size_t before = cold.memoryBytes();
    push(20000);
    cold.forgetIdsBelow(UINT64_MAX);
    QCOMPARE(cold.size(), in.size() - 1501);
    QVERIFY(cold.memoryBytes() <= before);
    visited = 0;
    cold.scanBack([&](std::uint64_t, std::uint32_t, bool) { return ++visited > 0; });
    QCOMPARE(visited, static_cast<int>(in.size() % 1024));
    QCOMPARE(cold.frontStamp(), in[1501].stamp);
}

void TestMessageStorage::partitionLogMatchesReference_data() {
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("lateEvery"); // one late append in this many
    QTest::addColumn<int>("keys");
    QTest::newRow("in order") << 1 << 0 << 100;
    QTest::newRow("some late, few keys") << 2 << 10 << 5;
    QTest::newRow("many late, many keys") << 3 << 3 << 1000;
    QTest::newRow("unkeyed") << 4 << 4 << 0;
}

void TestMessageStorage::partitionLogMatchesReference() {
    QFETCH(int, seed);
    QFETCH(int, lateEvery);
    QFETCH(int, keys);
    Rng rng(static_cast<std::uint64_t>(seed));
    BlockPool pool;
    PartitionLog log;
    if (seed % 2 == 1)
        log.usePool(&pool); // the engine's way; the heap otherwise
    ReferenceLog ref;
    std::int64_t archived = 0; // what the test promised not to read again
    int outOfOrder = 0, outOfOrderByArchived = 0;
    std::uint64_t nextId = 1000;
    Time now = 0;
    for (int step = 0; step < 20000; ++step) {
        now += static_cast<Time>(rng.below(2'000'000));
        Message m;
        const bool late = lateEvery > 0 && rng.below(static_cast<std::uint64_t>(lateEvery)) == 0;
        m.id = late ? nextId - 1 - rng.below(std::min<std::uint64_t>(nextId - 1, 3000)) : ++nextId;
        m.causation = rng.below(4) == 0   ? 0
                      : rng.below(2) == 0 ? m.id - 1 - rng.below(100)
                                          : m.id + 5; // not below the id: kept aside
        m.origin = now - static_cast<Time>(rng.below(1000));
        m.stamp = now;
        m.key = keys > 0 ? static_cast<std::uint32_t>(rng.below(std::uint64_t(keys)) + 1) : 0;
        m.size = static_cast<std::uint32_t>(100 + rng.below(900));
        m.eventType = static_cast<std::uint32_t>(rng.below(3));
        m.attributes = static_cast<std::uint32_t>(rng.below(4));
        m.routingKey = static_cast<std::uint32_t>(rng.below(2));
        m.schemaVersion = static_cast<std::uint16_t>(1 + rng.below(2));
        m.flags = rng.below(10) == 0 ? Message::kPoison : 0;
        const std::int64_t archivedBefore = log.hotStart();
        const std::int64_t offset = log.append(m);
        const std::int64_t newer = ref.append(m);
        outOfOrder += newer >= 0;
        outOfOrderByArchived += newer >= 0 && newer < archivedBefore;
        QCOMPARE(offset, ref.end() - 1);
        QCOMPARE(log.at(offset).flags, ref.at(offset).flags);

        if (rng.below(50) == 0) {
            // A reader moves on: archive part of what lies behind it.
            const auto readable = static_cast<std::uint64_t>(log.endOffset() - log.hotStart());
            archived = std::max(archived, log.hotStart() +
                                              static_cast<std::int64_t>(rng.below(readable + 1)));
            log.archiveBelow(archived);
            QVERIFY(log.hotStart() <= log.endOffset());
        }
        if (rng.below(50) == 0) // late ids come from at most 3000 below the newest
            log.forgetIdsBelow(nextId > 3001 ? nextId - 3001 : 0);
        if (rng.below(100) == 0) {
            const Time retention = static_cast<Time>(rng.below(4'000'000'000));
            const std::int64_t maxBytes = static_cast<std::int64_t>(rng.below(3'000'000)) + 1;
            const bool bySize = rng.below(2) == 0;
            const std::int64_t gone = log.enforceRetention(
                now, retention, bySize ? std::optional<std::int64_t>(maxBytes) : std::nullopt);
            std::int64_t refGone = 0;
            std::int64_t bytes = 0;
            for (const Message &r : ref.records)
                bytes += r.size;
            while (!ref.records.empty() &&
                   (now - ref.records.front().stamp >= retention ||
                    (bySize && bytes > maxBytes && ref.records.size() > 1))) {
                bytes -= ref.records.front().size;
                ref.popFront();
                ++refGone;
            }
            QCOMPARE(gone, refGone);
            QCOMPARE(log.retainedBytes(), bytes);
        }
        QCOMPARE(log.startOffset(), ref.start);
        QCOMPARE(log.endOffset(), ref.end());
        QCOMPARE(log.retained(), ref.records.size());
    }
    if (lateEvery > 0 && keys > 0) {
        // The cases that matter were met: out of order because of an archived record too.
        QVERIFY(outOfOrder > 20);
        QVERIFY(outOfOrderByArchived > 0);
    }
    // Every record not archived reads back whole; minIdFrom matches the reference.
    for (std::int64_t o = log.hotStart(); o < log.endOffset(); ++o)
        QVERIFY2(sameMessage(log.at(o), ref.at(o)), qPrintable(QString::number(o)));
    for (std::int64_t from = log.hotStart(); from <= log.endOffset(); from += 97) {
        std::uint64_t lowest = UINT64_MAX;
        for (std::int64_t o = from; o < ref.end(); ++o)
            lowest = std::min(lowest, ref.at(o).id);
        QCOMPARE(log.minIdFrom(from), lowest);
    }
}

void TestMessageStorage::partitionLogBytesPerRecord() {
    PartitionLog log;
    Message m;
    m.key = 3;
    m.size = 1000;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        m.id = static_cast<std::uint64_t>(i + 1);
        m.causation = i > 0 ? m.id - 1 : 0;
        m.stamp = m.origin = static_cast<Time>(i) * 1000;
        log.append(m);
    }
    // Readable records: 40 bytes each; archived ones: 16, then 8 (plus block headers).
    QVERIFY(static_cast<double>(log.memoryBytes()) / n <= 40.5);
    log.archiveBelow(log.endOffset());
    QCOMPARE(log.hotStart(), log.endOffset());
    QVERIFY(static_cast<double>(log.memoryBytes()) / n <= 16.5);
    log.forgetIdsBelow(n + 1);
    QVERIFY(static_cast<double>(log.memoryBytes()) / n <= 8.5);
    QCOMPARE(log.retained(), std::size_t(n));
}

void TestMessageStorage::idSetForgetsBelowFloor() {
    IdSet set;
    QVERIFY(set.insert(5));
    QVERIFY(!set.insert(5));
    QVERIFY(set.insert(700));
    QVERIFY(set.contains(5));
    QVERIFY(!set.contains(6));
    set.forgetBelow(600);
    QVERIFY(set.contains(700));
    QVERIFY(!set.contains(699));
    QVERIFY(set.insert(10000));
    QVERIFY(set.contains(700));
    QVERIFY(set.contains(10000));
    QVERIFY(!set.contains(9999));
}

void TestMessageStorage::idSetStaysSmallWhenSliding() {
    IdSet set;
    // 10 million ids pass, never more than 100000 of them alive at once.
    for (std::uint64_t id = 1; id <= 10'000'000; ++id) {
        QVERIFY(set.insert(id));
        if (id % 50000 == 0)
            set.forgetBelow(id > 100000 ? id - 100000 : 0);
    }
    QVERIFY(set.contains(10'000'000));
    QVERIFY(set.contains(9'950'001));
    QVERIFY(set.memoryBytes() < 100000); // a bitset of every id would be 1.25 MB
}

QTEST_GUILESS_MAIN(TestMessageStorage)
#include "tst_message_storage.moc"
