#pragma once
// The scenario example of scenarios/README.md, verbatim: the model tests load, validate and
// round-trip it.

namespace eventbench::testing {

inline const char *const kSpecExample =
    R"yaml(scenario: orders-and-payments          # name (required)
description: Orders and payments publish; notification and inventory consume.
seed: 42                                # default 1
duration: 10m                           # simulated time to run (required)
sample_every: 1s                        # metrics resolution (default 1s)
warmup: 30s                             # excluded from summary statistics (default 0)

nodes:
  orders:         {kind: producer, rate: 200/s, event: OrderCreated, keys: {distribution: uniform, count: 10000}}
  payments:       {kind: producer, rate: 150/s, event: PaymentProcessed}
  order-events:   {kind: topic, partitions: 6, retention: 1h}
  payment-events: {kind: topic, partitions: 3}
  notification:
    kind: consumer
    instances: 3
    service_time: {distribution: lognormal, mean: 4ms, p99: 30ms}
  inventory:
    kind: consumer
    instances: 3
    service_time: {distribution: exponential, mean: 8ms}
    failure: 0.01
    retry: {max_attempts: 3, backoff: 100ms}
    dead_letter: inventory-dlq
  inventory-dlq:  {kind: queue}
  inventory-db:   {kind: store, write_time: 2ms}

edges:
  - orders -> order-events
  - payments -> payment-events
  - order-events -> notification
  - order-events -> inventory
  - payment-events -> notification
  - inventory -> inventory-db

faults:
  - {at: 2m, for: 30s, crash: inventory, instances: 1}
  - {at: 5m, for: 1m, spike: orders, factor: 2}
  - {at: 0s, duplicate: order-events, probability: 0.01}

expect:
  - max(inventory.lag) < 5000
  - final(inventory-dlq.depth) <= 50
  - p99(notification.latency) < 250ms
  - ledger.unaccounted == 0
)yaml";

} // namespace eventbench::testing
