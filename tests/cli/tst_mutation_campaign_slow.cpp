// The mutation campaign (scripts/mutate-campaign.py, README.md#fuzzing) in short: 300 mutated
// inputs from the bundled scenarios through the built binary. None may end in a signal, a hang,
// exit 3, or an exit 2 whose errors have no position. Label `slow`.
#include <QProcess>
#include <QtTest>

class TestMutationCampaignSlow : public QObject {
    Q_OBJECT

  private slots:
    void shortCampaign() {
        // prlimit --as cannot work with AddressSanitizer, which maps terabytes of shadow memory.
        QProcess ldd;
        ldd.start("ldd", {EVENTBENCH_BINARY});
        ldd.waitForFinished();
        const bool asan = ldd.readAllStandardOutput().contains("libasan");
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start("python3", {QStringLiteral(EVENTBENCH_SOURCE_DIR) + "/scripts/mutate-campaign.py",
                            EVENTBENCH_BINARY, "--count", "300", "--seed", "13", "--jobs", "2",
                            "--as-limit", asan ? "0" : "4096"});
        QVERIFY(p.waitForFinished(840000));
        const QByteArray out = p.readAll();
        QVERIFY2(out.contains("campaign: 300 inputs"), out.constData());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, out.constData());
    }
};

QTEST_GUILESS_MAIN(TestMutationCampaignSlow)
#include "tst_mutation_campaign_slow.moc"
