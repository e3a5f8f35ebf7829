// The classic hold model on the kernel's EventQueue: PENDING events are pending at all
// times; each popped event schedules one more at now + Exp(1 ms). Prints events per wall
// second. usage: hold_bench [PENDING] [EVENTS]
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "sim/kernel/EventQueue.h"
#include "sim/kernel/Rng.h"

using eventbench::sim::Event;
using eventbench::sim::EventQueue;
using eventbench::sim::Rng;
using eventbench::sim::Time;

int main(int argc, char **argv) {
    const std::uint64_t pending = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000;
    const std::uint64_t events = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 3000000;
    constexpr double kMeanNs = 1e6;

    EventQueue queue;
    queue.reserve(pending + 1);
    Rng rng(42);
    for (std::uint64_t i = 0; i < pending; ++i)
        queue.push(static_cast<Time>(rng.exponential(kMeanNs)), 0, 0, i);

    std::uint64_t checksum = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (std::uint64_t n = 0; n < events; ++n) {
        const Event e = queue.pop();
        checksum += e.payload;
        queue.push(e.time + static_cast<Time>(rng.exponential(kMeanNs)), e.kind, e.target,
                   e.payload);
    }
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("eventbench hold pending=%llu events=%llu wall=%.3fs events_per_s=%.0f "
                "now_ns=%lld checksum=%llu\n",
                static_cast<unsigned long long>(pending), static_cast<unsigned long long>(events),
                wall, static_cast<double>(events) / wall, static_cast<long long>(queue.now()),
                static_cast<unsigned long long>(checksum));
    return 0;
}
