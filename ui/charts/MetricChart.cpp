#include "ui/charts/MetricChart.h"

#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "ui/charts/NodePalette.h"
#include "ui/live/RunData.h"

namespace eventbench::ui {

namespace {

// A round end for the growing time axis, so that it does not rescale on every sample.
double niceCeil(double v) {
    if (v <= 0)
        return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 4.0, 6.0, 8.0, 10.0})
        if (m * p >= v)
            return m * p;
    return 10 * p;
}

} // namespace

std::size_t nearestSample(const std::vector<double> &times, double t) {
    const auto it = std::lower_bound(times.begin(), times.end(), t);
    if (it == times.end())
        return times.size() - 1;
    std::size_t k = std::size_t(it - times.begin());
    if (k > 0 && t - times[k - 1] < times[k] - t)
        --k;
    return k;
}

double lineValueAt(const ChartLine &line, const RunData &data, int series, std::size_t k) {
    const auto &values = data.values(series);
    const double dt = data.sampleEverySeconds();
    if (line.transform != Transform::Cumulative)
        return k < values.size() ? ChartPlan::apply(line.transform, values[k], dt, 0) : NAN;
    double total = 0;
    for (std::size_t i = 0; i <= k && i < values.size(); ++i)
        total = ChartPlan::apply(Transform::Cumulative, values[i], dt, total);
    return total;
}

QPen linePen(const QString &node, int index, int run) {
    // The node's colour on every line; alone, its lines differ by dash; in a comparison run A
    // is solid and run B dashed.
    static const Qt::PenStyle kStyles[] = {Qt::SolidLine, Qt::DotLine, Qt::DashDotDotLine,
                                           Qt::DashLine};
    QPen pen(NodePalette::colour(node), 1.6);
    pen.setStyle(run == 0 ? Qt::SolidLine : run == 1 ? Qt::DashLine : kStyles[index % 4]);
    pen.setCosmetic(true);
    return pen;
}

MetricChart::MetricChart(ChartId id, QWidget *parent) : PlotView(parent), m_id(id) {
    setTitleAndUnit(ChartPlan::title(id), ChartPlan::unit(id));
    setDataRange(0, 60, 0);
}

void MetricChart::setLines(const QVector<ChartLine> &lines, bool severalNodes) {
    chart()->removeAllSeries(); // deletes them
    m_state.clear();
    m_state.resize(std::size_t(lines.size()));
    m_lines = lines;
    setTitleAndUnit(severalNodes ? ChartPlan::severalNodesTitle(m_id) : ChartPlan::title(m_id),
                    ChartPlan::unit(m_id));
    QVector<LegendStrip::Entry> legend;
    for (int i = 0; i < m_lines.size(); ++i) {
        const ChartLine &line = m_lines[i];
        const int ofNode =
            int(std::count_if(m_lines.begin(), m_lines.begin() + i,
                              [&](const ChartLine &l) { return l.node == line.node; }));
        auto *s = new QLineSeries;
        s->setName(severalNodes ? line.label : line.shortLabel);
        s->setObjectName(line.node + QLatin1Char('/') + line.metric);
        const QPen pen = linePen(line.node, ofNode);
        s->setPen(pen);
        chart()->addSeries(s);
        s->attachAxis(xAxis());
        s->attachAxis(yAxis());
        m_state[std::size_t(i)].series = s;
        legend.append({s->name(), pen.color(), pen.style() != Qt::SolidLine});
    }
    setLegend(legend);
}

void MetricChart::refresh(const RunData &data) {
    m_data = &data;
    if (data.generation() != m_generation) {
        m_generation = data.generation();
        for (LineState &st : m_state) {
            st.points.clear();
            st.folded = 0;
            st.cumulative = 0;
            st.maxY = 0;
        }
    }
    const auto &times = data.times();
    const double dt = data.sampleEverySeconds();
    double maxY = 0;
    for (int i = 0; i < m_lines.size(); ++i) {
        const ChartLine &line = m_lines[i];
        LineState &st = m_state[std::size_t(i)];
        if (line.series >= 0 && std::size_t(line.series) < data.seriesCount()) {
            const auto &values = data.values(line.series);
            const std::size_t n = std::min(times.size(), values.size());
            if (n > st.folded) {
                for (std::size_t k = st.folded; k < n; ++k) {
                    const double y = ChartPlan::apply(line.transform, values[k], dt, st.cumulative);
                    if (line.transform == Transform::Cumulative)
                        st.cumulative = y;
                    // A latency with no completion in an interval is NaN: a gap, not a zero.
                    if (std::isfinite(y)) {
                        st.points.append(times[k], y);
                        st.maxY = std::max(st.maxY, y);
                    }
                }
                st.folded = n;
                st.series->replace(st.points.points());
            }
        }
        maxY = std::max(maxY, st.maxY);
    }
    const double end = data.endTime() > 0 ? double(data.endTime()) / 1e9 : 60;
    const double shown = times.empty() ? 0 : times.back();
    setDataRange(0, std::min(end, niceCeil(std::max(shown * 1.1, 10.0))), maxY);
}

QLineSeries *MetricChart::series(const QString &node, const QString &metric) const {
    for (int i = 0; i < m_lines.size(); ++i)
        if (m_lines[i].node == node && m_lines[i].metric == metric)
            return m_state[std::size_t(i)].series;
    return nullptr;
}

QVector<PlotView::Reading> MetricChart::readingsAt(double time) const {
    QVector<Reading> out;
    if (!m_data || m_data->times().empty())
        return out;
    const std::size_t k = nearestSample(m_data->times(), time);
    for (int i = 0; i < m_lines.size(); ++i) {
        const ChartLine &line = m_lines[i];
        if (line.series < 0 || std::size_t(line.series) >= m_data->seriesCount())
            continue;
        const QLineSeries *s = m_state[std::size_t(i)].series;
        out.append({s->name(), s->pen().color(), m_data->times()[k],
                    lineValueAt(line, *m_data, line.series, k)});
    }
    return out;
}

} // namespace eventbench::ui
