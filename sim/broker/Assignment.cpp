#include "sim/broker/Assignment.h"

#include <algorithm>
#include <cassert>
#include <cstddef>

namespace eventbench::sim {

namespace {

std::vector<int> assignRange(const std::vector<TopicPartitionRef> &partitions,
                             const std::vector<int> &members) {
    std::vector<int> owner(partitions.size(), -1);
    const std::size_t n = members.size();
    std::size_t begin = 0;
    while (begin < partitions.size()) {
        std::size_t end = begin;
        while (end < partitions.size() && partitions[end].topic == partitions[begin].topic)
            ++end;
        const std::size_t count = end - begin;
        const std::size_t base = count / n;
        const std::size_t extra = count % n;
        // Member i's range starts at base*i + min(i, extra), exactly as RangeAssignor.
        std::size_t next = begin;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t length = base + (i < extra ? 1 : 0);
            for (std::size_t k = 0; k < length; ++k)
                owner[next++] = members[i];
        }
        begin = end;
    }
    return owner;
}

std::vector<int> assignRoundRobin(const std::vector<TopicPartitionRef> &partitions,
                                  const std::vector<int> &members) {
    std::vector<int> owner(partitions.size(), -1);
    for (std::size_t i = 0; i < partitions.size(); ++i)
        owner[i] = members[i % members.size()];
    return owner;
}

std::vector<int> assignSticky(const std::vector<TopicPartitionRef> &partitions,
                              const std::vector<int> &members,
                              const std::vector<int> &previousOwner) {
    const std::size_t total = partitions.size();
    const std::size_t n = members.size();
    const std::size_t base = total / n;
    std::size_t extraSlots = total % n;

    // Index of a live member in `members`, or -1.
    auto memberIndex = [&](int id) -> long {
        auto it = std::lower_bound(members.begin(), members.end(), id);
        return (it != members.end() && *it == id) ? long(it - members.begin()) : -1;
    };

    std::vector<long> prevIndex(total, -1);
    std::vector<std::size_t> prevCount(n, 0);
    for (std::size_t i = 0; i < total && i < previousOwner.size(); ++i) {
        if (previousOwner[i] < 0)
            continue;
        prevIndex[i] = memberIndex(previousOwner[i]);
        if (prevIndex[i] >= 0)
            ++prevCount[std::size_t(prevIndex[i])];
    }

    // Every member may keep up to `base`; the ceil slots go to members that previously owned
    // more than base (lowest id first), since only there does a slot save a move.
    std::vector<std::size_t> quota(n, base);
    for (std::size_t m = 0; m < n && extraSlots > 0; ++m) {
        if (prevCount[m] > base) {
            quota[m] = base + 1;
            --extraSlots;
        }
    }

    std::vector<int> owner(total, -1);
    std::vector<std::size_t> load(n, 0);
    for (std::size_t i = 0; i < total; ++i) {
        const long m = prevIndex[i];
        if (m >= 0 && load[std::size_t(m)] < quota[std::size_t(m)]) {
            owner[i] = members[std::size_t(m)];
            ++load[std::size_t(m)];
        }
    }

    // Water-filling to the least-loaded member keeps everyone within floor/ceil because no
    // member starts above ceil and at most total%n members start at ceil.
    for (std::size_t i = 0; i < total; ++i) {
        if (owner[i] >= 0)
            continue;
        std::size_t best = 0;
        for (std::size_t m = 1; m < n; ++m)
            if (load[m] < load[best])
                best = m;
        owner[i] = members[best];
        ++load[best];
    }
    return owner;
}

} // namespace

std::vector<int> assignPartitions(AssignmentStrategy s,
                                  const std::vector<TopicPartitionRef> &partitions,
                                  const std::vector<int> &members,
                                  const std::vector<int> &previousOwner) {
    assert(std::is_sorted(members.begin(), members.end()));
    if (members.empty())
        return std::vector<int>(partitions.size(), -1);
    switch (s) {
    case AssignmentStrategy::Range:
        return assignRange(partitions, members);
    case AssignmentStrategy::RoundRobin:
        return assignRoundRobin(partitions, members);
    case AssignmentStrategy::Sticky:
        return assignSticky(partitions, members, previousOwner);
    }
    return std::vector<int>(partitions.size(), -1);
}

} // namespace eventbench::sim
