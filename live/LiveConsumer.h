#pragma once
// One instance of a consumer in a live run on its own thread and connection (README.md#checked-
// against-a-real-rabbitmq): a poll loop with `concurrency` handler slots and a prefetch of two
// per handler, so a handler that frees up finds the next message waiting, as in the model. Each
// attempt takes a service time drawn from the instance's seeded stream and fails by the seeded
// choice of attemptFails; in-process retries wait their backoff; what is exhausted goes to the
// consumer's dead_letter (published there, then acknowledged) or back to the queue (nack with
// requeue); the receive that would exceed the queue's max_receive_count moves the message to the
// queue's dead_letter. A crash closes the connection (the broker requeues what was unacknowledged)
// and reconnects when it ends; a pause stops the handlers and holds their messages.
#include <string>
#include <vector>

#include "live/LiveContext.h"
#include "live/LivePlan.h"

namespace eventbench::live {

/// Where a message is dead-lettered to: an exchange, or a queue through the default exchange.
struct DeadLetterTarget {
    std::string node; // the scenario's node id (empty: none)
    std::string exchange;
    std::string queue;
};

/// A crash or pause of this instance, in run nanoseconds [from, to).
struct Outage {
    std::int64_t from = 0;
    std::int64_t to = 0;
    bool crash = true;
};

struct ConsumerJob {
    const model::Node *node = nullptr;  // the consumer
    const model::Node *queue = nullptr; // the queue it reads
    std::string queueName;              // on the broker
    int instance = 0;
    DeadLetterTarget consumerDeadLetter; // the consumer's dead_letter
    DeadLetterTarget queueDeadLetter;    // the queue's dead_letter (max_receive_count)
    std::vector<Outage> outages;
};

/// Runs until the run stops; errors go to ctx.fail.
void runConsumer(const ConsumerJob &job, LiveContext &ctx);

} // namespace eventbench::live
