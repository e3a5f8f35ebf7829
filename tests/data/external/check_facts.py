#!/usr/bin/env python3
"""Self-check for the fact files in this folder.

Re-derives every fact it can with small, independent reference models written for this
purpose (murmur2, Kafka range / round-robin / constrained-sticky assignment, RabbitMQ topic
matching, SNS filter evaluation, Erlang C) and reports any row where the transcribed
expectation and the model disagree. It exists to catch transcription mistakes in the data
files; the data files, not this script, are the facts.

Usage:  python3 check_facts.py        (needs PyYAML)
Exit code 0 when every checked row agrees.
"""
import csv
import ipaddress
import os
import sys
from fractions import Fraction

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
problems = []
counts = {}


def note(area, ok, msg=""):
    counts.setdefault(area, [0, 0])
    counts[area][0 if ok else 1] += 1
    if not ok:
        problems.append(f"[{area}] {msg}")


def read_csv(name):
    with open(os.path.join(HERE, name), newline="") as f:
        lines = [l for l in f if not l.startswith("#")]
    return list(csv.DictReader(lines))


def read_yaml(name):
    with open(os.path.join(HERE, name)) as f:
        return yaml.safe_load(f)


# ---------------------------------------------------------------- murmur2
def murmur2(data: bytes) -> int:
    m, r = 0x5BD1E995, 24
    h = (0x9747B28C ^ len(data)) & 0xFFFFFFFF
    whole = len(data) - len(data) % 4
    for i in range(0, whole, 4):
        k = int.from_bytes(data[i:i + 4], "little")
        k = (k * m) & 0xFFFFFFFF
        k ^= k >> r
        k = (k * m) & 0xFFFFFFFF
        h = ((h * m) & 0xFFFFFFFF) ^ k
    tail = data[whole:]
    if tail:
        for idx in range(len(tail) - 1, -1, -1):
            h ^= tail[idx] << (8 * idx)
        h = (h * m) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * m) & 0xFFFFFFFF
    h ^= h >> 15
    return h - (1 << 32) if h & 0x80000000 else h


def check_murmur():
    for row in read_csv("kafka_murmur2.csv"):
        key = bytes.fromhex(row["key_hex"])
        h = murmur2(key)
        pos = h & 0x7FFFFFFF
        ok = str(h) == row["computed_murmur2_int32"] and str(pos) == row["computed_positive"]
        if row["source_murmur2_int32"]:
            ok = ok and int(row["source_murmur2_int32"]) == h
        if row["source_expected_partition"]:
            ok = ok and pos % int(row["source_num_partitions"]) == int(row["source_expected_partition"])
        for col, val in row.items():
            if col.startswith("computed_p_n"):
                ok = ok and pos % int(col[len("computed_p_n"):]) == int(val)
        note("murmur2", ok, row["case_id"])


# ---------------------------------------------------------------- Kafka assignors
def member_sort_key(m):
    # static members (group.instance.id) first, ordered by instance id; then member id
    return (0, m["instance"], m["id"]) if m.get("instance") else (1, "", m["id"])


def tp(topic, p):
    return f"{topic}-{p}"


def range_assign(topics, members):
    out = {m["id"]: [] for m in members}
    for t in sorted(topics):
        subs = sorted([m for m in members if t in m["topics"]], key=member_sort_key)
        if not subs:
            continue
        n = topics[t]
        per, extra = divmod(n, len(subs))
        start = 0
        for i, m in enumerate(subs):
            length = per + (1 if i < extra else 0)
            out[m["id"]] += [tp(t, p) for p in range(start, start + length)]
            start += length
    return out


def roundrobin_assign(topics, members):
    out = {m["id"]: [] for m in members}
    ring = sorted(members, key=member_sort_key)
    subscribed = sorted({t for m in members for t in m["topics"] if t in topics})
    i = 0
    for t in subscribed:
        for p in range(topics[t]):
            while t not in ring[i % len(ring)]["topics"]:
                i += 1
            out[ring[i % len(ring)]["id"]].append(tp(t, p))
            i += 1
    return out


def java_string_hash(s):
    h = 0
    for ch in s:
        h = (31 * h + ord(ch)) & 0xFFFFFFFF
    return h


def java_hashmap_order(keys):
    """Iteration order of a java.util.HashMap holding `keys` (inserted in the given order)."""
    cap = 16
    while len(keys) > cap * 0.75:
        cap *= 2

    def bucket(k):
        h = java_string_hash(k)
        return (h ^ (h >> 16)) & (cap - 1)

    return sorted(keys, key=lambda k: (bucket(k), keys.index(k)))


def split_tp(s):
    t, _, p = s.rpartition("-")
    return t, int(p)


def sticky_constrained(topics, members, visit_order="java"):
    """Kafka's constrained (all-subscriptions-equal) sticky assignment, as described in the
    RULES header of kafka_sticky_assignor.yaml. Returns (assignment, transfers)."""
    ids = [m["id"] for m in members]
    subscribed = set(members[0]["topics"]) & set(topics)
    all_tps = [tp(t, p) for t in sorted(subscribed) for p in range(topics[t])]
    # generation resolution of previously owned partitions
    owner, owner_gen, multi = {}, {}, set()
    owned = {i: [] for i in ids}
    for m in members:
        gen = m.get("generation", -1)
        for x in m.get("owned") or []:
            if x not in all_tps:
                continue
            if x not in owner:
                owner[x], owner_gen[x] = m["id"], gen
                owned[m["id"]].append(x)
            elif gen == owner_gen[x]:
                multi.add(x)
                if x in owned[owner[x]]:
                    owned[owner[x]].remove(x)
                owner[x] = m["id"]
            elif gen > owner_gen[x]:
                if x in owned[owner[x]]:
                    owned[owner[x]].remove(x)
                owner[x], owner_gen[x] = m["id"], gen
                owned[m["id"]].append(x)
    total, n = len(all_tps), len(ids)
    min_q, max_q = total // n, -(-total // n)
    expected_over = total % n
    over = 0
    under, exact_min, revoked = [], [], set()
    assignment = {i: [] for i in ids}
    order = java_hashmap_order(ids) if visit_order == "java" else sorted(ids)
    for cid in order:
        mine = sorted((x for x in owned[cid] if x not in multi),
                      key=lambda s: (split_tp(s)[1], split_tp(s)[0]))
        if len(mine) < min_q:
            assignment[cid] += mine
            under.append(cid)
        elif len(mine) >= max_q and over < expected_over:
            over += 1
            if over == expected_over:
                exact_min.clear()
            assignment[cid] += mine[:max_q]
            revoked.update(mine[max_q:])
        else:
            assignment[cid] += mine[:min_q]
            revoked.update(mine[min_q:])
            if over < expected_over:
                exact_min.append(cid)
    taken = {x for v in assignment.values() for x in v}
    unassigned = [x for x in all_tps if x not in taken]
    under.sort()
    exact_min.sort()
    transfers = {}
    idx = 0
    for x in unassigned:
        if idx < len(under):
            cid = under[idx]
        elif under:
            idx = 0
            cid = under[idx]
        else:
            cid = exact_min.pop(0)
        assignment[cid].append(x)
        if x in revoked or x in multi:
            transfers[x] = cid
        cnt = len(assignment[cid])
        if cid in under and cnt == min_q:
            under.remove(cid)
            exact_min.append(cid)
        elif cid in under:
            idx += 1
        elif cnt == max_q:
            over += 1
    return assignment, transfers


def same(expected, actual, compare):
    if compare == "list":
        return expected == actual
    return {k: sorted(v) for k, v in expected.items()} == {k: sorted(v) for k, v in actual.items()}


def steps_of(case):
    if "steps" in case:
        return case["steps"]
    return [case]


def check_simple_assignor(fname, fn, area):
    for case in read_yaml(fname)["cases"]:
        for si, step in enumerate(steps_of(case)):
            topics = step.get("topics", case.get("topics"))
            actual = fn(topics, step["members"])
            ok = same(step["expected"], actual, step.get("compare", case.get("compare", "set")))
            note(area, ok, f"{case['id']} step {si + 1}: expected {step['expected']} got {actual}")


def check_sticky():
    for case in read_yaml("kafka_sticky_assignor.yaml")["cases"]:
        if not case.get("uniform_subscription"):
            note("sticky (not modelled: mixed subscriptions)", True)
            continue
        previous = {}
        for si, step in enumerate(steps_of(case)):
            topics = step.get("topics", case.get("topics"))
            if topics is None or "members" not in step:
                note("sticky (property only)", True)
                break
            members = []
            for m in step["members"]:
                m = dict(m)
                if m.get("owned") == "previous":
                    m["owned"] = previous.get(m["id"], [])
                members.append(m)
            got, transfers = sticky_constrained(topics, members)
            previous = got
            compare = step.get("compare", case.get("compare", "set"))
            checked = False
            if "expected" in step:
                ok = same(step["expected"], got, compare)
                note("sticky", ok, f"{case['id']} step {si + 1}: expected {step['expected']} got {got}")
                checked = True
                if case.get("depends_on_java_hashmap_order"):
                    sorted_got, _ = sticky_constrained(topics, members, visit_order="sorted")
                    note("sticky (hashmap-order dependence confirmed)",
                         not same(step["expected"], sorted_got, compare),
                         f"{case['id']}: sorted visiting order also reproduces it")
            if "expected_transfers" in step:
                note("sticky transfers", step["expected_transfers"] == transfers,
                     f"{case['id']} step {si + 1}: transfers expected {step['expected_transfers']} got {transfers}")
            if "expected_counts_per_topic" in step:
                counts_got = {c: {t: sum(1 for x in v if split_tp(x)[0] == t) for t in topics}
                              for c, v in got.items()}
                note("sticky", counts_got == step["expected_counts_per_topic"], f"{case['id']} step {si + 1} counts")
                checked = True
            if "expected_counts" in step:
                note("sticky", {c: len(v) for c, v in got.items()} == step["expected_counts"], f"{case['id']} counts")
                checked = True
            if "expected_partial" in step:
                ok = all(sorted(got[c]) == sorted(v) for c, v in step["expected_partial"].items())
                note("sticky", ok, f"{case['id']} partial: got {got}")
                checked = True
            if "computed_current_kafka" in step:
                note("sticky (our computed doc variant)", same(step["computed_current_kafka"], got, "list"),
                     f"{case['id']} computed variant: got {got}")
                checked = True
            if not checked and "expected_property" in case:
                note("sticky (property only)", True)


# ---------------------------------------------------------------- RabbitMQ topic matching
def topic_match(pattern, key):
    pw = pattern.split(".") if pattern else []
    kw = key.split(".") if key else []
    memo = {}

    def m(i, j):
        if (i, j) in memo:
            return memo[(i, j)]
        if i == len(pw):
            r = j == len(kw)
        elif pw[i] == "#":
            r = m(i + 1, j) or (j < len(kw) and m(i, j + 1))
        elif j < len(kw) and pw[i] in ("*", kw[j]):
            r = m(i + 1, j + 1)
        else:
            r = False
        memo[(i, j)] = r
        return r

    return m(0, 0)


def check_rabbit():
    for row in read_csv("rabbitmq_topic_matching.csv"):
        ok = topic_match(row["binding_pattern"], row["routing_key"]) == (row["expected_match"] == "true")
        note("rabbitmq routing_SUITE", ok, row["case_id"])
    for row in read_csv("rabbitmq_tutorial5_topics.csv"):
        hits = sum(topic_match(p, row["routing_key"]) for p in row["queue_bindings"].split("|"))
        delivered = hits > 0
        ok = delivered == (row["expected_delivered"] == "true") and int(row["expected_copies"]) == (1 if delivered else 0)
        note("rabbitmq tutorial 5", ok, row["case_id"])


# ---------------------------------------------------------------- SNS filter policies
def num(v):
    return float(v)


def cond_matches(cond, attr):
    if attr is None:
        return isinstance(cond, dict) and cond.get("exists") is False
    vals = attr["value"] if isinstance(attr["value"], list) else [attr["value"]]
    is_num = attr["type"].startswith("Number")
    if isinstance(cond, dict):
        if "exists" in cond:
            return cond["exists"] is True
        if "prefix" in cond:
            return not is_num and any(str(v).startswith(cond["prefix"]) for v in vals)
        if "cidr" in cond:
            net = ipaddress.ip_network(cond["cidr"])
            return any(ipaddress.ip_address(str(v)) in net for v in vals)
        if "numeric" in cond:
            if not is_num:
                return False
            ops = cond["numeric"]
            pairs = list(zip(ops[0::2], ops[1::2]))
            cmp = {"=": lambda a, b: a == b, "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
                   ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}
            return any(all(cmp[o](num(v), num(b)) for o, b in pairs) for v in vals)
        if "anything-but" in cond:
            ab = cond["anything-but"]
            if isinstance(ab, dict):
                return any(not str(v).startswith(ab["prefix"]) for v in vals)
            ab = ab if isinstance(ab, list) else [ab]
            if is_num:
                return any(all(num(v) != num(x) for x in ab) for v in vals)
            return any(str(v) not in [str(x) for x in ab] for v in vals)
        raise ValueError(cond)
    if isinstance(cond, bool):
        return False  # no boolean-typed attributes in these cases
    if isinstance(cond, (int, float)):
        return is_num and any(num(v) == cond for v in vals)
    return not is_num and any(str(v) == cond for v in vals)


def sns_matches(policy, attributes):
    return all(any(cond_matches(c, attributes.get(k)) for c in conds) for k, conds in policy.items())


def check_sns():
    for case in read_yaml("sns_filter_policy.yaml")["cases"]:
        got = "match" if sns_matches(case["policy"], case["attributes"]) else "no_match"
        note("sns", got == case["expected"], f"{case['id']}: expected {case['expected']} got {got}")


# ---------------------------------------------------------------- SQS
def check_sqs():
    for case in read_yaml("sqs_redrive.yaml")["cases"]:
        if "max_receive_count" in case and "deliveries_before_dlq" in case:
            n = case["max_receive_count"]
            ok = case["deliveries_before_dlq"] == n and case["moved_on_receive_attempt"] == n + 1
            note("sqs", ok, case["id"])
        elif "expected_deleted_from_dlq_after_days" in case:
            ok = case["dlq_retention_days"] - case["source_time_days"] == case["expected_deleted_from_dlq_after_days"]
            note("sqs", ok, case["id"])
        else:
            note("sqs (prose expectation)", True)


# ---------------------------------------------------------------- Erlang C
def erlang_c(c, a):
    inv_b = 1.0
    for k in range(1, c + 1):
        inv_b = 1.0 + k / a * inv_b
    b = 1.0 / inv_b
    return b / (1 - (a / c) * (1 - b))


def erlang_c_exact(c, a):
    a = Fraction(a).limit_denominator(10 ** 6)
    terms, term = [], Fraction(1)
    for k in range(c):
        terms.append(term)
        term = term * a / (k + 1)
    top = term * c / (c - a)
    return float(top / (sum(terms) + top))


def check_erlang():
    for row in read_csv("erlang_c.csv"):
        c, a = int(row["c_servers"]), float(row["a_offered_erlangs"])
        v = erlang_c(c, a)
        ok = abs(v - float(row["computed_C"])) < 1e-9
        if row["computed_C_exact_rational"]:
            ok = ok and abs(erlang_c_exact(c, a) - v) < 1e-9
        if row["source_value"]:
            agrees = round(v, int(row["source_rounding"])) == float(row["source_value"])
            ok = ok and (agrees == (row["agrees_with_source"] == "yes"))
        note("erlang C", ok, row["case_id"])


def main():
    check_murmur()
    check_simple_assignor("kafka_range_assignor.yaml", range_assign, "kafka range")
    check_simple_assignor("kafka_roundrobin_assignor.yaml", roundrobin_assign, "kafka roundrobin")
    check_sticky()
    check_rabbit()
    check_sns()
    check_sqs()
    check_erlang()
    for area, (ok, bad) in counts.items():
        print(f"{area}: {ok} agree, {bad} disagree")
    for p in problems:
        print("PROBLEM", p)
    print(f"{sum(v[0] for v in counts.values())} passed, {sum(v[1] for v in counts.values())} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
