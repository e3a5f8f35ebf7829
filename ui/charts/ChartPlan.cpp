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
    case ChartId::Members:
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
        return QStringLiteral("Dead-lettered and lost, total");
    case ChartId::Errors:
        return QStringLiteral("Failures and duplicates");
    case ChartId::Members:
        return QStringLiteral("Members and breaker");
    case ChartId::None:
        break;
    }
    return {};
}

QString ChartPlan::severalNodesTitle(ChartId chart) {
    switch (chart) {
    case ChartId::Latency:
        return QStringLiteral("Latency p99");
    default:
        return title(chart);
    }
}

QString ChartPlan::unit(ChartId chart) {
    switch (chart) {
    case ChartId::Throughput:
        return QStringLiteral("msg/s");
    case ChartId::Lag:
        return QStringLiteral("msg");
    case ChartId::LagTime:
        return QStringLiteral("s");
    case ChartId::Latency:
        return QStringLiteral("ms");
    case ChartId::DeadLetters:
        return QStringLiteral("msg");
    case ChartId::Errors:
        return QStringLiteral("msg/s");
    case ChartId::Members:
        return QStringLiteral("members");
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

FigureUnit ChartPlan::figureUnit(const QString &metric) {
    const std::string name = metric.toStdString();
    for (const model::MetricDef &m : model::metricCatalogue())
        for (const std::string &series : model::seriesNamesOf(m))
            if (series == name) {
                if (m.type == model::MetricType::Latency)
                    return {unit(ChartId::Latency), 1000.0};
                return {QString::fromLatin1(model::toString(m.unit == model::MetricUnit::Obligations
                                                                ? model::MetricUnit::Messages
                                                                : m.unit)),
                        1.0};
            }
    return {};
}

QVector<FaultBand> ChartPlan::faultBands(const std::vector<model::RunReport::EventRow> &events,
                                         double endSeconds) {
    QVector<FaultBand> out;
    QVector<QPair<QString, int>> open; // node and detail -> index in out
    for (const model::RunReport::EventRow &e : events) {
        const bool applied = e.event == "fault_applied";
        if (!applied && e.event != "fault_reverted")
            continue;
        const QString key = QString::fromStdString(e.node + '\x1f' + e.detail);
        const double t = double(e.time) / 1e9;
        if (applied) {
            const QString kind = QString::fromStdString(e.detail).section(QLatin1Char(' '), 0, 0);
            out.append(
                {t, endSeconds, QStringLiteral("%1 %2").arg(kind, QString::fromStdString(e.node))});
            open.append({key, int(out.size()) - 1});
            continue;
        }
        for (int i = 0; i < open.size(); ++i)
            if (open[i].first == key) {
                out[open[i].second].to = t;
                open.removeAt(i);
                break;
            }
    }
    for (const auto &o : open)
        out[o.second].to = std::max(out[o.second].from, endSeconds);
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
