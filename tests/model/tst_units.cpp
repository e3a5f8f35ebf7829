// Units of scenarios/README.md#values-and-units: exact parsing, rejection of bad, negative and
// absurd input, canonical formatting and exact round trips.
#include <QtTest>

#include <cstring>
#include <random>

#include "model/scenario/Units.h"

using namespace eventbench::model;

class TestUnits : public QObject {
    Q_OBJECT

  private slots:
    void parseDuration_data();
    void parseDuration();
    void parseRate_data();
    void parseRate();
    void parseSize_data();
    void parseSize();
    void parseCount_data();
    void parseCount();
    void formatDuration_data();
    void formatDuration();
    void formatRate_data();
    void formatRate();
    void formatSize_data();
    void formatSize();
    void formatNumber();
    void durationRoundTrip();
    void rateRoundTrip();
    void sizeRoundTrip();
    void unitTablesAreWhatTheParsersRead();
};

void TestUnits::parseDuration_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("nanos");
    QTest::addColumn<QString>("error");

    const qint64 s = 1'000'000'000;
    QTest::newRow("us") << "250us" << true << qint64(250'000) << "";
    QTest::newRow("micro sign") << "250µs" << true << qint64(250'000) << "";
    QTest::newRow("ns") << "17ns" << true << qint64(17) << "";
    QTest::newRow("ms") << "15ms" << true << qint64(15'000'000) << "";
    QTest::newRow("s") << "2s" << true << 2 * s << "";
    QTest::newRow("m") << "5m" << true << 300 * s << "";
    QTest::newRow("h") << "1h" << true << 3600 * s << "";
    QTest::newRow("d") << "2d" << true << 172800 * s << "";
    QTest::newRow("bare is seconds") << "90" << true << 90 * s << "";
    QTest::newRow("fraction") << "1.5s" << true << 1'500'000'000LL << "";
    QTest::newRow("fraction ms") << "0.25ms" << true << qint64(250'000) << "";
    QTest::newRow("exponent") << "1e3ms" << true << s << "";
    QTest::newRow("space before unit") << "5 ms" << true << qint64(5'000'000) << "";
    QTest::newRow("surrounding space") << "  7s " << true << 7 * s << "";
    QTest::newRow("zero") << "0" << true << qint64(0) << "";
    QTest::newRow("sub-ns rounds") << "1.4ns" << true << qint64(1) << "";
    QTest::newRow("sub-ns rounds up") << "2.5ns" << true << qint64(3) << "";
    QTest::newRow("exact large") << "9223372036ns" << true << qint64(9'223'372'036) << "";
    QTest::newRow("ten years of days") << "3652d" << true << 3652 * 86400 * s << "";
    QTest::newRow("exactly ten years") << "315576000s" << true << 315'576'000 * s << "";
    QTest::newRow("plus sign") << "+3s" << true << 3 * s << "";

    QTest::newRow("negative") << "-1s" << false << qint64(0) << "must not be negative";
    QTest::newRow("negative ms") << "-0.5ms" << false << qint64(0) << "must not be negative";
    QTest::newRow("over ten years") << "3653d" << false << qint64(0) << "more than 10 years";
    QTest::newRow("huge") << "1e30s" << false << qint64(0) << "more than 10 years";
    QTest::newRow("many digits") << "99999999999999999999999999s" << false << qint64(0)
                                 << "more than 10 years";
    QTest::newRow("unknown unit") << "10x" << false << qint64(0) << "unknown unit 'x'";
    QTest::newRow("rate unit") << "10/s" << false << qint64(0) << "unknown unit '/s'";
    QTest::newRow("words") << "abc" << false << qint64(0) << "invalid duration 'abc'";
    QTest::newRow("empty") << "" << false << qint64(0) << "invalid duration";
    QTest::newRow("dot only") << ".s" << false << qint64(0) << "invalid duration";
    QTest::newRow("two dots") << "1.5.3s" << false << qint64(0) << "unknown unit";
    QTest::newRow("inf") << "inf" << false << qint64(0) << "invalid duration";
    QTest::newRow("nan") << "nan" << false << qint64(0) << "invalid duration";
    QTest::newRow("upper case unit") << "5MS" << false << qint64(0) << "unknown unit 'MS'";
}

void TestUnits::parseDuration() {
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(qint64, nanos);
    QFETCH(QString, error);
    std::string err;
    const auto v = eventbench::model::parseDuration(text.toStdString(), &err);
    QCOMPARE(v.has_value(), ok);
    if (ok) {
        QCOMPARE(qint64(*v), nanos);
    } else {
        QVERIFY2(QString::fromStdString(err).contains(error), err.c_str());
    }
}

void TestUnits::parseRate_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("perSecond");
    QTest::addColumn<QString>("error");

    QTest::newRow("per second") << "200/s" << true << 200.0 << "";
    QTest::newRow("per minute") << "12000/min" << true << 200.0 << "";
    QTest::newRow("per ms") << "3/ms" << true << 3000.0 << "";
    QTest::newRow("per us") << "2/us" << true << 2e6 << "";
    QTest::newRow("per hour") << "7200/h" << true << 2.0 << "";
    QTest::newRow("per day") << "86400/d" << true << 1.0 << "";
    QTest::newRow("k") << "1.5k/s" << true << 1500.0 << "";
    QTest::newRow("M") << "2M/s" << true << 2e6 << "";
    QTest::newRow("k per minute") << "6k/min" << true << 100.0 << "";
    QTest::newRow("bare") << "250" << true << 250.0 << "";
    QTest::newRow("bare k") << "5k" << true << 5000.0 << "";
    QTest::newRow("fraction") << "0.1/s" << true << 0.1 << "";
    QTest::newRow("exact decimal") << "1.1k/s" << true << 1100.0 << "";
    QTest::newRow("zero") << "0/s" << true << 0.0 << "";
    QTest::newRow("spaces") << " 10 / s " << true << 10.0 << "";
    QTest::newRow("limit") << "1e9/s" << true << 1e9 << "";
    QTest::newRow("limit in ms") << "1000000/ms" << true << 1e9 << "";

    QTest::newRow("absurd") << "2e9/s" << false << 0.0 << "more than 1e9/s";
    QTest::newRow("absurd ms") << "2000000/ms" << false << 0.0 << "more than 1e9/s";
    QTest::newRow("absurd G") << "2G/s" << false << 0.0 << "more than 1e9/s";
    QTest::newRow("negative") << "-5/s" << false << 0.0 << "must not be negative";
    QTest::newRow("unknown unit") << "5/x" << false << 0.0 << "unknown unit 'x'";
    QTest::newRow("duration") << "5s" << false << 0.0 << "invalid rate '5s'";
    QTest::newRow("words") << "fast" << false << 0.0 << "invalid rate 'fast'";
    QTest::newRow("empty") << "" << false << 0.0 << "invalid rate";
    QTest::newRow("missing unit") << "5/" << false << 0.0 << "unknown unit ''";
}

void TestUnits::parseRate() {
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(double, perSecond);
    QFETCH(QString, error);
    std::string err;
    const auto v = eventbench::model::parseRate(text.toStdString(), &err);
    QCOMPARE(v.has_value(), ok);
    if (ok) {
        QCOMPARE(*v, perSecond); // exact: these values are representable
    } else {
        QVERIFY2(QString::fromStdString(err).contains(error), err.c_str());
    }
}

void TestUnits::parseSize_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("bytes");
    QTest::addColumn<QString>("error");

    QTest::newRow("B") << "512B" << true << 512.0 << "";
    QTest::newRow("KB") << "1KB" << true << 1000.0 << "";
    QTest::newRow("kB") << "2kB" << true << 2000.0 << "";
    QTest::newRow("KiB") << "4KiB" << true << 4096.0 << "";
    QTest::newRow("MB") << "1MB" << true << 1e6 << "";
    QTest::newRow("MiB") << "3MiB" << true << 3145728.0 << "";
    QTest::newRow("GB") << "2GB" << true << 2e9 << "";
    QTest::newRow("GiB") << "1GiB" << true << 1073741824.0 << "";
    QTest::newRow("fraction KiB") << "1.5KiB" << true << 1536.0 << "";
    QTest::newRow("fraction MB") << "0.5MB" << true << 500000.0 << "";
    QTest::newRow("bare") << "700" << true << 700.0 << "";

    QTest::newRow("negative") << "-1KB" << false << 0.0 << "must not be negative";
    QTest::newRow("unknown unit") << "3TB" << false << 0.0 << "unknown unit 'TB'";
    QTest::newRow("bits") << "8b" << false << 0.0 << "unknown unit 'b'";
    QTest::newRow("absurd") << "2e15" << false << 0.0 << "more than 1PB";
    QTest::newRow("words") << "big" << false << 0.0 << "invalid size 'big'";
}

void TestUnits::parseSize() {
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(double, bytes);
    QFETCH(QString, error);
    std::string err;
    const auto v = eventbench::model::parseSize(text.toStdString(), &err);
    QCOMPARE(v.has_value(), ok);
    if (ok) {
        QCOMPARE(*v, bytes);
    } else {
        QVERIFY2(QString::fromStdString(err).contains(error), err.c_str());
    }
}

void TestUnits::parseCount_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("count");
    QTest::addColumn<QString>("error");

    QTest::newRow("plain") << "5000" << true << 5000.0 << "";
    QTest::newRow("k") << "5k" << true << 5000.0 << "";
    QTest::newRow("M") << "2M" << true << 2e6 << "";
    QTest::newRow("G") << "1.5G" << true << 1.5e9 << "";
    QTest::newRow("fraction") << "2.5" << true << 2.5 << "";
    QTest::newRow("zero") << "0" << true << 0.0 << "";

    QTest::newRow("negative") << "-3" << false << 0.0 << "must not be negative";
    QTest::newRow("unknown suffix") << "5x" << false << 0.0 << "unknown suffix 'x'";
    QTest::newRow("absurd") << "1e19" << false << 0.0 << "more than 1e18";
    QTest::newRow("words") << "many" << false << 0.0 << "invalid count 'many'";
}

void TestUnits::parseCount() {
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(double, count);
    QFETCH(QString, error);
    std::string err;
    const auto v = eventbench::model::parseCount(text.toStdString(), &err);
    QCOMPARE(v.has_value(), ok);
    if (ok) {
        QCOMPARE(*v, count);
    } else {
        QVERIFY2(QString::fromStdString(err).contains(error), err.c_str());
    }
}

void TestUnits::formatDuration_data() {
    QTest::addColumn<qint64>("nanos");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << "0s";
    QTest::newRow("ms") << qint64(250'000'000) << "250ms";
    QTest::newRow("s") << qint64(2'000'000'000) << "2s";
    QTest::newRow("90s") << qint64(90'000'000'000) << "90s";
    QTest::newRow("m") << qint64(300'000'000'000) << "5m";
    QTest::newRow("h") << qint64(7'200'000'000'000) << "2h";
    QTest::newRow("d") << qint64(172'800'000'000'000) << "2d";
    QTest::newRow("us") << qint64(1'500'000) << "1500us";
    QTest::newRow("ns") << qint64(1'000'000'001) << "1000000001ns";
    QTest::newRow("1ns") << qint64(1) << "1ns";
}

void TestUnits::formatDuration() {
    QFETCH(qint64, nanos);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(eventbench::model::formatDuration(nanos)), text);
}

void TestUnits::formatRate_data() {
    QTest::addColumn<double>("rate");
    QTest::addColumn<QString>("text");
    QTest::newRow("200") << 200.0 << "200/s";
    QTest::newRow("half") << 0.5 << "0.5/s";
    QTest::newRow("million") << 2e6 << "2000000/s";
    QTest::newRow("tenth") << 0.1 << "0.1/s";
    QTest::newRow("zero") << 0.0 << "0/s";
    QTest::newRow("third") << 1.0 / 3 << "0.3333333333333333/s";
    QTest::newRow("tiny") << 1e-9 << "1e-09/s";
}

void TestUnits::formatRate() {
    QFETCH(double, rate);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(eventbench::model::formatRate(rate)), text);
}

void TestUnits::formatSize_data() {
    QTest::addColumn<double>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("KB") << 1000.0 << "1KB";
    QTest::newRow("KiB") << 4096.0 << "4KiB";
    QTest::newRow("B") << 700.0 << "700B";
    QTest::newRow("MB") << 1e6 << "1MB";
    QTest::newRow("GiB") << 1073741824.0 << "1GiB";
    QTest::newRow("2000KiB") << 2048000.0 << "2000KiB";
    QTest::newRow("1536") << 1536.0 << "1536B";
    QTest::newRow("fraction") << 1500.5 << "1500.5B";
    QTest::newRow("zero") << 0.0 << "0B";
}

void TestUnits::formatSize() {
    QFETCH(double, bytes);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(eventbench::model::formatSize(bytes)), text);
}

void TestUnits::formatNumber() {
    QCOMPARE(eventbench::model::formatNumber(0.01), std::string("0.01"));
    QCOMPARE(eventbench::model::formatNumber(3), std::string("3"));
    QCOMPARE(eventbench::model::formatNumber(0.7), std::string("0.7"));
    QCOMPARE(eventbench::model::formatNumber(-2.5), std::string("-2.5"));
    QCOMPARE(eventbench::model::formatNumber(1e20), std::string("1e+20"));
}

void TestUnits::durationRoundTrip() {
    const qint64 maxNs = 315'576'000LL * 1'000'000'000LL;
    std::mt19937_64 rng(20240601);
    std::vector<qint64> values = {0, 1, 999, 1000, 1001, maxNs, maxNs - 1, 86'400'000'000'000};
    for (int i = 0; i < 200'000; ++i) {
        const auto r = static_cast<qint64>(rng() % static_cast<std::uint64_t>(maxNs + 1));
        values.push_back(r);
        values.push_back((r / 1'000'000) * 1'000'000);           // whole ms
        values.push_back((r / 60'000'000'000) * 60'000'000'000); // whole minutes
    }
    for (qint64 v : values) {
        const std::string text = eventbench::model::formatDuration(v);
        std::string err;
        const auto back = eventbench::model::parseDuration(text, &err);
        QVERIFY2(back.has_value(), (text + ": " + err).c_str());
        QCOMPARE(qint64(*back), v);
    }
}

void TestUnits::rateRoundTrip() {
    std::mt19937_64 rng(7);
    std::vector<double> values = {0, 1e9, 0.1, 1.0 / 3, 200, 5e-324, 1e-300, 123456.789};
    for (int i = 0; i < 100'000; ++i) {
        // Uniform over bit patterns of [0, 1e9] (all magnitudes) and over the value range.
        double bits;
        const std::uint64_t raw = rng() & 0x7fffffffffffffffULL;
        std::memcpy(&bits, &raw, sizeof bits);
        if (bits <= 1e9)
            values.push_back(bits);
        values.push_back(std::ldexp(static_cast<double>(rng() >> 11), -53) * 1e9);
    }
    for (double v : values) {
        const std::string text = eventbench::model::formatRate(v);
        std::string err;
        const auto back = eventbench::model::parseRate(text, &err);
        QVERIFY2(back.has_value(), (text + ": " + err).c_str());
        QVERIFY2(*back == v, text.c_str());
    }
}

void TestUnits::sizeRoundTrip() {
    std::mt19937_64 rng(11);
    for (int i = 0; i < 50'000; ++i) {
        const double v = i % 2 ? static_cast<double>(rng() % 1'000'000'000'000ULL)
                               : std::ldexp(static_cast<double>(rng() >> 11), -53) * 1e12;
        const std::string text = eventbench::model::formatSize(v);
        std::string err;
        const auto back = eventbench::model::parseSize(text, &err);
        QVERIFY2(back.has_value(), (text + ": " + err).c_str());
        QVERIFY2(*back == v, text.c_str());
    }
}

// The one table per kind (read by the app's value editors) is what the parsers read and the
// formatters write: one of each unit parses to its size, and an offered one is written back.
void TestUnits::unitTablesAreWhatTheParsersRead() {
    std::string error;
    QCOMPARE(durationUnits().size(), std::size_t{8});
    for (const UnitDef &u : durationUnits()) {
        const std::string text = "2" + std::string(u.name);
        QCOMPARE(eventbench::model::parseDuration(text, &error),
                 std::optional<SimTime>(SimTime(2 * u.size())));
        if (u.offered)
            QCOMPARE(eventbench::model::formatDuration(SimTime(2 * u.size())), text);
    }
    for (const UnitDef &u : sizeUnits()) {
        const std::string text = "3" + std::string(u.name);
        QCOMPARE(eventbench::model::parseSize(text, &error), std::optional<double>(3 * u.size()));
        if (u.offered && u.size() > 1)
            QCOMPARE(eventbench::model::formatSize(3 * u.size()), text);
    }
    for (const UnitDef &u : rateUnits())
        QCOMPARE(eventbench::model::parseRate("6" + std::string(u.name), &error),
                 std::optional<double>(6 / u.size()));
    QCOMPARE(rateUnits()[2].name, std::string_view("/s"));
}

QTEST_GUILESS_MAIN(TestUnits)
#include "tst_units.moc"
