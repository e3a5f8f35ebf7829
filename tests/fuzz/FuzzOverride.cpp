// libFuzzer entry point: `--set PATH=VALUE` on arbitrary text, applied to a small valid
// scenario (README.md#fuzzing). Whatever the override, problems with it are reported against
// `--set` or the file, never lost, and nothing crashes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "model/yaml/ScenarioLoader.h"

namespace {
const char *const kBase = "scenario: fuzz\n"
                          "duration: 10s\n"
                          "nodes:\n"
                          "  p: {kind: producer, rate: 50/s}\n"
                          "  t: {kind: topic, partitions: 2}\n"
                          "  q: {kind: queue, redelivery: immediate}\n"
                          "  c: {kind: consumer, service_time: 2ms}\n"
                          "  w: {kind: consumer, service_time: 1ms, retry: {max_attempts: 2}}\n"
                          "edges: [p -> t, t -> c, c -> q, q -> w]\n"
                          "expect: ['p99(c.latency) < 100ms']\n";
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string text(reinterpret_cast<const char *>(data), size);
    const eventbench::model::LoadResult r =
        eventbench::model::loadScenarioText(kBase, "base.yaml", {text});
    if (!r.scenario && r.diagnostics.empty())
        std::abort();
    for (const auto &d : r.diagnostics)
        if (d.file != "base.yaml" && d.file != "--set")
            std::abort();
    return 0;
}
