#include "live/LiveRun.h"

#include <unistd.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include "live/LiveConsumer.h"
#include "live/LiveLedger.h"
#include "live/LiveProducer.h"
#include "live/LiveRecorder.h"
#include "model/scenario/Units.h"

namespace eventbench::live {

std::atomic<bool> g_liveInterrupted{false};

namespace {

using model::NodeKind;

std::string freshPrefix() {
    std::random_device rd;
    char buf[64];
    std::snprintf(buf, sizeof buf, "eventbench-%d-%08x.", int(::getpid()), unsigned(rd()));
    return buf;
}

/// Deletes what `plan` declared, on its own connection (the run's may be broken); after a
/// refusal it reconnects and goes on with the rest. When it cannot connect, it stops: the
/// rest cannot go either, and the reason is said once.
std::string teardown(const LivePlan &plan, const std::string &host, int port) {
    std::vector<std::pair<std::string, bool>> objects; // (name, is a queue)
    for (const PlannedQueue &q : plan.queues)
        objects.emplace_back(q.name, true);
    for (const PlannedExchange &x : plan.exchanges)
        objects.emplace_back(x.name, false);
    std::string problems;
    auto note = [&problems](const std::string &problem) {
        problems += (problems.empty() ? "" : "; ") + problem;
    };
    auto c = std::make_unique<AmqpClient>();
    for (std::size_t i = 0; i < objects.size(); ++i) {
        const auto &[name, queue] = objects[i];
        try {
            if (!c->connected())
                c->connect(host, port, std::chrono::seconds(5));
        } catch (const AmqpError &e) {
            note(std::string(e.what()) + " (" + std::to_string(objects.size() - i) + " of " +
                 std::to_string(objects.size()) + " left)");
            break;
        }
        try {
            queue ? c->deleteQueue(name) : c->deleteExchange(name);
        } catch (const AmqpError &e) {
            note(e.what());
            c = std::make_unique<AmqpClient>();
        }
    }
    return problems;
}

void declare(AmqpClient &c, const LivePlan &plan) {
    for (const PlannedExchange &x : plan.exchanges)
        c.declareExchange(x.name, x.type);
    for (const PlannedQueue &q : plan.queues)
        c.declareQueue(q.name, q.arguments);
    for (const PlannedBinding &b : plan.bindings)
        c.bind(b.queue, b.exchange, b.key, b.arguments);
}

DeadLetterTarget deadLetterTarget(const model::Scenario &s, const LivePlan &plan,
                                  const std::string &id) {
    const model::Node *n = s.findNode(id);
    if (!n)
        return {};
    if (n->kind == NodeKind::Exchange)
        return {id, plan.nameOf(id), {}};
    return {id, {}, plan.nameOf(id)};
}

std::vector<ConsumerJob> consumerJobs(const model::Scenario &s, const LivePlan &plan) {
    std::vector<ConsumerJob> jobs;
    for (const model::Edge &e : s.edges) {
        const model::Node *q = s.findNode(e.from), *c = s.findNode(e.to);
        if (!q || !c || q->kind != NodeKind::Queue || c->kind != NodeKind::Consumer)
            continue;
        for (int i = 0; i < c->consumer.instances; ++i) {
            ConsumerJob job{c,
                            q,
                            plan.nameOf(q->id),
                            i,
                            deadLetterTarget(s, plan, c->consumer.deadLetter),
                            deadLetterTarget(s, plan, q->queue.deadLetter),
                            {}};
            for (const model::Fault &f : s.faults)
                if (f.target == c->id && (!f.instances || i < *f.instances))
                    job.outages.push_back({f.at, f.duration ? f.at + *f.duration : s.duration,
                                           f.kind == model::Fault::Kind::Crash});
            jobs.push_back(std::move(job));
        }
    }
    return jobs;
}

/// The queues named as a dead_letter by a consumer or a queue.
std::set<std::string> deadLetterQueues(const model::Scenario &s) {
    std::set<std::string> out;
    for (const model::Node &n : s.nodes) {
        const std::string &dl = n.kind == NodeKind::Consumer ? n.consumer.deadLetter
                                : n.kind == NodeKind::Queue  ? n.queue.deadLetter
                                                             : std::string();
        if (const model::Node *t = s.findNode(dl); t && t->kind == NodeKind::Queue)
            out.insert(dl);
    }
    return out;
}

/// Whether "dead letters sent = held in the dead-letter queues" can be checked: every dead
/// letter goes straight to a queue that nothing else feeds and nothing reads (through an
/// exchange it could go to several queues, or to none).
bool deadLettersCountable(const model::Scenario &s) {
    for (const model::Node &n : s.nodes) {
        const std::string &dl = n.kind == NodeKind::Consumer ? n.consumer.deadLetter
                                : n.kind == NodeKind::Queue  ? n.queue.deadLetter
                                                             : std::string();
        if (const model::Node *t = s.findNode(dl); t && t->kind != NodeKind::Queue)
            return false;
    }
    for (const std::string &q : deadLetterQueues(s))
        for (const model::Edge &e : s.edges)
            if (e.from == q || e.to == q)
                return false;
    return true;
}

std::map<std::string, std::int64_t> depths(AmqpClient &c, const LivePlan &plan) {
    std::map<std::string, std::int64_t> out;
    for (const PlannedQueue &q : plan.queues)
        out[q.node] = c.readyCount(q.name);
    return out;
}

/// The event log of the crash and pause faults, as the engine writes it (one line per fault
/// applied or reverted, one per instance it stops or starts).
void addFaultEvents(const model::Scenario &s, LiveRecorder &rec) {
    std::vector<model::RunReport::EventRow> rows;
    for (const model::Fault &f : s.faults) {
        const bool crash = f.kind == model::Fault::Kind::Crash;
        const std::string what =
            std::string(crash ? "crash" : "pause") +
            (f.instances ? " instances=" + std::to_string(*f.instances) : std::string()) +
            (f.duration ? " for=" + model::formatDuration(*f.duration) : std::string());
        const model::Node *n = s.findNode(f.target);
        const int hit = std::min(n->consumer.instances, f.instances.value_or(1 << 30));
        rows.push_back({f.at, f.target, "fault_applied", what});
        for (int i = 0; i < hit; ++i)
            rows.push_back(
                {f.at, f.target, crash ? "crash" : "pause", f.target + "#" + std::to_string(i)});
        if (!f.duration)
            continue;
        rows.push_back({f.at + *f.duration, f.target, "fault_reverted", what});
        for (int i = 0; i < hit; ++i)
            rows.push_back({f.at + *f.duration, f.target, crash ? "restart" : "resume",
                            f.target + "#" + std::to_string(i)});
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto &a, const auto &b) { return a.time < b.time; });
    for (auto &row : rows)
        rec.addEvent(std::move(row));
}

std::vector<ProducerJob> producerJobs(const model::Scenario &s, const LivePlan &plan) {
    std::vector<ProducerJob> jobs;
    for (const model::Node &n : s.nodes)
        if (n.kind == NodeKind::Producer) {
            ProducerJob job{&n, jobs.size(), {}};
            for (const PlannedTarget &t : plan.targets)
                if (t.producer == n.id)
                    job.targets.push_back(t);
            jobs.push_back(std::move(job));
        }
    return jobs;
}

/// Samples the broker every sample_every until just before the duration, an error or an
/// interrupt.
void sampleToEnd(const model::Scenario &s, const LivePlan &plan, AmqpClient &admin,
                 LiveContext &ctx, LiveRecorder &recorder) {
    for (std::int64_t k = 1; !ctx.stop.load(); ++k) {
        const std::int64_t t = std::min(k * s.sampleEvery, s.duration);
        while (ctx.now() < t && !ctx.stop.load() && !g_liveInterrupted.load())
            ctx.sleepUntil(std::min(t, ctx.now() + 100 * model::kNanosPerMilli));
        if (ctx.stop.load() || g_liveInterrupted.load())
            return;
        if (t >= s.duration)
            return; // the last sample is taken once the consumers stopped
        recorder.sample(double(t) / 1e9, depths(admin, plan));
    }
}

/// Every queue's ready messages once the consumers' last publishes arrived and the broker took
/// back what they held: read until two reads 100 ms apart agree (at most 2 s).
std::map<std::string, std::int64_t> settledDepths(const LivePlan &plan, AmqpClient &admin) {
    std::map<std::string, std::int64_t> previous, held;
    for (int i = 0; i < 20; ++i) {
        held = depths(admin, plan);
        if (held == previous)
            break;
        previous = held;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return held;
}

std::int64_t deadLettersHeld(const model::Scenario &s,
                             const std::map<std::string, std::int64_t> &depth) {
    std::int64_t held = 0;
    for (const std::string &q : deadLetterQueues(s))
        held += depth.at(q);
    return held;
}

} // namespace

LiveResult runLive(const model::Scenario &scenario, const std::string &host, int port) {
    LiveResult result;
    AmqpClient admin;
    try {
        admin.connect(host, port, std::chrono::seconds(5));
    } catch (const AmqpError &e) {
        result.error = e.what();
        return result;
    }
    result.connected = true;
    result.prefix = freshPrefix();
    const LivePlan plan =
        makeLivePlan(scenario, result.prefix, scenario.duration + 10 * 60 * model::kNanosPerSecond);
    LiveContext ctx;
    ctx.host = host;
    ctx.port = port;
    ctx.seed = scenario.seed;
    ctx.duration = scenario.duration;
    LiveRecorder recorder(scenario, ctx.tally);
    const LiveObligations obligations(scenario, plan, ctx.tally);
    ctx.obligations = &obligations;
    ctx.tally.freeze();
    // Outside the try: a thread may still use its job after an exception, until it is joined.
    const std::vector<ConsumerJob> consumers = consumerJobs(scenario, plan);
    const std::vector<ProducerJob> producers = producerJobs(scenario, plan);
    std::vector<std::thread> threads;
    std::optional<std::map<std::string, std::int64_t>> endDepths; // read once the threads ended
    const auto wallStart = Clock::now();
    try {
        declare(admin, plan);
        ctx.start = Clock::now();
        for (const ConsumerJob &j : consumers)
            threads.emplace_back([&ctx, &j] { runConsumer(j, ctx); });
        for (const ProducerJob &j : producers)
            threads.emplace_back([&ctx, &j] { runProducer(j, ctx); });
        sampleToEnd(scenario, plan, admin, ctx, recorder);
        ctx.stop.store(true);
        for (std::thread &th : threads)
            th.join();
        threads.clear();
        // The consumers' dead-letter publishes are in the broker once their connections closed;
        // the last sample and the ledger wait for them (and see what the consumers held back).
        endDepths = settledDepths(plan, admin);
        result.deadLettersOnBroker = deadLettersHeld(scenario, *endDepths);
        if (!g_liveInterrupted.load() && ctx.error().empty())
            recorder.sample(double(scenario.duration) / 1e9, *endDepths);
    } catch (const std::exception &e) {
        // A broker error, or a thread the system would not start: what did start is stopped
        // and joined below, and everything declared is deleted.
        ctx.fail(e.what());
    }
    ctx.stop.store(true);
    for (std::thread &th : threads)
        th.join();
    if (g_liveInterrupted.load() && ctx.error().empty()) {
        ctx.fail("interrupted");
        result.interrupted = true;
    }
    result.error = ctx.error();
    result.deadLettersChecked = deadLettersCountable(scenario);
    result.deadLettersSent = deadLettersSent(ctx.tally);
    admin.close();
    result.teardownError = teardown(plan, host, port);
    addFaultEvents(scenario, recorder);
    result.report =
        recorder.finish(std::chrono::duration<double>(Clock::now() - wallStart).count());
    measureLedger(
        scenario, ctx.tally,
        {endDepths ? &*endDepths : nullptr, result.deadLettersChecked, result.deadLettersOnBroker})
        .applyTo(result.report);
    return result;
}

} // namespace eventbench::live
