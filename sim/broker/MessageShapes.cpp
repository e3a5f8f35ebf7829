#include "sim/broker/MessageShapes.h"

#include <cassert>

namespace eventbench::sim {

std::size_t MessageShapes::ShapeHash::operator()(const Shape &s) const {
    std::uint64_t h = (std::uint64_t{s.eventType} << 32 | s.attributes) * 0x9e3779b97f4a7c15ULL;
    h ^= (std::uint64_t{s.routingKey} << 16 | s.schemaVersion) + 0x632be59bd9b4e019ULL + (h >> 29);
    return static_cast<std::size_t>(h * 0xbf58476d1ce4e5b9ULL);
}

std::uint32_t MessageShapes::internNew(const Shape &s) {
    const auto [it, fresh] = m_ids.emplace(s, static_cast<std::uint32_t>(m_shapes.size()));
    if (fresh) {
        assert(m_shapes.size() < kMaxShapes && "MessageShapes: too many distinct shapes");
        m_shapes.push_back(s);
    }
    m_last = it->second;
    return m_last;
}

} // namespace eventbench::sim
