#pragma once
// Kafka consumer-group partition assignment (RangeAssignor, RoundRobinAssignor, and the
// goals of StickyAssignor) for one group whose members all subscribe to the same topics.
// Pure function of its inputs; the group coordinator owns the state and calls it on every
// rebalance.
#include <vector>

namespace eventbench::sim {

enum class AssignmentStrategy { Range, RoundRobin, Sticky };

/// One partition of a subscribed topic; `topic` is the topic's index in the group's
/// subscription.
struct TopicPartitionRef {
    int topic;
    int partition;
};

/// Assigns every partition to a live member.
/// `partitions`: every partition of every subscribed topic, sorted by (topic, partition).
/// `members`: live member ids, sorted ascending, no duplicates.
/// `previousOwner[i]`: the member that owned partitions[i] before the rebalance, -1 for none
/// (only Sticky reads it; missing entries count as -1; owners no longer live are ignored).
/// Returns the owner of each entry of `partitions`, or -1 for all when there are no members.
/// Range: per topic, member i of N gets floor(P/N) consecutive partitions, the first P%N
/// members one more. RoundRobin: all partitions dealt to the members cyclically.
/// Sticky: every member gets floor or ceil(total/N); the number of partitions that keep their
/// previous owner is the largest any balanced assignment allows; the others go, in order, to
/// the least-loaded member (ties: lowest id).
std::vector<int> assignPartitions(AssignmentStrategy s,
                                  const std::vector<TopicPartitionRef> &partitions,
                                  const std::vector<int> &members,
                                  const std::vector<int> &previousOwner);

} // namespace eventbench::sim
