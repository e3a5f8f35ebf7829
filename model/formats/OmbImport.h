#pragma once
// `eventbench import omb WORKLOAD.yaml` (README.md#openmessaging-benchmark-workloads): an
// OpenMessaging Benchmark workload becomes a scenario: its topics with their partitions, one
// producer node per topic (producersPerTopic instances sharing producerRate / topics), one
// consumer group per subscription (consumerPerSubscription members), the test's duration and
// warm-up. What a workload leaves to the benchmarked system (service times) gets a default
// and a positioned warning; so do fields the simulator has no use for and unknown fields.
#include <string>

#include "model/formats/ImportSupport.h"

namespace eventbench::model {

/// Converts the workload at `path`.
ImportResult importOmbWorkloadFile(const std::string &path);
/// Converts a workload already parsed; `log` names the file.
ImportResult importOmbWorkload(const YamlNode &root, ImportLog &log);

} // namespace eventbench::model
