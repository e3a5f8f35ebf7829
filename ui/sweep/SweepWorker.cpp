#include "ui/sweep/SweepWorker.h"

#include <QMetaObject>

#include <algorithm>

#include "sim/engine/Engine.h"

namespace eventbench::ui {

namespace {
// Events per slice between checks of the cancel flag: a few milliseconds of simulation.
constexpr std::uint64_t kSliceEvents = 50000;
} // namespace

SweepWorker::SweepWorker(QObject *parent) : QObject(parent) {}

SweepWorker::~SweepWorker() {
    m_cancel = true;
    for (auto &t : m_threads)
        t.join();
}

bool SweepWorker::start(std::vector<model::Scenario> combinations, std::size_t replications,
                        unsigned threads) {
    if (isRunning() || combinations.empty() || replications == 0)
        return false;
    m_combinations = std::move(combinations);
    m_replications = replications;
    m_jobs.clear();
    for (const auto &s : m_combinations)
        for (std::size_t r = 0; r < replications; ++r) {
            m_jobs.push_back(s);
            m_jobs.back().seed = s.seed + r;
        }
    m_reports.assign(m_jobs.size(), model::RunReport{});
    m_stats.clear();
    m_verdicts.clear();
    m_next = 0;
    m_cancel = false;
    m_done = 0;
    m_exited = 0;
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t count = std::min<std::size_t>(threads ? threads : hardware, m_jobs.size());
    for (std::size_t t = 0; t < count; ++t)
        m_threads.emplace_back([this] { work(); });
    emit progress(0, static_cast<int>(m_jobs.size()));
    return true;
}

void SweepWorker::cancel() {
    m_cancel = true;
}

void SweepWorker::work() {
    while (!m_cancel) {
        const std::size_t i = m_next++;
        if (i >= m_jobs.size())
            break;
        sim::Engine engine(m_jobs[i]);
        while (!engine.finished() && !m_cancel)
            if (engine.advanceEvents(kSliceEvents) == 0)
                engine.runToEnd();
        if (m_cancel)
            break;
        model::RunReport full = engine.takeReport();
        // Only what the figures need crosses back: the series can be large.
        model::RunReport slim;
        slim.summary = std::move(full.summary);
        slim.eventCount = full.eventCount;
        slim.messages = full.messages;
        slim.seed = full.seed;
        slim.unaccounted = full.unaccounted;
        QMetaObject::invokeMethod(
            this, [this, i, r = std::move(slim)]() mutable { jobDone(i, std::move(r)); },
            Qt::QueuedConnection);
    }
    QMetaObject::invokeMethod(
        this, [this] { threadExited(); }, Qt::QueuedConnection);
}

void SweepWorker::jobDone(std::size_t job, model::RunReport report) {
    m_reports[job] = std::move(report);
    ++m_done;
    emit progress(static_cast<int>(m_done), static_cast<int>(m_jobs.size()));
}

void SweepWorker::threadExited() {
    if (++m_exited < m_threads.size())
        return;
    for (auto &t : m_threads)
        t.join();
    m_threads.clear();
    const bool cancelled = m_cancel || m_done < m_jobs.size();
    if (!cancelled) {
        // In job order, so the numbers do not depend on which thread finished first.
        m_stats.assign(m_combinations.size(), model::ReplicationStats{});
        for (std::size_t i = 0; i < m_reports.size(); ++i)
            m_stats[i / m_replications].add(m_reports[i]);
        for (std::size_t c = 0; c < m_combinations.size(); ++c)
            m_verdicts.push_back(m_stats[c].judge(m_combinations[c], false));
    }
    m_reports.clear();
    emit finished(cancelled);
}

} // namespace eventbench::ui
