#include "model/formats/OmbImport.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

namespace eventbench::model {

namespace {

// Bounds that keep a converted workload within what one machine simulates.
constexpr long long kMaxTopics = 1000;
constexpr long long kMaxPartitionsTotal = 100'000;
constexpr long long kMaxMembers = 10'000;
constexpr long long kMaxNodes = 10'000; // a producer, a topic and the groups per topic
// OMB's key distributors draw from a pool of this many random keys (KeyDistributor).
constexpr std::uint64_t kOmbKeyPool = 10'000;
// An OMB consumer only records each message; its handling time is not part of a workload.
constexpr SimTime kDefaultServiceTime = 100'000; // 100us
constexpr double kDefaultRate = 1000;            // producerRate 0: OMB searches for the maximum

/// The workload's fields as read (defaults as OMB's Workload class has them).
struct Workload {
    std::string name = "omb-workload";
    long long topics = 1, partitions = 1, messageSize = 1024;
    long long subscriptions = 1, consumersPerSubscription = 1, producersPerTopic = 1;
    double producerRate = 0;
    long long backlogGB = 0;
    std::string keyDistributor = "NO_KEY";
    double testMinutes = 0, warmupMinutes = 1;
    SourcePos ratePos, durationPos, keyPos, topicsPos, subscriptionsPos, backlogPos, rootPos;
    bool durationGiven = false;
};

class OmbReader {
  public:
    OmbReader(ImportLog &log, Workload &w) : m_log(log), m_w(w) {}

    void read(const YamlNode &root) {
        m_w.rootPos = root.pos;
        for (std::size_t i = 0; i < root.keys.size(); ++i)
            field(root.keys[i], root.values[i]);
    }

  private:
    bool integer(const YamlNode &v, const std::string &key, long long lo, long long hi,
                 long long &out) {
        const auto n = scalarInteger(v);
        if (!n || *n < lo || *n > hi) {
            m_log.error(v, key + ": expected a whole number from " + std::to_string(lo) + " to " +
                               std::to_string(hi) + ", found '" + printableText(v.scalar, 40) +
                               "'");
            return false;
        }
        out = *n;
        return true;
    }
    void number(const YamlNode &v, const std::string &key, double hi, double &out) {
        const auto n = scalarNumber(v);
        if (!n || *n < 0 || *n > hi)
            m_log.error(v, key + ": expected a number from 0 to " + std::to_string(hi) +
                               ", found '" + printableText(v.scalar, 40) + "'");
        else
            out = *n;
    }

    void field(const YamlNode &k, const YamlNode &v) {
        const std::string &key = k.scalar;
        if (key == "name") {
            m_w.name = v.isScalar() ? v.scalar : m_w.name;
        } else if (key == "topics") {
            m_w.topicsPos = v.pos;
            integer(v, key, 1, kMaxTopics, m_w.topics);
        } else if (key == "partitionsPerTopic") {
            integer(v, key, 1, kMaxPartitionsTotal, m_w.partitions);
        } else if (key == "messageSize") {
            integer(v, key, 1, 64LL << 20, m_w.messageSize);
        } else if (key == "subscriptionsPerTopic") {
            m_w.subscriptionsPos = k.pos;
            integer(v, key, 0, 100, m_w.subscriptions);
        } else if (key == "consumerPerSubscription") {
            integer(v, key, 1, kMaxMembers, m_w.consumersPerSubscription);
        } else if (key == "producersPerTopic") {
            integer(v, key, 1, kMaxMembers, m_w.producersPerTopic);
        } else if (key == "producerRate") {
            m_w.ratePos = v.pos;
            number(v, key, 1e8, m_w.producerRate);
        } else if (key == "consumerBacklogSizeGB") {
            m_w.backlogPos = v.pos;
            integer(v, key, 0, 1'000'000, m_w.backlogGB);
        } else if (key == "keyDistributor") {
            m_w.keyPos = v.pos;
            m_w.keyDistributor = v.scalar;
            if (v.scalar != "NO_KEY" && v.scalar != "KEY_ROUND_ROBIN" && v.scalar != "RANDOM_NANO")
                m_log.error(v, "keyDistributor: expected NO_KEY, KEY_ROUND_ROBIN or RANDOM_NANO, "
                               "found '" +
                                   printableText(v.scalar, 40) + "'");
        } else if (key == "testDurationMinutes") {
            m_w.durationPos = v.pos;
            m_w.durationGiven = true;
            number(v, key, 7 * 24 * 60, m_w.testMinutes);
        } else if (key == "warmupDurationMinutes") {
            number(v, key, 7 * 24 * 60, m_w.warmupMinutes);
        } else {
            notModelled(k);
        }
    }

    void notModelled(const YamlNode &k) {
        static const std::map<std::string, std::string, std::less<>> kWhy = {
            {"payloadFile", "the payload's bytes do not matter here; messageSize is the size"},
            {"useRandomizedPayloads", "payload contents are not simulated"},
            {"randomBytesRatio", "payload contents are not simulated"},
            {"randomizedPayloadPoolSize", "payload contents are not simulated"},
            {"producerStartRate", "the rate search of producerRate 0 is not simulated"},
            {"acceptableBacklog", "the rate search of producerRate 0 is not simulated"},
            {"producerIncrementRate", "the producers keep producerRate throughout"},
            {"producerIncrementSeconds", "the producers keep producerRate throughout"},
            {"messageRateReceivedForSubscription", "every subscription receives every message"},
            {"producerPauseBeforeDrain", "the producers do not pause"},
            {"producerPauseDuringDrain", "the producers do not pause"},
        };
        const auto it = kWhy.find(k.scalar);
        if (it != kWhy.end())
            m_log.warn(k, "'" + k.scalar + "' is not used: " + it->second);
        else
            m_log.warn(k, "unknown workload field '" + printableText(k.scalar, 60) +
                              "' ignored (not an OpenMessaging Benchmark field)");
    }

    ImportLog &m_log;
    Workload &m_w;
};

KeySpec keysOf(const Workload &w) {
    KeySpec keys;
    if (w.keyDistributor == "NO_KEY")
        return keys;
    keys.kind = KeySpec::Kind::Uniform;
    keys.count = kOmbKeyPool;
    return keys;
}

/// When the producers at `rate` have written consumerBacklogSizeGB (0 without a backlog); more
/// than a year is an error.
SimTime backlogFilledAt(const Workload &w, double rate, ImportLog &log) {
    if (w.backlogGB <= 0)
        return 0;
    // OMB counts the backlog in GiB over every subscription's unread bytes.
    const double bytesPerSecond = rate * static_cast<double>(w.messageSize) *
                                  static_cast<double>(std::max(1LL, w.subscriptions));
    double seconds = static_cast<double>(w.backlogGB) * 1073741824.0 / bytesPerSecond;
    constexpr double kYear = 365 * 86400.0;
    if (seconds > kYear) { // (and past SimTime's range, in nanoseconds, near 292 years)
        log.error(w.backlogPos, "consumerBacklogSizeGB " + std::to_string(w.backlogGB) + " takes " +
                                    std::to_string(std::llround(seconds / 86400)) +
                                    " days to fill at this rate and message size: more than a "
                                    "year to simulate");
        seconds = kYear;
    }
    return static_cast<SimTime>(std::ceil(seconds)) * kNanosPerSecond;
}

Scenario buildScenario(const Workload &w, ImportLog &log) {
    Scenario s;
    s.name = w.name;
    s.description = "Converted from the OpenMessaging Benchmark workload " + log.file() + ".";
    double rate = w.producerRate;
    if (rate <= 0) {
        rate = kDefaultRate;
        log.warn(w.ratePos.line ? w.ratePos : w.rootPos,
                 "producerRate 0 (OMB searches for the highest sustainable rate): the "
                 "producers send 1000/s in all; set the rate in the scenario");
    }
    if (w.keyDistributor == "KEY_ROUND_ROBIN")
        log.warn(w.keyPos, "KEY_ROUND_ROBIN cycles through OMB's 10000 keys; the scenario draws "
                           "the same 10000 keys uniformly at random");
    const double testMinutes = w.durationGiven ? w.testMinutes : 5;
    if (!w.durationGiven)
        log.warn(w.rootPos, "no testDurationMinutes: the run lasts 5 minutes after warm-up");
    s.warmup = static_cast<SimTime>(std::llround(w.warmupMinutes * 60)) * kNanosPerSecond;
    // A backlog test first fills consumerBacklogSizeGB with the consumers stopped, then drains
    // it: the groups join when the backlog is there and read from the earliest offset.
    const SimTime joinAt = backlogFilledAt(w, rate, log);
    if (w.backlogGB > 0) {
        if (s.warmup > 0)
            log.warn(w.durationPos.line ? w.durationPos : w.rootPos,
                     "consumerBacklogSizeGB: the groups join when the backlog is built and the "
                     "drain is measured, so the run has no warm-up");
        s.warmup = 0;
    }
    s.duration =
        s.warmup + joinAt + static_cast<SimTime>(std::llround(testMinutes * 60)) * kNanosPerSecond;
    NodeIds ids;
    for (long long t = 0; t < w.topics; ++t) {
        Node topic;
        topic.kind = NodeKind::Topic;
        topic.id = ids.unique("topic-" + std::to_string(t));
        topic.topic.partitions = static_cast<int>(w.partitions);
        Node producer;
        producer.kind = NodeKind::Producer;
        producer.id = ids.unique("producer-" + std::to_string(t));
        producer.producer.instances = static_cast<int>(w.producersPerTopic);
        producer.producer.rate.rate = rate / static_cast<double>(w.topics);
        producer.producer.arrivals = ProducerSpec::Arrivals::Constant; // OMB's rate limiter
        producer.producer.size =
            Distribution::constant(static_cast<double>(w.messageSize), Quantity::Size);
        producer.producer.keys = keysOf(w);
        s.edges.push_back(plainEdge(producer.id, topic.id));
        std::vector<Node> groups;
        for (long long g = 0; g < w.subscriptions; ++g) {
            Node group;
            group.kind = NodeKind::Consumer;
            group.id = ids.unique("sub-" + std::to_string(t) + "-" + std::to_string(g));
            group.consumer.instances = static_cast<int>(w.consumersPerSubscription);
            group.consumer.serviceTime = Distribution::constant(kDefaultServiceTime);
            group.consumer.joinAt = joinAt;
            if (joinAt > 0)
                group.consumer.start = ConsumerSpec::Start::Earliest;
            s.edges.push_back(plainEdge(topic.id, group.id));
            groups.push_back(std::move(group));
        }
        s.nodes.push_back(std::move(producer));
        s.nodes.push_back(std::move(topic));
        s.nodes.insert(s.nodes.end(), groups.begin(), groups.end());
    }
    if (w.subscriptions > 0)
        log.warn(w.subscriptionsPos.line ? w.subscriptionsPos : w.rootPos,
                 "a workload does not say how long a consumer takes per message: "
                 "service_time 100us for every subscription");
    return s;
}

} // namespace

ImportResult importOmbWorkload(const YamlNode &root, ImportLog &log) {
    Workload w;
    OmbReader(log, w).read(root);
    if (!log.failed() && w.topics * w.partitions > kMaxPartitionsTotal)
        log.error(w.topicsPos,
                  "topics x partitionsPerTopic = " + std::to_string(w.topics * w.partitions) +
                      ": more than " + std::to_string(kMaxPartitionsTotal) + " partitions in all");
    if (!log.failed() && w.topics * (2 + w.subscriptions) > kMaxNodes)
        log.error(w.topicsPos, "topics x (subscriptionsPerTopic + 2) = " +
                                   std::to_string(w.topics * (2 + w.subscriptions)) +
                                   " nodes: more than " + std::to_string(kMaxNodes));
    if (log.failed())
        return ImportResult{std::nullopt, log.take()};
    return finishImport(buildScenario(w, log), log);
}

ImportResult importOmbWorkloadFile(const std::string &path) {
    ImportLog log(path);
    const auto root = readImportDocument(path, log);
    if (!root)
        return ImportResult{std::nullopt, log.take()};
    return importOmbWorkload(*root, log);
}

} // namespace eventbench::model
