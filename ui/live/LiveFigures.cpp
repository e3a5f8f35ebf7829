#include "ui/live/LiveFigures.h"

#include <cmath>

#include "model/catalogue/MetricCatalogue.h"
#include "ui/live/RunData.h"

namespace eventbench::ui {

using model::NodeKind;

namespace {

// The last interval's per-second rate of a node's inflow or outflow counter; -1 if unknown.
double lastRate(const RunData &data, const std::string &node, NodeKind kind, std::uint8_t flow) {
    const model::MetricDef *m = model::metricWithRole(kind, flow);
    const int s = m ? data.seriesIndex(node, m->name) : -1;
    if (s < 0 || data.values(s).empty())
        return -1;
    return data.last(s) / data.sampleEverySeconds();
}

} // namespace

QString LiveFigures::compact(double v) {
    const double a = std::abs(v);
    if (a >= 1e9)
        return QString::number(v / 1e9, 'f', 1) + QLatin1Char('G');
    if (a >= 1e6)
        return QString::number(v / 1e6, 'f', 1) + QLatin1Char('M');
    if (a >= 1e4)
        return QString::number(v / 1e3, 'f', 0) + QLatin1Char('k');
    if (a >= 1e3)
        return QString::number(v / 1e3, 'f', 1) + QLatin1Char('k');
    if (a >= 10 || v == std::floor(v))
        return QString::number(v, 'f', 0);
    return QString::number(v, 'f', 1);
}

QHash<QString, QString> LiveFigures::badges(const model::Scenario &scenario, const RunData &data) {
    QHash<QString, QString> out;
    if (data.sampleCount() == 0)
        return out;
    // A counter shows as a rate (`350/s`), a gauge with its name (`lag 1.2k`).
    for (const auto &node : scenario.nodes) {
        const model::MetricDef *key = model::metricWithRole(node.kind, model::MetricRole::Badge);
        const int s = key ? data.seriesIndex(node.id, key->name) : -1;
        if (s < 0)
            continue;
        const bool rate = key->type == model::MetricType::Counter;
        const double v = rate ? data.last(s) / data.sampleEverySeconds() : data.last(s);
        out.insert(QString::fromStdString(node.id),
                   rate ? compact(v) + QStringLiteral("/s")
                        : QString::fromLatin1(key->name) + QLatin1Char(' ') + compact(v));
    }
    return out;
}

QVector<double> LiveFigures::edgeRates(const model::Scenario &scenario, const RunData &data) {
    QVector<double> out;
    if (data.sampleCount() == 0)
        return out;
    for (const auto &e : scenario.edges) {
        const model::Node *from = scenario.findNode(e.from);
        const model::Node *to = scenario.findNode(e.to);
        double rate = -1;
        if (from && to) {
            using R = model::MetricRole;
            if (from->kind == NodeKind::Producer)
                rate = lastRate(data, e.from, from->kind, R::Outflow);
            else if (to->kind == NodeKind::Consumer)
                rate = lastRate(data, e.to, to->kind, R::Inflow);
            else if (from->kind == NodeKind::Consumer) {
                const double processed = lastRate(data, e.from, from->kind, R::Outflow);
                rate = processed < 0 ? -1 : processed * e.ratio;
            } else
                rate = lastRate(data, e.to, to->kind, R::Inflow);
        }
        out.append(rate);
    }
    return out;
}

} // namespace eventbench::ui
