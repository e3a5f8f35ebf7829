#!/usr/bin/env python3
"""A mutation campaign against `eventbench` (README.md#fuzzing): generates inputs from every
bundled scenario (text mutations, structural `--set` mutations with extreme knob values,
hostile files) and runs each under `prlimit --as=4G` with a timeout: `validate` for most,
`run --duration 2s` for a sample. Reports every input that ends in a signal, a hang past the
timeout, exit 3, or an exit 2 whose errors name no position although the input has one.

    scripts/mutate-campaign.py BINARY [--count N] [--seed S] [--jobs J] [--timeout SEC]
                               [--keep DIR] [--as-limit MB]

Exit 0 when nothing was found, 1 otherwise (the findings are listed, and copied into --keep).
Needs only Python 3's standard library; deterministic for a given --seed.
"""
import argparse
import concurrent.futures
import glob
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

EXTREMES = ["0", "-1", "1e300", "-1e300", "1e-300", "nan", "inf", "0s", "1ns", "0.000001ns",
            "1e9/s", "1e12/s", "0/s", "100000", "2147483648", "99999999999999999999",
            "3650d", "1000d", "1e12", "1e12B", "''", "[]", "{}", "[1, [2, [3]]]", "~",
            "true", "immediate", "visibility", "'\\x00'", "1ms", "50000", "-0", "0x10"]
KNOBS = {
    "producer": ["rate", "instances", "size", "buffer", "arrivals", "retry", "keys",
                 "schema_version", "idempotent", "rate.burst.every", "rate.sine.period"],
    "topic": ["partitions", "retention", "retention_bytes", "append_latency", "partitioner"],
    "queue": ["visibility_timeout", "redelivery", "max_receive_count", "retention", "delay",
              "ttl", "max_length", "dedup_window", "fifo"],
    "exchange": ["unroutable", "type"],
    "consumer": ["instances", "concurrency", "service_time", "failure", "retry",
                 "retry.max_attempts", "retry.backoff", "commit_interval", "session_timeout",
                 "rebalance_time", "max_poll_records", "batch", "dedup_window", "accepts"],
    "store": ["write_time", "capacity"],
}
TOP_KNOBS = ["duration", "sample_every", "warmup", "seed", "edges", "faults", "expect", "nodes"]
HOSTILE = [b"[" * 200000, b"---\n" * 100000, b"- " * 100000, b"a: &a [*a]\n",
           b"{" * 50 + b"}" * 50, b"\xff\xfe\x00" * 1000, b"", b"\n" * 10000,
           b"scenario: x\nduration: 1s\nnodes: {q: {kind: queue, redelivery: immediate},"
           b" c: {kind: consumer, service_time: 0s, failure: 1}, p: {kind: producer, rate: 1/s}}"
           b"\nedges: [p -> q, q -> c]\n"]
POSITION = re.compile(r"^[^:\n]+:\d+:\d+: (error|warning):")
# Errors that concern the file as a whole: no line to point at.
FILE_LEVEL = ("the file is empty", "cannot read the file", "the file is too large",
              "not a regular file")


def node_ids(text):
    """(id, kind) of the nodes written `  id: {kind: K ...}` or `  id:` + `    kind: K`."""
    out = re.findall(r"^  ([A-Za-z][\w.-]*):\s*\{\s*kind:\s*(\w+)", text, re.M)
    out += re.findall(r"^  ([A-Za-z][\w.-]*):\s*\n    kind:\s*(\w+)", text, re.M)
    return out


def text_mutation(rng, text):
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    op = rng.randrange(10)
    if op == 0:
        del lines[i]
    elif op == 1:
        lines.insert(i, lines[rng.randrange(len(lines))])
    elif op == 2:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 3:  # a value replaced by an extreme one
        value = ": " + rng.choice(EXTREMES)
        lines[i] = re.sub(r":\s*[^,{}\[\]\n]+", lambda m: value, lines[i], count=1)
    elif op == 4:  # a number scaled absurdly
        number = rng.choice(["0", "1e15", "999999999", "-5"])
        lines[i] = re.sub(r"\d+(\.\d+)?", lambda m: number, lines[i], count=1)
    elif op == 5:
        return text[: rng.randrange(len(text) + 1)]
    elif op == 6:
        pos = rng.randrange(len(text) + 1)
        junk = "".join(rng.choice("[]{}:,-&*!|>'\"#%@` \t\n\\") for _ in range(rng.randint(1, 8)))
        return text[:pos] + junk + text[pos:]
    elif op == 7:
        lines[i] = " " * rng.randint(0, 6) + lines[i].lstrip()
    elif op == 8:
        lines[i] = lines[i].replace("ms", rng.choice(["ns", "d", ""]))
    else:
        lines[i] = lines[i] + " " + rng.choice(["&x", "*x", "<<: *x", "!!binary", "? a"])
    return "\n".join(lines)


def structural_overrides(rng, text):
    nodes = node_ids(text)
    sets = []
    for _ in range(rng.randint(1, 3)):
        if nodes and rng.random() < 0.8:
            node, kind = rng.choice(nodes)
            knob = rng.choice(KNOBS.get(kind, ["instances"]))
            sets.append("nodes.%s.%s=%s" % (node, knob, rng.choice(EXTREMES)))
        else:
            sets.append("%s=%s" % (rng.choice(TOP_KNOBS), rng.choice(EXTREMES)))
    return sets


def make_inputs(count, seed):
    rng = random.Random(seed)
    sources = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml")))
    texts = {s: open(s, encoding="utf-8").read() for s in sources}
    inputs = [(b, [], "hostile-%d" % i) for i, b in enumerate(HOSTILE)]
    while len(inputs) < count:
        source = rng.choice(sources)
        text = texts[source]
        kind = rng.random()
        name = "%s-%d" % (os.path.basename(source)[:-5], len(inputs))
        if kind < 0.45:
            for _ in range(rng.randint(1, 4)):
                text = text_mutation(rng, text)
            inputs.append((text.encode("utf-8", "replace"), [], name))
        elif kind < 0.9:
            inputs.append((text.encode(), structural_overrides(rng, text), name))
        else:
            for _ in range(rng.randint(1, 2)):
                text = text_mutation(rng, text)
            inputs.append((text.encode("utf-8", "replace"), structural_overrides(rng, text), name))
    return inputs[:count]


def run_one(binary, workdir, timeout, as_limit, index, data, sets, name, run_it):
    path = os.path.join(workdir, "%05d.yaml" % index)
    with open(path, "wb") as f:
        f.write(data)
    args = (["prlimit", "--as=%d" % (as_limit << 20), "--"] if as_limit else []) + [binary]
    args += ["run", path, "--quiet"] if run_it else ["validate", path]
    for s in sets:
        args += ["--set", s]
    if run_it:  # last, so that a mutated duration does not make the run long
        args += ["--duration", "2s"]
    try:
        p = subprocess.run(args, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        rc, err = p.returncode, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        rc, err = "hang", ""
    finding = None
    if rc == "hang":
        finding = "hang past %ds" % timeout
    elif rc < 0:
        finding = "signal %d" % -rc
    elif rc == 3:
        finding = "exit 3"
    elif rc == 2:
        errors = [l for l in err.splitlines() if " error: " in l]
        unplaced = [l for l in errors if not POSITION.match(l) and not l.startswith("--set: ")
                    and not any(f in l for f in FILE_LEVEL) and "the run stopped" not in l]
        if errors and len(unplaced) == len(errors):
            finding = "exit 2 without a position: " + unplaced[0][:200]
    if finding is None:
        os.unlink(path)
    return index, name, sets, rc, finding, err[-600:], path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary")
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--run-share", type=float, default=0.1, help="share of inputs run, not validated")
    ap.add_argument("--keep", help="directory to copy the findings into")
    ap.add_argument("--as-limit", type=int, default=4096,
                    help="address space limit in MB (prlimit --as); 0: none (AddressSanitizer)")
    a = ap.parse_args()
    inputs = make_inputs(a.count, a.seed)
    rng = random.Random(a.seed + 1)
    workdir = tempfile.mkdtemp(prefix="eventbench-campaign-")
    codes, findings = {}, []
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        futures = [pool.submit(run_one, a.binary, workdir, a.timeout, a.as_limit, i, data, sets, name,
                               rng.random() < a.run_share)
                   for i, (data, sets, name) in enumerate(inputs)]
        for done, f in enumerate(concurrent.futures.as_completed(futures), 1):
            index, name, sets, rc, finding, err, path = f.result()
            codes[rc] = codes.get(rc, 0) + 1
            if finding:
                findings.append((index, name, sets, finding, err, path))
            if done % 500 == 0:
                print("campaign: %d/%d done, %d findings" % (done, len(inputs), len(findings)),
                      flush=True)
    print("campaign: %d inputs, exit codes %s" % (len(inputs), dict(sorted(codes.items(), key=str))))
    for index, name, sets, finding, err, path in sorted(findings):
        print("FINDING %s (%s) %s: %s\n    %s" % (name, os.path.basename(path), " ".join(
            "--set '%s'" % s for s in sets), finding, err.strip().replace("\n", "\n    ")))
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            shutil.copy(path, os.path.join(a.keep, os.path.basename(path)))
            with open(os.path.join(a.keep, os.path.basename(path) + ".args"), "w") as f:
                f.write("\n".join(sets) + "\n")
    shutil.rmtree(workdir, ignore_errors=True)
    print("campaign: %d findings" % len(findings))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
