#pragma once
// What `eventbench live` can play against a real RabbitMQ (README.md, "Checked against a real
// RabbitMQ"): checks a validated scenario before anything connects and refuses, naming the node,
// edge, knob or fault, what a RabbitMQ broker cannot express (Kafka-like topics and their
// consumer groups, faults other than a consumer's crash and pause, SQS's visibility timeout, ...).
// Pure function of the scenario.
#include "model/scenario/Diagnostic.h"
#include "model/scenario/Scenario.h"

namespace eventbench::live {

/// The longest live run: the broker and the machine, not the simulator, are on the clock.
constexpr model::SimTime kMaxLiveDuration = 10 * 60 * model::kNanosPerSecond;
/// The most messages per second all producers together may ask of the broker.
constexpr double kMaxLiveRate = 5000;
/// The most instances (one thread and connection each) a consumer may have in a live run, and
/// the most of all consumers together.
constexpr int kMaxLiveInstances = 32;
constexpr int kMaxLiveInstancesInAll = 64;

/// One error per thing the broker cannot play (empty: the scenario can be played).
model::Diagnostics checkLivePlayable(const model::Scenario &scenario);

} // namespace eventbench::live
