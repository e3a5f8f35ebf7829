#include "app/commands/ReplicationRunner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "sim/engine/Engine.h"

namespace eventbench::app {

ReplicationRunner::ReplicationRunner(unsigned threads)
    : m_threads(threads ? threads : std::max(1u, std::thread::hardware_concurrency())) {}

model::Scenario ReplicationRunner::replication(const model::Scenario &scenario, std::size_t index) {
    model::Scenario s = scenario;
    s.seed = scenario.seed + index; // wraps like any uint64
    return s;
}

void ReplicationRunner::run(const std::vector<model::Scenario> &jobs,
                            const Consumer &consume) const {
    std::mutex mutex;
    std::condition_variable ready;
    std::vector<std::optional<model::RunReport>> done(jobs.size());
    std::exception_ptr failure;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};

    auto work = [&] {
        while (!stop) {
            const std::size_t i = next++;
            if (i >= jobs.size())
                return;
            try {
                const auto start = std::chrono::steady_clock::now();
                sim::Engine engine(jobs[i]);
                engine.runToEnd();
                model::RunReport report = engine.takeReport();
                report.wallSeconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                const std::lock_guard lock(mutex);
                done[i] = std::move(report);
            } catch (...) {
                const std::lock_guard lock(mutex);
                if (!failure)
                    failure = std::current_exception();
                stop = true;
            }
            ready.notify_all();
        }
    };

    const std::size_t count = std::min<std::size_t>(m_threads, jobs.size());
    std::vector<std::thread> workers;
    workers.reserve(count);
    for (std::size_t t = 0; t < count; ++t)
        workers.emplace_back(work);

    try {
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            model::RunReport report;
            {
                std::unique_lock lock(mutex);
                ready.wait(lock, [&] { return done[i].has_value() || failure != nullptr; });
                if (failure)
                    break;
                report = std::move(*done[i]);
                done[i].reset(); // the series are large; keep only what is not consumed yet
            }
            consume(i, std::move(report));
        }
    } catch (...) {
        const std::lock_guard lock(mutex);
        if (!failure)
            failure = std::current_exception();
        stop = true;
    }
    stop = true;
    for (auto &w : workers)
        w.join();
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace eventbench::app
