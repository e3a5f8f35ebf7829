// Micro-benchmarks of the simulation kernel (Google Benchmark): event queue operations,
// random numbers, samplers and arrival processes.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "sim/kernel/Arrivals.h"
#include "sim/kernel/EventQueue.h"
#include "sim/kernel/Rng.h"
#include "sim/kernel/Sampler.h"

using namespace eventbench;
using namespace eventbench::sim;

namespace {

// The hold model: one pop and one push at now + Exp(1 ms) per iteration.
void holdModel(benchmark::State &state) {
    const auto pending = static_cast<std::uint64_t>(state.range(0));
    EventQueue queue;
    queue.reserve(pending + 1);
    Rng rng(42);
    for (std::uint64_t i = 0; i < pending; ++i)
        queue.push(static_cast<Time>(rng.exponential(1e6)), 0, 0, i);
    for (auto _ : state) {
        const Event e = queue.pop();
        queue.push(e.time + static_cast<Time>(rng.exponential(1e6)), e.kind, e.target, e.payload);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(holdModel)->Arg(1000)->Arg(100000)->Arg(1000000);

// Events scheduled at the current instant take the FIFO ring, not the heap.
void sameInstantPushPop(benchmark::State &state) {
    EventQueue queue;
    Rng rng(1);
    for (std::uint64_t i = 0; i < 10000; ++i)
        queue.push(static_cast<Time>(rng.exponential(1e6)) + 1, 0, 0, i);
    queue.push(0, 0, 0, 0);
    for (auto _ : state) {
        const Event e = queue.pop();
        queue.push(e.time, 1, 0, e.payload);
        benchmark::DoNotOptimize(e);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(sameInstantPushPop);

void rngNext(benchmark::State &state) {
    Rng rng(1);
    for (auto _ : state)
        benchmark::DoNotOptimize(rng.next());
}
BENCHMARK(rngNext);

void rngExponential(benchmark::State &state) {
    Rng rng(1);
    for (auto _ : state)
        benchmark::DoNotOptimize(rng.exponential(5.0));
}
BENCHMARK(rngExponential);

void rngNormal(benchmark::State &state) {
    Rng rng(1);
    for (auto _ : state)
        benchmark::DoNotOptimize(rng.normal(0, 1));
}
BENCHMARK(rngNormal);

void rngBelow(benchmark::State &state) {
    Rng rng(1);
    for (auto _ : state)
        benchmark::DoNotOptimize(rng.below(1000003));
}
BENCHMARK(rngBelow);

void samplerLognormal(benchmark::State &state) {
    model::Distribution d;
    d.kind = model::Distribution::Kind::Lognormal;
    d.mean = 5e6;
    d.p99 = 40e6;
    const DistributionSampler sampler(d);
    Rng rng(1);
    for (auto _ : state)
        benchmark::DoNotOptimize(sampler.sample(rng));
}
BENCHMARK(samplerLognormal);

void samplerEmpirical(benchmark::State &state) {
    model::Distribution d;
    d.kind = model::Distribution::Kind::Empirical;
    d.values = {1e6, 2e6, 3e6, 30e6};
    d.weights = {0.5, 0.3, 0.15, 0.05};
    const DistributionSampler sampler(d);
    Rng rng(1);
    for (auto _ : state)
        benchmark::DoNotOptimize(sampler.sample(rng));
}
BENCHMARK(samplerEmpirical);

void zipf(benchmark::State &state) {
    const ZipfSampler sampler(static_cast<std::uint64_t>(state.range(0)), 1.0);
    Rng rng(1);
    for (auto _ : state)
        benchmark::DoNotOptimize(sampler.sample(rng));
}
BENCHMARK(zipf)->Arg(1000)->Arg(1000000000);

void weightedChooser(benchmark::State &state) {
    const WeightedChooser chooser({0.7, 0.2, 0.05, 0.05});
    Rng rng(1);
    for (auto _ : state)
        benchmark::DoNotOptimize(chooser.sample(rng));
}
BENCHMARK(weightedChooser);

void arrivals(benchmark::State &state) {
    model::RateProfile profile;
    if (state.range(0) == 0) {
        profile.kind = model::RateProfile::Kind::Constant;
        profile.rate = 1000;
    } else {
        profile.kind = model::RateProfile::Kind::Sine;
        profile.mean = 1000;
        profile.amplitude = 500;
        profile.period = 60'000'000'000;
    }
    const auto kind = state.range(1) == 0 ? model::ProducerSpec::Arrivals::Poisson
                                          : model::ProducerSpec::Arrivals::Constant;
    ArrivalProcess process(profile, kind);
    Rng rng(1);
    Time now = 0;
    for (auto _ : state) {
        now = process.next(now, rng);
        benchmark::DoNotOptimize(now);
    }
    state.SetItemsProcessed(state.iterations());
}
// (profile: 0 constant / 1 sine) x (arrivals: 0 Poisson / 1 constant)
BENCHMARK(arrivals)->Args({0, 0})->Args({1, 0})->Args({0, 1})->Args({1, 1});

} // namespace

BENCHMARK_MAIN();
