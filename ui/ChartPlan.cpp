#include "ChartPlan.h"

#include "RunData.h"

namespace eventbench::ui {

using model::NodeKind;

namespace {

struct Entry {
    ChartId chart;
    NodeKind kind;
    const char *metric;
    Transform transform;
    const char *label; // legend suffix after the node id
};

// The throughput chart shows "in" and "out" where a kind has both (consumer: received and
// processed); latency also matches series named latency_* (per-percentile series).
const Entry kPlan[] = {
    {ChartId::Throughput, NodeKind::Producer, "published", Transform::Rate, "published"},
    {ChartId::Throughput, NodeKind::Topic, "appended", Transform::Rate, "appended"},
    {ChartId::Throughput, NodeKind::Queue, "enqueued", Transform::Rate, "enqueued"},
    {ChartId::Throughput, NodeKind::Exchange, "routed", Transform::Rate, "routed"},
    {ChartId::Throughput, NodeKind::Consumer, "received", Transform::Rate, "in"},
    {ChartId::Throughput, NodeKind::Consumer, "processed", Transform::Rate, "out"},
    {ChartId::Throughput, NodeKind::Store, "writes", Transform::Rate, "writes"},
    {ChartId::Lag, NodeKind::Consumer, "lag", Transform::Raw, "lag"},
    {ChartId::Lag, NodeKind::Queue, "depth", Transform::Raw, "depth"},
    {ChartId::Lag, NodeKind::Queue, "in_flight", Transform::Raw, "in flight"},
    {ChartId::Lag, NodeKind::Producer, "buffered", Transform::Raw, "buffered"},
    {ChartId::LagTime, NodeKind::Consumer, "lag_time", Transform::Raw, "lag time"},
    {ChartId::LagTime, NodeKind::Queue, "oldest_age", Transform::Raw, "oldest age"},
    {ChartId::DeadLetters, NodeKind::Consumer, "dead_lettered", Transform::Cumulative,
     "dead-lettered"},
    {ChartId::DeadLetters, NodeKind::Consumer, "discarded", Transform::Cumulative, "discarded"},
    {ChartId::DeadLetters, NodeKind::Queue, "dead_lettered", Transform::Cumulative,
     "dead-lettered"},
    {ChartId::Errors, NodeKind::Consumer, "failed", Transform::Rate, "failed"},
    {ChartId::Errors, NodeKind::Consumer, "retries", Transform::Rate, "retries"},
    {ChartId::Errors, NodeKind::Consumer, "duplicates", Transform::Rate, "duplicates"},
    {ChartId::Errors, NodeKind::Queue, "redelivered", Transform::Rate, "redelivered"},
    {ChartId::Errors, NodeKind::Producer, "publish_failed", Transform::Rate, "publish failed"},
    {ChartId::Errors, NodeKind::Store, "duplicate_writes", Transform::Rate, "duplicate writes"},
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
                        QString::fromLatin1(e.label), series});
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
                        QStringLiteral("%1 %2").arg(node, label), label, int(i)});
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
