#include "app/print/StatsPrinter.h"

#include <sys/resource.h>

namespace eventbench::app {

long long peakResidentBytes() {
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return 0;
    return static_cast<long long>(usage.ru_maxrss) * 1024; // Linux reports KiB
}

void printRunStats(std::FILE *out, const model::RunReport &report) {
    const double wall = report.wallSeconds > 0 ? report.wallSeconds : 1e-9;
    const auto events = static_cast<double>(report.eventCount);
    const auto messages = static_cast<double>(report.messages);
    std::fprintf(out,
                 "stats: wall_s=%.3f events=%llu events_per_s=%.0f messages=%llu "
                 "messages_per_s=%.0f sim_per_wall=%.1f peak_rss_mib=%.1f\n",
                 report.wallSeconds, static_cast<unsigned long long>(report.eventCount),
                 events / wall, static_cast<unsigned long long>(report.messages), messages / wall,
                 report.simSeconds / wall,
                 static_cast<double>(peakResidentBytes()) / (1024.0 * 1024.0));
}

} // namespace eventbench::app
