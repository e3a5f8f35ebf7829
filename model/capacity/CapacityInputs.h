#pragma once
// The capacity model's reading of a topology (part of CapacityModel): the message classes,
// one flow node per graph vertex plus one per consumer input (a topic or queue edge into a
// consumer, so that what leaves a consumer can depend on where it came from), and the links
// between them with their per-class multipliers: exchange match probabilities, queue
// receives per message (redeliveries), follow-up ratios, successes, dead letters. Built once
// per analysis; refers to the graph, which must outlive it.
#include <cstddef>
#include <optional>
#include <vector>

#include "model/capacity/DeliveryModel.h"
#include "model/capacity/FlowNetwork.h"
#include "model/capacity/MessageClasses.h"
#include "model/topology/TopologyGraph.h"

namespace eventbench::model {

/// One topic or queue edge into a consumer.
struct ConsumerInput {
    std::size_t consumer = 0;      // consumer vertex
    std::size_t consumerIndex = 0; // position among CapacityInputs::consumers()
    std::size_t slot = 0;          // position among the consumer's inputs
    std::size_t bus = 0;           // bus vertex
    std::size_t node = 0;          // its flow node
    std::size_t link = 0;          // the link bus -> node
    bool topic = false;
    int partitions = 1;
    bool roundRobin = false;
    std::vector<DeliveryModel> delivery; // per class
    // Queue redelivery of messages the consumer leaves unacknowledged.
    bool redeliverImmediately = false;
    double visibilityTimeout = 0;   // seconds
    double roundFailure = 0;        // P(an ordinary message's receive ends unacknowledged)
    int maxReceives = 0;            // 0 = unlimited
    Moments inputLatency;           // of the edge from the bus (s)
    std::vector<double> alwaysFail; // per class: share of deliveries that fail every attempt
};

/// A link of the flow network.
struct FlowLink {
    std::size_t from = 0, to = 0;
    std::vector<double> multiplier;       // per class
    bool intoBus = false;                 // the target bus's duplicate copies apply
    bool dropsDuplicates = false;         // into an idempotent consumer: source duplicates removed
    double edgeDelay = 0;                 // mean latency of the scenario edge (s)
    std::optional<std::size_t> fromInput; // leaves a consumer input (follow-up, store, DLQ)
    bool deadLetter = false;              // with fromInput: the consumer's dead letters
    bool fromQueueDeadLetter = false;
    double queueDeadLetterRounds = 0;
    double queueRoundTime = 0;
};

class CapacityInputs {
  public:
    explicit CapacityInputs(const TopologyGraph &graph);

    const TopologyGraph &graph() const { return m_graph; }
    const MessageClasses &classes() const { return m_classes; }
    std::size_t nodeCount() const { return m_nodeCount; }
    const std::vector<FlowLink> &links() const { return m_links; }
    /// Consumer vertices in file order.
    const std::vector<std::size_t> &consumers() const { return m_consumers; }
    /// The indices of a consumer vertex's inputs (into input()).
    const std::vector<std::size_t> &inputsOf(std::size_t consumer) const;
    const ConsumerInput &input(std::size_t i) const { return m_inputs[i]; }
    /// The input whose flow node this is, if any.
    std::optional<std::size_t> inputAt(std::size_t node) const;
    /// A message's cost at a consumer with no traffic (no failures, no input latency).
    DeliveryModel idleDelivery(std::size_t consumer) const;

    /// Adds the mean wait for a store slot (stores with `capacity`, loaded by the rates of
    /// `net`) to every consumer's writes and recomputes the delivery models.
    void applyStoreWaits(const FlowNetwork &net);
    /// A store with `capacity` whose writers need more slots than it has (from
    /// applyStoreWaits): writes/s, the mean write in seconds, its slots.
    struct StoreOverload {
        std::size_t vertex = 0;
        double writes = 0, meanWrite = 0;
        int slots = 0;
    };
    const std::vector<StoreOverload> &storeOverloads() const { return m_storeOverloads; }

  private:
    /// How a queue's messages fare with all the groups that read it.
    struct QueueFate {
        std::vector<std::size_t> groups;  // consumer vertices, in edge order
        std::vector<double> share;        // of the receives each group takes (by handlers)
        std::vector<double> receives;     // per class: receives per message
        std::vector<double> deadLettered; // per class: share moved to the queue's dead_letter
        std::vector<double> poisonShare;  // per class: share of receives that always fail
        double roundFailure = 0;          // P(an ordinary receive ends unacknowledged)
        double roundTime = 0;             // seconds from a failing receive to the next
    };
    const QueueFate &queueFate(std::size_t queue);
    void addConsumerInputs(std::size_t consumer);
    void addOutputs(std::size_t input);
    void addBusOutputs(std::size_t bus);
    void computeDeliveries(std::size_t input);
    Moments writesOf(std::size_t consumer) const;
    Moments serviceOf(std::size_t consumer) const;

    const TopologyGraph &m_graph;
    MessageClasses m_classes;
    std::size_t m_nodeCount = 0;
    std::vector<FlowLink> m_links;
    std::vector<std::size_t> m_consumers;
    std::vector<ConsumerInput> m_inputs;
    std::vector<std::vector<std::size_t>> m_inputsOf; // per vertex
    std::vector<double> m_storeWait;                  // per vertex (s)
    std::vector<StoreOverload> m_storeOverloads;
    std::vector<std::optional<QueueFate>> m_queueFates; // per vertex
};

} // namespace eventbench::model
