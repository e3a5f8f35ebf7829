// Expectation grammar (scenarios/README.md#expectations): parsing, units, error offsets, and
// judging against a report.
#include <QtTest>

#include <cmath>

#include "model/results/RunReport.h"
#include "model/scenario/ExpectationParser.h"

using namespace eventbench::model;

Q_DECLARE_METATYPE(Expectation::Stat)
Q_DECLARE_METATYPE(Expectation::Op)

class TestExpectations : public QObject {
    Q_OBJECT
  private slots:
    void parse_data();
    void parse();
    void units_data();
    void units();
    void malformed_data();
    void malformed();
    void statNames();
    void findRow();
    void compareOps_data();
    void compareOps();
    void evaluate();
};

void TestExpectations::parse_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<Expectation::Stat>("stat");
    QTest::addColumn<QString>("node");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<Expectation::Op>("op");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("normalised");
    using S = Expectation::Stat;
    using O = Expectation::Op;
    QTest::newRow("max <") << "max(inventory.lag) < 5000" << S::Max << "inventory"
                           << "lag" << O::Less << 5000.0 << "max(inventory.lag) < 5000";
    QTest::newRow("final <=") << "final(inventory-dlq.depth) <= 50" << S::Final << "inventory-dlq"
                              << "depth" << O::LessEq << 50.0 << "final(inventory-dlq.depth) <= 50";
    QTest::newRow("p99 ms") << "p99(notification.latency) < 250ms" << S::P99 << "notification"
                            << "latency" << O::Less << 0.25 << "p99(notification.latency) < 250ms";
    QTest::newRow("bare ==") << "ledger.unaccounted == 0" << S::None << "ledger"
                             << "unaccounted" << O::Equal << 0.0 << "ledger.unaccounted == 0";
    QTest::newRow("min >") << "min(c.instances_up) > 1" << S::Min << "c"
                           << "instances_up" << O::Greater << 1.0 << "min(c.instances_up) > 1";
    QTest::newRow("mean >=") << "mean(c.utilization) >= 0.5" << S::Mean << "c"
                             << "utilization" << O::GreaterEq << 0.5
                             << "mean(c.utilization) >= 0.5";
    QTest::newRow("total != k") << "total(c.processed) != 5k" << S::Total << "c"
                                << "processed" << O::NotEqual << 5000.0
                                << "total(c.processed) != 5k";
    QTest::newRow("p50 == s") << "p50(c.latency) == 2s" << S::P50 << "c"
                              << "latency" << O::Equal << 2.0 << "p50(c.latency) == 2s";
    QTest::newRow("p95 us") << "p95(c.latency) < 1500us" << S::P95 << "c"
                            << "latency" << O::Less << 0.0015 << "p95(c.latency) < 1500us";
    QTest::newRow("spaces") << "  p99 ( notification.latency )<250ms  " << S::P99 << "notification"
                            << "latency" << O::Less << 0.25 << "p99(notification.latency) < 250ms";
    QTest::newRow("tabs, no spaces") << "x.lag\t>=\t-3" << S::None << "x"
                                     << "lag" << O::GreaterEq << -3.0 << "x.lag >= -3";
    QTest::newRow("dotted node") << "max(eu.orders.v2.lag) < 10" << S::Max << "eu.orders.v2"
                                 << "lag" << O::Less << 10.0 << "max(eu.orders.v2.lag) < 10";
    QTest::newRow("dotted bare") << "a.b-c_d.duplicate_writes==0" << S::None << "a.b-c_d"
                                 << "duplicate_writes" << O::Equal << 0.0
                                 << "a.b-c_d.duplicate_writes == 0";
    QTest::newRow("node named max") << "max.lag > 1" << S::None << "max"
                                    << "lag" << O::Greater << 1.0 << "max.lag > 1";
}

void TestExpectations::parse() {
    QFETCH(QString, text);
    std::string error;
    int offset = -1;
    const auto e = parseExpectation(text.toStdString(), &error, &offset);
    QVERIFY2(e.has_value(), error.c_str());
    QTEST(e->stat, "stat");
    QTEST(QString::fromStdString(e->node), "node");
    QTEST(QString::fromStdString(e->metric), "metric");
    QTEST(e->op, "op");
    QFETCH(double, value);
    QCOMPARE(e->value, value); // exact: the unit rule is exact
    QTEST(QString::fromStdString(e->text), "normalised");
    QCOMPARE(offset, -1); // untouched on success
}

void TestExpectations::units_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<double>("expected");
    QTest::newRow("bare") << "5000" << 5000.0;
    QTest::newRow("fraction") << "0.5" << 0.5;
    QTest::newRow("exponent") << "1e3" << 1000.0;
    QTest::newRow("negative") << "-1.5" << -1.5;
    QTest::newRow("plus") << "+2" << 2.0;
    QTest::newRow("ns") << "500ns" << 5e-7;
    QTest::newRow("us") << "250us" << 0.00025;
    QTest::newRow("ms") << "10ms" << 0.01;
    QTest::newRow("s") << "2s" << 2.0;
    QTest::newRow("m") << "5m" << 300.0;
    QTest::newRow("h") << "1h" << 3600.0;
    QTest::newRow("d") << "2d" << 172800.0;
    QTest::newRow("k") << "5k" << 5000.0;
    QTest::newRow("M") << "2M" << 2e6;
    QTest::newRow("G") << "1.5G" << 1.5e9;
    QTest::newRow("B") << "512B" << 512.0;
    QTest::newRow("KB") << "1KB" << 1000.0;
    QTest::newRow("KiB") << "4KiB" << 4096.0;
    QTest::newRow("MB") << "3MB" << 3e6;
    QTest::newRow("MiB") << "1MiB" << 1048576.0;
    QTest::newRow("GiB") << "2GiB" << 2147483648.0;
}

void TestExpectations::units() {
    QFETCH(QString, value);
    QFETCH(double, expected);
    const std::string text = "c.x < " + value.toStdString();
    std::string error;
    int offset = -1;
    const auto e = parseExpectation(text, &error, &offset);
    QVERIFY2(e.has_value(), error.c_str());
    QCOMPARE(e->value, expected);
    QCOMPARE(QString::fromStdString(e->text), QString::fromStdString(text));
}

void TestExpectations::malformed_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("offset");
    QTest::addColumn<QString>("message"); // a part of the message
    QTest::newRow("empty") << "" << 0 << "empty";
    QTest::newRow("blank") << "   " << 3 << "empty";
    QTest::newRow("unknown stat") << "p98(a.lag) < 1" << 0 << "unknown statistic 'p98'";
    QTest::newRow("unknown stat later") << "  avg (a.lag) < 1" << 2 << "unknown statistic";
    QTest::newRow("missing paren") << "max(inventory.lag < 5000" << 18 << "expected ')'";
    QTest::newRow("no metric") << "max(inventory) < 5" << 4 << "expected NODE.METRIC";
    QTest::newRow("no reference") << "(a.lag) < 5" << 0 << "expected NODE.METRIC";
    QTest::newRow("digit node") << "max(9lives.lag) < 5" << 4 << "invalid node id";
    QTest::newRow("empty node") << "max(.lag) < 5" << 4 << "invalid node id";
    QTest::newRow("upper metric") << "max(a.Lag) < 5" << 6 << "invalid metric name 'Lag'";
    QTest::newRow("digit metric") << "max(a.lag2) < 5" << 6 << "invalid metric name";
    QTest::newRow("empty metric") << "a. < 5" << 2 << "invalid metric name";
    QTest::newRow("single =") << "a.lag = 5" << 6 << "comparison operator";
    QTest::newRow("no op") << "a.lag" << 5 << "comparison operator";
    QTest::newRow("no value") << "a.lag < " << 8 << "expected a value";
    QTest::newRow("word value") << "a.lag < fast" << 8 << "invalid value";
    QTest::newRow("double op") << "a.lag << 5" << 7 << "invalid value";
    QTest::newRow("unknown unit") << "a.lag < 5xs" << 9 << "unknown unit 'xs'";
    QTest::newRow("lower-case kib") << "a.lag < 5kib" << 9 << "unknown unit";
    QTest::newRow("trailing words") << "a.lag < 5 parsecs" << 10 << "after the value";
    QTest::newRow("trailing paren") << "a.lag < 5)" << 9 << "after the value";
    QTest::newRow("space in unit") << "a.lag < 5 ms" << 10 << "after the value";
    QTest::newRow("overflow") << "a.lag < 1e999" << 8 << "out of range";
    QTest::newRow("overflow by unit") << "a.lag < 1e300TiB" << 8 << "out of range";
}

void TestExpectations::malformed() {
    QFETCH(QString, text);
    QFETCH(int, offset);
    QFETCH(QString, message);
    std::string error;
    int errorOffset = -1;
    const auto e = parseExpectation(text.toStdString(), &error, &errorOffset);
    QVERIFY(!e.has_value());
    QCOMPARE(errorOffset, offset);
    QVERIFY2(QString::fromStdString(error).contains(message), error.c_str());
    // Null out-parameters are allowed.
    QVERIFY(!parseExpectation(text.toStdString(), nullptr, nullptr).has_value());
}

void TestExpectations::statNames() {
    using S = Expectation::Stat;
    QCOMPARE(statName(S::None), std::string("total"));
    QCOMPARE(statName(S::Total), std::string("total"));
    QCOMPARE(statName(S::Final), std::string("final"));
    QCOMPARE(statName(S::Max), std::string("max"));
    QCOMPARE(statName(S::Min), std::string("min"));
    QCOMPARE(statName(S::Mean), std::string("mean"));
    QCOMPARE(statName(S::P50), std::string("p50"));
    QCOMPARE(statName(S::P95), std::string("p95"));
    QCOMPARE(statName(S::P99), std::string("p99"));
}

void TestExpectations::findRow() {
    RunReport r;
    r.summary = {{"a", "lag", "max", 7}, {"a", "lag", "final", 3}, {"b", "lag", "max", 9}};
    QVERIFY(r.find("a", "lag", "max") == &r.summary[0]);
    QVERIFY(r.find("a", "lag", "final") == &r.summary[1]);
    QVERIFY(r.find("b", "lag", "max") == &r.summary[2]);
    QVERIFY(r.find("b", "lag", "final") == nullptr);
    QVERIFY(r.find("c", "lag", "max") == nullptr);
    QVERIFY(r.find("a", "depth", "max") == nullptr);
    QVERIFY(r.allExpectationsPass()); // none
    r.expectations = {{"x", true, 1, true}, {"y", false, 2, true}};
    QVERIFY(!r.allExpectationsPass());
    r.expectations[1].pass = true;
    QVERIFY(r.allExpectationsPass());
}

void TestExpectations::compareOps_data() {
    QTest::addColumn<QString>("op");
    QTest::addColumn<double>("measured");
    QTest::addColumn<bool>("pass");
    // The threshold is always 10.
    const struct {
        const char *op;
        bool below, equal, above;
    } table[] = {{"<", true, false, false}, {"<=", true, true, false},  {">", false, false, true},
                 {">=", false, true, true}, {"==", false, true, false}, {"!=", true, false, true}};
    for (const auto &t : table) {
        QTest::addRow("%s below", t.op) << t.op << 9.999 << t.below;
        QTest::addRow("%s equal", t.op) << t.op << 10.0 << t.equal;
        QTest::addRow("%s above", t.op) << t.op << 10.001 << t.above;
    }
}

void TestExpectations::compareOps() {
    QFETCH(QString, op);
    QFETCH(double, measured);
    QFETCH(bool, pass);
    Scenario s;
    const auto e = parseExpectation("max(c.lag) " + op.toStdString() + " 10", nullptr, nullptr);
    QVERIFY(e.has_value());
    s.expectations = {*e};
    RunReport r;
    r.summary = {{"c", "lag", "max", measured}};
    evaluateExpectations(s, r);
    QCOMPARE(r.expectations.size(), std::size_t(1));
    QCOMPARE(r.expectations[0].pass, pass);
    QCOMPARE(r.expectations[0].known, true);
    QCOMPARE(r.expectations[0].measured, measured);
}

void TestExpectations::evaluate() {
    Scenario s;
    for (const char *t :
         {"max(inv.lag) < 5000", "inv.processed == 10", "p99(n.latency) < 250ms",
          "max(ghost.lag) < 1", "p95(n.latency) < 1s", "total(inv.processed) >= 10k"}) {
        std::string error;
        const auto e = parseExpectation(t, &error, nullptr);
        QVERIFY2(e.has_value(), error.c_str());
        s.expectations.push_back(*e);
    }
    RunReport r;
    r.summary = {{"inv", "lag", "max", 4999},
                 {"inv", "processed", "total", 10},
                 {"n", "latency", "p99", 0.3},
                 {"n", "latency", "p50", 0.01}};
    r.expectations = {{"stale", true, 0, true}}; // replaced, not appended to
    evaluateExpectations(s, r);
    QCOMPARE(r.expectations.size(), std::size_t(6));

    QCOMPARE(r.expectations[0].text, std::string("max(inv.lag) < 5000"));
    QCOMPARE(r.expectations[0].pass, true);
    QCOMPARE(r.expectations[0].measured, 4999.0);

    QCOMPARE(r.expectations[1].text, std::string("inv.processed == 10"));
    QCOMPARE(r.expectations[1].pass, true); // a bare figure reads the `total` row
    QCOMPARE(r.expectations[1].measured, 10.0);

    QCOMPARE(r.expectations[2].pass, false);
    QCOMPARE(r.expectations[2].known, true);
    QCOMPARE(r.expectations[2].measured, 0.3);

    // Unknown node, then a known node whose statistic is missing: both fail as unknown.
    for (int i : {3, 4}) {
        QCOMPARE(r.expectations[i].pass, false);
        QCOMPARE(r.expectations[i].known, false);
        QVERIFY(std::isnan(r.expectations[i].measured));
    }
    QCOMPARE(r.expectations[5].pass, false); // 10 >= 10000 is false
    QVERIFY(!r.allExpectationsPass());

    r.summary[0].value = 5000; // max(inv.lag) < 5000 now fails
    s.expectations = {s.expectations[0], s.expectations[1]};
    evaluateExpectations(s, r);
    QCOMPARE(r.expectations.size(), std::size_t(2));
    QCOMPARE(r.expectations[0].pass, false);
    QCOMPARE(r.expectations[1].pass, true);
}

QTEST_GUILESS_MAIN(TestExpectations)
#include "tst_expectations.moc"
