#include "app/print/ProgressMeter.h"

namespace eventbench::app {

namespace {
constexpr auto kRefresh = std::chrono::milliseconds(100);

double seconds(model::SimTime t) {
    return static_cast<double>(t) / static_cast<double>(model::kNanosPerSecond);
}
} // namespace

ProgressMeter::ProgressMeter(bool enabled, model::SimTime end, std::FILE *out)
    : m_enabled(enabled), m_end(end), m_out(out),
      m_last(std::chrono::steady_clock::now() - kRefresh) {}

ProgressMeter::~ProgressMeter() {
    finish();
}

void ProgressMeter::update(model::SimTime now) {
    if (!m_enabled)
        return;
    const auto t = std::chrono::steady_clock::now();
    if (t - m_last < kRefresh)
        return;
    m_last = t;
    const double percent = m_end > 0 ? 100.0 * static_cast<double>(now) / m_end : 100.0;
    // \r plus clear-to-end-of-line keeps one line that is rewritten in place.
    std::fprintf(m_out, "\r\033[K  simulated %.1fs / %.1fs  %3.0f%%", seconds(now), seconds(m_end),
                 percent);
    std::fflush(m_out);
    m_shown = true;
}

void ProgressMeter::finish() {
    if (m_shown) {
        std::fputs("\r\033[K", m_out);
        std::fflush(m_out);
    }
    m_shown = false;
}

} // namespace eventbench::app
