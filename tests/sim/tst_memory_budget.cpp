// The memory budget in the engine (README.md#memory-budget): message storage gives blocks back
// without throwing or allocating, engines' shares add up against one limit, a run that outgrows
// the limit stops where it is with the node that grew named and the ledger balanced. (That the
// model's per-thing costs are not below the engine's sizes is asserted in EngineBudget.cpp.)
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <utility>

#include "model/capacity/MemoryEstimate.h"
#include "model/yaml/ScenarioLoader.h"
#include "sim/broker/BlockPool.h"
#include "sim/engine/Engine.h"
#include "sim/kernel/MemoryBudget.h"

using namespace eventbench;

namespace {

// A queue that cannot keep up: its backlog grows by ~1,900 messages per simulated second.
const char *const kBacklog = R"(scenario: backlog
seed: 4
duration: 10m
sample_every: 1s
nodes:
  jobs-in: {kind: producer, rate: 2000/s}
  jobs: {kind: queue}
  worker: {kind: consumer, service_time: 10ms}
edges:
  - jobs-in -> jobs
  - jobs -> worker
)";

model::Scenario load(const std::string &yaml) {
    model::LoadResult loaded = model::loadScenarioText(yaml, "budget.yaml");
    if (!loaded.scenario || model::hasErrors(loaded.diagnostics))
        qFatal("test scenario does not load");
    return *loaded.scenario;
}

/// Restores the process's limit when a test ends.
struct LimitGuard {
    std::uint64_t saved = sim::MemoryBudget::limit();
    ~LimitGuard() { sim::MemoryBudget::setLimit(saved); }
};

} // namespace

class TestMemoryBudget : public QObject {
    Q_OBJECT

  private slots:
    void releaseNeverThrows() {
        static_assert(noexcept(std::declval<sim::BlockPool &>().release(nullptr, 64)));
        static_assert(noexcept(sim::releaseBlock(nullptr, nullptr, 64)));
        sim::BlockPool pool;
        std::vector<void *> blocks;
        for (int i = 0; i < 3000; ++i)
            blocks.push_back(pool.allocate(4096));
        const std::size_t reserved = pool.reservedBytes();
        QVERIFY(reserved >= 3000u * 4096u);
        for (void *b : blocks)
            pool.release(b, 4096);
        // Freed blocks come back (most recently freed first) without new slabs.
        for (int i = 0; i < 3000; ++i)
            QCOMPARE(pool.allocate(4096), blocks[static_cast<std::size_t>(2999 - i)]);
        QCOMPARE(pool.reservedBytes(), reserved);
    }

    void sharesAddUpAgainstOneLimit() {
        const LimitGuard guard;
        const std::uint64_t base = sim::MemoryBudget::used();
        sim::MemoryBudget::setLimit(base + 1000);
        {
            sim::MemoryShare a;
            sim::MemoryShare b;
            QVERIFY(a.update(600));
            QVERIFY(!b.update(600)); // 1200 together
            QCOMPARE(sim::MemoryBudget::used(), base + 1200);
            QVERIFY(b.update(300));
            QVERIFY(a.update(100));
            QCOMPARE(sim::MemoryBudget::used(), base + 400);
        }
        QCOMPARE(sim::MemoryBudget::used(), base);
    }

    void runStopsAtTheBudget() {
        const LimitGuard guard;
        sim::MemoryBudget::setLimit(std::uint64_t{4} << 20);
        const model::Scenario s = load(kBacklog);
        sim::Engine engine(s);
        engine.runToEnd();
        QVERIFY(engine.finished());
        model::RunReport report = engine.takeReport();
        QVERIFY2(report.stopReason.find("memory budget of 4.0 MiB") != std::string::npos,
                 report.stopReason.c_str());
        QVERIFY2(report.stopReason.find("queue 'jobs'") != std::string::npos,
                 report.stopReason.c_str());
        QVERIFY2(report.stopReason.find("at simulated time") != std::string::npos,
                 report.stopReason.c_str());
        // It stopped early, where it was, and everything that entered is accounted for.
        QVERIFY(report.simSeconds > 1 && report.simSeconds < 600);
        QCOMPARE(report.unaccounted, std::int64_t{0});
        QVERIFY(std::abs(report.sampleTimes.back() - report.simSeconds) < 1e-9);
        QVERIFY(!report.events.empty());
        QCOMPARE(report.events.back().event, std::string("stopped"));
    }

    void runWithinTheBudgetIsUnchanged() {
        const LimitGuard guard;
        std::string yaml = kBacklog;
        yaml.replace(yaml.find("duration: 10m"), 13, "duration: 60s");
        sim::MemoryBudget::setLimit(std::uint64_t{1} << 40);
        sim::Engine engine(load(yaml));
        engine.runToEnd();
        const model::RunReport report = engine.takeReport();
        QVERIFY(report.stopReason.empty());
        QCOMPARE(report.simSeconds, 60.0);
        QCOMPARE(report.unaccounted, std::int64_t{0});
    }

    void estimateNamesTheKnob() {
        const model::Scenario s = load(R"(scenario: big
duration: 1h
nodes:
  p: {kind: producer, rate: 1e6/s}
  t: {kind: topic, retention: 3650d}
  c: {kind: consumer}
edges:
  - p -> t
  - t -> c
)");
        const model::Diagnostics d = model::checkMemoryBudget(s, std::uint64_t{256} << 20, "", {});
        QVERIFY(!d.empty());
        QCOMPARE(d[0].nodeId, std::string("t"));
        QVERIFY2(d[0].message.find("'retention' of 't'") == 0, d[0].message.c_str());
        QVERIFY(model::checkMemoryBudget(s, std::uint64_t{1} << 40, "", {}).empty());
    }

    // Samples go to disk as they come (model/results/SampleSpool): the estimate counts their
    // times, the chunk being filled and each series' state, not every value.
    void estimateCountsSamplesAsARunKeepsThem() {
        const model::Scenario s = load(R"(scenario: long
duration: 100d
nodes:
  p: {kind: producer, rate: 1/s}
  t: {kind: topic, retention: 1s}
  c: {kind: consumer, instances: 3}
edges:
  - p -> t
  - t -> c
)");
        const model::MemoryEstimate e = model::estimateMemory(s);
        const double samples = 100.0 * 86400 + 2;
        const auto item = std::find_if(e.items.begin(), e.items.end(),
                                       [](const auto &i) { return i.knob == "sample_every"; });
        QVERIFY(item != e.items.end());
        QVERIFY2(item->bytes >= samples * 8 + (2 << 20), item->what.c_str());
        QVERIFY2(item->bytes < samples * 8 + (3 << 20), item->what.c_str());
    }

    void memorySizes() {
        QCOMPARE(model::parseMemorySize("512MiB"), std::optional<std::uint64_t>(512u << 20));
        QCOMPARE(model::parseMemorySize("4GB"), std::optional<std::uint64_t>(4000000000u));
        QCOMPARE(model::parseMemorySize("1.5GiB"),
                 std::optional<std::uint64_t>(std::uint64_t{3} << 29));
        QCOMPARE(model::parseMemorySize("100000"), std::optional<std::uint64_t>(100000));
        QVERIFY(!model::parseMemorySize("0"));
        QVERIFY(!model::parseMemorySize("lots"));
        QVERIFY(!model::parseMemorySize("-1GB"));
        QVERIFY(!model::parseMemorySize("4 GBs"));
        QCOMPARE(model::formatMemory(512.0 * 1024 * 1024), std::string("512.0 MiB"));
    }
};

QTEST_GUILESS_MAIN(TestMemoryBudget)
#include "tst_memory_budget.moc"
