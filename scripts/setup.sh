#!/usr/bin/env bash
# Sets up eventbench on Debian 12 from a fresh clone: installs the packages that are missing,
# builds, then either launches the app or runs the tests.
#
#   ./scripts/setup.sh app    install, build (build/), open scenarios/orders-and-payments.yaml
#                             (the window with a display, otherwise a headless run)
#   ./scripts/setup.sh test   install, build (build/), run the whole ctest suite
#   ./scripts/setup.sh asan   install, build with ASan+UBSan (build-asan/), run the suite there
#   ./scripts/setup.sh build  install and build (build/) only
#   ./scripts/setup.sh fuzz   install clang, build the fuzzers (build-fuzz/), run each 40 s
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# What the app needs to build and run (librabbitmq-dev: rabbitmq-c, the AMQP client of
# `eventbench live`).
APP_PACKAGES=(
    cmake make g++ pkg-config
    qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev qt6-qpa-plugins libgl-dev fonts-dejavu-core
    libboost-graph-dev libsqlite3-dev libyaml-cpp-dev librabbitmq-dev
    nlohmann-json3-dev libvalijson-dev
)
# What the tests and benchmarks need on top: Google Benchmark, the X server for screenshots,
# SimPy for the peer benchmark, clang-format and Python for the source hygiene tests, a
# single-host Slurm with munge for the job-array test of sharded sweeps (cli_slurm_slow),
# Prometheus (prometheus, promtool) that loads and serves `run --metrics-out`, headless
# Chromium that renders `run --report`, and RabbitMQ that `eventbench live` plays scenarios on
# (cli_live_rabbitmq_slow starts its own node on loopback).
TEST_PACKAGES=(
    libbenchmark-dev xvfb xauth imagemagick python3 python3-simpy clang-format
    slurmctld slurmd slurm-client munge prometheus chromium-headless-shell
    rabbitmq-server librabbitmq-dev
)
# What the libFuzzer harnesses need on top (README.md#fuzzing): clang and its fuzzer runtime.
FUZZ_PACKAGES=(clang libclang-rt-14-dev)

usage() {
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

install_missing() {
    local wanted=("$@")
    local missing=()
    local p
    for p in "${wanted[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "setup: all ${#wanted[@]} packages are installed"
        return
    fi
    echo "setup: installing ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null; then
            sudo=(sudo)
        else
            echo "setup: missing packages and not root: run as root or install them" >&2
            exit 1
        fi
    fi
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
}

build() {
    local preset=$1
    cmake --preset "$preset"
    cmake --build --preset "$preset"
}

[ $# -eq 1 ] || usage
case "$1" in
app)
    install_missing "${APP_PACKAGES[@]}"
    build default
    exec ./build/app/eventbench scenarios/orders-and-payments.yaml
    ;;
test)
    install_missing "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    build default
    ctest --preset default
    ;;
asan)
    install_missing "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    build asan
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} \
        UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1} \
        ctest --preset asan
    ;;
build)
    install_missing "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    build default
    ;;
fuzz)
    install_missing "${APP_PACKAGES[@]}" "${FUZZ_PACKAGES[@]}"
    exec ./scripts/fuzz.sh 40
    ;;
*)
    usage
    ;;
esac
