#include "ui/charts/MetricChart.h"

#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "ui/live/RunData.h"

namespace eventbench::ui {

namespace {

// A "nice" upper bound whose quarters are round too (the y axis has four intervals), so the
// axis neither jitters nor shows 0.666667.
double niceCeil(double v) {
    if (v <= 0)
        return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 4.0, 6.0, 8.0, 10.0})
        if (m * p >= v)
            return m * p;
    return 10 * p;
}

const QColor kPalette[] = {QColor(0x1e, 0x88, 0xe5), QColor(0xe5, 0x39, 0x35),
                           QColor(0x43, 0xa0, 0x47), QColor(0xfb, 0x8c, 0x00),
                           QColor(0x8e, 0x24, 0xaa), QColor(0x00, 0x89, 0x7b),
                           QColor(0x6d, 0x4c, 0x41), QColor(0x54, 0x6e, 0x7a)};

} // namespace

// The chart is handed to the QChartView constructor: setChart() would leave the view's
// default chart behind, unowned.
MetricChart::MetricChart(ChartId id, QWidget *parent) : QChartView(new QChart, parent), m_id(id) {
    QChart *chart = this->chart();
    chart->setTitle(QStringLiteral("%1 (%2)").arg(ChartPlan::title(id), ChartPlan::unit(id)));
    QFont tf = chart->titleFont();
    tf.setPointSizeF(9);
    tf.setBold(true);
    chart->setTitleFont(tf);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont lf = chart->legend()->font();
    lf.setPointSizeF(7.5);
    chart->legend()->setFont(lf);
    m_x = new QValueAxis;
    m_y = new QValueAxis;
    QFont af = m_x->labelsFont();
    af.setPointSizeF(7.5);
    m_x->setLabelsFont(af);
    m_y->setLabelsFont(af);
    m_x->setLabelFormat(QStringLiteral("%g"));
    m_y->setLabelFormat(QStringLiteral("%g"));
    m_x->setTickCount(5);
    m_y->setTickCount(5);
    m_x->setRange(0, 60);
    m_y->setRange(0, 1);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(240, 150);
}

QColor MetricChart::lineColor(int slot) {
    return kPalette[std::size_t(slot) % std::size(kPalette)];
}

void MetricChart::setLines(const QVector<ChartLine> &lines, bool severalNodes) {
    chart()->removeAllSeries(); // deletes them
    m_state.clear();
    m_state.resize(std::size_t(lines.size()));
    m_lines = lines;
    chart()->setTitle(QStringLiteral("%1 (%2)").arg(
        severalNodes ? ChartPlan::severalNodesTitle(m_id) : ChartPlan::title(m_id),
        ChartPlan::unit(m_id)));
    for (int i = 0; i < m_lines.size(); ++i) {
        const ChartLine &line = m_lines[i];
        auto *s = new QLineSeries;
        s->setName(severalNodes ? line.label : line.shortLabel);
        s->setObjectName(line.node + QLatin1Char('/') + line.metric);
        QPen pen(lineColor(severalNodes ? line.nodeSlot : i), 1);
        const bool secondOfNode = i > 0 && m_lines[i - 1].node == line.node;
        if (severalNodes && secondOfNode)
            pen.setStyle(Qt::DashLine);
        pen.setCosmetic(true);
        s->setPen(pen);
        chart()->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
        m_state[std::size_t(i)].series = s;
    }
    // With several nodes the legend would not fit: the panel's caption names the colours.
    chart()->legend()->setVisible(!m_lines.isEmpty() && !severalNodes);
}

void MetricChart::refresh(const RunData &data) {
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
    // Grow the time axis in steps so it does not rescale on every sample.
    m_x->setRange(0, std::min(end, niceCeil(std::max(shown * 1.1, 10.0))));
    m_y->setRange(0, niceCeil(maxY * 1.05));
}

QLineSeries *MetricChart::series(const QString &node, const QString &metric) const {
    for (int i = 0; i < m_lines.size(); ++i)
        if (m_lines[i].node == node && m_lines[i].metric == metric)
            return m_state[std::size_t(i)].series;
    return nullptr;
}

} // namespace eventbench::ui
