#include "ui/sweep/SweepWorker.h"

#include <QMetaObject>

#include "sim/run/BatchRunner.h"

namespace eventbench::ui {

SweepWorker::SweepWorker(QObject *parent) : QObject(parent) {}

SweepWorker::~SweepWorker() {
    if (m_runner)
        m_runner->cancel();
    if (m_thread.joinable())
        m_thread.join();
}

bool SweepWorker::start(std::vector<model::Scenario> combinations, std::size_t replications,
                        unsigned threads) {
    if (isRunning() || combinations.empty() || replications == 0)
        return false;
    m_combinations = std::move(combinations);
    m_replications = replications;
    std::vector<model::Scenario> jobs =
        sim::BatchRunner::replications(m_combinations, replications);
    m_total = jobs.size();
    m_reports.assign(m_total, model::RunReport{});
    m_stats.clear();
    m_verdicts.clear();
    m_done = 0;
    m_runner = std::make_unique<sim::BatchRunner>(threads);
    m_thread = std::thread([this, jobs = std::move(jobs), runner = m_runner.get()] {
        bool complete = false;
        try {
            complete = runner->run(jobs, [this](std::size_t i, model::RunReport &&full) {
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
            });
        } catch (...) {
            complete = false; // a broken run ends the sweep as not complete
        }
        QMetaObject::invokeMethod(
            this, [this, complete] { batchEnded(complete); }, Qt::QueuedConnection);
    });
    emit progress(0, static_cast<int>(m_total));
    return true;
}

void SweepWorker::cancel() {
    if (m_runner)
        m_runner->cancel();
}

void SweepWorker::jobDone(std::size_t job, model::RunReport report) {
    m_reports[job] = std::move(report);
    ++m_done;
    emit progress(static_cast<int>(m_done), static_cast<int>(m_total));
}

void SweepWorker::batchEnded(bool complete) {
    m_thread.join();
    const bool cancelled = !complete || m_done < m_total;
    if (!cancelled) {
        // In job order, so the numbers do not depend on which thread finished first.
        m_stats.assign(m_combinations.size(), model::ReplicationStats{});
        for (std::size_t i = 0; i < m_reports.size(); ++i)
            m_stats[sim::BatchRunner::pointOf(i, m_replications)].add(m_reports[i]);
        for (std::size_t c = 0; c < m_combinations.size(); ++c)
            m_verdicts.push_back(m_stats[c].judge(m_combinations[c], false));
    }
    m_reports.clear();
    emit finished(cancelled);
}

} // namespace eventbench::ui
