#pragma once
// A finished sweep's results (issue 8, issue 17) in the one form that `sweep`, `merge` and
// `runs` share, model::StoredSweep (built by StoredSweep::of), written as
// sweep.csv (`sweep --out`, `merge --out`, `runs export ID --out` of a sweep, byte for byte
// the same) and recorded in the results store (`sweep --db`, `merge --db`). Main thread.
#include <string>
#include <vector>

#include "app/CommandLine.h"
#include "model/results/ReplicationStats.h"
#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"
#include "model/scenario/SweepPlan.h"
#include "model/store/ResultsStore.h"

namespace eventbench::app {

/// sweep.csv's text: `PATH...,node,metric,stat,mean,ci95_low,ci95_high,n`, one row per
/// combination and figure.
std::string sweepCsv(const model::StoredSweep &sweep);
/// Writes sweep.csv into `outDir`; false after printing the problem.
bool writeSweepCsv(const std::string &outDir, const model::StoredSweep &sweep);

/// Where `--db` records a finished sweep: the store, opened before any run, and what the
/// sweep's `runs` row says.
class SweepDb {
  public:
    /// Opens cmd.dbFile when given (creating it when missing); false after printing the
    /// problem, which names the file (the caller exits 2 before writing anything).
    bool open(const CommandLine &cmd);
    bool active() const { return m_store.isOpen(); }
    /// What the entry records: `base` (after --set, --seed, --duration) written back as
    /// `scenarioYaml`, and the options: the varied values and replications, plus `note`.
    void describe(const model::Scenario &base, const std::string &scenarioYaml,
                  const model::SweepPlan &plan, std::size_t replications,
                  const std::string &note = {});
    /// Records the sweep; false after printing the problem (the caller exits 3).
    bool record(const model::StoredSweep &sweep, double wallSeconds);

  private:
    model::ResultsStore m_store;
    model::RunRecord m_record;
    std::string m_sha256;
};

} // namespace eventbench::app
