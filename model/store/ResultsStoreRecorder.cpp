#include "model/store/ResultsStoreRecorder.h"

namespace eventbench::model {

ResultsStoreRecorder::ResultsStoreRecorder(ResultsStore &store, std::chrono::milliseconds interval)
    : m_store(store), m_interval(interval) {}

bool ResultsStoreRecorder::begin(const RunRecord &record,
                                 const std::vector<std::pair<std::string, std::string>> &series,
                                 Diagnostics *diags) {
    m_started = m_lastWrite = std::chrono::steady_clock::now();
    m_samples = m_events = 0;
    m_runId = m_store.beginRun(record, series, diags);
    m_failed = !m_runId;
    return !m_failed;
}

bool ResultsStoreRecorder::due(std::size_t samplesTaken) const {
    if (!m_runId || m_failed || samplesTaken <= m_samples)
        return false;
    return samplesTaken - m_samples >= kBatchSamples ||
           std::chrono::steady_clock::now() - m_lastWrite >= m_interval;
}

double ResultsStoreRecorder::elapsedSeconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
}

bool ResultsStoreRecorder::append(const SampleSnapshot &batch, Diagnostics *diags) {
    if (!m_runId || m_failed)
        return false;
    m_lastWrite = std::chrono::steady_clock::now();
    if (batch.times.empty() && batch.newEvents.empty())
        return true;
    if (!m_store.appendBatch(*m_runId, batch, elapsedSeconds(), diags)) {
        m_failed = true;
        return false;
    }
    m_samples += batch.times.size();
    m_events += batch.newEvents.size();
    return true;
}

bool ResultsStoreRecorder::finish(const RunReport &report, const std::string &verdict,
                                  Diagnostics *diags) {
    if (!m_runId)
        return false;
    // Even after a failed batch the end is worth a try: it rewrites whatever is missing.
    const bool ok = m_store.finishRun(*m_runId, report, verdict, diags);
    m_failed = m_failed || !ok;
    return ok;
}

bool ResultsStoreRecorder::updateScenario(const std::string &text, Diagnostics *diags) {
    if (!m_runId || m_failed)
        return false;
    return m_store.updateScenarioText(*m_runId, text, diags);
}

bool ResultsStoreRecorder::interrupt(Diagnostics *diags) {
    if (!m_runId)
        return false;
    return m_store.interruptRun(*m_runId, elapsedSeconds(), diags);
}

} // namespace eventbench::model
