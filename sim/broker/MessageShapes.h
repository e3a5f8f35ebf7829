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
    std::uint32_t intern(const Message &m) {
        const Shape s = shapeOf(m);
        // A log mostly holds one producer's messages: the last shape usually matches.
        if (!m_shapes.empty() && m_shapes[m_last] == s)
            return m_last;
        return internNew(s);
    }
    /// Sets m's shared fields from shape `id`.
    void apply(std::uint32_t id, Message &m) const {
        const Shape &s = m_shapes[id];
        m.eventType = s.eventType;
        m.attributes = s.attributes;
        m.routingKey = s.routingKey;
        m.schemaVersion = static_cast<std::uint16_t>(s.schemaVersion);
    }
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
    std::uint32_t internNew(const Shape &s);

    std::vector<Shape> m_shapes;
    std::unordered_map<Shape, std::uint32_t, ShapeHash> m_ids;
    std::uint32_t m_last = 0; // the last id interned (valid when m_shapes is not empty)
};

} // namespace eventbench::sim
