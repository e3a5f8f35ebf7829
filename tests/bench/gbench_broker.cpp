// Broker hot paths: Kafka partitioning, SNS filter policies, RabbitMQ bindings and the
// latency histogram. Built when Google Benchmark is found; never run as a test.
#include "sim/broker/BindingMatcher.h"
#include "sim/broker/FilterPolicyMatcher.h"
#include "sim/broker/Murmur2.h"
#include "sim/metrics/LogLinearHistogram.h"

#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

using namespace eventbench;

namespace {

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
        benchmark::DoNotOptimize(sim::kafkaPartition(ks[i], 12));
        i = (i + 1) & 4095;
    }
}
BENCHMARK(BM_KafkaPartition);

void BM_KafkaMurmur2Length(benchmark::State &state) {
    const std::string key(std::size_t(state.range(0)), 'k');
    for (auto _ : state)
        benchmark::DoNotOptimize(sim::kafkaMurmur2(key.data(), key.size()));
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

    std::vector<sim::AttributeList> messages;
    const char *regions[] = {"eu", "us", "eu-west", "ap"};
    const char *tiers[] = {"gold", "silver", "bronze"};
    for (int i = 0; i < 1024; ++i)
        messages.push_back({{"region", regions[i % 4]},
                            {"tier", tiers[i % 3]},
                            {"price", std::to_string(i % 300)}});
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(sim::filterMatches(policy, messages[i]));
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
        benchmark::DoNotOptimize(sim::bindingMatches(patterns[i % 4], routingKeys[i % 5]));
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
