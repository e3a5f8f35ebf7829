// libFuzzer entry point: the scenario loader on arbitrary bytes (README.md#fuzzing). Built only
// with -DEVENTBENCH_FUZZ=ON and clang. The loader must not crash, hang or throw, and every
// problem it reports names the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "model/yaml/ScenarioLoader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string text(reinterpret_cast<const char *>(data), size);
    const eventbench::model::LoadResult r = eventbench::model::loadScenarioText(text, "fuzz.yaml");
    if (!r.scenario && r.diagnostics.empty())
        std::abort(); // refused without saying why
    for (const auto &d : r.diagnostics)
        if (d.file != "fuzz.yaml" || d.message.empty())
            std::abort();
    return 0;
}
