#include "app/commands/RunRecording.h"

#include <ctime>
#include <fstream>
#include <sstream>

#include "app/print/DiagnosticPrinter.h"
#include "sim/run/RunDriver.h"

namespace eventbench::app {

std::string utcNow() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string readFile(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

namespace {

std::string joined(const std::vector<std::string> &parts) {
    std::string s;
    for (const auto &p : parts)
        s += (s.empty() ? "" : " ") + p;
    return s;
}

} // namespace

bool RunRecording::open(const CommandLine &cmd) {
    if (cmd.dbFile.empty())
        return true;
    const model::Diagnostics diags = m_store.open(cmd.dbFile);
    if (!diags.empty()) {
        printDiagnostics(diags);
        return false;
    }
    // The text as it was run, even if the file is edited during a long run.
    m_record.scenarioText = readFile(cmd.file);
    m_record.options = joined(cmd.options);
    m_record.source = "cli";
    m_recorder = std::make_unique<model::ResultsStoreRecorder>(m_store);
    return true;
}

void RunRecording::start(const sim::RunInfo &info, const model::Scenario &scenario) {
    if (!m_recorder)
        return;
    m_record.scenario = scenario.name;
    m_record.seed = scenario.seed;
    m_record.startedAt = utcNow();
    m_record.nodes = model::RunRecord::nodesOf(scenario);
    model::Diagnostics diags;
    if (!m_recorder->begin(m_record, info.seriesNames, &diags)) {
        printDiagnostics(diags);
        m_ok = false;
    }
}

void RunRecording::poll(sim::RunDriver &driver) {
    if (!m_recorder || !m_recorder->due(driver.sampleCount()))
        return;
    // The recorder is the cursor's only reader, so the snapshot starts where it stopped.
    const model::SampleSnapshot snapshot = driver.takeSnapshot();
    model::Diagnostics diags;
    if (!m_recorder->append(snapshot, &diags))
        printDiagnostics(diags); // the end of the run retries what is missing
}

bool RunRecording::finish(const model::RunReport &report, const std::string &verdict) {
    if (!m_recorder)
        return true;
    if (!m_recorder->runId())
        return false;
    model::Diagnostics diags;
    if (!m_recorder->finish(report, verdict, &diags)) {
        printDiagnostics(diags);
        return false;
    }
    return m_ok;
}

} // namespace eventbench::app
