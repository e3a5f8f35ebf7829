#include "ui/history/StoreWriter.h"

namespace eventbench::ui {

StoreWriter::StoreWriter(QString path) : m_path(std::move(path)) {}

StoreWriter::~StoreWriter() = default;

void StoreWriter::report(const model::Diagnostics &diags) {
    if (!diags.empty())
        emit problem(QString::fromStdString(diags.front().format()));
}

void StoreWriter::open() {
    const model::Diagnostics diags = m_store.open(m_path.toStdString());
    report(diags);
    if (diags.empty())
        emit problem(QString());
}

void StoreWriter::begin(const model::RunRecord &record,
                        const std::vector<std::pair<std::string, std::string>> &series) {
    m_recorder.reset();
    m_pending = {};
    if (!m_store.isOpen())
        return;
    m_recorder = std::make_unique<model::ResultsStoreRecorder>(m_store);
    model::Diagnostics diags;
    if (!m_recorder->begin(record, series, &diags)) {
        report(diags);
        m_recorder.reset();
        return;
    }
    m_pending.values.resize(series.size());
    emit changed(*m_recorder->runId());
}

void StoreWriter::append(const model::SampleSnapshot &batch) {
    if (!m_recorder)
        return;
    m_pending.times.insert(m_pending.times.end(), batch.times.begin(), batch.times.end());
    for (std::size_t s = 0; s < m_pending.values.size() && s < batch.values.size(); ++s)
        m_pending.values[s].insert(m_pending.values[s].end(), batch.values[s].begin(),
                                   batch.values[s].end());
    m_pending.newEvents.insert(m_pending.newEvents.end(), batch.newEvents.begin(),
                               batch.newEvents.end());
    if (m_recorder->due(m_recorder->samplesWritten() + m_pending.times.size()))
        flush();
}

bool StoreWriter::flush() {
    model::Diagnostics diags;
    const bool ok = m_recorder->append(m_pending, &diags);
    report(diags);
    m_pending.times.clear();
    for (auto &v : m_pending.values)
        v.clear();
    m_pending.newEvents.clear();
    return ok;
}

void StoreWriter::updateScenario(const std::string &text) {
    if (!m_recorder)
        return;
    model::Diagnostics diags;
    m_recorder->updateScenario(text, &diags);
    report(diags);
}

void StoreWriter::finish(const model::RunReport &report, const std::string &verdict) {
    if (!m_recorder)
        return;
    // The report holds every sample: what is pending needs no batch of its own.
    model::Diagnostics diags;
    m_recorder->finish(report, verdict, &diags);
    this->report(diags);
    const qint64 id = *m_recorder->runId();
    m_recorder.reset();
    m_pending = {};
    emit changed(id);
}

void StoreWriter::interrupt() {
    if (!m_recorder)
        return;
    if (!m_pending.times.empty() || !m_pending.newEvents.empty())
        flush();
    model::Diagnostics diags;
    m_recorder->interrupt(&diags);
    report(diags);
    const qint64 id = *m_recorder->runId();
    m_recorder.reset();
    m_pending = {};
    emit changed(id);
}

} // namespace eventbench::ui
