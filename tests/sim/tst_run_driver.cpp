// sim::RunDriver and sim::BatchRunner, the one loop and the one pool that every front end
// uses: slices reach the end with the same run as a direct Engine run, pause, step, faults and
// stop through the inbox (also from another thread), the snapshot cursor hands out each sample
// and event once, and batches keep their order and seeds whatever the thread count, stop
// early when cancelled and pass exceptions on.
#include <QtTest>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "model/results/ReportWriter.h"
#include "model/yaml/ScenarioLoader.h"
#include "sim/engine/Engine.h"
#include "sim/run/BatchRunner.h"
#include "sim/run/RunDriver.h"

using namespace eventbench;
using sim::RunDriver;
using sim::RunPace;

namespace {

constexpr model::SimTime kSecond = model::kNanosPerSecond;

const char *const kPipeline = R"(scenario: driver
seed: 9
duration: 60s
sample_every: 1s
nodes:
  orders: {kind: producer, rate: 300/s}
  log: {kind: topic, partitions: 2}
  inv: {kind: consumer, instances: 2, service_time: {distribution: exponential, mean: 2ms}}
edges:
  - orders -> log
  - log -> inv
)";

model::Scenario load(const std::string &yaml) {
    model::LoadResult loaded = model::loadScenarioText(yaml, "driver.yaml");
    if (!loaded.scenario || model::hasErrors(loaded.diagnostics))
        qFatal("test scenario does not load");
    return *loaded.scenario;
}

model::Scenario pipeline() {
    return load(std::string(kPipeline) + "faults:\n  - {at: 20s, for: 5s, crash: inv, "
                                         "instances: 1}\n");
}

model::RunReport direct(const model::Scenario &scenario) {
    sim::Engine engine(scenario);
    engine.runToEnd();
    return engine.takeReport();
}

/// The report's three CSV files without the wall time: equal text means the same run.
std::string csv(model::RunReport report) {
    report.wallSeconds = 0;
    std::ostringstream out;
    model::writeTimeseriesCsv(out, report);
    model::writeSummaryCsv(out, report);
    model::writeEventsCsv(out, report);
    return out.str();
}

model::Fault crash(model::SimTime at, const std::string &target = "inv") {
    model::Fault f;
    f.kind = model::Fault::Kind::Crash;
    f.target = target;
    f.instances = 1;
    f.at = at;
    f.duration = 5 * kSecond;
    return f;
}

/// Records what a driver reports, and runs a script between slices.
struct Recorder : sim::RunObserver {
    int slices = 0;
    std::vector<bool> pauses;
    std::vector<model::SimTime> forcedAt;
    std::vector<std::pair<model::Fault, bool>> faults;
    std::function<void(RunDriver &, bool)> script;

    void onSlice(RunDriver &driver, bool forced) override {
        ++slices;
        if (forced)
            forcedAt.push_back(driver.now());
        if (script)
            script(driver, forced);
    }
    void onPaused(bool paused) override { pauses.push_back(paused); }
    void onFault(const model::Fault &f, bool accepted) override {
        faults.emplace_back(f, accepted);
    }
};

bool sameValues(const std::vector<double> &a, const std::vector<double> &b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i]))))
            return false;
    return true;
}

} // namespace

class RunDriverTest : public QObject {
    Q_OBJECT
  private slots:
    void slicesReachTheEnd_data();
    void slicesReachTheEnd();
    void pauseAndStepThroughTheInbox();
    void faultsThroughTheInbox();
    void commandsFromAnotherThread();
    void stopEndsTheRunEarly();
    void onlyTheOwningThreadOwnsIt();
    void snapshotCursorReturnsEachSampleOnce();
    void batchOrderAndSeeds_data();
    void batchOrderAndSeeds();
    void cancellationStopsEarly();
    void cancelBeforeRunRunsNothing();
    void consumerExceptionIsRethrown();
};

void RunDriverTest::slicesReachTheEnd_data() {
    QTest::addColumn<std::uint64_t>("blockEvents");
    QTest::addColumn<int>("budgetMs");
    QTest::addColumn<int>("minSlices");
    QTest::newRow("whole run") << std::uint64_t{0} << 0 << 1;
    QTest::newRow("blocks of 1000") << std::uint64_t{1000} << 0 << 20;
    QTest::newRow("blocks of 20000") << std::uint64_t{20000} << 0 << 2;
    QTest::newRow("interactive") << std::uint64_t{4096} << 25 << 1;
}

void RunDriverTest::slicesReachTheEnd() {
    QFETCH(std::uint64_t, blockEvents);
    QFETCH(int, budgetMs);
    QFETCH(int, minSlices);
    const model::Scenario scenario = pipeline();
    RunPace pace;
    pace.blockEvents = blockEvents;
    pace.sliceBudget = std::chrono::milliseconds(budgetMs);
    RunDriver driver(scenario, pace);
    Recorder rec;
    QVERIFY(driver.run(&rec));
    QVERIFY(driver.finished());
    QCOMPARE(driver.now(), driver.endTime());
    QCOMPARE(driver.endTime(), 60 * kSecond);
    QVERIFY2(rec.slices >= minSlices, qPrintable(QString::number(rec.slices)));
    if (blockEvents == 0)
        QCOMPARE(rec.slices, 1);
    QVERIFY(rec.pauses.empty());
    const model::RunReport sliced = driver.takeReport();
    const model::RunReport whole = direct(scenario);
    QCOMPARE(sliced.fingerprint, whole.fingerprint);
    QCOMPARE(sliced.eventCount, whole.eventCount);
    QVERIFY(sliced.eventCount > 30000);
    QVERIFY(sliced.wallSeconds > 0);
    QVERIFY(csv(sliced) == csv(whole));
}

void RunDriverTest::pauseAndStepThroughTheInbox() {
    const model::Scenario scenario = pipeline();
    RunDriver driver(scenario, RunPace::interactive(),
                     std::make_shared<sim::RunInbox>(0, /*paused*/ true));
    Recorder rec;
    std::vector<model::SampleSnapshot> stepped;
    rec.script = [&](RunDriver &d, bool forced) {
        if (forced) {
            stepped.push_back(d.takeSnapshot());
            return;
        }
        // Paused between steps: nothing moves until the next command.
        if (stepped.size() < 3) {
            QCOMPARE(d.now(), model::SimTime(stepped.size()) * kSecond);
            d.inbox().requestStep();
        } else if (stepped.size() == 3 && rec.pauses.size() == 1) {
            d.inbox().setPaused(false);
        }
    };
    QVERIFY(driver.run(&rec));
    // Paused from the start, resumed once after three steps; a step ends paused silently.
    QCOMPARE(rec.pauses, (std::vector<bool>{true, false}));
    QCOMPARE(rec.forcedAt, (std::vector<model::SimTime>{kSecond, 2 * kSecond, 3 * kSecond}));
    QCOMPARE(stepped.size(), std::size_t{3});
    for (std::size_t i = 1; i < 3; ++i) {
        // Each step brings exactly the sample at its boundary.
        QCOMPARE(stepped[i].times.size(), std::size_t{1});
        QCOMPARE(stepped[i].times.back(), double(i + 1));
        QCOMPARE(stepped[i].now, model::SimTime(i + 1) * kSecond);
    }
    QCOMPARE(driver.takeReport().fingerprint, direct(scenario).fingerprint);
}

void RunDriverTest::faultsThroughTheInbox() {
    const model::Scenario plain = load(kPipeline);
    RunDriver driver(plain, RunPace::flatOut(2000));
    driver.inbox().injectFault(crash(20 * kSecond));
    driver.inbox().injectFault(crash(0, "nowhere"));
    Recorder rec;
    bool injectedLate = false;
    rec.script = [&](RunDriver &d, bool) {
        if (!injectedLate && d.now() >= 40 * kSecond) {
            injectedLate = true;
            d.inbox().injectFault(crash(0)); // "now"
        }
    };
    QVERIFY(driver.run(&rec));
    QCOMPARE(rec.faults.size(), std::size_t{3});
    QCOMPARE(rec.faults[0].first.at, 20 * kSecond);
    QVERIFY(rec.faults[0].second);
    QVERIFY(!rec.faults[1].second); // no such node: refused
    QVERIFY(rec.faults[2].second);
    QVERIFY(rec.faults[2].first.at >= 40 * kSecond);
    QVERIFY(rec.faults[2].first.at < 60 * kSecond);
    const model::RunReport report = driver.takeReport();
    std::vector<model::SimTime> applied;
    for (const auto &e : report.events)
        if (e.event == "fault_applied" && e.node == "inv")
            applied.push_back(e.time);
    QCOMPARE(applied, (std::vector<model::SimTime>{20 * kSecond, rec.faults[2].first.at}));
    QVERIFY(report.fingerprint != direct(plain).fingerprint);
    QCOMPARE(report.unaccounted, 0);
}

void RunDriverTest::commandsFromAnotherThread() {
    const model::Scenario plain = load(kPipeline);
    auto inbox = std::make_shared<sim::RunInbox>(0, true);
    std::atomic<bool> pausedSeen{false};
    Recorder rec;
    rec.script = [&](RunDriver &, bool) { pausedSeen = !rec.pauses.empty(); };
    model::RunReport report;
    bool ended = false;
    std::thread worker([&] {
        RunDriver driver(plain, RunPace::interactive(), inbox);
        ended = driver.run(&rec);
        report = driver.takeReport();
    });
    QTRY_VERIFY_WITH_TIMEOUT(pausedSeen.load(), 10000);
    inbox->injectFault(crash(0)); // while paused at 0 s: applied at 0 s
    inbox->setPaused(false);
    worker.join();
    QVERIFY(ended);
    QCOMPARE(rec.faults.size(), std::size_t{1});
    QVERIFY(rec.faults[0].second);
    QCOMPARE(rec.faults[0].first.at, model::SimTime(0));
    QCOMPARE(rec.pauses, (std::vector<bool>{true, false}));
    QCOMPARE(report.simSeconds, 60.0);
}

void RunDriverTest::stopEndsTheRunEarly() {
    const model::Scenario scenario = pipeline();
    RunDriver driver(scenario, RunPace::flatOut(1000));
    Recorder rec;
    rec.script = [&](RunDriver &d, bool) {
        if (d.now() >= 10 * kSecond)
            d.inbox().requestStop();
    };
    QVERIFY(!driver.run(&rec));
    QVERIFY(!driver.finished());
    QVERIFY(driver.now() >= 10 * kSecond);
    QVERIFY(driver.now() < 20 * kSecond);
    QVERIFY(driver.inbox().stopRequested());

    // Stopped from another thread while paused: the wait ends at once.
    auto inbox = std::make_shared<sim::RunInbox>(0, true);
    bool ended = true;
    std::thread worker([&] { ended = RunDriver(scenario, RunPace::interactive(), inbox).run(); });
    inbox->requestStop();
    worker.join();
    QVERIFY(!ended);
}

void RunDriverTest::onlyTheOwningThreadOwnsIt() {
    const RunDriver driver(pipeline());
    QVERIFY(driver.isOwnerThread());
    bool elsewhere = true;
    std::thread([&] { elsewhere = driver.isOwnerThread(); }).join();
    QVERIFY(!elsewhere);

#ifdef NDEBUG
    QSKIP("asserts are off in this build");
#else
    // Driving it from another thread asserts: a child process that does so dies of SIGABRT.
    const pid_t child = fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        std::freopen("/dev/null", "w", stderr); // the assertion's message is expected
        RunDriver owned(pipeline());
        std::thread([&] { owned.run(); }).join();
        _exit(0);
    }
    int status = 0;
    QCOMPARE(waitpid(child, &status, 0), child);
    QVERIFY(WIFSIGNALED(status));
    QCOMPARE(WTERMSIG(status), SIGABRT);
#endif
}

void RunDriverTest::snapshotCursorReturnsEachSampleOnce() {
    const model::Scenario scenario = pipeline();
    RunDriver driver(scenario, RunPace::flatOut(700));
    const sim::RunInfo info = driver.info();
    QCOMPARE(info.sampleEvery, kSecond);
    QCOMPARE(info.endTime, 60 * kSecond);
    model::SampleSnapshot all;
    all.values.resize(info.seriesNames.size());
    auto take = [&](RunDriver &d) {
        const model::SampleSnapshot s = d.takeSnapshot();
        QCOMPARE(s.firstSample, all.times.size());
        QCOMPARE(s.values.size(), info.seriesNames.size());
        all.times.insert(all.times.end(), s.times.begin(), s.times.end());
        for (std::size_t k = 0; k < s.values.size(); ++k) {
            QCOMPARE(s.values[k].size(), s.times.size());
            all.values[k].insert(all.values[k].end(), s.values[k].begin(), s.values[k].end());
        }
        all.newEvents.insert(all.newEvents.end(), s.newEvents.begin(), s.newEvents.end());
        QCOMPARE(d.samplesSeen(), all.times.size());
        QCOMPARE(d.eventsSeen(), all.newEvents.size());
        QVERIFY(!d.hasNews());
    };
    Recorder rec;
    int taken = 0;
    rec.script = [&](RunDriver &d, bool) {
        if (d.hasNews()) {
            take(d);
            ++taken;
        }
    };
    QVERIFY(driver.run(&rec));
    QVERIFY(taken > 10);
    take(driver); // what the last slice left
    const model::SampleSnapshot empty = driver.takeSnapshot();
    QVERIFY(empty.times.empty());
    QVERIFY(empty.newEvents.empty());

    const model::RunReport report = driver.takeReport();
    QCOMPARE(all.times, report.sampleTimes);
    QCOMPARE(report.series.size(), all.values.size());
    for (std::size_t k = 0; k < all.values.size(); ++k)
        QVERIFY2(sameValues(all.values[k], report.series[k].values),
                 report.series[k].metric.c_str());
    QCOMPARE(all.newEvents.size(), report.events.size());
    QVERIFY(report.events.size() >= 2); // the crash and its revert
    for (std::size_t i = 0; i < report.events.size(); ++i) {
        QCOMPARE(all.newEvents[i].time, report.events[i].time);
        QCOMPARE(all.newEvents[i].event, report.events[i].event);
    }
}

void RunDriverTest::batchOrderAndSeeds_data() {
    QTest::addColumn<unsigned>("threads");
    QTest::newRow("1 thread") << 1u;
    QTest::newRow("2 threads") << 2u;
}

void RunDriverTest::batchOrderAndSeeds() {
    QFETCH(unsigned, threads);
    const model::Scenario a = pipeline();
    model::Scenario b = a;
    b.seed = 100;
    const std::vector<model::Scenario> jobs = sim::BatchRunner::replications({a, b}, 3);
    QCOMPARE(jobs.size(), std::size_t{6});
    const std::vector<std::uint64_t> seeds{9, 10, 11, 100, 101, 102};
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        QCOMPARE(jobs[j].seed, seeds[j]);
        QCOMPARE(sim::BatchRunner::pointOf(j, 3), j / 3);
    }
    QCOMPARE(sim::BatchRunner::replicationSeed(9, 2), std::uint64_t{11});
    QCOMPARE(sim::BatchRunner::replication(a, 4).seed, std::uint64_t{13});

    sim::BatchRunner runner(threads);
    QCOMPARE(runner.threads(), threads);
    std::vector<std::size_t> order;
    std::vector<model::RunReport> reports;
    const auto caller = std::this_thread::get_id();
    QVERIFY(runner.run(jobs, [&](std::size_t job, model::RunReport &&report) {
        QVERIFY(std::this_thread::get_id() == caller);
        order.push_back(job);
        reports.push_back(std::move(report));
    }));
    QVERIFY(!runner.cancelled());
    QCOMPARE(order, (std::vector<std::size_t>{0, 1, 2, 3, 4, 5}));
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        QCOMPARE(reports[j].seed, seeds[j]);
        QCOMPARE(reports[j].fingerprint, direct(jobs[j]).fingerprint);
        QVERIFY(reports[j].wallSeconds > 0);
    }
    QVERIFY(reports[0].fingerprint != reports[1].fingerprint);
}

void RunDriverTest::cancellationStopsEarly() {
    // Runs of minutes each: only cancellation ends the batch in a few seconds.
    const model::Scenario longRun =
        load("scenario: long\nseed: 3\nduration: 24h\nnodes:\n"
             "  orders: {kind: producer, rate: 2000/s}\n  log: {kind: topic, partitions: 4}\n"
             "  inv: {kind: consumer, instances: 2, service_time: 0.2ms}\n"
             "edges:\n  - orders -> log\n  - log -> inv\n");
    const model::Scenario quick = pipeline();
    // The first job is quick; the consumer cancels when it gets it.
    std::vector<model::Scenario> jobs{quick};
    for (const auto &s : sim::BatchRunner::replications({longRun}, 5))
        jobs.push_back(s);
    sim::BatchRunner runner(2);
    std::vector<std::size_t> consumed;
    const auto start = std::chrono::steady_clock::now();
    const bool complete = runner.run(jobs, [&](std::size_t job, model::RunReport &&) {
        consumed.push_back(job);
        runner.cancel();
    });
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    QVERIFY(!complete);
    QVERIFY(runner.cancelled());
    QCOMPARE(consumed, (std::vector<std::size_t>{0}));
    QVERIFY2(seconds < 20, qPrintable(QString::number(seconds)));

    // Cancelled from another thread while every thread is in a long run.
    sim::BatchRunner other(2);
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        other.cancel();
    });
    int count = 0;
    const auto start2 = std::chrono::steady_clock::now();
    QVERIFY(!other.run(sim::BatchRunner::replications({longRun}, 4),
                       [&](std::size_t, model::RunReport &&) { ++count; }));
    canceller.join();
    QCOMPARE(count, 0);
    QVERIFY(std::chrono::steady_clock::now() - start2 < std::chrono::seconds(20));
}

void RunDriverTest::cancelBeforeRunRunsNothing() {
    sim::BatchRunner runner(2);
    runner.cancel();
    int count = 0;
    QVERIFY(!runner.run(sim::BatchRunner::replications({pipeline()}, 3),
                        [&](std::size_t, model::RunReport &&) { ++count; }));
    QCOMPARE(count, 0);
}

void RunDriverTest::consumerExceptionIsRethrown() {
    sim::BatchRunner runner(2);
    int count = 0;
    bool thrown = false;
    try {
        runner.run(sim::BatchRunner::replications({pipeline()}, 4),
                   [&](std::size_t, model::RunReport &&) {
                       ++count;
                       throw std::runtime_error("consumer failed");
                   });
    } catch (const std::runtime_error &e) {
        thrown = std::string(e.what()) == "consumer failed";
    }
    QVERIFY(thrown);
    QCOMPARE(count, 1);
}

QTEST_GUILESS_MAIN(RunDriverTest)
#include "tst_run_driver.moc"
