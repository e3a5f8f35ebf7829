// Producers: arrivals and new messages; publishing straight to the bus when it is reachable,
// otherwise into a bounded retry buffer drained with backoff (producer retry, buffer and
// idempotent knobs and the outage fault in scenarios/README.md).
#include "sim/engine/Producers.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>

#include "sim/engine/EventKinds.h"
#include "sim/kernel/FastRound.h"

namespace eventbench::sim {

Producers::Producers(EventQueue &events, ProducerNetwork &network, MessageContext &messages,
                     Time end)
    : m_events(events), m_network(network), m_messages(messages), m_end(end) {}

ProducerIndex Producers::add(const model::ProducerSpec &s, const std::string &id,
                             std::uint64_t seed) {
    const ProducerIndex index(m_producers.size());
    ProducerRt &p = m_producers.emplace_back();
    p.spec = &s;
    p.arrivals = std::make_unique<ArrivalProcess>(s.rate, s.arrivals);
    p.rng = Rng::forStream(seed, id);
    p.size = DistributionSampler(s.size);
    if (p.size.isConstant())
        p.fixedSize = static_cast<std::uint32_t>(llroundExact(p.size.mean()));
    if (s.keys.kind == model::KeySpec::Kind::Zipf)
        p.zipf.emplace(s.keys.count, s.keys.skew);
    if (s.keys.kind == model::KeySpec::Kind::Values)
        setExplicitKeys(p, s.keys);
    std::uint32_t radix = 1;
    for (const auto &[name, choice] : s.attributes) {
        // A list is one String.Array that every message carries: a choice of one.
        std::vector<double> w;
        for (const auto &opt : choice.options)
            w.push_back(choice.list ? 1.0 : opt.second);
        if (choice.list)
            w.resize(1);
        p.attributeRadix.push_back(radix);
        radix *= static_cast<std::uint32_t>(w.size());
        p.attributeChoosers.emplace_back(std::move(w));
    }
    if (s.routingKey) {
        std::vector<double> w;
        for (const auto &opt : s.routingKey->options) {
            w.push_back(opt.second);
            p.routingKeyIds.push_back(m_messages.intern(opt.first));
        }
        p.routingChooser.emplace(std::move(w));
    }
    p.eventType = m_messages.intern(s.event.empty() ? id : s.event);
    p.instancesUp = s.instances;
    p.schemaVersion = s.schemaVersion;
    return index;
}

void Producers::addOutlet(ProducerIndex p, Outlet outlet) {
    at(p).outlets.push_back(std::move(outlet));
    at(p).connectedAt.push_back(0);
    at(p).bufferedPerOutlet.push_back(0);
}

void Producers::start(Time now) {
    for (std::uint32_t p = 0; p < m_producers.size(); ++p) {
        reconnect(ProducerIndex(p), now);
        scheduleArrival(ProducerIndex(p), now);
    }
}

void Producers::reconnect(ProducerIndex index, Time now) {
    ProducerRt &p = at(index);
    for (std::size_t o = 0; o < p.outlets.size(); ++o)
        p.connectedAt[o] = now + p.outlets[o].handshake;
}

// ---- arrivals ----

void Producers::scheduleArrival(ProducerIndex index, Time now) {
    ProducerRt &p = at(index);
    // All instances up: x / x is exactly 1, without the division.
    const bool allUp = p.instancesUp == p.spec->instances && p.instancesUp > 0;
    const double share =
        allUp ? 1.0 : static_cast<double>(p.instancesUp) / static_cast<double>(p.spec->instances);
    const double factor = p.spike * share;
    if (factor <= 0)
        return;
    const Time next = p.arrivals->next(now, p.rng, factor);
    if (next <= m_end) {
        m_events.push(next, kArrival, index.value, p.epoch);
        p.arrivalPending = true;
        p.rng.lookAhead();
    }
}

// A rate change lets the arrival already drawn stand (so constant arrivals stay on their
// grid); the draws after it use the new rate. Stopping cancels it; starting draws one.
void Producers::rescheduleArrival(ProducerIndex index, Time now) {
    ProducerRt &p = at(index);
    if (p.instancesUp == 0 || p.spike <= 0) {
        ++p.epoch;
        p.arrivalPending = false;
    } else if (!p.arrivalPending) {
        scheduleArrival(index, now);
    }
}

std::uint32_t Producers::internAttributes(ProducerRt &p) {
    std::uint64_t combination = 0;
    for (std::size_t a = 0; a < p.attributeChoosers.size(); ++a)
        combination += p.attributeChoosers[a].sample(p.rng) * p.attributeRadix[a];
    auto it = p.attributeSetIds.find(combination);
    if (it != p.attributeSetIds.end())
        return it->second;
    model::AttributeValues attributes;
    std::uint64_t rest = combination;
    for (std::size_t a = p.attributeChoosers.size(); a-- > 0;) {
        const std::uint64_t choice = rest / p.attributeRadix[a];
        rest %= p.attributeRadix[a];
        const auto &[name, options] = p.spec->attributes[a];
        if (options.list) {
            // The array's elements, in the file's order, as entries of the same name.
            auto at = attributes.begin();
            for (const auto &element : options.options)
                at = std::next(attributes.emplace(at, name, element.first));
        } else {
            attributes.emplace(attributes.begin(), name, options.options[choice].first);
        }
    }
    const auto id = static_cast<std::uint32_t>(m_messages.attributeSets.size());
    m_messages.attributeSets.push_back(std::move(attributes));
    p.attributeSetIds.emplace(combination, id);
    return id;
}

// A listed key spelled `key-<n>` is the same key a counted producer draws (one key, one FIFO
// message group); any other string is interned.
void Producers::setExplicitKeys(ProducerRt &p, const model::KeySpec &keys) {
    for (const std::string &v : keys.values) {
        std::uint64_t n = 0;
        const char *first = v.data() + 4;
        const char *last = v.data() + v.size();
        const bool counted = v.size() > 4 && v.compare(0, 4, "key-") == 0 && first[0] != '0' &&
                             std::from_chars(first, last, n).ptr == last &&
                             n + 1 < Message::kExplicitKey;
        p.keyIds.push_back(counted ? static_cast<std::uint32_t>(n + 1)
                                   : (Message::kExplicitKey | m_messages.intern(v)));
    }
    std::vector<double> w = keys.weights;
    if (w.empty())
        w.assign(keys.values.size(), 1.0);
    p.keyChooser.emplace(std::move(w));
}

Message Producers::newMessage(ProducerRt &p, Time now) {
    Message m;
    m.id = m_messages.newId();
    m.origin = now;
    m.stamp = now;
    m.eventType = p.eventType;
    m.schemaVersion = static_cast<std::uint16_t>(p.schemaVersion);
    const model::KeySpec &keys = p.spec->keys;
    if (keys.kind == model::KeySpec::Kind::Uniform)
        m.key = static_cast<std::uint32_t>(p.rng.below(keys.count) + 1);
    else if (keys.kind == model::KeySpec::Kind::Zipf)
        m.key = static_cast<std::uint32_t>(p.zipf->sample(p.rng) + 1);
    else if (p.keyChooser)
        m.key = p.keyIds[p.keyChooser->sample(p.rng)];
    m.size =
        p.fixedSize ? *p.fixedSize : static_cast<std::uint32_t>(llroundExact(p.size.sample(p.rng)));
    if (!p.attributeChoosers.empty())
        m.attributes = internAttributes(p);
    if (p.routingChooser)
        m.routingKey = p.routingKeyIds[p.routingChooser->sample(p.rng)];
    if (p.poison > 0 && p.rng.bernoulli(p.poison))
        m.flags |= Message::kPoison;
    return m;
}

void Producers::onArrival(ProducerIndex index, std::uint64_t epoch, Time now) {
    ProducerRt &p = at(index);
    if (epoch != p.epoch)
        return;
    p.arrivalPending = false;
    const Message m = newMessage(p, now);
    ++p.produced;
    for (std::uint32_t o = 0; o < p.outlets.size(); ++o)
        publish(index, o, m, now);
    scheduleArrival(index, now);
}

// ---- publishing ----

void Producers::publish(ProducerIndex index, std::uint32_t outlet, const Message &m, Time now) {
    ProducerRt &p = at(index);
    // Behind a non-empty buffer new messages wait their turn, keeping the producer's order.
    if (p.isolated || p.bufferedPerOutlet[outlet] > 0 || !sendOn(p, outlet, m, now)) {
        bufferForRetry(index, {m, outlet, 1, false}, now);
        return;
    }
    ++p.published;
    if (!p.spec->idempotent) {
        const Time window = p.spec->retry.backoff;
        while (!p.unacknowledged.empty() && now - p.unacknowledged.front().first > window)
            p.unacknowledged.pop_front();
        p.unacknowledged.push_back({now, {outlet, m}});
    }
}

// The wait before the next retry round: backoff x multiplier^(rounds blocked in a row), as a
// Kafka producer's exponential retry backoff (KIP-580) grows while the broker stays away; it
// never shrinks (a multiplier below 1 counts as 1), so a blocked buffer cannot spin.
Time Producers::retryWait(const ProducerRt &p) {
    const model::RetrySpec &r = p.spec->retry;
    const double wait =
        static_cast<double>(r.backoff) * std::pow(std::max(1.0, r.multiplier), p.blockedRounds);
    return std::max<Time>(1, static_cast<Time>(std::min(wait, 1e18)));
}

void Producers::bufferForRetry(ProducerIndex index, ProducerRt::Retry retry, Time now) {
    ProducerRt &p = at(index);
    if (static_cast<std::int64_t>(p.retryBuffer.size()) >= p.spec->buffer) {
        ++p.publishFailed;
        return;
    }
    ++p.bufferedPerOutlet[retry.outlet];
    p.retryBuffer.push_back(retry);
    p.buffered = static_cast<std::int64_t>(p.retryBuffer.size());
    if (!p.retryScheduled) {
        p.retryScheduled = true;
        p.blockedRounds = 0;
        m_events.push(now + retryWait(p), kPublishRetry, index.value, 0);
    }
}

void Producers::onPublishRetry(ProducerIndex index, Time now) {
    ProducerRt &p = at(index);
    p.retryScheduled = false;
    std::deque<ProducerRt::Retry> waiting;
    waiting.swap(p.retryBuffer);
    std::vector<char> blocked(p.outlets.size(), 0);
    for (ProducerRt::Retry &r : waiting) {
        --p.bufferedPerOutlet[r.outlet];
        if (!blocked[r.outlet] && !p.isolated && sendOn(p, r.outlet, r.message, now)) {
            ++p.publishRetries;
            ++p.published;
            continue;
        }
        // Once one message to a bus cannot go, the later ones to it wait (in-order delivery);
        // each wait counts as an attempt, so max_attempts x backoff bounds how long it waits.
        blocked[r.outlet] = 1;
        ++p.publishRetries;
        if (++r.attempts >= p.spec->retry.maxAttempts) {
            ++p.publishFailed;
            continue;
        }
        ++p.bufferedPerOutlet[r.outlet];
        p.retryBuffer.push_back(r);
    }
    p.buffered = static_cast<std::int64_t>(p.retryBuffer.size());
    if (!p.retryBuffer.empty()) {
        p.retryScheduled = true;
        ++p.blockedRounds;
        m_events.push(now + retryWait(p), kPublishRetry, index.value, 0);
    }
}

// Publishes sent within one backoff before the outage reached the bus, but their
// acknowledgements were lost: a non-idempotent producer sends them again when the bus is back,
// appending them twice. (An idempotent producer's retries are deduplicated by the broker.)
void Producers::outageStarted(NodeIndex bus, Time now) {
    for (std::uint32_t pi = 0; pi < m_producers.size(); ++pi) {
        ProducerRt &p = m_producers[pi];
        if (p.spec->idempotent || p.unacknowledged.empty())
            continue;
        const Time window = p.spec->retry.backoff;
        for (const auto &[sentAt, sent] : p.unacknowledged)
            if (now - sentAt <= window && p.outlets[sent.first].target == bus.value)
                bufferForRetry(ProducerIndex(pi), {sent.second, sent.first, 1, true}, now);
        p.unacknowledged.clear();
    }
}

// ---- faults ----

int Producers::changeInstancesDown(ProducerIndex index, int delta, Time now) {
    ProducerRt &p = at(index);
    p.instancesDown += delta;
    p.instancesUp = std::clamp(p.spec->instances - p.instancesDown, 0, p.spec->instances);
    rescheduleArrival(index, now);
    return p.instancesUp;
}

void Producers::setSpike(ProducerIndex index, double factor, Time now) {
    at(index).spike = factor;
    rescheduleArrival(index, now);
}

void Producers::setSchemaVersion(ProducerIndex index, std::optional<int> version) {
    ProducerRt &p = at(index);
    p.schemaVersion = version.value_or(p.spec->schemaVersion);
}

void Producers::addEdgeLatency(std::uint32_t edge, Time add) {
    for (ProducerRt &p : m_producers)
        for (Outlet &o : p.outlets)
            if (o.edge == edge)
                o.extraLatency += add;
}

std::uint64_t Producers::minLiveId(std::uint64_t *scanned) const {
    std::uint64_t floor = UINT64_MAX;
    for (const ProducerRt &p : m_producers) {
        for (const ProducerRt::Retry &r : p.retryBuffer)
            floor = std::min(floor, r.message.id);
        for (const auto &[sentAt, sent] : p.unacknowledged)
            floor = std::min(floor, sent.second.id);
        *scanned += p.retryBuffer.size() + p.unacknowledged.size();
    }
    return floor;
}

} // namespace eventbench::sim
