// The row writers of the results store, called inside the transactions of ResultsStore.cpp.
#include "model/store/ResultsStore.h"

#include <algorithm>
#include <cmath>
#include <ctime>

#include "model/store/ResultsStoreJson.h"

namespace eventbench::model {

namespace {

std::string utcNow() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace

bool ResultsStore::writeSeries(std::int64_t runId, Progress &progress,
                               const std::vector<std::pair<std::string, std::string>> &series) {
    SqliteDb::Statement drop(m_db, "DELETE FROM series WHERE run_id = ?");
    drop.bind(1, runId);
    if (!drop.run())
        return false;
    SqliteDb::Statement row(m_db, "INSERT INTO series(run_id, idx, node, metric) "
                                  "VALUES(?, ?, ?, ?)");
    for (std::size_t i = 0; i < series.size(); ++i) {
        row.bind(1, runId);
        row.bind(2, static_cast<std::int64_t>(i));
        row.bind(3, series[i].first);
        row.bind(4, series[i].second);
        if (!row.run())
            return false;
    }
    progress.series = series.size();
    return true;
}

bool ResultsStore::writeNodes(std::int64_t runId,
                              const std::vector<std::pair<std::string, NodeKind>> &nodes) {
    SqliteDb::Statement row(m_db, "INSERT INTO nodes(run_id, idx, node, kind) "
                                  "VALUES(?, ?, ?, ?)");
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        row.bind(1, runId);
        row.bind(2, static_cast<std::int64_t>(i));
        row.bind(3, nodes[i].first);
        row.bind(4, toString(nodes[i].second));
        if (!row.run())
            return false;
    }
    return true;
}

bool ResultsStore::writeSamples(std::int64_t runId, Progress &progress,
                                const std::vector<double> &times,
                                const std::vector<const std::vector<double> *> &values,
                                std::size_t from) {
    if (from >= times.size())
        return true;
    // One row per sample instant, its values as one JSON array: a second of a 50-node run
    // is one insert instead of ~500 (see ResultsStoreJson.h).
    SqliteDb::Statement row(m_db, "INSERT INTO samples(run_id, sample, time_s, values_json) "
                                  "VALUES(?, ?, ?, ?)");
    if (!row.ok())
        return false;
    const std::size_t series = std::min(values.size(), progress.series);
    std::string json;
    json.reserve(series * 12 + 2);
    for (std::size_t k = from; k < times.size(); ++k) {
        // A series shorter than the others (never in practice) ends the array or is null.
        std::size_t count = series;
        while (count > 0 && k >= values[count - 1]->size())
            --count;
        json.assign(1, '[');
        for (std::size_t s = 0; s < count; ++s) {
            if (s > 0)
                json += ',';
            appendJsonNumber(json, k < values[s]->size() ? (*values[s])[k] : std::nan(""));
        }
        json += ']';
        row.bind(1, runId);
        row.bind(2, static_cast<std::int64_t>(progress.samples + (k - from)));
        row.bind(3, times[k]);
        row.bind(4, std::string_view(json));
        if (!row.run())
            return false;
    }
    progress.samples += times.size() - from;
    return true;
}

bool ResultsStore::writeEvents(std::int64_t runId, Progress &progress,
                               const std::vector<RunReport::EventRow> &events, std::size_t from) {
    if (from >= events.size())
        return true;
    SqliteDb::Statement row(m_db, "INSERT INTO events(run_id, idx, time_ns, time_s, node, event, "
                                  "detail) VALUES(?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t i = from; i < events.size(); ++i) {
        const auto &e = events[i];
        row.bind(1, runId);
        row.bind(2, static_cast<std::int64_t>(progress.events + (i - from)));
        row.bind(3, static_cast<std::int64_t>(e.time));
        row.bind(4, static_cast<double>(e.time) / static_cast<double>(kNanosPerSecond));
        row.bind(5, e.node);
        row.bind(6, e.event);
        row.bind(7, e.detail);
        if (!row.run())
            return false;
    }
    progress.events += events.size() - from;
    return true;
}

bool ResultsStore::writeEnd(std::int64_t runId, const RunReport &report,
                            const std::string &verdict) {
    SqliteDb::Statement sum(m_db, "INSERT INTO summary(run_id, idx, node, metric, stat, value) "
                                  "VALUES(?, ?, ?, ?, ?, ?)");
    std::int64_t idx = 0;
    for (const auto &s : report.summary) {
        sum.bind(1, runId);
        sum.bind(2, idx++);
        sum.bind(3, s.node);
        sum.bind(4, s.metric);
        sum.bind(5, s.stat);
        sum.bind(6, s.value);
        if (!sum.run())
            return false;
    }
    SqliteDb::Statement expect(m_db, "INSERT INTO expectations(run_id, idx, text, pass, "
                                     "measured, known) VALUES(?, ?, ?, ?, ?, ?)");
    idx = 0;
    for (const auto &x : report.expectations) {
        expect.bind(1, runId);
        expect.bind(2, idx++);
        expect.bind(3, x.text);
        expect.bind(4, std::int64_t{x.pass ? 1 : 0});
        expect.bind(5, x.measured);
        expect.bind(6, std::int64_t{x.known ? 1 : 0});
        if (!expect.run())
            return false;
    }
    SqliteDb::Statement run(m_db, "UPDATE runs SET ended_at = ?, status = ?, verdict = ?, "
                                  "owner = NULL, seed = ?, wall_seconds = ?, sim_seconds = ?, "
                                  "events = ?, messages = ?, fingerprint = ?, version = ?, "
                                  "scenario_sha256 = ? WHERE id = ?");
    run.bind(1, utcNow());
    run.bind(2, verdict == "error" ? "failed" : "complete");
    run.bind(3, verdict);
    run.bind(4, static_cast<std::int64_t>(report.seed));
    run.bind(5, report.wallSeconds);
    run.bind(6, report.simSeconds);
    run.bind(7, static_cast<std::int64_t>(report.eventCount));
    run.bind(8, static_cast<std::int64_t>(report.messages));
    run.bind(9, formatFingerprint(report.fingerprint));
    run.bind(10, report.version);
    run.bind(11, report.scenarioSha256);
    run.bind(12, runId);
    return run.run() && m_db.changes() == 1;
}

} // namespace eventbench::model
