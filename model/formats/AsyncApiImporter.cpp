#include "model/formats/AsyncApiImporter.h"

#include <algorithm>
#include <cmath>

#include "model/formats/AsyncApiSchema.h"

namespace eventbench::model {

namespace {

// A document larger than this in channels and operations is refused (the nodes it would
// make are more than a scenario meant to be read and run on one machine).
constexpr std::size_t kMaxElements = 5000;
// What those channels and operations may make: a binding shared by reference between many
// operations must not multiply into millions of edges.
constexpr std::size_t kMaxNodes = 10000;
constexpr std::size_t kMaxEdges = 50000;
constexpr double kDefaultRate = 10;                          // per second, per send operation
constexpr SimTime kDefaultServiceTime = 10 * kNanosPerMilli; // per receive operation
constexpr SimTime kDefaultDuration = 10 * 60 * kNanosPerSecond;

const std::string kExt = "x-eventbench-";

} // namespace

Node *AsyncApiImporter::node(const std::string &id) {
    for (Node &n : m_s.nodes)
        if (n.id == id)
            return &n;
    // Once too large, the nodes not made are the scratch node: the conversion is refused anyway.
    return m_tooLarge ? &m_scratch : nullptr;
}

Node &AsyncApiImporter::addNode(const std::string &wanted, NodeKind kind, const SourcePos &pos) {
    if (m_s.nodes.size() >= kMaxNodes) {
        // Refused once the operation is built (run() checks); until then a scratch node.
        m_tooLarge = true;
        m_scratch = Node{};
        return m_scratch;
    }
    Node n;
    n.id = m_ids.unique(wanted);
    n.kind = kind;
    n.where = pos;
    m_s.nodes.push_back(std::move(n));
    return m_s.nodes.back();
}

Edge *AsyncApiImporter::edge(const std::string &from, const std::string &to) {
    if (!m_edgeIndex.count({from, to}))
        return nullptr;
    for (Edge &e : m_s.edges)
        if (e.from == from && e.to == to)
            return &e;
    return nullptr;
}

void AsyncApiImporter::addEdge(const std::string &from, const std::string &to) {
    if (from == to || m_edgeIndex.count({from, to}))
        return;
    if (m_s.edges.size() >= kMaxEdges) {
        m_tooLarge = true;
        return;
    }
    m_edgeIndex.insert({from, to});
    m_s.edges.push_back(plainEdge(from, to));
}

bool AsyncApiImporter::readVersion() {
    const YamlNode *version = m_root.find("asyncapi");
    if (!version || !version->isScalar()) {
        m_log.error(m_root.pos, "not an AsyncAPI document: it has no 'asyncapi' version");
        return false;
    }
    if (version->scalar != "2.6.0" && version->scalar != "3.0.0") {
        m_log.error(*version, "AsyncAPI " + printableText(version->scalar, 20) +
                                  ": eventbench reads AsyncAPI 2.6.0 and 3.0.0 documents");
        return false;
    }
    m_v3 = version->scalar == "3.0.0";
    return true;
}

void AsyncApiImporter::readServers() {
    const YamlNode *servers = m_refs.field(&m_root, "servers");
    if (!servers || !servers->isMap())
        return;
    for (std::size_t i = 0; i < servers->keys.size(); ++i)
        m_serverProtocol[servers->keys[i].scalar] = m_refs.text(&servers->values[i], "protocol");
}

std::vector<std::string> AsyncApiImporter::channelProtocols(const YamlNode &channel) const {
    std::vector<std::string> out;
    const YamlNode *list = m_refs.field(&channel, "servers");
    if (list && list->isSequence() && !list->items.empty()) {
        for (const YamlNode &item : list->items) {
            // 3.0: references to servers; 2.6: server names.
            const auto name = m_v3 ? AsyncApiRefs::refName(item, "#/servers/")
                                   : std::optional<std::string>(item.scalar);
            const auto it = name ? m_serverProtocol.find(*name) : m_serverProtocol.end();
            if (it != m_serverProtocol.end())
                out.push_back(it->second);
        }
        return out;
    }
    for (const auto &[name, protocol] : m_serverProtocol)
        out.push_back(protocol);
    return out;
}

void AsyncApiImporter::readChannels() {
    const YamlNode *channels = m_refs.field(&m_root, "channels");
    if (!channels || !channels->isMap())
        return;
    for (std::size_t i = 0; i < channels->keys.size(); ++i) {
        const YamlNode *channel = m_refs.deref(channels->values[i]);
        if (!channel || !channel->isMap())
            continue;
        ChannelBus bus;
        bus.node = channel;
        busFromChannel(channels->keys[i].scalar, *channel, bus);
        m_channels[channels->keys[i].scalar] = bus;
    }
    resolveDeadLetters();
}

void AsyncApiImporter::collectOperations2(const std::string &key, const YamlNode &channel) {
    // 2.x describes what others may do: `publish` carries the messages the application
    // receives, `subscribe` those it sends.
    for (const auto &[field, send] : {std::pair{"publish", false}, std::pair{"subscribe", true}}) {
        const YamlNode *raw = channel.find(field);
        const YamlNode *op = raw ? m_refs.deref(*raw) : nullptr;
        if (!op)
            continue;
        OperationRef ref;
        ref.send = send;
        ref.channel = key;
        ref.node = op;
        ref.pos = raw->pos;
        ref.id = m_refs.text(op, "operationId");
        if (ref.id.empty())
            ref.id = key + (send ? "-sender" : "-receiver");
        m_operations.push_back(std::move(ref));
    }
}

void AsyncApiImporter::collectOperations() {
    if (!m_v3) {
        const YamlNode *channels = m_refs.field(&m_root, "channels");
        for (std::size_t i = 0; channels && channels->isMap() && i < channels->keys.size(); ++i)
            if (const YamlNode *channel = m_refs.deref(channels->values[i]))
                collectOperations2(channels->keys[i].scalar, *channel);
        return;
    }
    const YamlNode *operations = m_refs.field(&m_root, "operations");
    for (std::size_t i = 0; operations && operations->isMap() && i < operations->keys.size(); ++i) {
        const YamlNode *op = m_refs.deref(operations->values[i]);
        const YamlNode *channel = op && op->isMap() ? op->find("channel") : nullptr;
        if (!channel)
            continue;
        OperationRef ref;
        ref.id = operations->keys[i].scalar;
        ref.send = m_refs.text(op, "action") == "send";
        ref.channel = AsyncApiRefs::refName(*channel, "#/channels/").value_or("");
        ref.node = op;
        ref.pos = operations->keys[i].pos;
        const YamlNode *reply = m_refs.field(op, "reply");
        if (const YamlNode *rc = reply && reply->isMap() ? reply->find("channel") : nullptr)
            ref.replyChannel = AsyncApiRefs::refName(*rc, "#/channels/").value_or("");
        m_operations.push_back(std::move(ref));
    }
}

void AsyncApiImporter::applyOperationKnobs(const OperationRef &op, Node &n) {
    const YamlNode *v = m_refs.field(op.node, kExt + "instances");
    if (const auto count = v ? scalarInteger(*v) : std::nullopt;
        count && *count >= 1 && *count <= 100000)
        (n.kind == NodeKind::Producer ? n.producer.instances : n.consumer.instances) =
            static_cast<int>(*count);
    if (n.kind == NodeKind::Producer) {
        const YamlNode *rate = m_refs.field(op.node, kExt + "rate");
        const auto perSecond = rate ? scalarNumber(*rate) : std::nullopt;
        n.producer.rate.rate = perSecond && *perSecond > 0 ? *perSecond : kDefaultRate;
        if (!perSecond)
            m_log.warn(op.pos, "AsyncAPI gives no rate: producer '" + n.id +
                                   "' sends 10/s of 1000-byte messages (" + kExt +
                                   "rate sets the rate)");
        return;
    }
    const YamlNode *service = m_refs.field(op.node, kExt + "service-time");
    const auto secs = service ? scalarNumber(*service) : std::nullopt;
    n.consumer.serviceTime = Distribution::constant(
        secs && *secs >= 0 ? std::round(*secs * 1e9) : static_cast<double>(kDefaultServiceTime));
    if (!secs)
        m_log.warn(op.pos, "AsyncAPI gives no processing time: consumer '" + n.id +
                               "' takes 10ms per message (" + kExt +
                               "service-time sets it, in seconds)");
    // Adding a store may move `n`: only its id is used from here.
    const std::string consumer = n.id;
    const YamlNode *writes = m_refs.field(op.node, kExt + "writes");
    for (std::size_t i = 0; writes && writes->isSequence() && i < writes->items.size(); ++i) {
        const std::string key = "store:" + writes->items[i].scalar;
        if (!m_opNodes.count(key))
            m_opNodes[key] =
                addNode(writes->items[i].scalar, NodeKind::Store, writes->items[i].pos).id;
        addEdge(consumer, m_opNodes[key]);
    }
}

std::string AsyncApiImporter::operationNode(const OperationRef &op, NodeKind kind) {
    std::string name = m_refs.text(op.node, kExt + "node");
    if (name.empty())
        name = op.id;
    if (const auto it = m_opNodes.find(name); it != m_opNodes.end())
        return it->second;
    if (m_receivingNodes.count(name))
        kind = NodeKind::Consumer;
    const std::string id = addNode(name, kind, op.pos).id;
    m_opNodes[name] = id;
    applyOperationKnobs(op, *node(id));
    return id;
}

void AsyncApiImporter::buildOperation(const OperationRef &op) {
    const auto it = m_channels.find(op.channel);
    if (it == m_channels.end()) {
        m_log.warn(op.pos, "operation '" + op.id + "' names no channel of the document; ignored");
        return;
    }
    const ChannelBus &bus = it->second;
    if (op.send) {
        const std::string id = operationNode(op, NodeKind::Producer);
        addEdge(id, bus.nodeId);
        Node *n = node(id);
        if (n->kind == NodeKind::Producer && !bus.routingKey.empty())
            n->producer.routingKey = WeightedChoice{{{bus.routingKey, 1.0}}, false};
        return;
    }
    std::vector<std::string> sources{bus.nodeId};
    if (node(bus.nodeId)->kind == NodeKind::Exchange)
        sources = bus.perReceiverQueue ? amqpReceiverQueue(op, bus) : snsSubscriptions(op, bus);
    const YamlNode *only = m_refs.field(op.node, kExt + "subscription");
    if (only && scalarBool(*only).value_or(false))
        return;
    const std::string id = operationNode(op, NodeKind::Consumer);
    for (const std::string &source : sources)
        addEdge(source, id);
    if (const auto reply = m_channels.find(op.replyChannel); reply != m_channels.end())
        addEdge(id, reply->second.nodeId);
}

ImportResult AsyncApiImporter::run() {
    if (!readVersion() || !validateAsyncApi(m_root, m_v3, m_log))
        return ImportResult{std::nullopt, m_log.take()};
    const YamlNode *info = m_refs.field(&m_root, "info");
    m_s.name = m_refs.text(info, "title");
    if (m_s.name.empty())
        m_s.name = "asyncapi";
    m_s.description = "Converted from the AsyncAPI document " + m_log.file() + ".";
    m_s.duration = kDefaultDuration;
    const YamlNode *length = m_root.find(kExt + "duration");
    const auto secs = length ? scalarNumber(*length) : std::nullopt;
    if (secs && *secs > 0 && *secs <= 365 * 86400.0)
        m_s.duration = static_cast<SimTime>(std::llround(*secs * 1e9));
    else
        m_log.warn(m_root.find("asyncapi")->pos,
                   "AsyncAPI says nothing of a run's length: the scenario runs 10 minutes");
    readServers();
    readChannels();
    collectOperations();
    if (m_channels.size() + m_operations.size() > kMaxElements || m_tooLarge) {
        m_log.error(m_root.pos, "more than " + std::to_string(kMaxElements) +
                                    " channels and operations: too large to convert");
        return ImportResult{std::nullopt, m_log.take()};
    }
    for (const OperationRef &op : m_operations)
        if (!op.send) {
            const std::string name = m_refs.text(op.node, kExt + "node");
            m_receivingNodes.insert(name.empty() ? op.id : name);
        }
    for (const OperationRef &op : m_operations) {
        buildOperation(op);
        if (m_tooLarge) {
            m_log.error(op.pos, "this operation makes the scenario larger than " +
                                    std::to_string(kMaxNodes) + " nodes or " +
                                    std::to_string(kMaxEdges) + " edges: too large to convert");
            return ImportResult{std::nullopt, m_log.take()};
        }
    }
    if (m_s.nodes.empty()) {
        m_log.error(m_root.pos, "the document has no channels: nothing to simulate");
        return ImportResult{std::nullopt, m_log.take()};
    }
    return finishImport(std::move(m_s), m_log);
}

ImportResult importAsyncApiText(const std::string &text, const std::string &fileName) {
    ImportLog log(fileName);
    const auto root = parseImportDocument(text, log);
    if (!root)
        return ImportResult{std::nullopt, log.take()};
    return AsyncApiImporter(*root, log).run();
}

ImportResult importAsyncApiFile(const std::string &path) {
    ImportLog log(path);
    const auto root = readImportDocument(path, log);
    if (!root)
        return ImportResult{std::nullopt, log.take()};
    return AsyncApiImporter(*root, log).run();
}

} // namespace eventbench::model
