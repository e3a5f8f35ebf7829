// Every scenario shipped in scenarios/ validates, runs headless with every expectation holding
// (exit 0) and leaves a balanced ledger.
#include <QtTest>

#include <QDir>
#include <QTemporaryDir>

#include "support/CliRunner.h"

class TestScenarios : public QObject {
    Q_OBJECT

  private:
    const eventbench::testing::CliRunner m_cli{QString(), 240000};

    static QStringList scenarioFiles() {
        QDir dir(EVENTBENCH_SOURCE_DIR "/scenarios");
        return dir.entryList({"*.yaml"}, QDir::Files, QDir::Name);
    }

  private slots:
    // The library the README documents (issue 8): one file per topic.
    void atLeastTheLibraryExists() {
        const QStringList files = scenarioFiles();
        for (const char *name :
             {"orders-and-payments.yaml", "ecommerce-cart.yaml", "fraud-detection.yaml",
              "smart-home-iot.yaml", "event-sourcing-cqrs.yaml", "sns-sqs-fanout.yaml",
              "rabbitmq-topic-dlx.yaml", "rebalance-storm.yaml", "poison-pill.yaml",
              "schema-migration.yaml", "idempotent-consumers.yaml", "sqs-worker-dlq.yaml",
              "fanout-exchange.yaml", "single-partition-mm1.yaml", "consumer-crash-replay.yaml",
              "broker-outage.yaml", "slow-consumer-spike.yaml", "payment-db-outage.yaml",
              "payment-db-outage-breaker.yaml"})
            QVERIFY2(files.contains(name), name);
    }

    void scenario_data() {
        QTest::addColumn<QString>("file");
        for (const QString &name : scenarioFiles())
            QTest::newRow(qPrintable(name)) << QString(EVENTBENCH_SOURCE_DIR "/scenarios/" + name);
    }
    void scenario() {
        QFETCH(QString, file);
        QFile yaml(file);
        QVERIFY(yaml.open(QIODevice::ReadOnly));
        QVERIFY2(yaml.readAll().contains("\ndescription:"), "every scenario says what it shows");

        const eventbench::testing::CliResult v = m_cli.run({"validate", file});
        QVERIFY2(v.exitCode == 0, v.err.constData());
        QVERIFY2(!v.err.contains(": error: "), v.err.constData());

        QTemporaryDir out;
        QVERIFY(out.isValid());
        const eventbench::testing::CliResult r =
            m_cli.run({"run", file, "--out", out.path(), "--quiet"});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        QVERIFY2(!r.out.contains("FAIL  "), r.out.constData());

        QFile summary(out.filePath("summary.csv"));
        QVERIFY(summary.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = summary.readAll().split('\n');
        QVERIFY(rows.contains("ledger,unaccounted,total,0"));
        int expectations = 0;
        for (const QByteArray &row : rows) {
            if (row.startsWith("expect,")) {
                ++expectations;
                QVERIFY2(row.contains(",pass,"), row.constData());
            }
        }
        // Each shipped scenario states what it demonstrates as expectations.
        QVERIFY(expectations >= 2);
        QCOMPARE(r.out.count("PASS  "), expectations);
    }
};

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
