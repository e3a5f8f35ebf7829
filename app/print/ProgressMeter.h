#pragma once
// Progress of a headless run on stderr (README.md#command-line): simulated time, end time and
// percent, rewritten in place at most ~10 times a second. Silent unless enabled (the CLI enables it
// only when stderr is a terminal and --quiet is not given).
#include <chrono>
#include <cstdio>

#include "model/scenario/Scenario.h"

namespace eventbench::app {

class ProgressMeter {
  public:
    ProgressMeter(bool enabled, model::SimTime end, std::FILE *out = stderr);
    ~ProgressMeter();
    ProgressMeter(const ProgressMeter &) = delete;
    ProgressMeter &operator=(const ProgressMeter &) = delete;

    /// Shows `now` if the last refresh was at least 100 ms ago.
    void update(model::SimTime now);
    /// Erases the progress line (idempotent).
    void finish();

  private:
    bool m_enabled;
    bool m_shown = false;
    model::SimTime m_end;
    std::FILE *m_out;
    std::chrono::steady_clock::time_point m_last;
};

} // namespace eventbench::app
