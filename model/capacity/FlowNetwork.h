#pragma once
// Mean flows of message classes through a network of nodes and links (the capacity model's
// rate, latency and variability propagation). A link carries, per class, `multiplier` times
// what passes its source node, and adds `delay` seconds to their age. Cycles (follow-up loops,
// dead letters going round) are solved by fixed-point iteration; a loop that amplifies is
// capped instead of overflowing. Owned by CapacityModel; plain values.
#include <cstddef>
#include <functional>
#include <vector>

namespace eventbench::model {

class FlowNetwork {
  public:
    FlowNetwork(std::size_t nodes, std::size_t classes);

    std::size_t addLink(std::size_t from, std::size_t to);
    void setMultiplier(std::size_t link, std::size_t cls, double m);
    void setDelay(std::size_t link, std::size_t cls, double seconds);
    /// Messages per second of class `cls` that start at `node` (a producer).
    void setSource(std::size_t node, std::size_t cls, double rate);

    /// Solves the rates: what passes a node is its sources plus its incoming links.
    void solveRates();
    /// Solves the mean age (seconds since origin) of what passes each node, per class.
    void solveLatency();
    /// Solves the squared coefficient of variation of the stream through each node: sources
    /// have `sourceScv[node]`; a link thins or copies its source's outgoing stream
    /// (copiedScv); merged streams average by rate; `outgoing(node, incomingScv)` gives what
    /// leaves a node (e.g. a consumer's departures).
    void solveScv(const std::vector<double> &sourceScv,
                  const std::function<double(std::size_t, double)> &outgoing);

    double rate(std::size_t node, std::size_t cls) const;
    double totalRate(std::size_t node) const;
    double linkRate(std::size_t link, std::size_t cls) const;
    double totalLinkRate(std::size_t link) const;
    double latency(std::size_t node, std::size_t cls) const;
    /// Stream SCV through a node (merged incoming), and carried by a link.
    double scv(std::size_t node) const { return m_scv[node]; }
    double linkScv(std::size_t link) const;
    std::size_t nodeCount() const { return m_nodes; }
    std::size_t linkFrom(std::size_t link) const { return m_links[link].from; }
    std::size_t linkTo(std::size_t link) const { return m_links[link].to; }

  private:
    struct Link {
        std::size_t from, to;
        std::vector<double> multiplier, delay;
    };
    std::size_t index(std::size_t node, std::size_t cls) const { return node * m_classes + cls; }
    int rounds() const;

    std::size_t m_nodes, m_classes;
    std::vector<Link> m_links;
    std::vector<double> m_source, m_rate, m_latency;
    std::vector<double> m_scv, m_outScv;
};

} // namespace eventbench::model
