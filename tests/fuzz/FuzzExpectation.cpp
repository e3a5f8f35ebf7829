// libFuzzer entry point: the expectation parser (`p99(node.latency) < 250ms`) on arbitrary
// text (README.md#fuzzing). A refusal must come with a message and an offset inside the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "model/scenario/ExpectationParser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string text(reinterpret_cast<const char *>(data), size);
    std::string error;
    int offset = 0;
    const auto parsed = eventbench::model::parseExpectation(text, &error, &offset);
    if (!parsed && (error.empty() || offset < 0 || static_cast<std::size_t>(offset) > text.size()))
        std::abort();
    return 0;
}
