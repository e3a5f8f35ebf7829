#include "Layout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace eventbench::ui {

namespace {

// Directed links that shape the picture: edges plus the dead-letter and unroutable targets,
// so that a dead-letter queue sits to the right of the node that feeds it.
std::vector<std::pair<int, int>> links(const model::Scenario &s,
                                       const std::map<std::string, int> &index) {
    std::vector<std::pair<int, int>> out;
    auto add = [&](const std::string &from, const std::string &to) {
        auto a = index.find(from);
        auto b = index.find(to);
        if (a != index.end() && b != index.end() && a->second != b->second)
            out.emplace_back(a->second, b->second);
    };
    for (const auto &e : s.edges)
        add(e.from, e.to);
    for (const auto &n : s.nodes) {
        if (n.kind == model::NodeKind::Consumer && !n.consumer.deadLetter.empty())
            add(n.id, n.consumer.deadLetter);
        if (n.kind == model::NodeKind::Queue && !n.queue.deadLetter.empty())
            add(n.id, n.queue.deadLetter);
        if (n.kind == model::NodeKind::Exchange && !n.exchange.unroutable.empty())
            add(n.id, n.exchange.unroutable);
    }
    return out;
}

} // namespace

std::map<std::string, std::pair<double, double>> Layout::compute(const model::Scenario &s) {
    const int n = int(s.nodes.size());
    std::map<std::string, int> index;
    for (int i = 0; i < n; ++i)
        index[s.nodes[i].id] = i;
    const auto ls = links(s, index);

    // Longest path by relaxation; at most n rounds so that a cycle cannot loop forever.
    std::vector<int> rank(n, 0);
    for (int round = 0; round < n; ++round) {
        bool changed = false;
        for (auto [a, b] : ls) {
            if (rank[b] < rank[a] + 1 && rank[a] + 1 < n) {
                rank[b] = rank[a] + 1;
                changed = true;
            }
        }
        if (!changed)
            break;
    }
    // Producers always start the picture, even when something links into them.
    for (int i = 0; i < n; ++i)
        if (s.nodes[i].kind == model::NodeKind::Producer)
            rank[i] = 0;

    int maxRank = 0;
    for (int r : rank)
        maxRank = std::max(maxRank, r);
    std::vector<std::vector<int>> columns(maxRank + 1);
    for (int i = 0; i < n; ++i)
        columns[rank[i]].push_back(i);

    // Order each column by the mean row of its predecessors (one barycentre pass), which
    // keeps most edges from crossing; file order breaks ties.
    std::vector<double> row(n, 0);
    for (int c = 0; c <= maxRank; ++c) {
        auto &col = columns[c];
        std::vector<double> key(n, std::numeric_limits<double>::max());
        for (int i : col) {
            double sum = 0;
            int count = 0;
            for (auto [a, b] : ls)
                if (b == i && rank[a] < c) {
                    sum += row[a];
                    ++count;
                }
            key[i] = count ? sum / count : (c == 0 ? double(i) : 1e6 + double(i));
        }
        std::stable_sort(col.begin(), col.end(), [&](int x, int y) { return key[x] < key[y]; });
        for (std::size_t k = 0; k < col.size(); ++k)
            row[col[k]] = double(k) - double(col.size() - 1) / 2.0;
    }

    std::map<std::string, std::pair<double, double>> out;
    for (int i = 0; i < n; ++i)
        out[s.nodes[i].id] = {std::round(rank[i] * kColumnGap), std::round(row[i] * kRowGap)};
    return out;
}

bool Layout::placeMissing(model::Scenario &s) {
    bool anyMissing = false;
    bool anyPlaced = false;
    double maxY = -std::numeric_limits<double>::max();
    for (const auto &node : s.nodes) {
        if (node.pos)
            maxY = std::max(maxY, node.pos->second), anyPlaced = true;
        else
            anyMissing = true;
    }
    if (!anyMissing)
        return false;
    const auto pos = compute(s);
    double minLayoutY = 0;
    for (const auto &[id, p] : pos)
        minLayoutY = std::min(minLayoutY, p.second);
    // Nodes placed by hand stay; the rest go below them, in layout order.
    const double shift = anyPlaced ? std::round(maxY + kRowGap - minLayoutY) : 0;
    for (auto &node : s.nodes)
        if (!node.pos) {
            const auto &p = pos.at(node.id);
            node.pos = std::make_pair(p.first, p.second + shift);
        }
    return true;
}

void Layout::layoutAll(model::Scenario &s) {
    const auto pos = compute(s);
    for (auto &node : s.nodes)
        node.pos = pos.at(node.id);
}

} // namespace eventbench::ui
