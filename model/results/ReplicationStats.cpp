#include "model/results/ReplicationStats.h"

#include <limits>

#include "model/scenario/ExpectationParser.h"

namespace eventbench::model {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string keyText(const std::string &node, const std::string &metric, const std::string &stat) {
    // '\n' cannot occur in a node id, metric or stat.
    return node + '\n' + metric + '\n' + stat;
}
} // namespace

std::size_t ReplicationStats::indexOf(const std::string &node, const std::string &metric,
                                      const std::string &stat) {
    const auto [it, fresh] = m_index.try_emplace(keyText(node, metric, stat), m_keys.size());
    if (fresh) {
        m_keys.push_back({node, metric, stat});
        m_values.emplace_back(m_count, kNaN); // missing in the replications before this one
    }
    return it->second;
}

void ReplicationStats::add(const RunReport &report) {
    for (auto &v : m_values)
        v.push_back(kNaN);
    ++m_count;
    auto put = [&](const std::string &node, const std::string &metric, const std::string &stat,
                   double value) { m_values[indexOf(node, metric, stat)].back() = value; };
    for (const auto &row : report.summary)
        put(row.node, row.metric, row.stat, row.value);
    put("run", "events", "value", static_cast<double>(report.eventCount));
    put("run", "messages", "value", static_cast<double>(report.messages));
}

std::vector<ReplicationFigure> ReplicationStats::figures(double level) const {
    std::vector<ReplicationFigure> out;
    out.reserve(m_keys.size());
    for (std::size_t i = 0; i < m_keys.size(); ++i)
        out.push_back({m_keys[i].node, m_keys[i].metric, m_keys[i].stat,
                       ConfidenceInterval::of(m_values[i], level)});
    return out;
}

ConfidenceInterval ReplicationStats::figure(const std::string &node, const std::string &metric,
                                            const std::string &stat, double level) const {
    const auto it = m_index.find(keyText(node, metric, stat));
    if (it == m_index.end())
        return ConfidenceInterval::of({});
    return ConfidenceInterval::of(m_values[it->second], level);
}

std::vector<RunReport::ExpectationResult>
ReplicationStats::judge(const Scenario &scenario, bool pessimistic, double level) const {
    // The same judge as a single run (evaluateExpectations), on a summary of means, of lower
    // bounds or of upper bounds.
    RunReport mean, low, high;
    for (const auto &f : figures(level)) {
        mean.summary.push_back({f.node, f.metric, f.stat, f.ci.mean});
        low.summary.push_back({f.node, f.metric, f.stat, f.ci.low});
        high.summary.push_back({f.node, f.metric, f.stat, f.ci.high});
    }
    evaluateExpectations(scenario, mean);
    if (!pessimistic)
        return mean.expectations;
    evaluateExpectations(scenario, low);
    evaluateExpectations(scenario, high);
    std::vector<RunReport::ExpectationResult> out;
    for (std::size_t i = 0; i < scenario.expectations.size(); ++i) {
        switch (scenario.expectations[i].op) {
        case Expectation::Op::Less:
        case Expectation::Op::LessEq:
            out.push_back(high.expectations[i]);
            break;
        case Expectation::Op::Greater:
        case Expectation::Op::GreaterEq:
            out.push_back(low.expectations[i]);
            break;
        case Expectation::Op::Equal:
        case Expectation::Op::NotEqual:
            out.push_back(mean.expectations[i]);
            break;
        }
    }
    return out;
}

} // namespace eventbench::model
