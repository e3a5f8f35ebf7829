// Sweeps in the results store (issue 17): recorded whole when they end (`sweep --db`, `merge
// --db`) as one `runs` row of kind 'sweep' with its knobs, values, verdict counts and the
// figures of sweep.csv; read back by `runs` and the app's Runs panel.
#include "model/store/ResultsStore.h"

#include <algorithm>

#include "model/results/Sha256.h"

namespace eventbench::model {

StoredSweep
StoredSweep::of(const SweepPlan &plan, std::size_t replications,
                const std::vector<ReplicationStats> &stats,
                const std::vector<std::vector<RunReport::ExpectationResult>> &verdicts) {
    StoredSweep sweep;
    for (const auto &k : plan.knobs)
        sweep.paths.push_back(k.path);
    sweep.replications = replications;
    for (std::size_t c = 0; c < plan.combinations() && c < stats.size(); ++c) {
        Combination combination;
        combination.values = plan.values(c);
        combination.figures = stats[c].figures();
        if (c < verdicts.size()) {
            combination.expectations = verdicts[c].size();
            for (const auto &v : verdicts[c])
                combination.failed += v.pass ? 0 : 1;
        }
        sweep.combinations.push_back(std::move(combination));
    }
    return sweep;
}

bool StoredSweep::allPass() const {
    return std::all_of(combinations.begin(), combinations.end(),
                       [](const Combination &c) { return c.failed == 0; });
}

const ReplicationFigure *StoredSweep::figure(std::size_t c, const std::string &node,
                                             const std::string &metric,
                                             const std::string &stat) const {
    if (c >= combinations.size())
        return nullptr;
    for (const auto &f : combinations[c].figures)
        if (f.node == node && f.metric == metric && f.stat == stat)
            return &f;
    return nullptr;
}

namespace {

std::int64_t asInt(std::size_t v) {
    return static_cast<std::int64_t>(v);
}

} // namespace

std::optional<std::int64_t> ResultsStore::recordSweep(const RunRecord &record,
                                                      const StoredSweep &sweep, double wallSeconds,
                                                      const std::string &scenarioSha256,
                                                      Diagnostics *diags) {
    SqliteDb::Transaction tx(m_db);
    SqliteDb::Statement run(
        m_db, "INSERT INTO runs(kind, scenario, scenario_text, seed, options, source, "
              "started_at, ended_at, status, verdict, wall_seconds, version, scenario_sha256) "
              "VALUES('sweep', ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
              "'complete', ?, ?, ?, ?)");
    run.bind(1, record.scenario);
    run.bind(2, record.scenarioText);
    run.bind(3, static_cast<std::int64_t>(record.seed));
    run.bind(4, record.options);
    run.bind(5, record.source);
    run.bind(6, record.startedAt);
    run.bind(7, sweep.allPass() ? "pass" : "fail");
    run.bind(8, wallSeconds);
    run.bind(9, eventbenchVersion());
    run.bind(10, scenarioSha256);
    if (!tx.began() || !run.run()) {
        fail(diags, "cannot record the sweep");
        return std::nullopt;
    }
    const std::int64_t id = m_db.lastInsertId();
    SqliteDb::Statement head(m_db, "INSERT INTO sweeps(run_id, replications) VALUES(?, ?)");
    head.bind(1, id);
    head.bind(2, asInt(sweep.replications));
    bool ok = writeNodes(id, record.nodes) && head.run();
    SqliteDb::Statement knob(m_db, "INSERT INTO sweep_knobs(run_id, idx, path) VALUES(?, ?, ?)");
    for (std::size_t k = 0; ok && k < sweep.paths.size(); ++k) {
        knob.bind(1, id);
        knob.bind(2, asInt(k));
        knob.bind(3, sweep.paths[k]);
        ok = knob.run();
    }
    for (std::size_t c = 0; ok && c < sweep.combinations.size(); ++c)
        ok = writeSweepCombination(id, c, sweep.combinations[c]);
    if (!ok || !tx.commit()) {
        fail(diags, "cannot record the sweep");
        return std::nullopt;
    }
    return id;
}

bool ResultsStore::writeSweepCombination(std::int64_t id, std::size_t c,
                                         const StoredSweep::Combination &combination) {
    SqliteDb::Statement head(m_db, "INSERT INTO sweep_combinations(run_id, combination, "
                                   "expectations, failed) VALUES(?, ?, ?, ?)");
    head.bind(1, id);
    head.bind(2, asInt(c));
    head.bind(3, asInt(combination.expectations));
    head.bind(4, asInt(combination.failed));
    if (!head.run())
        return false;
    SqliteDb::Statement value(m_db, "INSERT INTO sweep_values(run_id, combination, knob, value) "
                                    "VALUES(?, ?, ?, ?)");
    for (std::size_t k = 0; k < combination.values.size(); ++k) {
        value.bind(1, id);
        value.bind(2, asInt(c));
        value.bind(3, asInt(k));
        value.bind(4, combination.values[k]);
        if (!value.run())
            return false;
    }
    SqliteDb::Statement figure(m_db,
                               "INSERT INTO sweep_figures(run_id, combination, idx, node, metric, "
                               "stat, mean, ci95_low, ci95_high, n) "
                               "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < combination.figures.size(); ++i) {
        const ReplicationFigure &f = combination.figures[i];
        figure.bind(1, id);
        figure.bind(2, asInt(c));
        figure.bind(3, asInt(i));
        figure.bind(4, f.node);
        figure.bind(5, f.metric);
        figure.bind(6, f.stat);
        figure.bind(7, f.ci.mean);
        figure.bind(8, f.ci.low);
        figure.bind(9, f.ci.high);
        figure.bind(10, asInt(f.ci.n));
        if (!figure.run())
            return false;
    }
    return true;
}

std::optional<StoredSweep> ResultsStore::loadSweep(std::int64_t id, Diagnostics *diags) const {
    SqliteDb::Statement head(m_db, "SELECT replications FROM sweeps WHERE run_id = ?");
    head.bind(1, id);
    StoredSweep sweep;
    bool found = false;
    while (head.next()) {
        sweep.replications = static_cast<std::size_t>(head.columnInt(0));
        found = true;
    }
    if (!found) {
        if (diags)
            diags->push_back(error("no sweep " + std::to_string(id) + " in this results store"));
        return std::nullopt;
    }
    SqliteDb::Statement knobs(m_db, "SELECT path FROM sweep_knobs WHERE run_id = ? ORDER BY idx");
    knobs.bind(1, id);
    while (knobs.next())
        sweep.paths.push_back(knobs.columnText(0));
    SqliteDb::Statement combos(m_db, "SELECT expectations, failed FROM sweep_combinations "
                                     "WHERE run_id = ? ORDER BY combination");
    combos.bind(1, id);
    while (combos.next())
        sweep.combinations.push_back({{},
                                      {},
                                      static_cast<std::size_t>(combos.columnInt(0)),
                                      static_cast<std::size_t>(combos.columnInt(1))});
    const auto at = [&](std::int64_t c) -> StoredSweep::Combination * {
        return c >= 0 && static_cast<std::size_t>(c) < sweep.combinations.size()
                   ? &sweep.combinations[static_cast<std::size_t>(c)]
                   : nullptr;
    };
    SqliteDb::Statement values(m_db, "SELECT combination, value FROM sweep_values "
                                     "WHERE run_id = ? ORDER BY combination, knob");
    values.bind(1, id);
    while (values.next())
        if (auto *c = at(values.columnInt(0)))
            c->values.push_back(values.columnText(1));
    SqliteDb::Statement figures(m_db, "SELECT combination, node, metric, stat, mean, ci95_low, "
                                      "ci95_high, n FROM sweep_figures "
                                      "WHERE run_id = ? ORDER BY combination, idx");
    figures.bind(1, id);
    while (figures.next())
        if (auto *c = at(figures.columnInt(0))) {
            ReplicationFigure f{
                figures.columnText(1), figures.columnText(2), figures.columnText(3), {}};
            f.ci.mean = figures.columnDouble(4);
            f.ci.low = figures.columnDouble(5);
            f.ci.high = figures.columnDouble(6);
            f.ci.n = static_cast<std::size_t>(figures.columnInt(7));
            c->figures.push_back(std::move(f));
        }
    return sweep;
}

} // namespace eventbench::model
