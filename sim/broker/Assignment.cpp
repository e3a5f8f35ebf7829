#include "sim/broker/Assignment.h"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <deque>

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

// Which partitions (indices into `partitions`) each member owned before, in the order Kafka
// visits them: by partition number, then topic.
std::vector<std::vector<std::size_t>> ownedPartitions(const std::vector<TopicPartitionRef> &parts,
                                                      const std::vector<int> &members,
                                                      const std::vector<int> &previousOwner) {
    std::vector<std::vector<std::size_t>> owned(members.size());
    for (std::size_t i = 0; i < parts.size() && i < previousOwner.size(); ++i) {
        const auto it = std::find(members.begin(), members.end(), previousOwner[i]);
        if (previousOwner[i] >= 0 && it != members.end())
            owned[std::size_t(it - members.begin())].push_back(i);
    }
    for (auto &list : owned)
        std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
            return parts[a].partition != parts[b].partition
                       ? parts[a].partition < parts[b].partition
                       : parts[a].topic < parts[b].topic;
        });
    return owned;
}

std::vector<int> assignSticky(const std::vector<TopicPartitionRef> &partitions,
                              const std::vector<int> &members,
                              const std::vector<int> &previousOwner) {
    const std::size_t total = partitions.size();
    const std::size_t n = members.size();
    const std::size_t minQuota = total / n;
    const std::size_t maxQuota = (total + n - 1) / n;
    const std::size_t expectedOver = total % n;
    std::size_t over = 0;
    const auto owned = ownedPartitions(partitions, members, previousOwner);

    std::vector<int> owner(total, -1);
    std::vector<std::size_t> load(n, 0);
    std::vector<std::size_t> under;   // members below minQuota, by member order
    std::deque<std::size_t> exactMin; // members at minQuota that may still take one more
    auto keep = [&](std::size_t m, std::size_t count) {
        for (std::size_t k = 0; k < count; ++k)
            owner[owned[m][k]] = members[m];
        load[m] = count;
    };
    for (std::size_t m = 0; m < n; ++m) {
        const std::size_t mine = owned[m].size();
        if (mine < minQuota) {
            keep(m, mine);
            under.push_back(m);
        } else if (mine >= maxQuota && over < expectedOver) {
            keep(m, maxQuota);
            if (++over == expectedOver)
                exactMin.clear();
        } else {
            keep(m, minQuota);
            if (over < expectedOver)
                exactMin.push_back(m);
        }
    }

    std::size_t next = 0; // the round-robin position in `under`
    for (std::size_t i = 0; i < total; ++i) {
        if (owner[i] >= 0)
            continue;
        std::size_t m = 0;
        bool fromUnder = !under.empty();
        if (fromUnder) {
            if (next >= under.size())
                next = 0;
            m = under[next];
        } else {
            assert(!exactMin.empty() && "the quotas leave room for every partition");
            m = exactMin.front();
            exactMin.pop_front();
        }
        owner[i] = members[m];
        ++load[m];
        if (fromUnder && load[m] == minQuota) {
            under.erase(under.begin() + long(next));
            exactMin.push_back(m);
        } else if (fromUnder) {
            ++next;
        } else if (load[m] == maxQuota) {
            ++over;
        }
    }
    return owner;
}

} // namespace

std::vector<int> assignPartitions(AssignmentStrategy s,
                                  const std::vector<TopicPartitionRef> &partitions,
                                  const std::vector<int> &members,
                                  const std::vector<int> &previousOwner) {
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
