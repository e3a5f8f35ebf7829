#!/usr/bin/env bash
# Rewrites tests/scenarios/golden.csv, the figures the `scenarios_golden` test pins: it runs
# every scenarios/*.yaml headless with its own seed and keeps, per scenario, the run's
# fingerprint, seed, simulated seconds, events and messages, every ledger figure, every
# expectation (verdict and measured value), the totals of every counter, and latency
# p50/p99, max lag, max lag_time and max depth.
#
#   scripts/refresh-golden.sh                  use build/app/eventbench (builds it if missing)
#   scripts/refresh-golden.sh BUILD_DIR        use BUILD_DIR/app/eventbench (builds if missing)
#   scripts/refresh-golden.sh path/to/eventbench
#
# Run it only when a change of behaviour is deliberate, then review `git diff` of the golden
# file and commit it with the change. It refuses (and leaves the file alone) when a scenario
# does not exit 0, so a failing expectation or a ledger imbalance is never pinned.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
golden="$root/tests/scenarios/golden.csv"

usage() {
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

case "${1:-}" in
    -h | --help) usage ;;
esac
[ $# -le 1 ] || usage

target="${1:-$root/build}"
if [ -f "$target" ] && [ -x "$target" ]; then
    binary="$target"
elif [ -d "$target" ] || [ "$target" = "$root/build" ]; then
    binary="$target/app/eventbench"
    if [ ! -x "$binary" ]; then
        echo "building $binary" >&2
        [ -f "$target/CMakeCache.txt" ] ||
            cmake -S "$root" -B "$target" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
        cmake --build "$target" --target eventbench -j2 >/dev/null
    fi
else
    echo "refresh-golden: '$target' is neither the eventbench binary nor a build directory" >&2
    exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The figures kept from each summary.csv. Node ids and metric names never need CSV quoting;
# an expectation's text might, so expectation rows are kept verbatim.
select_rows() {
    awk -F, -v scenario="$1" '
        BEGIN {
            split("produced published publish_failed publish_retries appended deleted " \
                  "enqueued redelivered dead_lettered expired dropped routed unroutable " \
                  "received processed failed retries discarded duplicates " \
                  "duplicates_suppressed skipped rebalances out_of_order writes " \
                  "duplicate_writes", names, " ")
            for (i in names) counter[names[i]] = 1
            split("seed sim_seconds events messages fingerprint", names, " ")
            for (i in names) runFigure[names[i]] = 1
        }
        NR == 1 { next }
        $1 == "expect" || $1 == "ledger" ||
        ($1 == "run" && ($2 in runFigure)) ||
        ($3 == "total" && ($2 in counter)) ||
        ($2 == "latency" && ($3 == "p50" || $3 == "p99")) ||
        (($2 == "lag" || $2 == "lag_time" || $2 == "depth") && $3 == "max") {
            print scenario "," $0
        }' "$2"
}

{
    echo "# Golden runs: figures of every scenarios/*.yaml run headless with its own seed,"
    echo "# compared by the scenarios_golden test. Do not edit by hand: a deliberate change"
    echo "# of behaviour is pinned with scripts/refresh-golden.sh (see README.md)."
    echo "scenario,node,metric,stat,value"
} >"$work/golden.csv"

count=0
for file in "$root"/scenarios/*.yaml; do
    name="$(basename "$file" .yaml)"
    status=0
    "$binary" run "$file" --out "$work/$name" --quiet >"$work/$name.log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
        echo "refresh-golden: $name exits $status; fix it before pinning it:" >&2
        cat "$work/$name.log" >&2
        exit 1
    fi
    select_rows "$name" "$work/$name/summary.csv" >>"$work/golden.csv"
    count=$((count + 1))
done

mv "$work/golden.csv" "$golden"
echo "wrote $golden: $count scenarios, $(($(grep -vc '^#' "$golden") - 1)) figures"
