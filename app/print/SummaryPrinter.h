#pragma once
// Writes the readable result of a headless run to stdout (README.md#command-line): a table of each
// node's main figures and the ledger, one PASS/FAIL line per expectation, and the run's figures.
#include <cstdio>
#include <string>

#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::app {

class SummaryPrinter {
  public:
    SummaryPrinter(const model::Scenario &scenario, const model::RunReport &report)
        : m_scenario(scenario), m_report(report) {}

    /// The node table followed by the ledger line.
    void printTable(std::FILE *out) const;
    /// `PASS  text  (measured v)` / `FAIL  text  (measured v)`, one line per expectation.
    void printExpectations(std::FILE *out) const;
    /// seed, simulated seconds, events, messages, wall seconds, fingerprint.
    void printRunFigures(std::FILE *out) const;

    /// A figure as printed: integers without a fraction, others with 6 significant digits.
    static std::string formatValue(double v);
    /// Seconds as a short duration: `850us`, `4.12ms`, `1.5s`.
    static std::string formatSeconds(double s);

  private:
    const model::Scenario &m_scenario;
    const model::RunReport &m_report;
};

} // namespace eventbench::app
