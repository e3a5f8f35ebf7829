#pragma once
// The producers of one run: arrivals (the rate profile of each producer, scaled by the
// instances up and a spike), new messages (keys, attributes, routing keys, poison, schema
// version), publishing along their edges, and the bounded retry buffer that holds what cannot
// reach its bus (outage, isolation) and drains it with backoff. Owned by EngineImpl; "now" is
// passed in; arrivals and retries are events of the engine's queue; messages leave through a
// ProducerNetwork. Single-threaded.
#include <algorithm>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/scenario/Scenario.h"
#include "sim/broker/Message.h"
#include "sim/engine/Runtime.h"
#include "sim/kernel/Arrivals.h"
#include "sim/kernel/EventQueue.h"
#include "sim/kernel/Rng.h"
#include "sim/kernel/Sampler.h"
#include "sim/kernel/TypedIndex.h"

namespace eventbench::sim {

/// The run-time state of one producer node (all its instances).
struct ProducerRt {
    const model::ProducerSpec *spec = nullptr;
    std::unique_ptr<ArrivalProcess> arrivals;
    Rng rng{1};
    DistributionSampler size;
    std::optional<std::uint32_t> fixedSize; // the size when it is constant: no rounding each time
    std::optional<ZipfSampler> zipf;
    std::optional<WeightedChooser> keyChooser;      // explicit keys
    std::vector<std::uint32_t> keyIds;              // Message::key of each explicit key
    std::vector<WeightedChooser> attributeChoosers; // one per attribute
    std::vector<std::uint32_t> attributeRadix;
    std::unordered_map<std::uint64_t, std::uint32_t> attributeSetIds; // combination -> interned
    std::optional<WeightedChooser> routingChooser;
    std::vector<std::uint32_t> routingKeyIds;
    std::uint32_t eventType = 0;
    std::vector<Outlet> outlets;
    std::vector<Time> connectedAt; // per outlet: the end of its TLS handshake
    int instancesUp = 1;
    bool isolated = false;
    /// Messages waiting to be published again (bus outage, isolation), oldest first.
    struct Retry {
        Message message;
        std::uint32_t outlet = 0;
        int attempts = 1;
        bool appendedAlready = false; // the timed-out publish did reach the bus
    };
    std::deque<Retry> retryBuffer;
    std::vector<std::int64_t> bufferedPerOutlet; // keeps order per outlet, not across them
    bool retryScheduled = false;
    int blockedRounds = 0; // retry rounds in a row that could not send everything
    int instancesDown = 0; // crashed or paused instances, summed over the faults
    /// Recent publishes (time, outlet, message) whose acknowledgement an outage can lose.
    std::deque<std::pair<Time, std::pair<std::uint32_t, Message>>> unacknowledged;
    double spike = 1.0;
    double poison = 0;
    int schemaVersion = 1;
    std::uint64_t epoch = 0; // invalidates a scheduled arrival when the rate changes
    bool arrivalPending = false;
    std::int64_t produced = 0, published = 0, publishFailed = 0, publishRetries = 0;
    std::int64_t buffered = 0;
};

/// Where producers' messages go. Implemented by the engine.
class ProducerNetwork {
  public:
    virtual ~ProducerNetwork() = default;
    /// Sends `m` along `outlet` (its latency drawn from `rng`, plus `hold`: a TLS handshake
    /// still under way) when the bus accepts messages now; false, and nothing sent, when it
    /// does not (an outage).
    virtual bool publish(const Outlet &outlet, const Message &m, Rng &rng, Time hold) = 0;
};

class Producers {
  public:
    /// Every reference must outlive it; no arrival is scheduled after `end`.
    Producers(EventQueue &events, ProducerNetwork &network, MessageContext &messages, Time end);

    /// Adds a producer (its random stream is the node's: seed and id). While building only.
    ProducerIndex add(const model::ProducerSpec &spec, const std::string &id, std::uint64_t seed);
    /// Adds an outgoing edge of producer `p`, in edge order. While building only.
    void addOutlet(ProducerIndex p, Outlet outlet);
    /// Schedules every producer's first arrival.
    void start(Time now);

    /// An arrival: a new message, published on every outlet, and the next arrival drawn.
    /// Flattened: it is half of a pipeline's events.
    [[gnu::flatten]] void onArrival(ProducerIndex p, std::uint64_t epoch, Time now);
    void onPublishRetry(ProducerIndex p, Time now);
    /// A bus went down: publishes to it within one backoff lost their acknowledgements, and
    /// producers that are not idempotent send them again once it is back.
    void outageStarted(NodeIndex bus, Time now);

    // ---- faults ----
    /// `delta` more instances of `p` are down (crashed or paused; negative: back up); returns
    /// how many are up now.
    int changeInstancesDown(ProducerIndex p, int delta, Time now);
    void setIsolated(ProducerIndex p, bool isolated) { at(p).isolated = isolated; }
    /// The producer starts again after a crash: it makes the TLS handshakes of its outlets.
    void reconnect(ProducerIndex p, Time now);
    /// Multiplies the rate by `factor` (1: the spec's rate).
    void setSpike(ProducerIndex p, double factor, Time now);
    void setPoison(ProducerIndex p, double probability) { at(p).poison = probability; }
    /// The schema version of new messages (none: the spec's).
    void setSchemaVersion(ProducerIndex p, std::optional<int> version);
    /// Adds `add` to the latency of every outlet that is scenario edge `edge`.
    void addEdgeLatency(std::uint32_t edge, Time add);

    // ---- reading ----
    std::size_t size() const { return m_producers.size(); }
    const ProducerRt &operator[](std::size_t i) const { return m_producers[i]; }
    auto begin() const { return m_producers.cbegin(); }
    auto end() const { return m_producers.cend(); }
    /// The smallest id of the messages producers still hold (UINT64_MAX when none); adds the
    /// number of messages scanned to `*scanned`.
    std::uint64_t minLiveId(std::uint64_t *scanned) const;

  private:
    ProducerRt &at(ProducerIndex p) { return m_producers[p.at()]; }
    void scheduleArrival(ProducerIndex p, Time now);
    void rescheduleArrival(ProducerIndex p, Time now);
    void setExplicitKeys(ProducerRt &p, const model::KeySpec &keys);
    Message newMessage(ProducerRt &p, Time now);
    /// The interned attribute set drawn for a producer that has attribute choosers.
    std::uint32_t internAttributes(ProducerRt &p);
    void publish(ProducerIndex p, std::uint32_t outlet, const Message &m, Time now);
    void bufferForRetry(ProducerIndex p, ProducerRt::Retry retry, Time now);
    static Time retryWait(const ProducerRt &p);
    /// Sends along an outlet when its bus accepts messages now; a publish during the outlet's
    /// TLS handshake is held until it ends.
    bool sendOn(ProducerRt &p, std::uint32_t outlet, const Message &m, Time now) {
        return m_network.publish(p.outlets[outlet], m, p.rng,
                                 std::max<Time>(0, p.connectedAt[outlet] - now));
    }

    EventQueue &m_events;
    ProducerNetwork &m_network;
    MessageContext &m_messages;
    Time m_end;
    std::vector<ProducerRt> m_producers;
};

} // namespace eventbench::sim
