#!/usr/bin/env bash
# Reproduces every figure of BENCHMARKS.md in one go and prints them.
# usage: tests/bench/run_benchmarks.sh BUILD_DIR [PEERS_DIR] [SECTION...]
#   BUILD_DIR: a RelWithDebInfo build with the eventbench, hold_bench, pipeline_bench,
#              load_bench and gen_scale_scenario targets built; PEERS_DIR: where compare-pipeline.sh and
#              compare-kernel.sh live (default ../shared/peers next to the repository).
#   SECTION: pipeline kernel memory growth scale observation sweep shard (default: all of
#            them; shard starts a local Slurm through build/tests/cli_slurm_slow and needs root).
#   ROUNDS (environment, default 3): rounds of the pipeline and kernel comparisons; each
#            round runs eventbench and the floor one after the other, and the median of the
#            rounds' ratios is printed (a shared machine's speed drifts between minutes).
# needs: GNU time (/usr/bin/time), python3-simpy and libns3-dev for the peer comparisons.
set -euo pipefail
build=$(cd "${1:?usage: run_benchmarks.sh BUILD_DIR [PEERS_DIR] [SECTION...]}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
peers=${2:-$here/../../../shared/peers}
shift $(( $# >= 2 ? 2 : 1 ))
sections=${*:-pipeline kernel memory growth scale observation sweep shard}
rounds=${ROUNDS:-3}
bin=$build/app/eventbench
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# CPU seconds (user + sys) and peak RSS (KiB) of one command: "cpu rss".
measure() { /usr/bin/time -f "%U %S %M" -o "$tmp/time" "$@" >/dev/null; awk '{print $1+$2, $3}' "$tmp/time"; }
# Best CPU seconds of three runs, and the peak RSS of the last: "cpu rss".
best3() { for _ in 1 2 3; do measure "$@"; done | sort -n | head -1; }
# The median of the numbers on standard input.
median() { sort -g | awk '{v[NR]=$1} END{print NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
summary() { awk -F, -v n="$2" -v m="$3" -v s="$4" '$1==n&&$2==m&&$3==s{print $4}' "$1/summary.csv"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
for section in $sections; do
  case $section in
  pipeline)
    echo "== pipeline (bar: eventbench/floor >= 0.5, >= 25x SimPy, latency within 2% of 0.0600 s)"
    for _ in $(seq "$rounds"); do "$peers/compare-pipeline.sh" "$bin" 1000 20000 200; done |
      tee "$tmp/pipeline.txt"
    echo "median of $rounds rounds: eventbench/floor=$(sed -nE 's/.*eventbench\/floor=([0-9.]+).*/\1/p' \
      "$tmp/pipeline.txt" | median) eventbench/simpy=$(sed -nE 's/.*eventbench\/simpy=([0-9.]+).*/\1/p' \
      "$tmp/pipeline.txt" | median)"
    # The same ratio in CPU seconds (pipeline_bench, in-process, against the floor): steadier
    # than wall time when other processes share the cores.
    g++ -O2 -std=c++20 "$peers/limit_pipeline.cc" -o "$tmp/limit_pipeline"
    for _ in $(seq "$rounds"); do
      read -r f _ < <(measure "$tmp/limit_pipeline" 1000 12 0.01 4000)
      read -r e _ < <(measure "$build/tests/bench/pipeline_bench" 1000 4000)
      awk -v f="$f" -v e="$e" 'BEGIN{printf "%.2f\n", f / e}'
    done > "$tmp/cpu.txt"
    echo "median of $rounds rounds, CPU seconds (pipeline_bench 1000 4000): eventbench/floor=$(median < "$tmp/cpu.txt")" ;;
  kernel)
    echo "== hold model (bar: >= 3x ns-3 heap, >= 0.9 of the floor)"
    for _ in $(seq "$rounds"); do
      "$peers/compare-kernel.sh" "$build/tests/bench/hold_bench" 100000 3000000; done |
      tee "$tmp/kernel.txt"
    echo "median of $rounds rounds: eventbench/floor=$(sed -nE 's/.*eventbench\/floor=([0-9.]+).*/\1/p' \
      "$tmp/kernel.txt" | median)" ;;
  memory)
    echo "== memory of a 10-million-message backlog (bar: <= 48 bytes per retained message)"
    read -r _ small < <(measure "$bin" run "$here/scenarios/backlog-10m.yaml" --quiet --duration 1s --out "$tmp/small")
    read -r _ big < <(measure "$bin" run "$here/scenarios/backlog-10m.yaml" --quiet --out "$tmp/big")
    n=$(summary "$tmp/big" events retained final); n0=$(summary "$tmp/small" events retained final)
    awk -v a="$small" -v b="$big" -v n="$n" -v n0="$n0" 'BEGIN{
      printf "retained=%d peak_rss_tiny_kib=%d peak_rss_backlog_kib=%d bytes_per_message=%.1f\n",
             n, a, b, (b - a) * 1024 / (n - n0) }' ;;
  growth)
    echo "== growth (bar: 2x duration <= 2.1x time, flat peak memory)"
    read -r c1 r1 < <(best3 "$bin" run "$here/scenarios/growth.yaml" --quiet --duration 1000s)
    read -r c2 r2 < <(best3 "$bin" run "$here/scenarios/growth.yaml" --quiet --duration 2000s)
    awk -v c1="$c1" -v c2="$c2" -v r1="$r1" -v r2="$r2" 'BEGIN{
      printf "1000s: cpu=%.2fs rss=%dKiB  2000s: cpu=%.2fs rss=%dKiB  time_ratio=%.3f rss_growth_kib=%d\n",
             c1, r1, c2, r2, c2 / c1, r2 - r1 }'
    echo "peak memory with the CSV report, 1,000 s to 100,000 s simulated (bar: flat):"
    for d in 1000 10000 100000; do
      read -r c r < <(measure "$bin" run "$here/scenarios/growth.yaml" --quiet --duration ${d}s --out "$tmp/g")
      echo "${d}s: cpu=${c}s peak_rss=${r}KiB"
    done ;;
  scale)
    echo "== scale (bar: 1,000 nodes load and validate < 1 s; an hour of 10k msg/s runs, peak <= 150 MiB)"
    "$build/tests/bench/gen_scale_scenario" > "$tmp/scale.yaml"
    "$build/tests/bench/load_bench" "$tmp/scale.yaml" 3
    /usr/bin/time -f "run wall=%es cpu=%Us+%Ss peak_rss=%MKiB" \
      "$bin" run "$tmp/scale.yaml" --quiet --stats --out "$tmp/scale" >/dev/null
    echo "unaccounted=$(summary "$tmp/scale" ledger unaccounted total) messages=$(summary "$tmp/scale" run messages value)" ;;
  observation)
    echo "== observation (bar: sampling every 1 s plus the CSV report <= 10% of run time)"
    g=$here/scenarios/growth.yaml
    # The three variants interleaved, five rounds, best of each: the machine's noise (often
    # +/-30% between identical runs on a shared host) then hits all of them alike.
    base=; sampled=; both=
    for _ in 1 2 3 4 5; do
      read -r a _ < <(measure "$bin" run "$g" --quiet --duration 2000s --set sample_every=2000s)
      read -r b _ < <(measure "$bin" run "$g" --quiet --duration 2000s)
      read -r c _ < <(measure "$bin" run "$g" --quiet --duration 2000s --out "$tmp/obs")
      base=$(printf '%s\n%s\n' "${base:-$a}" "$a" | sort -g | head -1)
      sampled=$(printf '%s\n%s\n' "${sampled:-$b}" "$b" | sort -g | head -1)
      both=$(printf '%s\n%s\n' "${both:-$c}" "$c" | sort -g | head -1)
    done
    awk -v a="$base" -v b="$sampled" -v c="$both" 'BEGIN{
      printf "no sampling: %.2fs  1 s samples: %.2fs (+%.1f%%)  + CSV report: %.2fs (+%.1f%%)\n",
             a, b, 100 * (b / a - 1), c, 100 * (c / a - 1) }' ;;
  sweep)
    echo "== sweep of 8 combinations (bar: wall on 2 cores <= 0.55 of 1 core)"
    sweep8=("$here/../../scenarios/orders-and-payments.yaml" --duration 30m
            --vary nodes.inventory.instances=2,3,4,5,6,7,8,9)
    wall2() { /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" >/dev/null || true; tail -1 "$tmp/time" | awk '{print $1, $2+$3}'; }
    for _ in $(seq "$rounds"); do
      echo "one-core $(wall2 taskset -c 0 "$bin" sweep "${sweep8[@]}" --quiet)"
      echo "two-core $(wall2 "$bin" sweep "${sweep8[@]}" --quiet)"
    done | sort -k1,1 -k2,2g | awk '!seen[$1]++' | tee "$tmp/sweep.txt"
    awk '{w[$1]=$2} END{printf "best of %d rounds: 2-core wall / 1-core wall = %.2f\n", '"$rounds"', w["two-core"] / w["one-core"]}' "$tmp/sweep.txt" ;;
  shard)
    echo "== sharded sweeps (README.md#spreading-a-sweep-over-machines): speed-up and overhead"
    sweep=("$here/../../scenarios/orders-and-payments.yaml" --duration 30m
           --vary nodes.inventory.instances=2,3,4,6 --replications 6)
    # Wall and CPU seconds of one command: "wall cpu".
    wall() { /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" >/dev/null || true; tail -1 "$tmp/time" | awk '{print $1, $2+$3}'; }
    shards() { # four shards one after the other, then the merge
      for i in 0 1 2 3; do "$bin" sweep "${sweep[@]}" --quiet --shard $i/4 --out "$tmp/sh-$i" || true; done
      "$bin" merge "$tmp"/sh-? --out "$tmp/merged" --quiet || true; }
    # Interleaved rounds, best of each: the machine's noise hits all variants alike.
    for _ in 1 2 3; do
      echo "one-core $(wall taskset -c 0 "$bin" sweep "${sweep[@]}" --quiet)"
      echo "two-core $(wall "$bin" sweep "${sweep[@]}" --quiet)"
      echo "shards $(wall bash -c "$(declare -f shards); bin=$bin tmp=$tmp; sweep=($(printf '%q ' "${sweep[@]}")); shards")"
    done | sort -k1,1 -k2,2g | awk '!seen[$1]++' | tee "$tmp/shard.txt"
    awk '{w[$1]=$2; c[$1]=$3} END{
      printf "2 cores over 1: %.2fx (efficiency %.0f%% per core); 4 shards + merge: wall %+.1f%%, cpu %+.1f%% over one process\n",
             w["one-core"] / w["two-core"], 50 * w["one-core"] / w["two-core"],
             100 * (w["shards"] / w["two-core"] - 1), 100 * (c["shards"] / c["two-core"] - 1) }' "$tmp/shard.txt"
    EVENTBENCH_SLURM_BENCH="${sweep[*]}" "$build/tests/cli_slurm_slow" benchmarkArrays 2>&1 |
      grep -E "one process|FAIL|SKIP" ;;
  *) echo "unknown section: $section" >&2; exit 2 ;;
  esac
done
