#pragma once
// Typed indices into a run's runtime vectors (a node, a consumer group and its members and
// cursors, a handler, a producer, a topic, a queue, a fault): a 32-bit number wrapped in a
// struct of its own per kind, so that a group index cannot be passed where a handler index is
// expected. Free to copy; compares like the number.
#include <compare>
#include <cstddef>
#include <cstdint>

namespace eventbench::sim {

template <class Tag> struct TypedIndex {
    std::uint32_t value = 0;

    constexpr TypedIndex() = default;
    constexpr explicit TypedIndex(std::uint32_t v) : value(v) {}
    constexpr explicit TypedIndex(std::size_t v) : value(static_cast<std::uint32_t>(v)) {}
    /// The position in the vector it indexes.
    constexpr std::size_t at() const { return value; }
    friend constexpr auto operator<=>(const TypedIndex &, const TypedIndex &) = default;
};

using NodeIndex = TypedIndex<struct NodeTag>;         // Scenario::nodes
using GroupIndex = TypedIndex<struct GroupTag>;       // consumer groups (consumer nodes)
using MemberIndex = TypedIndex<struct MemberTag>;     // members of one group
using CursorIndex = TypedIndex<struct CursorTag>;     // partitions one group reads
using HandlerIndex = TypedIndex<struct HandlerTag>;   // processing slots of all groups
using ProducerIndex = TypedIndex<struct ProducerTag>; // producer nodes
using TopicIndex = TypedIndex<struct TopicTag>;       // topic nodes
using QueueIndex = TypedIndex<struct QueueTag>;       // queue nodes
using FaultIndex = TypedIndex<struct FaultTag>;       // faults scheduled in one run

} // namespace eventbench::sim
