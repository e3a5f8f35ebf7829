#include "model/topology/LayeredLayout.h"

#include <algorithm>
#include <set>

#include <boost/graph/depth_first_search.hpp>
#include <boost/property_map/property_map.hpp>

namespace eventbench::model {

namespace {

using Vertex = TopologyGraph::Vertex;
using EdgeDesc = TopologyGraph::EdgeDesc;

// Records the edges that close a cycle and the order in which vertices finish.
struct CycleBreaker : boost::default_dfs_visitor {
    std::vector<EdgeDesc> *back = nullptr;
    std::vector<Vertex> *finished = nullptr;
    void back_edge(EdgeDesc e, const TopologyBoostGraph &) const { back->push_back(e); }
    void finish_vertex(Vertex v, const TopologyBoostGraph &) const { finished->push_back(v); }
};

// The layered graph used for ordering: real vertices first, then one dummy per column that a
// long edge passes through, so that long edges take part in crossing reduction.
class Ordering {
  public:
    Ordering(std::size_t realCount, const std::vector<int> &rank,
             const std::set<std::pair<std::size_t, std::size_t>> &links)
        : m_real(realCount) {
        int maxRank = 0;
        for (int r : rank)
            maxRank = std::max(maxRank, r);
        m_layers.resize(static_cast<std::size_t>(maxRank) + 1);
        for (std::size_t v = 0; v < realCount; ++v)
            add(rank[v]);
        for (auto [from, to] : links) {
            std::size_t prev = from;
            for (int r = rank[from] + 1; r < rank[to]; ++r) {
                const std::size_t dummy = add(r);
                connect(prev, dummy);
                prev = dummy;
            }
            connect(prev, to);
        }
    }

    void reduceCrossings() {
        auto best = m_layers;
        int bestCount = crossings();
        for (int pass = 0; pass < 8 && bestCount > 0; ++pass) {
            for (int down = 1; down >= 0; --down) {
                const int last = static_cast<int>(m_layers.size()) - 1;
                for (int k = 1; k <= last; ++k)
                    sortByBarycentre(static_cast<std::size_t>(down ? k : last - k), down);
                transpose();
                const int count = crossings();
                if (count < bestCount) {
                    bestCount = count;
                    best = m_layers;
                }
            }
        }
        m_layers = best;
        place();
    }

    int crossings() const {
        int total = 0;
        for (std::size_t r = 0; r + 1 < m_layers.size(); ++r) {
            std::vector<std::pair<std::size_t, std::size_t>> spans;
            for (std::size_t u : m_layers[r])
                for (std::size_t w : m_down[u])
                    spans.emplace_back(m_pos[u], m_pos[w]);
            for (std::size_t i = 0; i < spans.size(); ++i)
                for (std::size_t j = i + 1; j < spans.size(); ++j)
                    total +=
                        (spans[i].first < spans[j].first && spans[i].second > spans[j].second) ||
                        (spans[i].first > spans[j].first && spans[i].second < spans[j].second);
        }
        return total;
    }

    // Each column's real vertices, top to bottom.
    std::vector<std::vector<std::size_t>> realLayers() const {
        std::vector<std::vector<std::size_t>> out(m_layers.size());
        for (std::size_t r = 0; r < m_layers.size(); ++r)
            for (std::size_t v : m_layers[r])
                if (v < m_real)
                    out[r].push_back(v);
        return out;
    }

  private:
    std::size_t add(int rank) {
        const std::size_t id = m_up.size();
        m_up.emplace_back();
        m_down.emplace_back();
        m_pos.push_back(m_layers[static_cast<std::size_t>(rank)].size());
        m_layers[static_cast<std::size_t>(rank)].push_back(id);
        return id;
    }
    void connect(std::size_t from, std::size_t to) {
        m_down[from].push_back(to);
        m_up[to].push_back(from);
    }
    void place() {
        for (const auto &layer : m_layers)
            for (std::size_t i = 0; i < layer.size(); ++i)
                m_pos[layer[i]] = i;
    }

    // Orders one column by the mean position of its neighbours in the column before it
    // (down) or after it (up); a vertex without such neighbours keeps its place.
    void sortByBarycentre(std::size_t r, bool down) {
        auto &layer = m_layers[r];
        std::vector<double> key(m_pos.size(), 0);
        for (std::size_t v : layer) {
            const auto &near = down ? m_up[v] : m_down[v];
            double sum = 0;
            for (std::size_t w : near)
                sum += static_cast<double>(m_pos[w]);
            key[v] = near.empty() ? static_cast<double>(m_pos[v])
                                  : sum / static_cast<double>(near.size());
        }
        std::stable_sort(layer.begin(), layer.end(),
                         [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
        place();
    }

    // Crossings among the edges of u and v (u left of v) with both neighbouring columns.
    int pairCrossings(std::size_t u, std::size_t v) const {
        int count = 0;
        for (const auto *side : {&m_up, &m_down})
            for (std::size_t a : (*side)[u])
                for (std::size_t b : (*side)[v])
                    count += m_pos[a] > m_pos[b];
        return count;
    }

    // Swaps neighbours while that strictly lowers the crossings.
    void transpose() {
        for (auto &layer : m_layers) {
            bool improved = true;
            for (std::size_t round = 0; improved && round <= layer.size(); ++round) {
                improved = false;
                for (std::size_t i = 0; i + 1 < layer.size(); ++i) {
                    const std::size_t u = layer[i];
                    const std::size_t v = layer[i + 1];
                    if (pairCrossings(v, u) < pairCrossings(u, v)) {
                        std::swap(layer[i], layer[i + 1]);
                        m_pos[u] = i + 1;
                        m_pos[v] = i;
                        improved = true;
                    }
                }
            }
        }
    }

    std::size_t m_real;
    std::vector<std::vector<std::size_t>> m_up, m_down; // neighbours one column left/right
    std::vector<std::size_t> m_pos;                     // index within its column
    std::vector<std::vector<std::size_t>> m_layers;
};

} // namespace

LayerAssignment assignLayers(const TopologyGraph &g) {
    const auto &graph = g.graph();
    const std::size_t n = boost::num_vertices(graph);
    LayerAssignment out;
    out.rank.assign(n, 0);
    if (n == 0)
        return out;

    // Depth-first from the producers, then from other nodes without inputs, then from
    // whatever is left (cycles nothing leads into), each group in file order.
    std::vector<char> hasInput(n, 0);
    for (auto [it, end] = boost::edges(graph); it != end; ++it)
        if (boost::source(*it, graph) != boost::target(*it, graph))
            hasInput[boost::target(*it, graph)] = 1;
    std::vector<Vertex> roots;
    for (Vertex v = 0; v < n; ++v)
        if (graph[v].kind == NodeKind::Producer)
            roots.push_back(v);
    for (Vertex v = 0; v < n; ++v)
        if (graph[v].kind != NodeKind::Producer && !hasInput[v])
            roots.push_back(v);
    for (Vertex v = 0; v < n; ++v)
        roots.push_back(v);
    std::vector<Vertex> finished;
    CycleBreaker visitor;
    visitor.back = &out.reversed;
    visitor.finished = &finished;
    std::vector<boost::default_color_type> colors(n, boost::white_color);
    auto colorMap =
        boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, graph));
    for (Vertex root : roots)
        if (colors[root] == boost::white_color)
            boost::depth_first_visit(graph, root, visitor, colorMap);

    // Back edges turn round (a self-loop drops out), so every link points forward in the
    // reverse finishing order; ranks are longest paths along it.
    std::set<std::pair<std::size_t, std::size_t>> links;
    std::set<std::pair<std::size_t, std::size_t>> back;
    for (EdgeDesc e : out.reversed)
        back.emplace(boost::source(e, graph), boost::target(e, graph));
    for (auto [it, end] = boost::edges(graph); it != end; ++it) {
        const std::size_t u = boost::source(*it, graph);
        const std::size_t v = boost::target(*it, graph);
        if (u == v)
            continue;
        if (back.count({u, v}))
            links.emplace(v, u);
        else
            links.emplace(u, v);
    }
    std::vector<std::vector<std::size_t>> next(n);
    for (auto [u, v] : links)
        next[u].push_back(v);
    for (auto it = finished.rbegin(); it != finished.rend(); ++it)
        for (std::size_t v : next[*it])
            out.rank[v] = std::max(out.rank[v], out.rank[*it] + 1);

    Ordering ordering(n, out.rank, links);
    ordering.reduceCrossings();
    out.layers = ordering.realLayers();
    out.crossings = ordering.crossings();
    return out;
}

std::map<std::string, std::pair<double, double>> layeredLayout(const TopologyGraph &g,
                                                               double columnGap, double rowGap) {
    const LayerAssignment layers = assignLayers(g);
    std::map<std::string, std::pair<double, double>> out;
    for (std::size_t r = 0; r < layers.layers.size(); ++r) {
        const auto &column = layers.layers[r];
        const double middle = (static_cast<double>(column.size()) - 1) / 2;
        for (std::size_t i = 0; i < column.size(); ++i) {
            const std::string &id = g.node(column[i]).id;
            // Of duplicate ids (an error of their own) the first node gives the position.
            if (g.vertexOf(id) == column[i])
                out[id] = {static_cast<double>(r) * columnGap,
                           (static_cast<double>(i) - middle) * rowGap};
        }
    }
    return out;
}

} // namespace eventbench::model
