#pragma once
// Interns what many messages share (event type, attribute set, routing key, schema version)
// as one small shape id, so that stored records stay compact (ARCHITECTURE: compact records,
// strings interned). Owned by one PartitionLog; single-threaded.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "sim/broker/Message.h"

namespace eventbench::sim {

class MessageShapes {
  public:
    /// Shape ids are below this bound (they share a 32-bit field with 3 flag bits).
    static constexpr std::uint32_t kMaxShapes = std::uint32_t{1} << 29;

    /// The id of m's shape, added on first sight.
    std::uint32_t intern(const Message &m);
    /// Sets m's shared fields from shape `id`.
    void apply(std::uint32_t id, Message &m) const;
    std::size_t size() const { return m_shapes.size(); }

  private:
    struct Shape {
        std::uint32_t eventType;
        std::uint32_t attributes;
        std::uint32_t routingKey;
        std::uint32_t schemaVersion;
        bool operator==(const Shape &) const = default;
    };
    struct ShapeHash {
        std::size_t operator()(const Shape &s) const;
    };
    static Shape shapeOf(const Message &m) {
        return {m.eventType, m.attributes, m.routingKey, m.schemaVersion};
    }

    std::vector<Shape> m_shapes;
    std::unordered_map<Shape, std::uint32_t, ShapeHash> m_ids;
    std::uint32_t m_last = 0; // the last id interned (valid when m_shapes is not empty)
};

} // namespace eventbench::sim
