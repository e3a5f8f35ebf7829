#include "sim/run/BatchRunner.h"

#include <algorithm>
#include <thread>

#include <sched.h>

#include "sim/run/RunDriver.h"

namespace eventbench::sim {

namespace {

// Events per slice between looks at the cancel flag: a few milliseconds of simulation.
constexpr std::uint64_t kSliceEvents = 50000;

/// Stops a run at its next slice once the batch stops.
class StopWatch : public RunObserver {
  public:
    explicit StopWatch(const std::atomic<bool> &stop) : m_stop(stop) {}
    void onSlice(RunDriver &driver, bool) override {
        if (m_stop.load(std::memory_order_relaxed))
            driver.inbox().requestStop();
    }

  private:
    const std::atomic<bool> &m_stop;
};

} // namespace

BatchRunner::BatchRunner(unsigned threads) : m_threads(threads ? threads : usableCpus()) {}

unsigned BatchRunner::usableCpus() {
    // The affinity mask, not every CPU of the host: taskset, cgroups and a batch scheduler's
    // task binding all narrow it.
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return static_cast<unsigned>(CPU_COUNT(&set));
    return std::max(1u, std::thread::hardware_concurrency());
}

std::uint64_t BatchRunner::replicationSeed(std::uint64_t base, std::size_t index) {
    return base + index;
}

model::Scenario BatchRunner::replication(const model::Scenario &scenario, std::size_t index) {
    model::Scenario s = scenario;
    s.seed = replicationSeed(scenario.seed, index);
    return s;
}

std::vector<model::Scenario> BatchRunner::replications(const std::vector<model::Scenario> &points,
                                                       std::size_t replications) {
    std::vector<model::Scenario> jobs;
    jobs.reserve(points.size() * replications);
    for (const model::Scenario &point : points)
        for (std::size_t r = 0; r < replications; ++r)
            jobs.push_back(replication(point, r));
    return jobs;
}

void BatchRunner::cancel() {
    const std::lock_guard lock(m_mutex);
    m_cancel = true;
    m_stop = true;
    m_ready.notify_all();
}

bool BatchRunner::runJob(const model::Scenario &job, std::size_t index) {
    RunDriver driver(job, RunPace::flatOut(kSliceEvents));
    StopWatch watch(m_stop);
    if (m_stop || !driver.run(&watch))
        return false;
    model::RunReport report = driver.takeReport(SeriesIn::Spool);
    const std::lock_guard lock(m_mutex);
    m_done[index] = std::move(report);
    return true;
}

void BatchRunner::work(const std::vector<model::Scenario> &jobs) {
    while (!m_stop) {
        const std::size_t i = m_next++;
        if (i >= jobs.size())
            return;
        try {
            if (!runJob(jobs[i], i))
                return;
        } catch (...) {
            const std::lock_guard lock(m_mutex);
            if (!m_failure)
                m_failure = std::current_exception();
            m_stop = true;
        }
        m_ready.notify_all();
    }
}

bool BatchRunner::run(const std::vector<model::Scenario> &jobs, const Consumer &consume) {
    m_done.assign(jobs.size(), std::nullopt);
    m_next = 0;
    m_failure = nullptr;
    m_stop = m_cancel.load();
    const std::size_t count = std::min<std::size_t>(m_threads, jobs.size());
    std::vector<std::thread> workers;
    workers.reserve(count);
    for (std::size_t t = 0; t < count; ++t)
        workers.emplace_back([this, &jobs] { work(jobs); });

    bool complete = true;
    try {
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            model::RunReport report;
            {
                std::unique_lock lock(m_mutex);
                m_ready.wait(lock, [&] { return m_done[i].has_value() || m_stop.load(); });
                if (m_stop) {
                    complete = false;
                    break;
                }
                report = std::move(*m_done[i]);
                m_done[i].reset(); // the series are large; keep only what is not consumed yet
            }
            consume(i, std::move(report));
        }
    } catch (...) {
        const std::lock_guard lock(m_mutex);
        if (!m_failure)
            m_failure = std::current_exception();
        m_stop = true;
        complete = false;
    }
    m_stop = true; // the workers go (after a complete batch there is nothing left for them)
    for (auto &w : workers)
        w.join();
    m_done.clear();
    if (m_failure)
        std::rethrow_exception(m_failure);
    return complete;
}

} // namespace eventbench::sim
