#include "live/LiveProducer.h"

#include <algorithm>

#include "live/LiveLedger.h"

#include "sim/kernel/Rng.h"
#include "sim/kernel/Sampler.h"

namespace eventbench::live {

namespace {

constexpr double kMaxBody = 1 << 20; // bytes: a live run measures routing, not bandwidth

const std::string &pick(const model::WeightedChoice &c, sim::Rng &rng) {
    double total = 0;
    for (const auto &o : c.options)
        total += o.second;
    double u = rng.uniform() * total;
    for (const auto &o : c.options) {
        if (u < o.second)
            return o.first;
        u -= o.second;
    }
    return c.options.back().first;
}

std::string key(const model::KeySpec &k, sim::Rng &rng) {
    switch (k.kind) {
    case model::KeySpec::Kind::None:
        return {};
    case model::KeySpec::Kind::Uniform:
    case model::KeySpec::Kind::Zipf: // only a header here: the broker does not hash keys
        return "key-" + std::to_string(rng.below(k.count));
    case model::KeySpec::Kind::Values:
        if (k.weights.empty())
            return k.values[rng.below(k.values.size())];
        model::WeightedChoice c;
        for (std::size_t i = 0; i < k.values.size(); ++i)
            c.options.emplace_back(k.values[i], k.weights[i]);
        return pick(c, rng);
    }
    return {};
}

/// The next arrival after `t` (run nanoseconds), or t + 10 ms of nothing while the rate is 0.
std::int64_t nextArrival(const model::ProducerSpec &p, std::int64_t t, sim::Rng &rng) {
    const double rate = p.rate.rateAt(t);
    if (rate <= 0)
        return t + 10 * model::kNanosPerMilli;
    const double mean = 1e9 / rate;
    const double gap =
        p.arrivals == model::ProducerSpec::Arrivals::Constant ? mean : rng.exponential(mean);
    return t + std::max<std::int64_t>(1, std::int64_t(gap));
}

AmqpTable headersOf(const ProducerJob &job, std::uint64_t id, sim::Rng &rng) {
    const model::ProducerSpec &p = job.node->producer;
    AmqpTable h{AmqpField::of(header::kId, std::int64_t(id)),
                AmqpField::of(header::kEvent, p.event.empty() ? job.node->id : p.event)};
    if (const std::string k = key(p.keys, rng); !k.empty())
        h.push_back(AmqpField::of(header::kKey, k));
    for (const auto &[name, choice] : p.attributes)
        h.push_back(
            AmqpField::of(name, choice.list ? choice.options.front().first : pick(choice, rng)));
    return h;
}

} // namespace

void runProducer(const ProducerJob &job, LiveContext &ctx) {
    try {
        AmqpClient client;
        client.connect(ctx.host, ctx.port, std::chrono::seconds(5));
        const model::ProducerSpec &p = job.node->producer;
        sim::Rng rng = sim::Rng::forStream(ctx.seed, "live:" + job.node->id);
        const sim::DistributionSampler size(p.size);
        const std::size_t produced = ctx.tally.index(job.node->id, "produced");
        const std::size_t published = ctx.tally.index(job.node->id, "published");
        std::uint64_t seq = 0;
        for (std::int64_t t = nextArrival(p, 0, rng); t < ctx.duration && !ctx.stop.load();
             t = nextArrival(p, t, rng)) {
            ctx.sleepUntil(t);
            if (ctx.stop.load())
                break;
            AmqpTable h = headersOf(job, job.index << 40 | seq++, rng);
            const std::string routingKey = p.routingKey ? pick(*p.routingKey, rng) : "";
            const auto bytes = std::size_t(std::min(size.sample(rng), kMaxBody));
            h.push_back(AmqpField::of(header::kSent, ctx.now()));
            ctx.tally.bump(produced);
            for (const PlannedTarget &target : job.targets) {
                if (target.queue.empty())
                    client.publish(target.exchange, routingKey, h, bytes);
                else
                    client.publish("", target.queue, h, bytes);
                ctx.tally.bump(published);
                ctx.obligations->record(ctx.tally,
                                        target.queue.empty() ? target.exchange : target.queue,
                                        routingKey, h);
            }
        }
    } catch (const std::exception &e) { // a broker error, or no memory: never out of the thread
        ctx.fail("producer '" + job.node->id + "': " + e.what());
    }
}

} // namespace eventbench::live
