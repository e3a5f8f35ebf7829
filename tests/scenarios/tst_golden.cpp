// Golden runs: every scenarios/*.yaml runs headless with its own seed and must reproduce the
// figures pinned in tests/scenarios/golden.csv (fingerprint, ledger, every expectation's
// verdict and measured value, counter totals, latency percentiles), compared as text. A
// scenario without a golden entry and a golden entry without a scenario both fail. Rows the
// golden file does not pin (new summary figures) are not compared.
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>

#include "support/CliRunner.h"

namespace {

const char *const kGoldenPath = EVENTBENCH_SOURCE_DIR "/tests/scenarios/golden.csv";
const char *const kRefreshHint =
    "If the change is deliberate, pin the current behaviour with scripts/refresh-golden.sh "
    "[BUILD_DIR | path/to/eventbench], review the diff of tests/scenarios/golden.csv and "
    "commit it.";

// One figure: node, metric, stat. An expectation row ("expect", its text, pass|fail) keys
// on node and text and keeps the verdict with the value, so a flipped verdict is a mismatch.
using Figures = QMap<QString, QString>;

// One line of a text file without its line break.
QString lineOf(const QByteArray &raw) {
    QString line = QString::fromUtf8(raw);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return line;
}

// Splits one RFC 4180 line (no embedded line breaks: summary rows have none).
QStringList splitCsv(const QString &line) {
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields << field;
            field.clear();
        } else {
            field += c;
        }
    }
    fields << field;
    return fields;
}

// Adds a node,metric,stat,value row to `into`; false if it has not four fields.
bool addFigure(const QStringList &f, Figures &into) {
    if (f.size() != 4)
        return false;
    if (f[0] == "expect")
        into.insert("expect,'" + f[1] + "'", f[2] + "," + f[3]);
    else
        into.insert(f[0] + "," + f[1] + "," + f[2], f[3]);
    return true;
}

struct Golden {
    QMap<QString, Figures> scenarios; // by file base name
    QStringList problems;             // malformed rows, duplicates
};

Golden readGolden() {
    Golden g;
    QFile file(kGoldenPath);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        g.problems << QString("cannot read %1").arg(kGoldenPath);
        return g;
    }
    bool header = true;
    int lineNo = 0;
    while (!file.atEnd()) {
        const QString line = lineOf(file.readLine());
        ++lineNo;
        if (line.startsWith('#') || line.isEmpty())
            continue;
        if (header) {
            if (line != "scenario,node,metric,stat,value")
                g.problems << QString("line %1: header expected, found '%2'").arg(lineNo).arg(line);
            header = false;
            continue;
        }
        QStringList f = splitCsv(line);
        const QString scenario = f.isEmpty() ? QString() : f.takeFirst();
        Figures &figures = g.scenarios[scenario];
        const qsizetype before = figures.size();
        if (!addFigure(f, figures))
            g.problems << QString("line %1: not scenario,node,metric,stat,value: %2")
                              .arg(lineNo)
                              .arg(line);
        else if (figures.size() == before)
            g.problems << QString("line %1: pinned twice: %2").arg(lineNo).arg(line);
    }
    return g;
}

QStringList scenarioNames() {
    QStringList names;
    const QDir dir(EVENTBENCH_SOURCE_DIR "/scenarios");
    for (const QString &f : dir.entryList({"*.yaml"}, QDir::Files, QDir::Name))
        names << f.chopped(5);
    return names;
}

// The mismatches of one run against its pinned figures, one line each.
QStringList compare(const QString &scenario, const Figures &golden, const Figures &actual) {
    QStringList out;
    for (auto it = golden.cbegin(); it != golden.cend(); ++it) {
        const auto found = actual.constFind(it.key());
        if (found == actual.cend())
            out << QString("%1: %2: expected %3, but the run has no such figure")
                       .arg(scenario, it.key(), it.value());
        else if (found.value() != it.value())
            out << QString("%1: %2: expected %3, actual %4")
                       .arg(scenario, it.key(), it.value(), found.value());
    }
    return out;
}

} // namespace

class TestGolden : public QObject {
    Q_OBJECT

  private slots:
    void goldenFileIsWellFormed() {
        const Golden g = readGolden();
        QVERIFY2(g.problems.isEmpty(), qPrintable(g.problems.join('\n')));
        QVERIFY(!g.scenarios.isEmpty());
        for (auto it = g.scenarios.cbegin(); it != g.scenarios.cend(); ++it) {
            QVERIFY2(it.value().contains("run,fingerprint,value"), qPrintable(it.key()));
            QVERIFY2(it.value().contains("ledger,unaccounted,total"), qPrintable(it.key()));
        }
    }

    void everyGoldenEntryHasAScenarioFile() {
        const QStringList files = scenarioNames();
        QStringList orphans;
        for (const QString &name : readGolden().scenarios.keys())
            if (!files.contains(name))
                orphans << name;
        QVERIFY2(orphans.isEmpty(),
                 qPrintable("golden.csv pins scenarios that have no scenarios/<name>.yaml: " +
                            orphans.join(", ") + ". " + kRefreshHint));
    }

    // The comparison itself: a changed value, a flipped verdict and a vanished figure are
    // each reported with scenario, figure, expected and actual; unpinned rows are ignored.
    void mismatchesNameScenarioFigureAndValues() {
        Figures golden, actual;
        addFigure({"run", "fingerprint", "value", "00000000000000aa"}, golden);
        addFigure({"expect", "p99(c.latency) < 1s", "pass", "0.5"}, golden);
        addFigure({"ledger", "completed", "total", "10"}, golden);
        addFigure({"c", "received", "total", "12"}, golden);
        addFigure({"run", "fingerprint", "value", "00000000000000ab"}, actual);
        addFigure({"expect", "p99(c.latency) < 1s", "fail", "1.5"}, actual);
        addFigure({"ledger", "completed", "total", "10"}, actual);
        addFigure({"run", "warmup_s", "value", "3"}, actual);
        const QStringList m = compare("demo", golden, actual);
        QCOMPARE(m, QStringList({
                        "demo: c,received,total: expected 12, but the run has no such figure",
                        "demo: expect,'p99(c.latency) < 1s': expected pass,0.5, actual fail,1.5",
                        "demo: run,fingerprint,value: expected 00000000000000aa, actual "
                        "00000000000000ab",
                    }));
        QVERIFY(compare("demo", golden, golden).isEmpty());
        QCOMPARE(splitCsv("expect,\"a, \"\"b\"\"\",pass,1"),
                 QStringList({"expect", "a, \"b\"", "pass", "1"}));
    }

    void scenario_data() {
        QTest::addColumn<QString>("name");
        for (const QString &name : scenarioNames())
            QTest::newRow(qPrintable(name)) << name;
    }

    void scenario() {
        QFETCH(QString, name);
        const Golden g = readGolden();
        QVERIFY2(g.scenarios.contains(name),
                 qPrintable(QString("scenarios/%1.yaml has no entry in golden.csv. %2")
                                .arg(name, kRefreshHint)));

        QTemporaryDir out;
        QVERIFY(out.isValid());
        const eventbench::testing::CliResult r =
            eventbench::testing::CliRunner(QString(), 240000)
                .run({"run", EVENTBENCH_SOURCE_DIR "/scenarios/" + name + ".yaml", "--out",
                      out.path(), "--quiet"});
        QVERIFY2(r.err != "timed out", "timed out");
        QVERIFY2(r.exitCode >= 0 && r.exitCode <= 1, (r.out + r.err).constData());

        QFile summary(out.filePath("summary.csv"));
        QVERIFY(summary.open(QIODevice::ReadOnly | QIODevice::Text));
        Figures actual;
        summary.readLine(); // header
        while (!summary.atEnd())
            addFigure(splitCsv(lineOf(summary.readLine())), actual);

        QStringList mismatches = compare(name, g.scenarios.value(name), actual);
        const qsizetype count = mismatches.size();
        constexpr qsizetype kShown = 25; // the first ones tell the story; the diff the rest
        if (count > kShown) {
            mismatches.resize(kShown);
            mismatches << QString("... and %1 more").arg(count - kShown);
        }
        QVERIFY2(
            count == 0,
            qPrintable(QString("%1 pinned figure(s) differ from the golden run:\n").arg(count) +
                       mismatches.join('\n') + '\n' + kRefreshHint));
    }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
