// Broker hot paths: partition log append, poll (read at an offset), archive and retention;
// queue enqueue, receive (lease) and ack; the id sets behind duplicate detection; Kafka
// partitioning, SNS filter policies and RabbitMQ bindings (exchange routing); the latency
// histogram. Built when Google Benchmark is found; never run as a test.
#include "model/routing/MessageMatching.h"
#include "model/routing/Murmur2.h"
#include "sim/broker/BlockPool.h"
#include "sim/broker/IdSet.h"
#include "sim/broker/MessageQueue.h"
#include "sim/broker/PartitionLog.h"
#include "sim/metrics/LogLinearHistogram.h"

#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

using namespace eventbench;

namespace {

sim::Message message(std::uint64_t id) {
    sim::Message m;
    m.id = id;
    m.key = static_cast<std::uint32_t>(1 + id % 1000);
    m.size = 1024;
    m.origin = m.stamp = static_cast<sim::Time>(id) * 1000;
    return m;
}

// Append with a steady trim (the log holds ~100k records), as in a long run with retention.
void BM_PartitionAppend(benchmark::State &state) {
    sim::BlockPool pool;
    sim::PartitionLog log;
    log.usePool(&pool);
    std::uint64_t id = 0;
    for (auto _ : state) {
        sim::Message m = message(++id);
        benchmark::DoNotOptimize(log.append(m));
        if ((id & 1023) == 0)
            log.enforceRetention(m.stamp, 100000 * 1000, std::nullopt);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PartitionAppend);

// A consumer's poll: the record at its position, then the position moves on; the records it
// passed go to the archive every 256 reads.
void BM_PartitionPollAndArchive(benchmark::State &state) {
    sim::BlockPool pool;
    sim::PartitionLog log;
    log.usePool(&pool);
    std::uint64_t id = 0;
    for (int i = 0; i < 4096; ++i)
        log.append(message(++id));
    std::int64_t position = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(log.at(position));
        ++position;
        log.append(message(++id));
        if ((position & 255) == 0)
            log.archiveBelow(position);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PartitionPollAndArchive);

struct NoTimers final : sim::TimerSink {
    void wakeAt(sim::Time, std::uint32_t, std::uint64_t) override {}
};

// One message through a standard queue: enqueue, receive under a lease, ack.
void BM_QueueEnqueueLeaseAck(benchmark::State &state) {
    NoTimers timers;
    sim::Ledger ledger;
    sim::MessageQueue queue(model::QueueSpec{}, 0, &timers, &ledger, true);
    std::uint64_t id = 0;
    sim::QueueLease lease;
    for (int i = 0; i < 1000; ++i)
        queue.enqueue(message(++id), 0);
    for (auto _ : state) {
        const sim::Time now = static_cast<sim::Time>(id);
        queue.enqueue(message(++id), now);
        queue.receive(now, lease);
        benchmark::DoNotOptimize(queue.ack(lease, now));
        queue.sweep(now); // what the sampler does; keeps the age index short
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_QueueEnqueueLeaseAck);

// Duplicate detection: a group checks and records each completed id; the set forgets below
// the floor of live ids now and then, as the engine does at each sample.
void BM_IdSetCheckAndInsert(benchmark::State &state) {
    sim::IdSet set;
    std::uint64_t id = 0;
    for (auto _ : state) {
        ++id;
        benchmark::DoNotOptimize(set.contains(id));
        set.insert(id);
        if ((id & 0xffff) == 0)
            set.forgetBelow(id - 50000);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_IdSetCheckAndInsert);

std::vector<std::string> keys(std::size_t n) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back("key-" + std::to_string(i));
    return out;
}

void BM_KafkaPartition(benchmark::State &state) {
    const auto ks = keys(4096);
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(model::kafkaPartition(ks[i], 12));
        i = (i + 1) & 4095;
    }
}
BENCHMARK(BM_KafkaPartition);

void BM_KafkaMurmur2Length(benchmark::State &state) {
    const std::string key(std::size_t(state.range(0)), 'k');
    for (auto _ : state)
        benchmark::DoNotOptimize(model::kafkaMurmur2(key.data(), key.size()));
    state.SetBytesProcessed(std::int64_t(state.iterations()) * state.range(0));
}
BENCHMARK(BM_KafkaMurmur2Length)->Arg(8)->Arg(36)->Arg(256);

model::FilterCondition condition(model::FilterCondition::Kind kind) {
    model::FilterCondition c;
    c.kind = kind;
    return c;
}

void BM_FilterMatches(benchmark::State &state) {
    auto prefix = condition(model::FilterCondition::Kind::Prefix);
    prefix.text = "eu";
    auto but = condition(model::FilterCondition::Kind::AnythingBut);
    but.anythingBut = {"bronze", "tin"};
    auto range = condition(model::FilterCondition::Kind::Numeric);
    range.numeric = {{">", 0}, {"<=", 150}};
    model::FilterPolicy policy;
    policy.attributes = {{"region", {prefix}}, {"tier", {but}}, {"price", {range}}};

    std::vector<model::AttributeValues> messages;
    const char *regions[] = {"eu", "us", "eu-west", "ap"};
    const char *tiers[] = {"gold", "silver", "bronze"};
    for (int i = 0; i < 1024; ++i)
        messages.push_back({{"region", regions[i % 4]},
                            {"tier", tiers[i % 3]},
                            {"price", std::to_string(i % 300)}});
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(model::filterPolicyMatches(policy, messages[i]));
        i = (i + 1) & 1023;
    }
}
BENCHMARK(BM_FilterMatches);

void BM_BindingMatches(benchmark::State &state) {
    const std::string patterns[] = {"order.created", "*.orange.*", "lazy.#", "a.#.b.#.c"};
    const std::string routingKeys[] = {"order.created", "quick.orange.rabbit", "lazy.pink.rabbit",
                                       "a.x.b.y.z.c", "eu.orders.v2.created"};
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(model::bindingPatternMatches(patterns[i % 4], routingKeys[i % 5]));
        ++i;
    }
}
BENCHMARK(BM_BindingMatches);

void BM_HistogramRecord(benchmark::State &state) {
    std::mt19937_64 rng(1);
    std::exponential_distribution<double> latency(1.0 / 0.05);
    std::vector<double> values(4096);
    for (double &v : values)
        v = latency(rng);
    sim::LogLinearHistogram h;
    std::size_t i = 0;
    for (auto _ : state) {
        h.record(values[i]);
        i = (i + 1) & 4095;
    }
    benchmark::DoNotOptimize(h.count());
}
BENCHMARK(BM_HistogramRecord);

void BM_HistogramQuantile(benchmark::State &state) {
    sim::LogLinearHistogram h;
    std::mt19937_64 rng(2);
    std::lognormal_distribution<double> latency(std::log(0.02), 1.0);
    for (int i = 0; i < 100000; ++i)
        h.record(latency(rng));
    for (auto _ : state)
        benchmark::DoNotOptimize(h.quantile(0.99));
}
BENCHMARK(BM_HistogramQuantile);

} // namespace

BENCHMARK_MAIN();
