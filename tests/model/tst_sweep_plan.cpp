// The sweep plan of `eventbench sweep --vary ...` and the replication figures (issue 8):
// value splitting, odometer order, problems, and expectations judged on means and bounds.
#include <QtTest>

#include <cmath>

#include "model/results/ReplicationStats.h"
#include "model/scenario/ExpectationParser.h"
#include "model/scenario/SweepPlan.h"

using namespace eventbench::model;

class TestSweepPlan : public QObject {
    Q_OBJECT
  private slots:
    void splitValues_data();
    void splitValues();
    void odometerOrder();
    void problems_data();
    void problems();
    void statsKeepOrderAndMissingValues();
    void judgeOnMeanAndBounds();
};

void TestSweepPlan::splitValues_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("values");
    QTest::newRow("plain") << "1,2,4" << QStringList{"1", "2", "4"};
    QTest::newRow("spaces") << " 50/s , 100/s" << QStringList{"50/s", "100/s"};
    QTest::newRow("map") << "{distribution: exponential, mean: 5ms},2ms"
                         << QStringList{"{distribution: exponential, mean: 5ms}", "2ms"};
    QTest::newRow("nested list") << "[[0s, 1/s], [5s, 2/s]],3"
                                 << QStringList{"[[0s, 1/s], [5s, 2/s]]", "3"};
    QTest::newRow("quotes") << "'a,b',\"c,d\",e" << QStringList{"'a,b'", "\"c,d\"", "e"};
    QTest::newRow("empty middle") << "1,,2" << QStringList{"1", "", "2"};
    QTest::newRow("one") << "auto" << QStringList{"auto"};
}

void TestSweepPlan::splitValues() {
    QFETCH(QString, text);
    QFETCH(QStringList, values);
    QStringList got;
    for (const auto &v : SweepPlan::splitValues(text.toStdString()))
        got << QString::fromStdString(v);
    QCOMPARE(got, values);
}

void TestSweepPlan::odometerOrder() {
    Diagnostics d;
    const SweepPlan plan = SweepPlan::parse({"nodes.a.instances=1,2,3", "duration=10s,20s"}, &d);
    QVERIFY(d.empty());
    QCOMPARE(plan.combinations(), std::size_t{6});
    const char *expected[][2] = {{"1", "10s"}, {"1", "20s"}, {"2", "10s"},
                                 {"2", "20s"}, {"3", "10s"}, {"3", "20s"}};
    for (std::size_t i = 0; i < 6; ++i) {
        const auto v = plan.values(i);
        QCOMPARE(v.size(), std::size_t{2});
        QCOMPARE(QString::fromStdString(v[0]), QString(expected[i][0]));
        QCOMPARE(QString::fromStdString(v[1]), QString(expected[i][1]));
        const auto o = plan.overrides(i);
        QCOMPARE(QString::fromStdString(o[0]), QString("nodes.a.instances=") + expected[i][0]);
        QCOMPARE(QString::fromStdString(o[1]), QString("duration=") + expected[i][1]);
    }
    QCOMPARE(SweepPlan{}.combinations(), std::size_t{0});
}

void TestSweepPlan::problems_data() {
    QTest::addColumn<QStringList>("varies");
    QTest::addColumn<QString>("message");
    QTest::newRow("no =") << QStringList{"seed"} << "'seed': expected PATH=V1,V2,...";
    QTest::newRow("empty path") << QStringList{" =1,2"} << "expected PATH=V1,V2";
    QTest::newRow("empty value") << QStringList{"seed=1,"} << "'seed=1,': value 2 is empty";
    QTest::newRow("twice") << QStringList{"seed=1", "seed=2"}
                           << "'seed=2': seed is already varied by another --vary";
    QTest::newRow("too many") << QStringList{"a=1,2,3,4,5,6,7,8,9,10", "b=1,2,3,4,5,6,7,8,9,10",
                                             "c=1,2,3,4,5,6,7,8,9,10", "d=1,2,3,4,5,6,7,8,9,10",
                                             "e=1,2,3,4,5,6,7,8,9,10,11"}
                              << "the --vary options make more than 100000 combinations";
}

void TestSweepPlan::problems() {
    QFETCH(QStringList, varies);
    QFETCH(QString, message);
    std::vector<std::string> v;
    for (const auto &s : varies)
        v.push_back(s.toStdString());
    Diagnostics d;
    SweepPlan::parse(v, &d);
    QCOMPARE(d.size(), std::size_t{1});
    QCOMPARE(QString::fromStdString(d[0].file), QString("--vary"));
    QVERIFY2(QString::fromStdString(d[0].message).contains(message), d[0].message.c_str());
}

void TestSweepPlan::statsKeepOrderAndMissingValues() {
    ReplicationStats stats;
    RunReport a;
    a.summary = {{"w", "latency", "mean", 1.0}, {"w", "lag", "max", 10}};
    a.eventCount = 100;
    a.messages = 7;
    RunReport b;
    b.summary = {{"w", "latency", "mean", std::nan("")},
                 {"w", "lag", "max", 14},
                 {"x", "depth", "final", 3}};
    b.eventCount = 120;
    b.messages = 9;
    stats.add(a);
    stats.add(b);
    QCOMPARE(stats.count(), std::size_t{2});
    const auto f = stats.figures();
    QCOMPARE(f.size(), std::size_t{5});
    QCOMPARE(QString::fromStdString(f[0].metric), QString("latency"));
    QCOMPARE(QString::fromStdString(f[1].metric), QString("lag"));
    QCOMPARE(QString::fromStdString(f[2].metric), QString("events"));
    QCOMPARE(QString::fromStdString(f[3].metric), QString("messages"));
    QCOMPARE(QString::fromStdString(f[4].node), QString("x"));
    QCOMPARE(f[0].ci.n, std::size_t{1}); // the NaN is left out
    QCOMPARE(f[0].ci.mean, 1.0);
    QCOMPARE(f[4].ci.n, std::size_t{1}); // missing in the first replication
    // lag max: 10, 14 -> mean 12, s = 2.828, half = 12.7062047 * 2.828 / 1.414 = 25.4124
    QCOMPARE(f[1].ci.mean, 12.0);
    QVERIFY(std::fabs(f[1].ci.halfWidth() - 2 * 12.7062047) < 1e-6);
    QCOMPARE(stats.figure("run", "events", "value").mean, 110.0);
    QCOMPARE(stats.figure("nope", "x", "y").n, std::size_t{0});
}

void TestSweepPlan::judgeOnMeanAndBounds() {
    // Five values 10..14: mean 12, half-width 2.77644511 * sqrt(2.5) / sqrt(5) = 1.96324.
    ReplicationStats stats;
    for (int v = 10; v <= 14; ++v) {
        RunReport r;
        r.summary = {{"w", "lag", "max", double(v)}, {"ledger", "unaccounted", "total", 0}};
        stats.add(r);
    }
    Scenario s;
    for (const char *text :
         {"max(w.lag) < 13", "max(w.lag) <= 13.5", "max(w.lag) > 11", "max(w.lag) >= 10.5",
          "max(w.lag) < 14.5", "ledger.unaccounted == 0", "p99(w.latency) < 1"}) {
        std::string error;
        int offset = 0;
        auto e = parseExpectation(text, &error, &offset);
        QVERIFY2(e.has_value(), error.c_str());
        s.expectations.push_back(*e);
    }
    const auto mean = stats.judge(s, false);
    const auto bound = stats.judge(s, true);
    const bool meanPass[] = {true, true, true, true, true, true, false};
    const bool boundPass[] = {false, false, false, false, true, true, false};
    const double half = 2.77644511 * std::sqrt(2.5) / std::sqrt(5.0);
    const double judged[] = {12 + half, 12 + half, 12 - half, 12 - half, 12 + half, 0};
    for (std::size_t i = 0; i < s.expectations.size(); ++i) {
        QCOMPARE(mean[i].pass, meanPass[i]);
        QCOMPARE(bound[i].pass, boundPass[i]);
        if (i < 6) {
            QVERIFY(std::fabs(bound[i].measured - judged[i]) < 1e-7);
            QCOMPARE(mean[i].measured, i < 5 ? 12.0 : 0.0);
        }
    }
    QVERIFY(!bound[6].known); // no such figure: not measured
}

QTEST_GUILESS_MAIN(TestSweepPlan)
#include "tst_sweep_plan.moc"
