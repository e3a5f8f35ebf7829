// Kafka default-partitioner compatibility: kafkaMurmur2 (model/routing/Murmur2.h, the one copy
// the simulator and the capacity model share) must return Kafka's exact values and
// kafkaPartition the partition Kafka's producer would pick.
//
// Where the numbers come from:
//  [K] Apache Kafka's own test vectors: UtilsTest.testMurmur2 in
//      clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java ("21", "foobar",
//      "a-little-bit-long-string", "a-little-bit-longer-string", "lkjh234l...89h8", {'a','b','c'}).
//      The hashes are Kafka's; their partitions were computed by [J].
//  [J] An independent computation: a throwaway Java 17 program (KafkaMurmur2Table.java) that
//      re-types Utils.murmur2 and Utils.toPositive line by line from Kafka's Utils.java
//      (clients/src/main/java/org/apache/kafka/common/utils/Utils.java), hashing
//      String.getBytes(UTF_8) and printing murmur2, toPositive(h) % 3, % 6 and % 12. It
//      reproduces all six [K] vectors before we trust its other rows.
#include "model/routing/Murmur2.h"

#include <QTest>

#include <array>
#include <string>
#include <vector>

using eventbench::model::kafkaMurmur2;
using eventbench::model::kafkaPartition;

namespace {

struct Row {
    const char *tag;
    const char *bytes;
    int length;
    std::int32_t hash;
    int p3, p6, p12;
};

// clang-format off
constexpr Row kRows[] = {
    // [K] Kafka UtilsTest.testMurmur2
    {"K 21", "21", 2, -973932308, 0, 0, 0},
    {"K foobar", "foobar", 6, -790332482, 0, 0, 6},
    {"K a-little-bit-long-string", "a-little-bit-long-string", 24, -985981536, 2, 2, 8},
    {"K a-little-bit-longer-string", "a-little-bit-longer-string", 26, -1486304829, 2, 5, 11},
    {"K lkjh234...", "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", 48, -58897971, 2, 5, 5},
    {"K abc", "abc", 3, 479470107, 0, 3, 3},
    // [J] lengths 0..8: every tail case (length % 4 = 0,1,2,3) with 0, 1 and 2 full blocks
    {"J len0", "", 0, 275646681, 0, 3, 9},
    {"J len1", "a", 1, -1563381124, 1, 4, 4},
    {"J len2", "ab", 2, 316155434, 2, 2, 2},
    {"J len3", "abc", 3, 479470107, 0, 3, 3},
    {"J len4", "abcd", 4, -1323649548, 2, 2, 8},
    {"J len5", "abcde", 5, 461995741, 1, 1, 1},
    {"J len6", "abcdef", 6, 1870650108, 0, 0, 0},
    {"J len7", "abcdefg", 7, -346467175, 1, 1, 1},
    {"J len8", "abcdefgh", 8, -955427363, 0, 3, 9},
    {"J order-42", "order-42", 8, 501153024, 0, 0, 0},
    {"J hello", "hello", 5, 2132663229, 0, 3, 9},
    // [J] non-ASCII UTF-8 (bytes >= 0x80 in blocks and in tails: Java's `& 0xff` matters)
    {"J e-acute", "\xc3\xa9", 2, 186971271, 0, 3, 3},
    {"J ete", "\xc3\xa9t\xc3\xa9", 5, -2101193575, 1, 1, 1},
    {"J nihon", "\xe6\x97\xa5\xe6\x9c\xac", 6, -700811021, 0, 3, 3},
    {"J klyuch", "\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87", 8, 2122343024, 2, 2, 8},
    {"J naive-euro", "na\xc3\xafve-\xe2\x82\xac", 10, -1112055438, 2, 2, 2},
    {"J key-emoji", "\xf0\x9f\x94\x91", 4, 2080712807, 2, 5, 11},
    {"J key-emoji-k", "\xf0\x9f\x94\x91k", 5, -1184535137, 0, 3, 3},
    {"J y-umlaut x3", "\xc3\xbf\xc3\xbf\xc3\xbf", 6, -1764751655, 0, 3, 9},
    // [J] raw bytes
    {"J ff", "\xff", 1, -311467685, 0, 3, 3},
    {"J 80ff", "\x80\xff", 2, -80095470, 2, 2, 2},
    {"J fffefd", "\xff\xfe\xfd", 3, 998637092, 2, 2, 8},
    {"J ffffffff", "\xff\xff\xff\xff", 4, 644171429, 2, 5, 5},
    {"J 5 NULs", "\0\0\0\0\0", 5, 263274959, 2, 5, 11},
    // [J] eventbench producer keys
    {"J key-0", "key-0", 5, 29210041, 1, 1, 1},
    {"J key-1", "key-1", 5, 193331640, 0, 0, 0},
    {"J key-2", "key-2", 5, 852269702, 2, 2, 2},
    {"J key-3", "key-3", 5, -1839136101, 2, 5, 11},
    {"J key-4", "key-4", 5, 647367033, 0, 3, 9},
    {"J key-5", "key-5", 5, -1698326880, 2, 2, 8},
    {"J key-6", "key-6", 5, -758453868, 2, 2, 8},
    {"J key-7", "key-7", 5, 713419675, 1, 1, 7},
    {"J key-8", "key-8", 5, -1340033413, 1, 1, 7},
    {"J key-9", "key-9", 5, -1335190451, 0, 3, 9},
    {"J key-10", "key-10", 6, 1368331310, 2, 2, 2},
    {"J key-11", "key-11", 6, 159536065, 1, 1, 1},
    {"J key-12", "key-12", 6, 217931240, 2, 2, 8},
    {"J key-13", "key-13", 6, 1711107085, 1, 1, 1},
    {"J key-14", "key-14", 6, -1669560592, 1, 4, 4},
    {"J key-15", "key-15", 6, 294428499, 0, 3, 3},
    {"J key-16", "key-16", 6, -2035047247, 1, 1, 1},
    {"J key-17", "key-17", 6, 956945460, 0, 0, 0},
    {"J key-18", "key-18", 6, 1853115137, 2, 5, 5},
    {"J key-19", "key-19", 6, -1594098818, 0, 0, 6},
    {"J key-99", "key-99", 6, -876232990, 1, 4, 10},
    {"J key-100", "key-100", 7, -1916771722, 1, 4, 10},
    {"J key-999", "key-999", 7, -1349681240, 0, 0, 0},
    {"J key-1000", "key-1000", 8, -1903456244, 0, 0, 0},
    {"J key-4095", "key-4095", 8, -1464624240, 2, 2, 8},
    {"J key-12345", "key-12345", 9, -952703915, 0, 3, 9},
    {"J key-65535", "key-65535", 9, 54453728, 2, 2, 8},
    {"J key-999999", "key-999999", 10, 1331113124, 2, 2, 8},
};
// clang-format on

} // namespace

class TestMurmur2 : public QObject {
    Q_OBJECT
  private slots:
    void hashAndPartition_data() {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<int>("hash");
        QTest::addColumn<int>("p3");
        QTest::addColumn<int>("p6");
        QTest::addColumn<int>("p12");
        for (const Row &r : kRows)
            QTest::newRow(r.tag) << QByteArray(r.bytes, r.length) << int(r.hash) << r.p3 << r.p6
                                 << r.p12;
    }

    void hashAndPartition() {
        QFETCH(QByteArray, key);
        QFETCH(int, hash);
        QFETCH(int, p3);
        QFETCH(int, p6);
        QFETCH(int, p12);
        const std::string_view view(key.constData(), std::size_t(key.size()));
        QCOMPARE(kafkaMurmur2(key.constData(), std::size_t(key.size())), hash);
        QCOMPARE(kafkaPartition(view, 3), p3);
        QCOMPARE(kafkaPartition(view, 6), p6);
        QCOMPARE(kafkaPartition(view, 12), p12);
        QCOMPARE(kafkaPartition(view, 1), 0);
    }

    // How key-0 .. key-9999 spread over 3, 6 and 12 partitions; counts from [J].
    void keySpread_data() {
        QTest::addColumn<int>("partitions");
        QTest::addColumn<QList<int>>("counts");
        QTest::newRow("3") << 3 << QList<int>{3296, 3425, 3279};
        QTest::newRow("6") << 6 << QList<int>{1710, 1697, 1674, 1586, 1728, 1605};
        QTest::newRow("12") << 12 << QList<int>{826, 855, 852, 812, 823, 815,
                                                884, 842, 822, 774, 905, 790};
    }

    void keySpread() {
        QFETCH(int, partitions);
        QFETCH(QList<int>, counts);
        QList<int> got(partitions, 0);
        for (int n = 0; n < 10000; ++n)
            ++got[kafkaPartition("key-" + std::to_string(n), partitions)];
        QCOMPARE(got, counts);
    }

    // The partition is the positive hash modulo the count, for keys of every tail length.
    void partitionFollowsTheHash() {
        for (int i = 0; i < 5000; ++i) {
            const std::string key = "key-" + std::to_string(i * 7919) + std::string(i % 5, 'x');
            const auto positive =
                static_cast<std::uint32_t>(kafkaMurmur2(key.data(), key.size())) & 0x7fffffffU;
            const int partitions = 1 + i % 13;
            QCOMPARE(kafkaPartition(key, partitions),
                     static_cast<int>(positive % static_cast<std::uint32_t>(partitions)));
        }
    }

    // The hash only depends on the bytes passed, not on what follows them in memory.
    void lengthIsRespected() {
        const char buffer[] = "abcdefgh-trailing";
        QCOMPARE(kafkaMurmur2(buffer, 3), 479470107);
        QCOMPARE(kafkaMurmur2(buffer, 8), -955427363);
        QCOMPARE(kafkaMurmur2(buffer, 0), 275646681);
    }

    // countedKeyText spells key-<n> exactly as decimal text does, and countedKeyMurmur2 hashes
    // exactly those bytes, at every digit count and on both sides of the 8-digit fast path.
    void countedKeyText() {
        std::vector<std::uint64_t> ns;
        for (std::uint64_t n = 0; n < 200000; ++n)
            ns.push_back(n);
        for (std::uint64_t p = 10; p <= 10'000'000'000'000'000'000ULL; p *= 10) {
            for (std::uint64_t d = 0; d < 3; ++d)
                ns.insert(ns.end(), {p - 1 - d, p + d});
            if (p > UINT64_MAX / 10)
                break;
        }
        for (std::uint64_t n = 1; n < 100'000'000; n = n * 37 + 11)
            ns.push_back(n);
        ns.push_back(UINT64_MAX);
        char text[32];
        for (const std::uint64_t n : ns) {
            const std::string want = "key-" + std::to_string(n);
            const std::size_t length = eventbench::model::countedKeyText(n, text);
            QCOMPARE(std::string(text, length), want);
            QCOMPARE(eventbench::model::countedKeyMurmur2(n),
                     kafkaMurmur2(want.data(), want.size()));
        }
    }

    // countedKeyMurmur2's digit split: the multiplies equal the division for every key it
    // splits (below 10^8) and at the top of the 32-bit range.
    void dividePow10() {
        using eventbench::model::detail::dividePow10;
        auto check = [](std::uint32_t x) {
            return dividePow10<1>(x) == x / 10 && dividePow10<2>(x) == x / 100 &&
                   dividePow10<3>(x) == x / 1000 && dividePow10<4>(x) == x / 10000;
        };
        for (std::uint32_t x = 0; x < 100'000'000; ++x)
            if (!check(x))
                QFAIL(qPrintable(QString::number(x)));
        for (std::uint32_t x = UINT32_MAX; x > UINT32_MAX - 1'000'000; --x)
            if (!check(x))
                QFAIL(qPrintable(QString::number(x)));
    }

    // PartitionDivisor's multiplies give kafkaPartitionOfHash's remainder for every partition
    // count up to 4096 and the largest allowed, at the hashes' extremes and across their range.
    void partitionDivisor() {
        std::vector<std::int32_t> hashes = {0, 1, -1, 2, INT32_MAX, INT32_MIN, INT32_MIN + 1};
        for (std::uint32_t h = 12345; hashes.size() < 4000; h = h * 2654435761U + 97)
            hashes.push_back(static_cast<std::int32_t>(h));
        std::vector<int> counts;
        for (int p = -2; p <= 4096; ++p)
            counts.push_back(p);
        counts.insert(counts.end(), {65535, 65536, 99'999, 100'000, INT32_MAX});
        for (const int p : counts) {
            const eventbench::model::PartitionDivisor divisor(p);
            for (const std::int32_t h : hashes)
                if (divisor.partitionOf(h) != eventbench::model::kafkaPartitionOfHash(h, p))
                    QFAIL(qPrintable(QStringLiteral("partitions %1, hash %2").arg(p).arg(h)));
        }
    }

    // A partition count that validation should have rejected never divides by zero.
    void nonPositivePartitions() {
        QCOMPARE(kafkaPartition("key-3", 0), 0);
        QCOMPARE(kafkaPartition("key-3", -4), 0);
    }
};

QTEST_GUILESS_MAIN(TestMurmur2)
#include "tst_murmur2.moc"
