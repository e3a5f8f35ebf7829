#include "ui/charts/ChartPlan.h"

#include "ui/live/RunData.h"

namespace eventbench::ui {

using model::NodeKind;

namespace {

struct Entry {
    ChartId chart;
    NodeKind kind;
    const char *metric;
    Transform transform;
    const char *label; // legend suffix after the node id
    bool primary;      // the node's key figure on this chart (drawn when nodes are compared)
};

// The throughput chart shows "in" and "out" where a kind has both (consumer: received and
// processed); latency also matches series named latency_* (per-percentile series). When
// several nodes share the charts only the primary lines are drawn (a consumer's errors chart
// keeps two: failures solid, duplicates dashed).
const Entry kPlan[] = {
    {ChartId::Throughput, NodeKind::Producer, "published", Transform::Rate, "published", true},
    {ChartId::Throughput, NodeKind::Topic, "appended", Transform::Rate, "appended", true},
    {ChartId::Throughput, NodeKind::Queue, "enqueued", Transform::Rate, "enqueued", true},
    {ChartId::Throughput, NodeKind::Exchange, "routed", Transform::Rate, "routed", true},
    {ChartId::Throughput, NodeKind::Consumer, "received", Transform::Rate, "in", false},
    {ChartId::Throughput, NodeKind::Consumer, "processed", Transform::Rate, "out", true},
    {ChartId::Throughput, NodeKind::Store, "writes", Transform::Rate, "writes", true},
    {ChartId::Lag, NodeKind::Consumer, "lag", Transform::Raw, "lag", true},
    {ChartId::Lag, NodeKind::Queue, "depth", Transform::Raw, "depth", true},
    {ChartId::Lag, NodeKind::Queue, "in_flight", Transform::Raw, "in flight", false},
    {ChartId::Lag, NodeKind::Producer, "buffered", Transform::Raw, "buffered", true},
    {ChartId::LagTime, NodeKind::Consumer, "lag_time", Transform::Raw, "lag time", true},
    {ChartId::LagTime, NodeKind::Queue, "oldest_age", Transform::Raw, "oldest age", true},
    {ChartId::DeadLetters, NodeKind::Consumer, "dead_lettered", Transform::Cumulative,
     "dead-lettered", true},
    {ChartId::DeadLetters, NodeKind::Consumer, "discarded", Transform::Cumulative, "discarded",
     false},
    {ChartId::DeadLetters, NodeKind::Queue, "dead_lettered", Transform::Cumulative, "dead-lettered",
     true},
    {ChartId::Errors, NodeKind::Consumer, "failed", Transform::Rate, "failed", true},
    {ChartId::Errors, NodeKind::Consumer, "retries", Transform::Rate, "retries", false},
    {ChartId::Errors, NodeKind::Consumer, "duplicates", Transform::Rate, "duplicates", true},
    {ChartId::Errors, NodeKind::Queue, "redelivered", Transform::Rate, "redelivered", true},
    {ChartId::Errors, NodeKind::Producer, "publish_failed", Transform::Rate, "publish failed",
     true},
    {ChartId::Errors, NodeKind::Store, "duplicate_writes", Transform::Rate, "duplicate writes",
     true},
};

} // namespace

QString ChartPlan::title(ChartId chart) {
    switch (chart) {
    case ChartId::Throughput:
        return QStringLiteral("Throughput");
    case ChartId::Lag:
        return QStringLiteral("Lag / depth");
    case ChartId::LagTime:
        return QStringLiteral("Lag time");
    case ChartId::Latency:
        return QStringLiteral("Latency");
    case ChartId::DeadLetters:
        return QStringLiteral("Dead letters (total)");
    case ChartId::Errors:
        return QStringLiteral("Failures and duplicates");
    }
    return {};
}

QString ChartPlan::severalNodesTitle(ChartId chart) {
    switch (chart) {
    case ChartId::Latency:
        return QStringLiteral("Latency p99");
    case ChartId::Errors:
        return QStringLiteral("Failed, duplicates - -");
    default:
        return title(chart);
    }
}

QString ChartPlan::unit(ChartId chart) {
    switch (chart) {
    case ChartId::Throughput:
        return QStringLiteral("msg/s");
    case ChartId::Lag:
        return QStringLiteral("messages");
    case ChartId::LagTime:
        return QStringLiteral("s");
    case ChartId::Latency:
        return QStringLiteral("ms");
    case ChartId::DeadLetters:
        return QStringLiteral("messages");
    case ChartId::Errors:
        return QStringLiteral("msg/s");
    }
    return {};
}

QVector<ChartLine> ChartPlan::linesFor(const QString &node, NodeKind kind, const RunData &data) {
    QVector<ChartLine> out;
    const std::string id = node.toStdString();
    for (const Entry &e : kPlan) {
        if (e.kind != kind)
            continue;
        const int series = data.seriesIndex(id, e.metric);
        if (series >= 0)
            out.append({e.chart, node, QString::fromLatin1(e.metric), e.transform,
                        QStringLiteral("%1 %2").arg(node, QString::fromLatin1(e.label)),
                        QString::fromLatin1(e.label), series, e.primary});
    }
    if (kind == NodeKind::Consumer) {
        // Latency may come as one series or as one per percentile (latency_p50, ...).
        for (std::size_t i = 0; i < data.seriesNames().size(); ++i) {
            const auto &[n, metric] = data.seriesNames()[i];
            if (n != id || metric.rfind("latency", 0) != 0)
                continue;
            QString label = QString::fromStdString(metric);
            label = label == QLatin1String("latency") ? QStringLiteral("mean")
                                                      : label.mid(int(sizeof("latency_")) - 1);
            out.append({ChartId::Latency, node, QString::fromStdString(metric), Transform::Millis,
                        QStringLiteral("%1 %2").arg(node, label), label, int(i),
                        metric == "latency_p99"});
        }
    }
    return out;
}

double ChartPlan::apply(Transform t, double value, double sampleEverySeconds, double cumulative) {
    switch (t) {
    case Transform::Rate:
        return sampleEverySeconds > 0 ? value / sampleEverySeconds : value;
    case Transform::Cumulative:
        return cumulative + value;
    case Transform::Raw:
        return value;
    case Transform::Millis:
        return value * 1000.0;
    }
    return value;
}

} // namespace eventbench::ui
