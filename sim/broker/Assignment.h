#pragma once
// Kafka consumer-group partition assignment (RangeAssignor, RoundRobinAssignor, and the
// goals of StickyAssignor) for one group whose members all subscribe to the same topics.
// Pure function of its inputs; the group coordinator owns the state and calls it on every
// rebalance.
#include <vector>

namespace eventbench::sim {

enum class AssignmentStrategy { Range, RoundRobin, Sticky };

/// One partition of a subscribed topic; `topic` is the topic's rank among the group's
/// subscribed topics ordered by name.
struct TopicPartitionRef {
    int topic;
    int partition;
};

/// Assigns every partition to a live member.
/// `partitions`: every partition of every subscribed topic, sorted by (topic, partition), i.e.
/// by topic name and then partition number, as Kafka sorts them.
/// `members`: the live member ids in Kafka's member order (the caller sorts: Kafka compares
/// member id strings), no duplicates.
/// `previousOwner[i]`: the member that owned partitions[i] before the rebalance, -1 for none
/// (only Sticky reads it; missing entries count as -1; owners no longer live are ignored).
/// Returns the owner of each entry of `partitions`, or -1 for all when there are no members.
/// Range (RangeAssignor): per topic, member i of N gets floor(P/N) consecutive partitions, the
/// first P%N members one more. RoundRobin (RoundRobinAssignor): all partitions dealt to the
/// members cyclically. Sticky: AbstractStickyAssignor's constrained algorithm for members with
/// equal subscriptions: each member keeps its owned partitions (ordered by partition number,
/// then topic) up to floor(total/N), or ceil(total/N) while fewer than total%N members have
/// that many (members visited in order); the rest are dealt, in partition order, round robin
/// to the members below floor and then one each to members at floor.
std::vector<int> assignPartitions(AssignmentStrategy s,
                                  const std::vector<TopicPartitionRef> &partitions,
                                  const std::vector<int> &members,
                                  const std::vector<int> &previousOwner);

} // namespace eventbench::sim
