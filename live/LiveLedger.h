#pragma once
// The ledger of a live run (README.md, "Checked against a real RabbitMQ"): the simulator's ledger
// figures (model/catalogue, sim/broker/Ledger.h) as far as a live run measures them. Obligations
// are counted as the producers and the consumers' dead letters publish: one per queue that
// consumers read and that the message reaches by the scenario's routing (the rule the simulator's
// exchanges follow). Completed and dead-lettered are what the consumers acknowledged, or what the
// dead-letter queues hold on the broker when that can be counted exactly; pending is what the
// queues consumers read hold once the consumers closed (the broker takes back what they held, so
// nothing is in flight). Discarded, expired and skipped are not measured: a live consumer never
// discards, RabbitMQ drops what a ttl or max_length removes without telling anyone, and there are
// no topics to skip in. Unaccounted is measured unless a queue has a ttl or a max_length.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "live/AmqpClient.h"
#include "live/LivePlan.h"
#include "live/LiveTally.h"
#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::live {

/// Counts the obligations a publish creates, in a tally counter (any thread).
class LiveObligations {
  public:
    /// Declares the counter in `tally` (before tally.freeze()).
    LiveObligations(const model::Scenario &scenario, const LivePlan &plan, LiveTally &tally);
    /// The obligations one message published to `bus` (a broker name) creates.
    std::int64_t of(const std::string &bus, const std::string &routingKey,
                    const AmqpTable &headers) const;
    /// Adds of(bus, routingKey, headers) to the counter.
    void record(LiveTally &tally, const std::string &bus, const std::string &routingKey,
                const AmqpTable &headers) const;

  private:
    struct Route {
        const model::Edge *edge = nullptr; // exchange -> queue; nullptr: straight to the queue
        bool read = false;                 // consumers read the queue
    };
    std::map<std::string, std::vector<Route>> m_routes; // by broker name of the bus
    std::size_t m_counter = 0;
};

/// What a live run measured of the ledger; unaccounted follows from it.
struct LiveLedger {
    std::int64_t obligations = 0;
    std::int64_t completed = 0;
    std::int64_t deadLettered = 0;
    std::optional<std::int64_t> pending; // nullopt: the broker's queues could not be read
    bool brokerMayDrop = false;          // a queue has a ttl or a max_length

    /// Obligations minus every measured outcome and pending; nullopt when not measured.
    std::optional<std::int64_t> unaccounted() const;
    /// The summary rows (`ledger`, figure, `total`) of the measured figures, in catalogue order.
    std::vector<model::RunReport::SummaryRow> summaryRows() const;
    /// Appends summaryRows() to the report and sets its unaccounted and unaccountedMeasured.
    void applyTo(model::RunReport &report) const;
};

/// What the run's broker-side figures were at the end: each queue's ready messages once the
/// consumers closed (null when they could not be read), and whether the dead-letter queues'
/// content counts the dead letters exactly (then `deadLettersOnBroker` is it).
struct LiveEnd {
    const std::map<std::string, std::int64_t> *depths = nullptr; // by queue node id
    bool deadLettersChecked = false;
    std::int64_t deadLettersOnBroker = 0;
};

/// The dead letters the consumers sent: the tally's `dead_lettered` counters, summed.
std::int64_t deadLettersSent(const LiveTally &tally);

/// The ledger from the tally's counters and the broker's figures at the end.
LiveLedger measureLedger(const model::Scenario &scenario, const LiveTally &tally,
                         const LiveEnd &end);

} // namespace eventbench::live
