#include "live/LiveConsumer.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>

#include "live/LiveLedger.h"

#include "sim/kernel/Rng.h"
#include "sim/kernel/Sampler.h"

namespace eventbench::live {

namespace {

// Messages the broker may hand an instance per handler: one being handled and one waiting, so a
// handler that finishes starts the next message at once instead of after a round trip to the
// broker (the model hands a free handler the next message in no time).
constexpr int kPrefetchPerHandler = 2;

struct Slot {
    bool busy = false;
    std::int64_t doneAt = 0; // waiting: when it arrived; busy: when the attempt ends
    std::int64_t freeAt = 0; // idle: since when (an attempt's scheduled end, not the wake-up)
    int receive = 1;
    int attempt = 1;
    AmqpDelivery delivery;
};

class ConsumerLoop {
  public:
    ConsumerLoop(const ConsumerJob &job, LiveContext &ctx)
        : m_job(job), m_ctx(ctx), m_spec(job.node->consumer),
          m_rng(sim::Rng::forStream(ctx.seed,
                                    "live:" + job.node->id + "#" + std::to_string(job.instance))),
          m_service(m_spec.serviceTime), m_slots(std::size_t(m_spec.concurrency)) {
        const std::string &c = job.node->id, &q = job.queue->id;
        m_received = ctx.tally.index(c, "received");
        m_processed = ctx.tally.index(c, "processed");
        m_failed = ctx.tally.index(c, "failed");
        m_retries = ctx.tally.index(c, "retries");
        m_deadLettered = ctx.tally.index(c, "dead_lettered");
        m_redelivered = ctx.tally.index(q, "redelivered");
        m_queueDeadLettered = ctx.tally.index(q, "dead_lettered");
        m_inFlight = ctx.tally.index(q, "in_flight");
    }

    void run() {
        connect();
        while (!m_ctx.stop.load()) {
            const std::int64_t now = m_ctx.now();
            if (const Outage *o = outageAt(now)) {
                sitOut(*o, now);
                continue;
            }
            completeDue(now);
            startWaiting(now);
            receive(now);
        }
        m_client->close(); // the broker requeues what this instance held
        for (Slot &s : m_slots)
            release(s);
        m_ctx.tally.bump(m_inFlight, -std::int64_t(m_waiting.size()));
    }

  private:
    void connect() {
        m_client->connect(m_ctx.host, m_ctx.port, std::chrono::seconds(5));
        m_client->consume(m_job.queueName, kPrefetchPerHandler * m_spec.concurrency);
    }

    const Outage *outageAt(std::int64_t now) const {
        for (const Outage &o : m_job.outages)
            if (now >= o.from && now < o.to)
                return &o;
        return nullptr;
    }

    /// A crash drops the connection (the broker requeues the unacknowledged messages) and
    /// comes back at its end; a pause holds the messages and shifts the handlers' ends.
    void sitOut(const Outage &o, std::int64_t now) {
        if (o.crash) {
            m_client = std::make_unique<AmqpClient>(); // the old connection closes
            for (Slot &s : m_slots)
                release(s);
            m_ctx.tally.bump(m_inFlight, -std::int64_t(m_waiting.size()));
            m_waiting.clear();
        }
        m_ctx.sleepUntil(o.to);
        if (m_ctx.stop.load())
            return;
        if (o.crash)
            connect();
        else
            for (Slot &s : m_slots)
                s.doneAt += m_ctx.now() - now;
    }

    void release(Slot &s) {
        if (s.busy)
            m_ctx.tally.bump(m_inFlight, -1);
        s.busy = false;
        s.freeAt = s.doneAt;
    }

    void receive(std::int64_t now) {
        std::int64_t wait = 20 * model::kNanosPerMilli;
        for (const Slot &s : m_slots)
            if (s.busy)
                wait = std::min(wait, s.doneAt - now);
        wait = std::max<std::int64_t>(wait, 20'000);
        // Once the run stops, a delivery is left unacknowledged (it returns to the queue): it
        // may be one that another instance gave back when it closed, and counting it would add
        // a receive that no handler worked on.
        if (auto d = m_client->next(std::chrono::microseconds(wait / 1000));
            d && !m_ctx.stop.load())
            onDelivery(std::move(*d), m_ctx.now());
    }

    void onDelivery(AmqpDelivery d, std::int64_t now) {
        m_ctx.tally.bump(m_received);
        const std::uint64_t id = std::uint64_t(d.number(header::kId, 0));
        const int receive = m_ctx.tally.receive(m_job.queue->id, id);
        if (receive > 1)
            m_ctx.tally.bump(m_redelivered);
        const auto &limit = m_job.queue->queue.maxReceiveCount;
        if (limit && receive > *limit) {
            deadLetter(m_job.queueDeadLetter, d);
            m_client->ack(d.tag);
            m_ctx.tally.bump(m_queueDeadLettered);
            return;
        }
        m_ctx.tally.bump(m_inFlight);
        m_waiting.push_back({true, now, 0, receive, 1, std::move(d)});
        startWaiting(now);
    }

    void startWaiting(std::int64_t now) {
        for (Slot &s : m_slots) {
            if (m_waiting.empty())
                return;
            if (s.busy)
                continue;
            // The handler starts when it was free or the message came, whichever is later: a
            // thread woken late on a busy machine must not slow the handler down.
            const std::int64_t start = std::min(now, std::max(s.freeAt, m_waiting.front().doneAt));
            s = std::move(m_waiting.front());
            m_waiting.pop_front();
            s.doneAt = start + std::int64_t(m_service.sample(m_rng));
        }
    }

    void completeDue(std::int64_t now) {
        for (Slot &s : m_slots)
            if (s.busy && s.doneAt <= now)
                complete(s, now);
    }

    void complete(Slot &s, std::int64_t now) {
        const std::uint64_t id = std::uint64_t(s.delivery.number(header::kId, 0));
        if (!attemptFails(m_ctx.seed, m_job.node->id, id, s.receive, s.attempt, m_spec.failure)) {
            m_client->ack(s.delivery.tag);
            m_ctx.tally.bump(m_processed);
            const double sent = double(s.delivery.number(header::kSent, now));
            m_ctx.tally.addLatency(m_job.node->id, {double(now) / 1e9, (double(now) - sent) / 1e9});
            release(s);
            return;
        }
        m_ctx.tally.bump(m_failed);
        if (s.attempt < m_spec.retry.maxAttempts) {
            m_ctx.tally.bump(m_retries);
            const double backoff =
                double(m_spec.retry.backoff) * std::pow(m_spec.retry.multiplier, s.attempt - 1);
            ++s.attempt;
            s.doneAt += std::int64_t(backoff + m_service.sample(m_rng));
            return;
        }
        if (!m_job.consumerDeadLetter.node.empty()) {
            deadLetter(m_job.consumerDeadLetter, s.delivery);
            m_client->ack(s.delivery.tag);
            m_ctx.tally.bump(m_deadLettered);
        } else {
            m_client->nack(s.delivery.tag, true);
        }
        release(s);
    }

    void deadLetter(const DeadLetterTarget &to, const AmqpDelivery &d) {
        if (to.node.empty())
            return; // validated away: max_receive_count needs dead_letter
        if (to.queue.empty())
            m_client->publish(to.exchange, d.routingKey, d.headers, 0);
        else
            m_client->publish("", to.queue, d.headers, 0);
        m_ctx.obligations->record(m_ctx.tally, to.queue.empty() ? to.exchange : to.queue,
                                  d.routingKey, d.headers);
    }

    const ConsumerJob &m_job;
    LiveContext &m_ctx;
    const model::ConsumerSpec &m_spec;
    sim::Rng m_rng;
    sim::DistributionSampler m_service;
    std::unique_ptr<AmqpClient> m_client = std::make_unique<AmqpClient>();
    std::vector<Slot> m_slots;
    std::deque<Slot> m_waiting; // delivered while every handler was busy
    std::size_t m_received = 0, m_processed = 0, m_failed = 0, m_retries = 0;
    std::size_t m_deadLettered = 0, m_redelivered = 0, m_queueDeadLettered = 0, m_inFlight = 0;
};

} // namespace

void runConsumer(const ConsumerJob &job, LiveContext &ctx) {
    try {
        ConsumerLoop(job, ctx).run();
    } catch (const std::exception &e) { // a broker error, or no memory: never out of the thread
        ctx.fail("consumer '" + job.node->id + "' instance " + std::to_string(job.instance) + ": " +
                 e.what());
    }
}

} // namespace eventbench::live
