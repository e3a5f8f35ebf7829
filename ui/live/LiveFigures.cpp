#include "ui/live/LiveFigures.h"

#include <cmath>

#include "ui/live/RunData.h"

namespace eventbench::ui {

using model::NodeKind;

namespace {

// The counter (per second) or gauge a node is best summarised by.
struct KeyMetric {
    const char *metric;
    const char *prefix;
    bool rate;
};

KeyMetric keyMetric(NodeKind kind) {
    switch (kind) {
    case NodeKind::Producer:
        return {"published", "", true};
    case NodeKind::Topic:
        return {"appended", "", true};
    case NodeKind::Queue:
        return {"depth", "depth ", false};
    case NodeKind::Exchange:
        return {"routed", "", true};
    case NodeKind::Consumer:
        return {"lag", "lag ", false};
    case NodeKind::Store:
        return {"writes", "", true};
    }
    return {"", "", false};
}

const char *inflowMetric(NodeKind kind) {
    switch (kind) {
    case NodeKind::Topic:
        return "appended";
    case NodeKind::Queue:
        return "enqueued";
    case NodeKind::Exchange:
        return "routed";
    case NodeKind::Consumer:
        return "received";
    case NodeKind::Store:
        return "writes";
    case NodeKind::Producer:
        return "published";
    }
    return "";
}

double lastRate(const RunData &data, const std::string &node, const char *metric) {
    const int s = data.seriesIndex(node, metric);
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
    for (const auto &node : scenario.nodes) {
        const KeyMetric k = keyMetric(node.kind);
        const int s = data.seriesIndex(node.id, k.metric);
        if (s < 0)
            continue;
        const double v = k.rate ? data.last(s) / data.sampleEverySeconds() : data.last(s);
        out.insert(QString::fromStdString(node.id),
                   QString::fromLatin1(k.prefix) + compact(v) + (k.rate ? "/s" : ""));
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
            if (from->kind == NodeKind::Producer)
                rate = lastRate(data, e.from, "published");
            else if (to->kind == NodeKind::Consumer)
                rate = lastRate(data, e.to, "received");
            else if (from->kind == NodeKind::Consumer) {
                const double processed = lastRate(data, e.from, "processed");
                rate = processed < 0 ? -1 : processed * e.ratio;
            } else
                rate = lastRate(data, e.to, inflowMetric(to->kind));
        }
        out.append(rate);
    }
    return out;
}

} // namespace eventbench::ui
