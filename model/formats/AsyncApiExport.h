#pragma once
// `eventbench export asyncapi FILE` (README.md#asyncapi): a scenario as an AsyncAPI 3.0.0
// document (an event catalogue) that validates against the official schema and that
// `import asyncapi` reads back to the same topology. Buses become channels with kafka (topic),
// sqs (queue) or sns (exchange) bindings; each edge out of a producer or consumer a send
// operation, each edge into a consumer a receive operation, each exchange subscription a
// receive operation with an sns consumer; what AsyncAPI has no field for travels in
// x-eventbench-* extensions. Pure function.
#include <string>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

/// The document as YAML text.
std::string exportAsyncApiYaml(const Scenario &scenario);

} // namespace eventbench::model
