#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz) with clang in build-fuzz/ and runs each for a
# bounded time over a seed corpus: the bundled scenarios, tests/data/fuzz-regressions/ and
# the expectations and overrides found in them (README.md#fuzzing). Needs no network.
#
#   scripts/fuzz.sh [SECONDS_PER_HARNESS]   (default 30; CI runs it through setup.sh fuzz)
#
# Exits 1 when a harness found a crash, a leak of the time or memory limit, or an abort; the
# input is left in build-fuzz/findings/ (add it to tests/data/fuzz-regressions/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${1:-30}
build=build-fuzz
CXX=${FUZZ_CXX:-clang++} cmake -S . -B "$build" -DEVENTBENCH_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2 --target fuzz_scenario fuzz_expectation fuzz_override

corpus=$build/corpus
rm -rf "$corpus"
mkdir -p "$corpus/scenario" "$corpus/expectation" "$corpus/override" "$build/findings"
cp scenarios/*.yaml tests/data/fuzz-regressions/* "$corpus/scenario/"
# One seed per expectation line and per `key: value` line of the scenarios.
n=0
grep -h -E '^  - ' scenarios/*.yaml | grep -E '[<>]' | grep -v -e '->' |
    sed -E "s/^  - //; s/^['\"]//; s/['\"]$//" |
    while IFS= read -r line; do
        n=$((n + 1))
        printf '%s' "$line" >"$corpus/expectation/e$n"
    done
for seed in 'nodes.c.instances=4' 'nodes.q.redelivery=visibility' 'duration=1m' 'seed=7' \
    'edges=[p -> t, t -> c, c -> q, q -> w, q -> c]' 'nodes.c.retry={max_attempts: 3, backoff: 1ms}' \
    'nodes.p.rate={burst: {base: 10/s, peak: 100/s, every: 10s, for: 1s}}' \
    'expect=["p99(w.latency) < 1s"]' 'faults=[{crash: c, at: 2s, for: 1s}]' 'nodes.x.kind=topic'; do
    n=$((n + 1))
    printf '%s' "$seed" >"$corpus/override/o$n"
done

status=0
for harness in scenario expectation override; do
    echo "fuzz: $harness for ${seconds}s"
    # -rss_limit_mb: the loader's memory is bounded; -timeout: so is its time per input;
    # -seed=1: the same mutations on every run, so CI's verdict follows the code, not luck.
    if ! ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        timeout -k 10 $((seconds + 120)) "$build/tests/fuzz/fuzz_$harness" -max_total_time="$seconds" -seed=1 -rss_limit_mb=2048 \
        -timeout=20 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$build/findings/$harness-" "$corpus/$harness" 2>"$build/fuzz-$harness.log"; then
        echo "fuzz: $harness FAILED; see $build/fuzz-$harness.log and $build/findings/" >&2
        tail -40 "$build/fuzz-$harness.log" >&2
        status=1
    else
        grep -E "^stat::number_of_executed_units|^Done" "$build/fuzz-$harness.log" || true
    fi
done
exit $status
