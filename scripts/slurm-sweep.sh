#!/bin/sh
# One shard of an eventbench sweep (or replications) as a task of a Slurm job array
# (README.md#spreading-a-sweep-over-machines). Submit N tasks, then merge:
#
#   sbatch --array=0-3 scripts/slurm-sweep.sh STUDY sweep FILE --vary PATH=V1,V2,... [options]
#   sbatch --array=0-3 scripts/slurm-sweep.sh STUDY run FILE --replications 200 [options]
#   eventbench merge STUDY/shard-* --out STUDY/merged
#
# Task I of an array of N writes shard I/N into STUDY/shard-I (eventbench --shard slurm).
# Rerun a failed task I alone, then merge again (the array's indices must start at 0):
#
#   sbatch --array=I --export=ALL,SHARDS=N scripts/slurm-sweep.sh STUDY sweep FILE ...
#
# EVENTBENCH names the binary (default: eventbench on PATH). STUDY must be on a file system
# that every node sees. The task's exit code is eventbench's.
#SBATCH --job-name=eventbench-shard
#SBATCH --output=eventbench-shard-%A_%a.out
set -eu

if [ $# -lt 3 ] || [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
    echo "usage: sbatch --array=0-N scripts/slurm-sweep.sh STUDY sweep|run FILE [options]" >&2
    exit 2
fi
study=$1
shift
eventbench=${EVENTBENCH:-eventbench}

if [ -n "${SHARDS:-}" ]; then
    # A rerun: the array is not the original one, so its size and first index say nothing.
    index=$SLURM_ARRAY_TASK_ID
    shard="$index/$SHARDS"
else
    index=$((SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-0}))
    shard=slurm
fi
mkdir -p "$study"
exec "$eventbench" "$@" --shard "$shard" --out "$study/shard-$index" --quiet
