// CSV report writer (README.md#command-line): exact text, RFC 4180 quoting, value formatting,
// directories.
#include <QtTest>

#include <charconv>
#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

#include "model/results/ReportWriter.h"

using namespace eventbench::model;

namespace {

RunReport smallReport() {
    RunReport r;
    r.scenario = "demo";
    r.sampleTimes = {1, 2};
    r.series = {{"orders", "produced", {200, 201}},
                {"inv,weird", "lag", {0.25, -0.0}},
                {"q\"x", "depth", {1e-7, std::numeric_limits<double>::quiet_NaN()}}};
    r.summary = {{"orders", "produced", "total", 401},
                 {"n", "latency", "p99", 0.0123},
                 {"ledger", "unaccounted", "total", 0}};
    r.expectations = {
        {"max(inv.lag) < 5000", true, 0.25, true},
        {"p99(n.latency) < 10ms", false, 0.0123, true},
        {"max(ghost.lag) < 1", false, std::numeric_limits<double>::quiet_NaN(), false}};
    r.events = {{1'500'000'000, "inv", "crash", "instances=1"},
                {2'000'000'001, "orders", "spike", "factor 2, \"x\"\nnext"},
                {0, "a b", "outage", ""}};
    r.seed = 18446744073709551615ULL; // the largest seed prints exactly, not as a double
    r.simSeconds = 600;
    r.wallSeconds = 1.25;
    r.eventCount = 123456789;
    r.messages = 1000000;
    r.fingerprint = 0xdeadbeefULL;
    return r;
}

std::string readFile(const QString &path) {
    std::ifstream f(path.toStdString(), std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

} // namespace

class TestReportWriter : public QObject {
    Q_OBJECT
  private slots:
    void timeseries();
    void summary();
    void events();
    void formatValueTable_data();
    void formatValueTable();
    void formatValueRoundTrips();
    void writeReportCreatesDirectory();
    void writeReportUnwritable();
    void largeTimeseries();
};

void TestReportWriter::timeseries() {
    std::ostringstream out;
    writeTimeseriesCsv(out, smallReport());
    QCOMPARE(out.str(), std::string("time_s,node,metric,value\n"
                                    "1,orders,produced,200\n"
                                    "1,\"inv,weird\",lag,0.25\n"
                                    "1,\"q\"\"x\",depth,1e-07\n"
                                    "2,orders,produced,201\n"
                                    "2,\"inv,weird\",lag,0\n"
                                    "2,\"q\"\"x\",depth,nan\n"));
    std::ostringstream empty;
    writeTimeseriesCsv(empty, RunReport{});
    QCOMPARE(empty.str(), std::string("time_s,node,metric,value\n"));
}

void TestReportWriter::summary() {
    std::ostringstream out;
    writeSummaryCsv(out, smallReport());
    QCOMPARE(out.str(), std::string("node,metric,stat,value\n"
                                    "orders,produced,total,401\n"
                                    "n,latency,p99,0.0123\n"
                                    "ledger,unaccounted,total,0\n"
                                    "expect,max(inv.lag) < 5000,pass,0.25\n"
                                    "expect,p99(n.latency) < 10ms,fail,0.0123\n"
                                    "expect,max(ghost.lag) < 1,fail,nan\n"
                                    "run,seed,value,18446744073709551615\n"
                                    "run,sim_seconds,value,600\n"
                                    "run,wall_seconds,value,1.25\n"
                                    "run,events,value,123456789\n"
                                    "run,messages,value,1000000\n"
                                    "run,fingerprint,value,00000000deadbeef\n"));
}

void TestReportWriter::events() {
    std::ostringstream out;
    writeEventsCsv(out, smallReport());
    QCOMPARE(out.str(), std::string("time_s,node,event,detail\n"
                                    "1.5,inv,crash,instances=1\n"
                                    "2.000000001,orders,spike,\"factor 2, \"\"x\"\"\nnext\"\n"
                                    "0,a b,outage,\n"));
}

void TestReportWriter::formatValueTable_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0.0 << "0";
    QTest::newRow("negative zero") << -0.0 << "0";
    QTest::newRow("one") << 1.0 << "1";
    QTest::newRow("negative integer") << -3.0 << "-3";
    QTest::newRow("million") << 1e6 << "1000000";
    QTest::newRow("big integer") << 123456789012.0 << "123456789012";
    QTest::newRow("2^53+1 rounds") << 9007199254740993.0 << "9007199254740992";
    QTest::newRow("1e16") << 1e16 << "1e+16";
    QTest::newRow("huge") << 1.5e300 << "1.5e+300";
    QTest::newRow("tenth") << 0.1 << "0.1";
    QTest::newRow("quarter") << 0.25 << "0.25";
    QTest::newRow("negative fraction") << -1.5 << "-1.5";
    QTest::newRow("third") << 1.0 / 3 << "0.3333333333333333";
    QTest::newRow("0.1+0.2") << 0.1 + 0.2 << "0.30000000000000004";
    QTest::newRow("mixed") << 1234.5678 << "1234.5678";
    QTest::newRow("1e-5 fixed") << 0.00001 << "0.00001";
    QTest::newRow("below 1e-5") << 2.5e-6 << "2.5e-06";
    QTest::newRow("1e-7") << 1e-7 << "1e-07";
    QTest::newRow("denormal") << 5e-324 << "5e-324";
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << "nan";
    QTest::newRow("inf") << std::numeric_limits<double>::infinity() << "inf";
    QTest::newRow("-inf") << -std::numeric_limits<double>::infinity() << "-inf";
}

void TestReportWriter::formatValueTable() {
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(formatValue(value)), text);
}

void TestReportWriter::formatValueRoundTrips() {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> mantissa(-1, 1);
    std::uniform_int_distribution<int> exponent(-30, 30);
    for (int i = 0; i < 20000; ++i) {
        const double v = mantissa(rng) * std::pow(10.0, exponent(rng));
        const std::string s = formatValue(v);
        double back = 0;
        const auto r = std::from_chars(s.data(), s.data() + s.size(), back);
        QVERIFY2(r.ec == std::errc() && r.ptr == s.data() + s.size(), s.c_str());
        QVERIFY2(back == v, s.c_str());
        QVERIFY2(s.find(',') == std::string::npos, s.c_str());
    }
}

void TestReportWriter::writeReportCreatesDirectory() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dir = tmp.filePath("nested/out");
    const RunReport r = smallReport();
    const Diagnostics d = writeReport(dir.toStdString(), r);
    QVERIFY(d.empty());
    std::ostringstream ts, sum, ev;
    writeTimeseriesCsv(ts, r);
    writeSummaryCsv(sum, r);
    writeEventsCsv(ev, r);
    QCOMPARE(readFile(dir + "/timeseries.csv"), ts.str());
    QCOMPARE(readFile(dir + "/summary.csv"), sum.str());
    QCOMPARE(readFile(dir + "/events.csv"), ev.str());
    // partitions.csv: a read partition has its group, lags and owner; an unread one has them
    // empty.
    RunReport withPartitions = r;
    withPartitions.partitions = {{"orders", 0, "billing", 120, 3, 40, 2},
                                 {"orders", 1, "billing", 80, 0, 12, -1},
                                 {"audit", 0, "", 7, 0, 0, -1}};
    std::ostringstream pt;
    writePartitionsCsv(pt, withPartitions);
    QCOMPARE(pt.str(), std::string("topic,partition,group,appended,lag_final,lag_max,owner_final\n"
                                   "orders,0,billing,120,3,40,2\n"
                                   "orders,1,billing,80,0,12,-1\n"
                                   "audit,0,,7,,,\n"));
    QVERIFY(writeReport(dir.toStdString(), withPartitions).empty());
    QCOMPARE(readFile(dir + "/partitions.csv"), pt.str());
    // Writing again into the existing directory replaces the files.
    RunReport shorter;
    QVERIFY(writeReport(dir.toStdString(), shorter).empty());
    QCOMPARE(readFile(dir + "/events.csv"), std::string("time_s,node,event,detail\n"));
}

void TestReportWriter::writeReportUnwritable() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString file = tmp.filePath("plain-file");
    {
        std::ofstream f(file.toStdString());
        f << "x";
    }
    // A directory below a regular file can never be created.
    const std::string dir = (file + "/out").toStdString();
    Diagnostics d;
    try {
        d = writeReport(dir, smallReport());
    } catch (...) {
        QFAIL("writeReport threw");
    }
    QCOMPARE(d.size(), std::size_t(1));
    QCOMPARE(d[0].severity, Diagnostic::Severity::Error);
    QCOMPARE(d[0].file, dir);
    QVERIFY2(d[0].message.find("cannot create") != std::string::npos, d[0].message.c_str());
    // The existing path itself is a file, not a directory.
    QCOMPARE(writeReport(file.toStdString(), smallReport()).size(), std::size_t(1));
}

void TestReportWriter::largeTimeseries() {
    // One simulated hour sampled every second with 1000 series: 3.6M rows.
    RunReport r;
    const int samples = 3600, series = 1000;
    for (int i = 1; i <= samples; ++i)
        r.sampleTimes.push_back(i);
    r.series.resize(series);
    for (int k = 0; k < series; ++k) {
        r.series[k].node = "node-" + std::to_string(k / 10);
        r.series[k].metric = "metric_" + std::to_string(k % 10);
        r.series[k].values.resize(samples);
        for (int i = 0; i < samples; ++i)
            r.series[k].values[i] = (k % 3 == 0) ? i * 7 : i * 0.125 + k;
    }
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString path = tmp.filePath("timeseries.csv");
    const auto start = std::chrono::steady_clock::now();
    {
        std::ofstream out(path.toStdString(), std::ios::binary);
        writeTimeseriesCsv(out, r);
        QVERIFY(out.good());
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::string text = readFile(path);
    QCOMPARE(std::count(text.begin(), text.end(), '\n'), std::ptrdiff_t(samples * series + 1));
    QVERIFY(text.ends_with("3600,node-99,metric_9,25193\n")); // series 999: 3599 * 7
    qInfo("3.6M rows in %.2f s (%.1f MB)", seconds, text.size() / 1e6);
    // A release build writes this in well under a second; sanitizers slow it down ~5x.
#if defined(__SANITIZE_ADDRESS__)
    const double limit = 60;
#else
    const double limit = 10;
#endif
    QVERIFY2(seconds < limit, qPrintable(QString("writing 3.6M rows took %1 s").arg(seconds)));
}

QTEST_GUILESS_MAIN(TestReportWriter)
#include "tst_report_writer.moc"
