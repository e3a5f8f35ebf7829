// A sweep spread over a real Slurm job array (issue 17): starts a single-host Slurm from
// Debian's packages in a temporary folder (munged with its own key and socket, slurmctld -D and
// slurmd -D as root, NodeName = the host name, ports on loopback), submits
// scripts/slurm-sweep.sh as an array of 4 tasks with --shard slurm, merges, and compares byte
// for byte with the same sweep in one process; one task fails first and is rerun alone. The
// three daemons are stopped by PID whatever happens. Needs root (`./scripts/setup.sh test`).
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTextStream>
#include <QThread>
#include <QtTest>

#include <functional>

#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/CliRunner.h"

using eventbench::testing::fileBytes;

namespace {

const char *const kScenario = R"(scenario: slurm-sweep
seed: 3
duration: 5s
nodes:
  orders: {kind: producer, rate: 80/s}
  events: {kind: topic, partitions: 2}
  billing: {kind: consumer, service_time: {distribution: exponential, mean: 5ms}}
edges:
  - orders -> events
  - events -> billing
expect:
  - ledger.unaccounted == 0
  - p99(billing.latency) < 20ms
)";

/// A TCP port on loopback that nothing listens on now.
quint16 freePort() {
    for (int attempt = 0; attempt < 50; ++attempt) {
        const auto port = static_cast<quint16>(20000 + QRandomGenerator::global()->bounded(30000));
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool ok = ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
        ::close(fd);
        if (ok)
            return port;
    }
    return 0;
}

/// The host name as Slurm takes it (up to the first dot).
QString shortHostName() {
    char name[256] = {};
    ::gethostname(name, sizeof name - 1);
    return QString::fromLocal8Bit(name).section('.', 0, 0);
}

} // namespace

class TestSlurm : public QObject {
    Q_OBJECT

  public:
    ~TestSlurm() override { stopDaemons(); }

  private:
    QTemporaryDir m_dir;
    QString m_conf;
    QList<QProcess *> m_daemons; // munged, slurmctld, slurmd: stopped in reverse order

    QString path(const QString &name) const { return m_dir.filePath(name); }

    /// Starts a daemon in the foreground with its output in DIR/NAME.out.
    bool startDaemon(const QString &program, const QStringList &args, const QString &name) {
        auto *p = new QProcess(this);
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->setStandardOutputFile(path(name + ".out"));
        // Should this test be killed outright (a CTest timeout), the daemons go with it.
        p->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        p->start(program, args);
        m_daemons << p;
        return p->waitForStarted(10000);
    }

    /// Each daemon gets SIGTERM by its PID, then SIGKILL if it is still there after 5 s.
    void stopDaemons() {
        while (!m_daemons.isEmpty()) {
            QProcess *p = m_daemons.takeLast();
            const qint64 pid = p->processId();
            if (pid > 0 && p->state() != QProcess::NotRunning) {
                ::kill(static_cast<pid_t>(pid), SIGTERM);
                if (!p->waitForFinished(5000)) {
                    ::kill(static_cast<pid_t>(pid), SIGKILL);
                    p->waitForFinished(5000);
                }
            }
            delete p;
        }
    }

    /// Runs a Slurm client or eventbench with SLURM_CONF set; bounded by `timeoutMs`.
    eventbench::testing::CliResult client(const QString &program, const QStringList &args,
                                          int timeoutMs = 30000) const {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("SLURM_CONF", m_conf);
        env.insert("EVENTBENCH", EVENTBENCH_BINARY);
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(m_dir.path());
        p.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        p.start(program, args);
        eventbench::testing::CliResult r;
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            r.err = "timed out";
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    /// Waits (bounded) until `check` holds.
    static bool waitFor(const std::function<bool()> &check, int timeoutMs) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (check())
                return true;
            QThread::msleep(200);
        }
        return check();
    }

    QString writeConf(quint16 ctldPort, quint16 slurmdPort) const {
        const QString host = shortHostName();
        const QString d = m_dir.path();
        QString text;
        QTextStream s(&text);
        s << "ClusterName=eventbench\nSlurmctldHost=" << host << "(127.0.0.1)\n"
          << "SlurmUser=root\nSlurmdUser=root\n"
          << "SlurmctldPort=" << ctldPort << "\nSlurmdPort=" << slurmdPort << "\n"
          << "AuthType=auth/munge\nAuthInfo=socket=" << d << "/munge.sock\nCredType=cred/munge\n"
          << "StateSaveLocation=" << d << "/state\nSlurmdSpoolDir=" << d << "/spool\n"
          << "SlurmctldPidFile=" << d << "/slurmctld.pid\nSlurmdPidFile=" << d << "/slurmd.pid\n"
          << "SlurmctldLogFile=" << d << "/slurmctld.log\nSlurmdLogFile=" << d << "/slurmd.log\n"
          << "ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\n"
          << "SchedulerType=sched/builtin\nSelectType=select/cons_tres\n"
          << "SelectTypeParameters=CR_CPU\nReturnToService=2\nMpiDefault=none\n"
          << "JobAcctGatherType=jobacct_gather/none\nAccountingStorageType=accounting_storage/"
             "none\n"
          << "SwitchType=switch/none\n"
          << "NodeName=" << host << " NodeAddr=127.0.0.1 CPUs=" << QThread::idealThreadCount()
          << " State=UNKNOWN\n"
          << "PartitionName=main Nodes=" << host << " Default=YES MaxTime=INFINITE State=UP\n";
        QFile f(path("slurm.conf"));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(text.toUtf8());
        return f.fileName();
    }

    /// `sbatch --wait` of scripts/slurm-sweep.sh with the sweep; its exit code (non-zero when
    /// a task failed).
    eventbench::testing::CliResult submit(const QStringList &sbatchArgs,
                                          const QStringList &sweep) const {
        const QString script = QString(EVENTBENCH_SOURCE_DIR) + "/scripts/slurm-sweep.sh";
        return client("sbatch",
                      sbatchArgs +
                          QStringList{"--wait", "-o", path("slurm-%A_%a.out"), "-D", m_dir.path(),
                                      script, path("study")} +
                          sweep,
                      60000);
    }

  private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        if (::geteuid() != 0)
            QSKIP("starts slurmctld and slurmd as root (./scripts/setup.sh test runs as root)");
        for (const char *tool : {"munged", "slurmctld", "slurmd", "sbatch", "sinfo"})
            QVERIFY2(
                !QStandardPaths::findExecutable(tool, {"/usr/sbin", "/usr/bin"}).isEmpty(),
                qPrintable(QString(tool) + " is missing: ./scripts/setup.sh test installs it"));
        QVERIFY(QDir(m_dir.path()).mkpath("state") && QDir(m_dir.path()).mkpath("spool"));
        // munged wants a private key and a socket directory others can reach.
        QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                QFile::ExeGroup | QFile::ReadGroup |
                                                QFile::ExeOther | QFile::ReadOther);
        QFile key(path("munge.key"));
        QVERIFY(key.open(QIODevice::WriteOnly));
        for (int i = 0; i < 256; ++i) {
            const quint32 word = QRandomGenerator::system()->generate();
            key.write(reinterpret_cast<const char *>(&word), sizeof word);
        }
        key.close();
        QVERIFY(key.setPermissions(QFile::ReadOwner));
        const QString d = m_dir.path();
        QVERIFY(
            startDaemon("munged",
                        {"-F", "-f", "--socket=" + d + "/munge.sock",
                         "--key-file=" + d + "/munge.key", "--pid-file=" + d + "/munged.pid",
                         "--seed-file=" + d + "/munged.seed", "--log-file=" + d + "/munged.log"},
                        "munged"));
        QVERIFY2(waitFor([&] { return QFileInfo::exists(path("munge.sock")); }, 10000),
                 fileBytes(path("munged.out")).constData());
        m_conf = writeConf(freePort(), freePort());
        QVERIFY(!m_conf.isEmpty());
        QVERIFY(startDaemon("slurmctld", {"-D", "-c", "-f", m_conf}, "slurmctld"));
        QVERIFY(startDaemon("slurmd", {"-D", "-f", m_conf}, "slurmd"));
        const bool idle = waitFor(
            [&] {
                const auto r = client("sinfo", {"-h", "-o", "%t"}, 5000);
                return r.exitCode == 0 && r.out.trimmed() == "idle";
            },
            30000);
        QVERIFY2(idle, (fileBytes(path("slurmctld.out")) + fileBytes(path("slurmd.out")) +
                        fileBytes(path("slurmctld.log")))
                           .constData());
    }

    void cleanupTestCase() { stopDaemons(); }

    void arrayOfFourEqualsOneProcess() {
        const QString scenario = path("sweep.yaml");
        QFile f(scenario);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kScenario);
        f.close();
        const QStringList sweep{"sweep",          scenario,
                                "--vary",         "nodes.billing.instances=1,2",
                                "--vary",         "nodes.orders.rate=40/s,80/s",
                                "--replications", "3"};
        const auto single =
            client(EVENTBENCH_BINARY, sweep + QStringList{"--out", path("single"), "--quiet"});
        QVERIFY2(single.exitCode == 0 || single.exitCode == 1, single.err.constData());

        // Task 2 fails: its --out is a file, not a directory.
        QVERIFY(QDir(m_dir.path()).mkpath("study"));
        QFile blocker(path("study/shard-2"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const auto first = submit({"--array=0-3"}, sweep);
        QVERIFY2(first.exitCode != 0, first.out.constData()); // sbatch --wait: a task failed
        QVERIFY2(first.err != "timed out", "the array did not end within 60 s");
        for (int i : {0, 1, 3})
            QVERIFY2(QFileInfo::exists(path(QString("study/shard-%1/shard.csv").arg(i))),
                     qPrintable(QString("shard %1 missing").arg(i)));
        QStringList shards;
        for (int i = 0; i < 4; ++i)
            shards << path(QString("study/shard-%1").arg(i));
        const QStringList mergeArgs =
            QStringList{"merge"} + shards + QStringList{"--out", path("merged"), "--quiet"};
        const auto refused = client(EVENTBENCH_BINARY, mergeArgs);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(path("study/shard-2").toUtf8()), refused.err.constData());

        // Rerun only index 2 of 4, then merge again.
        QVERIFY(QFile::remove(path("study/shard-2")));
        const auto rerun = submit({"--array=2", "--export=ALL,SHARDS=4"}, sweep);
        QVERIFY2(rerun.exitCode == 0, (rerun.out + rerun.err).constData());
        const auto merged = client(EVENTBENCH_BINARY, mergeArgs);
        QVERIFY2(merged.exitCode == single.exitCode, merged.err.constData());
        QCOMPARE(merged.out, single.out);
        const QByteArray want = fileBytes(path("single/sweep.csv"));
        QVERIFY(!want.isEmpty());
        QCOMPARE(fileBytes(path("merged/sweep.csv")), want);
        // The four tasks were shards 0/4..3/4 of the array, as --shard slurm read them.
        for (int i = 0; i < 4; ++i)
            QVERIFY(fileBytes(path(QString("study/shard-%1/shard.csv").arg(i)))
                        .contains(QString("\nshard,%1/4\n").arg(i).toUtf8()));
    }

    /// BENCHMARKS.md: wall time of one process, of a 1-task array and of a 4-task array on
    /// this Slurm, for the sweep in EVENTBENCH_SLURM_BENCH (`FILE --vary ... --replications
    /// N`, space separated). Skipped without it.
    void benchmarkArrays() {
        const QString spec = qEnvironmentVariable("EVENTBENCH_SLURM_BENCH");
        if (spec.isEmpty())
            QSKIP("set EVENTBENCH_SLURM_BENCH='FILE --vary PATH=V1,... --replications N'");
        const QStringList sweep = QStringList{"sweep"} + spec.split(' ', Qt::SkipEmptyParts);
        QElapsedTimer t;
        t.start();
        const auto one = client(EVENTBENCH_BINARY, sweep + QStringList{"--quiet"}, 600000);
        const double single = t.elapsed() / 1000.0;
        QVERIFY2(one.exitCode == 0 || one.exitCode == 1, one.err.constData());
        // Timed from submission until squeue no longer lists the job (polled every 0.2 s;
        // sbatch --wait polls too seldom for this).
        auto array = [&](const QStringList &args, const QString &study) {
            QElapsedTimer w;
            w.start();
            const QString script = QString(EVENTBENCH_SOURCE_DIR) + "/scripts/slurm-sweep.sh";
            const auto r =
                client("sbatch", args +
                                     QStringList{"--parsable", "-o", path("bench-%A_%a.out"), "-D",
                                                 m_dir.path(), script, path(study)} +
                                     sweep);
            const QString job = QString::fromUtf8(r.out).trimmed();
            const bool ended =
                r.exitCode == 0 &&
                waitFor(
                    [&] {
                        return client("squeue", {"-h", "-j", job}).out.trimmed().isEmpty();
                    },
                    900000);
            return ended ? w.elapsed() / 1000.0 : -1.0;
        };
        const double oneTask = array({"--array=0"}, "bench-1");
        const double fourTasks = array({"--array=0-3"}, "bench-4");
        QVERIFY(oneTask > 0 && fourTasks > 0);
        qInfo("one process %.2f s; 1-task array %.2f s; 4-task array %.2f s; speed-up 4 over 1 "
              "task %.2fx on %d cores",
              single, oneTask, fourTasks, oneTask / fourTasks, QThread::idealThreadCount());
    }
};

QTEST_GUILESS_MAIN(TestSlurm)
#include "tst_slurm_slow.moc"
