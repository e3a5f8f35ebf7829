#include "ui/charts/ChartPlan.h"

#include "model/scenario/ExpectationParser.h"
#include "ui/live/RunData.h"

namespace eventbench::ui {

using model::NodeKind;

namespace {

// Every line of a chart is shown the same way.
Transform transformOf(ChartId chart) {
    switch (chart) {
    case ChartId::Throughput:
    case ChartId::Errors:
        return Transform::Rate;
    case ChartId::DeadLetters:
        return Transform::Cumulative;
    case ChartId::Latency:
        return Transform::Millis;
    case ChartId::Lag:
    case ChartId::LagTime:
    case ChartId::None:
        break;
    }
    return Transform::Raw;
}

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
    case ChartId::None:
        break;
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
    case ChartId::None:
        break;
    }
    return {};
}

QVector<ChartLine> ChartPlan::linesFor(const QString &node, NodeKind kind, const RunData &data) {
    // Within a chart the lines follow the report order; a latency has one series per
    // statistic (latency, latency_p50, ...), of which p99 stays when several nodes share it.
    QVector<ChartLine> out;
    const std::string id = node.toStdString();
    for (const model::MetricDef &m : model::metricsOf(kind)) {
        if (m.chart == ChartId::None)
            continue;
        const std::vector<std::string> names = model::seriesNamesOf(m);
        for (std::size_t v = 0; v < names.size(); ++v) {
            const int series = data.seriesIndex(id, names[v]);
            if (series < 0)
                continue;
            const bool latency = m.type == model::MetricType::Latency;
            const auto stat = latency ? model::latencySeriesStats()[v] : model::Expectation::Stat{};
            const QString label =
                QString::fromStdString(latency ? model::statName(stat) : model::chartLabel(m));
            out.append({m.chart, node, QString::fromStdString(names[v]), transformOf(m.chart),
                        QStringLiteral("%1 %2").arg(node, label), label, series,
                        m.hasRole(model::MetricRole::ChartKey) &&
                            (!latency || stat == model::kLatencyChartKey)});
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
