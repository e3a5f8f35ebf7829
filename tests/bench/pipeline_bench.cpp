// The whole pipeline in-process: Poisson producer -> 12-partition topic -> 12 consumers with
// exponential service (the model of ../shared/peers/compare-pipeline.sh), without CSV output.
// usage: pipeline_bench [RATE] [SIM_SECONDS]; prints msgs_per_s, events_per_s, mean latency
// and queueing theory's 1/(mu - lambda/12).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "model/yaml/ScenarioLoader.h"
#include "sim/engine/Engine.h"

int main(int argc, char **argv) {
    using namespace eventbench;
    const double rate = argc > 1 ? std::atof(argv[1]) : 1000;
    const double seconds = argc > 2 ? std::atof(argv[2]) : 2000;
    const std::string yaml =
        "scenario: pipeline-bench\nseed: 7\nduration: " + std::to_string(seconds) +
        "s\nsample_every: 10s\nnodes:\n"
        "  source: {kind: producer, rate: " +
        std::to_string(rate) +
        "/s, keys: {distribution: uniform, count: 1000000}}\n"
        "  events: {kind: topic, partitions: 12}\n"
        "  workers: {kind: consumer, instances: 12, service_time: {distribution: exponential, "
        "mean: 10ms}}\n"
        "edges:\n  - source -> events\n  - events -> workers\n";
    model::LoadResult loaded = model::loadScenarioText(yaml, "pipeline-bench.yaml");
    if (!loaded.scenario) {
        for (const auto &d : loaded.diagnostics)
            std::fprintf(stderr, "%s\n", d.format().c_str());
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    sim::Engine engine(*loaded.scenario);
    engine.runToEnd();
    const model::RunReport report = engine.takeReport();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto *processed = report.find("workers", "processed", "total");
    const auto *latency = report.find("workers", "latency", "mean");
    std::printf("pipeline rate=%g sim_s=%g wall=%.3fs msgs_per_s=%.0f events_per_s=%.0f "
                "mean_latency_s=%.6f theory_s=%.6f unaccounted=%lld\n",
                rate, seconds, wall, processed ? processed->value / wall : 0,
                static_cast<double>(report.eventCount) / wall, latency ? latency->value : 0,
                1 / (100 - rate / 12), static_cast<long long>(report.unaccounted));
    return report.unaccounted == 0 ? 0 : 3;
}
