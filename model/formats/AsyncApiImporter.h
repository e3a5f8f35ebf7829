#pragma once
// The converter behind importAsyncApi (AsyncApiImport.h), split over AsyncApiImporter.cpp
// (version, channels, operations) and AsyncApiBindings.cpp (what each binding sets). One
// object per import; not shared.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/formats/AsyncApiRefs.h"
#include "model/formats/ImportSupport.h"

namespace eventbench::model {

/// What a channel became.
struct ChannelBus {
    std::string nodeId;     // the bus that senders publish to (an AMQP routing key: the exchange)
    std::string routingKey; // AMQP routing-key channels: the channel's address
    bool perReceiverQueue = false; // AMQP routing keys: each receiver reads its own bound queue
    bool fanout = false;           // AMQP fanout/headers exchange: queues bound without a pattern
    const YamlNode *node = nullptr;
};

/// One operation, from 3.0's `operations` or 2.6's `publish`/`subscribe`.
struct OperationRef {
    std::string id;
    bool send = false;
    std::string channel;      // the channel's key
    std::string replyChannel; // 3.0 `reply.channel`: where a receiver answers
    const YamlNode *node = nullptr;
    SourcePos pos;
};

class AsyncApiImporter {
  public:
    AsyncApiImporter(const YamlNode &root, ImportLog &log)
        : m_root(root), m_log(log), m_refs(root, log) {}
    ImportResult run();

  private:
    // AsyncApiImporter.cpp
    bool readVersion();
    void readServers();
    void readChannels();
    void collectOperations();
    void collectOperations2(const std::string &key, const YamlNode &channel);
    void buildOperation(const OperationRef &op);
    std::string operationNode(const OperationRef &op, NodeKind kind);
    void applyOperationKnobs(const OperationRef &op, Node &node);
    std::vector<std::string> channelProtocols(const YamlNode &channel) const;

    // AsyncApiBindings.cpp
    void busFromChannel(const std::string &key, const YamlNode &channel, ChannelBus &bus);
    void kafkaTopic(Node &topic, const YamlNode *kafka);
    void sqsQueue(Node &queue, const YamlNode *queueObject, const YamlNode *channelBinding);
    std::string amqpBus(const std::string &key, const YamlNode &channel, const YamlNode *amqp,
                        ChannelBus &bus);
    /// The queue named `name` in SQS terms (a channel's queue.name, or a channel key), made
    /// when the document has none.
    std::string queueNamed(const std::string &name, const YamlNode &at);
    /// A receiver of an SNS channel: subscriptions per its sns consumers; returns the buses
    /// the receiver reads.
    std::vector<std::string> snsSubscriptions(const OperationRef &op, const ChannelBus &bus);
    std::vector<std::string> amqpReceiverQueue(const OperationRef &op, const ChannelBus &bus);

    Node &addNode(const std::string &wanted, NodeKind kind, const SourcePos &pos);
    Node *node(const std::string &id);
    void addEdge(const std::string &from, const std::string &to);
    Edge *edge(const std::string &from, const std::string &to);
    void resolveDeadLetters();
    std::optional<SimTime> seconds(const YamlNode *v, const std::string &what, double max);

    const YamlNode &m_root;
    ImportLog &m_log;
    AsyncApiRefs m_refs;
    bool m_v3 = false;
    Scenario m_s;
    Node m_scratch; // what addNode hands out once the scenario is too large
    NodeIds m_ids;
    std::set<std::pair<std::string, std::string>> m_edgeIndex; // from, to of every edge
    bool m_tooLarge = false; // more nodes or edges than kMaxNodes / kMaxEdges were asked for
    std::map<std::string, std::string> m_serverProtocol;
    std::map<std::string, ChannelBus> m_channels;
    std::map<std::string, std::string> m_queueByName;    // SQS/AMQP queue name -> node id
    std::map<std::string, std::string> m_exchangeByName; // AMQP exchange name -> node id
    std::map<std::string, std::string> m_opNodes;        // x-eventbench-node or op id -> node id
    std::vector<OperationRef> m_operations;
    std::set<std::string> m_receivingNodes; // node names that have a receive operation
    struct PendingDeadLetter {
        std::string queue, deadLetter;
        const YamlNode *definition; // the channel binding's deadLetterQueue object, or null
        SourcePos pos;
    };
    std::vector<PendingDeadLetter> m_deadLetters;
};

} // namespace eventbench::model
