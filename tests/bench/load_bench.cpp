// How long a scenario takes to load and validate (parse, check, topology) and to build into an
// engine, without simulating it: the scale benchmark's first figure (BENCHMARKS.md).
// usage: load_bench FILE [REPEATS]; prints load_s (best of REPEATS), build_s and the node count.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "model/yaml/ScenarioLoader.h"
#include "sim/engine/Engine.h"

int main(int argc, char **argv) {
    using namespace eventbench;
    using Clock = std::chrono::steady_clock;
    if (argc < 2) {
        std::fprintf(stderr, "usage: load_bench FILE [REPEATS]\n");
        return 2;
    }
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    double best = 1e300;
    model::LoadResult loaded;
    for (int i = 0; i < repeats; ++i) {
        const auto t0 = Clock::now();
        loaded = model::loadScenarioFile(argv[1]);
        best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
    }
    if (!loaded.scenario || model::hasErrors(loaded.diagnostics)) {
        for (const auto &d : loaded.diagnostics)
            std::fprintf(stderr, "%s\n", d.format().c_str());
        return 2;
    }
    const auto t0 = Clock::now();
    const sim::Engine engine(*loaded.scenario);
    const double build = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("load %s nodes=%zu edges=%zu load_s=%.3f build_s=%.3f\n", argv[1],
                loaded.scenario->nodes.size(), loaded.scenario->edges.size(), best, build);
    return 0;
}
