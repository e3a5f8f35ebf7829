#pragma once
// Plays a scenario against a real RabbitMQ (README.md, "Checked against a real RabbitMQ"): declares
// its queues, exchanges and bindings under a fresh prefix, runs its consumers and producers on
// their own threads for the scenario's duration while sampling the broker's queue depths every
// sample_every, then stops them and deletes everything it declared, whatever happened.
#include <atomic>
#include <cstdint>
#include <string>

#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::live {

struct LiveResult {
    bool connected = false;   // false: the broker could not be reached (nothing was declared)
    std::string error;        // empty when the run went to its end
    bool interrupted = false; // g_liveInterrupted ended it (error says "interrupted")
    std::string prefix;       // of every name it declared
    model::RunReport report;  // with the run's ledger (LiveLedger.h)
    /// Messages the run dead-lettered (consumers' dead_letter and max_receive_count moves),
    /// and what the dead-letter queues held on the broker at the end.
    std::int64_t deadLettersSent = 0;
    std::int64_t deadLettersOnBroker = 0;
    /// False when the two cannot be compared: a dead letter goes through an exchange, or a
    /// dead-letter queue has consumers or other senders of its own.
    bool deadLettersChecked = true;
    std::string teardownError; // empty when every declared object was deleted
};

/// Set (e.g. by a SIGINT handler) to end a live run early; it still tears down.
extern std::atomic<bool> g_liveInterrupted;

/// `scenario` must have passed checkLivePlayable.
LiveResult runLive(const model::Scenario &scenario, const std::string &host, int port);

} // namespace eventbench::live
