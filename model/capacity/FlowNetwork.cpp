#include "model/capacity/FlowNetwork.h"

#include <algorithm>
#include <cmath>

#include "model/capacity/QueueingFormulas.h"

namespace eventbench::model {

namespace {
constexpr double kRateCap = 1e15;    // an amplifying loop stops here instead of overflowing
constexpr double kTolerance = 1e-13; // relative change at which an iteration has converged
} // namespace

FlowNetwork::FlowNetwork(std::size_t nodes, std::size_t classes)
    : m_nodes(nodes), m_classes(classes), m_source(nodes * classes, 0.0),
      m_rate(nodes * classes, 0.0), m_latency(nodes * classes, 0.0), m_scv(nodes, 1.0),
      m_outScv(nodes, 1.0) {}

std::size_t FlowNetwork::addLink(std::size_t from, std::size_t to) {
    m_links.push_back(
        {from, to, std::vector<double>(m_classes, 0.0), std::vector<double>(m_classes, 0.0)});
    return m_links.size() - 1;
}

void FlowNetwork::setMultiplier(std::size_t link, std::size_t cls, double m) {
    m_links[link].multiplier[cls] = std::isfinite(m) ? std::max(0.0, m) : 0.0;
}

void FlowNetwork::setDelay(std::size_t link, std::size_t cls, double seconds) {
    m_links[link].delay[cls] = std::isfinite(seconds) ? std::max(0.0, seconds) : 0.0;
}

void FlowNetwork::setSource(std::size_t node, std::size_t cls, double rate) {
    m_source[index(node, cls)] = std::isfinite(rate) ? std::max(0.0, rate) : 0.0;
}

// Without cycles, Jacobi iteration is exact after (longest path + 1) rounds; cycles need more.
int FlowNetwork::rounds() const {
    return static_cast<int>(std::min<std::size_t>(20000, 50 * (m_nodes + 2)));
}

void FlowNetwork::solveRates() {
    m_rate = m_source;
    std::vector<double> next(m_rate.size());
    for (int round = 0; round < rounds(); ++round) {
        next = m_source;
        for (const Link &l : m_links)
            for (std::size_t c = 0; c < m_classes; ++c)
                next[index(l.to, c)] += l.multiplier[c] * m_rate[index(l.from, c)];
        double change = 0;
        for (std::size_t i = 0; i < next.size(); ++i) {
            next[i] = std::min(next[i], kRateCap);
            change = std::max(change, std::abs(next[i] - m_rate[i]) / std::max(1.0, next[i]));
        }
        m_rate.swap(next);
        if (change < kTolerance)
            break;
    }
}

void FlowNetwork::solveLatency() {
    std::fill(m_latency.begin(), m_latency.end(), 0.0);
    std::vector<double> weighted(m_latency.size());
    for (int round = 0; round < rounds(); ++round) {
        std::fill(weighted.begin(), weighted.end(), 0.0);
        for (const Link &l : m_links) {
            for (std::size_t c = 0; c < m_classes; ++c) {
                const double r = l.multiplier[c] * m_rate[index(l.from, c)];
                weighted[index(l.to, c)] += r * (m_latency[index(l.from, c)] + l.delay[c]);
            }
        }
        double change = 0;
        for (std::size_t i = 0; i < weighted.size(); ++i) {
            const double next = m_rate[i] > 0 ? std::min(weighted[i] / m_rate[i], 1e12) : 0.0;
            change = std::max(change, std::abs(next - m_latency[i]) / std::max(1e-9, next));
            m_latency[i] = next;
        }
        if (change < kTolerance)
            break;
    }
}

void FlowNetwork::solveScv(const std::vector<double> &sourceScv,
                           const std::function<double(std::size_t, double)> &outgoing) {
    std::vector<double> sourceTotal(m_nodes, 0.0);
    for (std::size_t n = 0; n < m_nodes; ++n)
        for (std::size_t c = 0; c < m_classes; ++c)
            sourceTotal[n] += m_source[index(n, c)];
    std::fill(m_scv.begin(), m_scv.end(), 1.0);
    for (std::size_t n = 0; n < m_nodes; ++n)
        m_outScv[n] = outgoing(n, m_scv[n]);
    for (int round = 0; round < rounds(); ++round) {
        std::vector<double> sum(m_nodes, 0.0), weight(m_nodes, 0.0);
        for (std::size_t n = 0; n < m_nodes; ++n) {
            sum[n] = sourceTotal[n] * (n < sourceScv.size() ? sourceScv[n] : 1.0);
            weight[n] = sourceTotal[n];
        }
        for (std::size_t l = 0; l < m_links.size(); ++l) {
            const double r = totalLinkRate(l);
            if (r > 0) {
                sum[m_links[l].to] += r * linkScv(l);
                weight[m_links[l].to] += r;
            }
        }
        double change = 0;
        for (std::size_t n = 0; n < m_nodes; ++n) {
            const double next = weight[n] > 0 ? std::min(sum[n] / weight[n], 1e6) : 1.0;
            change = std::max(change, std::abs(next - m_scv[n]));
            m_scv[n] = next;
            m_outScv[n] = outgoing(n, next);
        }
        if (change < 1e-12)
            break;
    }
}

double FlowNetwork::linkScv(std::size_t link) const {
    const Link &l = m_links[link];
    const double through = totalRate(l.from);
    if (!(through > 0))
        return m_outScv[l.from];
    // Each message becomes K copies with mean m; the least variable such K takes the two
    // integers around m.
    const double m = totalLinkRate(link) / through;
    const double fraction = m - std::floor(m);
    return copiedScv(m_outScv[l.from], m, fraction * (1 - fraction));
}

double FlowNetwork::rate(std::size_t node, std::size_t cls) const {
    return m_rate[index(node, cls)];
}

double FlowNetwork::totalRate(std::size_t node) const {
    double sum = 0;
    for (std::size_t c = 0; c < m_classes; ++c)
        sum += m_rate[index(node, c)];
    return sum;
}

double FlowNetwork::linkRate(std::size_t link, std::size_t cls) const {
    const Link &l = m_links[link];
    return l.multiplier[cls] * m_rate[index(l.from, cls)];
}

double FlowNetwork::totalLinkRate(std::size_t link) const {
    double sum = 0;
    for (std::size_t c = 0; c < m_classes; ++c)
        sum += linkRate(link, c);
    return sum;
}

double FlowNetwork::latency(std::size_t node, std::size_t cls) const {
    return m_latency[index(node, cls)];
}

} // namespace eventbench::model
