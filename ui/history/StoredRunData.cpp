#include "ui/history/StoredRunData.h"

#include <algorithm>
#include <cmath>

#include "model/yaml/ScenarioLoader.h"

namespace eventbench::ui {

namespace {

/// A node's kind from the metrics it has, for a scenario text that no longer loads.
model::NodeKind kindFromMetrics(const std::vector<std::pair<std::string, std::string>> &names,
                                const std::string &node) {
    using K = model::NodeKind;
    for (const auto &[n, metric] : names) {
        if (n != node)
            continue;
        if (metric == "produced")
            return K::Producer;
        if (metric == "appended")
            return K::Topic;
        if (metric == "enqueued")
            return K::Queue;
        if (metric == "routed")
            return K::Exchange;
        if (metric == "processed")
            return K::Consumer;
        if (metric == "writes")
            return K::Store;
    }
    return K::Consumer;
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

    const model::LoadResult loaded =
        model::loadScenarioText(store.scenarioText(id), "run " + std::to_string(id));
    model::SimTime sampleEvery = 0;
    if (loaded.scenario) {
        sampleEvery = loaded.scenario->sampleEvery;
        for (const auto &n : loaded.scenario->nodes)
            out.nodes.append({QString::fromStdString(n.id), n.kind});
    } else {
        if (!report->sampleTimes.empty())
            sampleEvery = model::SimTime(std::llround(report->sampleTimes.front() * 1e9));
        for (const auto &[node, metric] : names) {
            const QString id = QString::fromStdString(node);
            const bool seen = std::any_of(out.nodes.begin(), out.nodes.end(),
                                          [&](const auto &p) { return p.first == id; });
            if (!seen && node != "ledger")
                out.nodes.append({id, kindFromMetrics(names, node)});
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
