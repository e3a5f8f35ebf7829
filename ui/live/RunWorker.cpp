#include "ui/live/RunWorker.h"

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <exception>

namespace eventbench::ui {

RunWorker::RunWorker(model::Scenario scenario, double speed, bool startPaused, QObject *parent)
    : QThread(parent), m_scenario(std::move(scenario)),
      m_inbox(std::make_shared<sim::RunInbox>(speed, startPaused)) {
    qRegisterMetaType<RunInfo>();
    qRegisterMetaType<SnapshotPtr>();
    qRegisterMetaType<ReportPtr>();
    qRegisterMetaType<model::Fault>();
}

RunWorker::~RunWorker() {
    requestStop();
    wait();
}

void RunWorker::snapshotConsumed() {
    m_consumed.store(true, std::memory_order_release);
}

void RunWorker::run() {
#ifdef Q_OS_LINUX
    // When the machine is busy, the window must win the CPU over the simulation: a lower
    // weight for this thread (QThread priorities do nothing under Linux's default policy).
    setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), 5);
#endif
    std::unique_ptr<sim::RunDriver> driver;
    try {
        driver = std::make_unique<sim::RunDriver>(m_scenario, sim::RunPace::interactive(), m_inbox);
    } catch (const std::exception &e) {
        emit failed(QString::fromStdString(e.what()));
        return;
    }
    emit prepared(driver->info());
    const bool ended = driver->run(this);
    // Whatever the GUI has not seen yet goes out now, consumed or not: it is the last one.
    publish(*driver, true);
    if (ended)
        emit finishedRun(std::make_shared<model::RunReport>(driver->takeReport()));
}

void RunWorker::onSlice(sim::RunDriver &driver, bool forced) {
    publish(driver, forced);
}

void RunWorker::publish(sim::RunDriver &driver, bool force) {
    if (!force && (!m_consumed.load(std::memory_order_acquire) || !driver.hasNews()))
        return;
    auto snapshot = std::make_shared<model::SampleSnapshot>(driver.takeSnapshot());
    m_consumed.store(false, std::memory_order_release);
    emit snapshotReady(snapshot);
}

} // namespace eventbench::ui
