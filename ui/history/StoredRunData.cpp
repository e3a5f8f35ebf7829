#include "ui/history/StoredRunData.h"

#include <algorithm>
#include <cmath>

#include "model/catalogue/MetricCatalogue.h"
#include "model/yaml/ScenarioLoader.h"

namespace eventbench::ui {

namespace {

/// A node's kind from the names of its series, for a run recorded without its nodes' kinds
/// whose scenario text no longer loads.
model::NodeKind kindFromSeries(const std::vector<std::pair<std::string, std::string>> &names,
                               const std::string &node) {
    std::vector<std::string> metrics;
    for (const auto &[n, metric] : names)
        if (n == node)
            metrics.push_back(metric);
    return model::kindFromMetricNames(metrics);
}

} // namespace

std::optional<StoredRunData> StoredRunData::load(const model::ResultsStore &store, qint64 id,
                                                 QString *error) {
    model::Diagnostics diags;
    auto run = store.findRun(id, &diags);
    auto report = run ? store.loadReport(id, &diags) : std::nullopt;
    if (!run || !report) {
        if (error)
            *error = diags.empty() ? QStringLiteral("cannot read run %1").arg(id)
                                   : QString::fromStdString(diags.front().format());
        return std::nullopt;
    }
    StoredRunData out;
    out.run = std::move(*run);
    std::vector<std::pair<std::string, std::string>> names;
    for (const auto &s : report->series)
        names.emplace_back(s.node, s.metric);

    // The kinds recorded with the run; a run recorded without them (schema 2 or older) takes
    // them from its scenario text, or failing that from the names of its series.
    const model::LoadResult loaded =
        model::loadScenarioText(store.scenarioText(id), "run " + std::to_string(id));
    for (const auto &[node, kind] : store.nodeKinds(id))
        out.nodes.append({QString::fromStdString(node), kind});
    model::SimTime sampleEvery = 0;
    if (loaded.scenario) {
        sampleEvery = loaded.scenario->sampleEvery;
        if (out.nodes.isEmpty())
            for (const auto &n : loaded.scenario->nodes)
                out.nodes.append({QString::fromStdString(n.id), n.kind});
    } else {
        if (!report->sampleTimes.empty())
            sampleEvery = model::SimTime(std::llround(report->sampleTimes.front() * 1e9));
        const bool recorded = !out.nodes.isEmpty();
        for (const auto &[node, metric] : names) {
            const QString id = QString::fromStdString(node);
            const bool seen = std::any_of(out.nodes.begin(), out.nodes.end(),
                                          [&](const auto &p) { return p.first == id; });
            if (!seen && !recorded && node != "ledger")
                out.nodes.append({id, kindFromSeries(names, node)});
        }
    }
    const auto end = model::SimTime(std::llround(out.run.simSeconds * 1e9));
    out.data.reset(names, sampleEvery, end);
    model::SampleSnapshot all;
    all.times = std::move(report->sampleTimes);
    for (auto &s : report->series)
        all.values.push_back(std::move(s.values));
    all.newEvents = report->events;
    all.now = end;
    out.data.append(all);
    report->series.clear();
    report->sampleTimes.clear();
    out.report = std::move(*report);
    return out;
}

} // namespace eventbench::ui
