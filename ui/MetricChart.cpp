#include "MetricChart.h"

#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "Downsampler.h"
#include "RunData.h"

namespace eventbench::ui {

namespace {

// A "nice" upper bound (1, 2 or 5 times a power of ten) so the axis does not jitter.
double niceCeil(double v) {
    if (v <= 0)
        return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * p >= v)
            return m * p;
    return 10 * p;
}

const QColor kPalette[] = {QColor(0x1e, 0x88, 0xe5), QColor(0xe5, 0x39, 0x35),
                           QColor(0x43, 0xa0, 0x47), QColor(0xfb, 0x8c, 0x00),
                           QColor(0x8e, 0x24, 0xaa), QColor(0x00, 0x89, 0x7b),
                           QColor(0x6d, 0x4c, 0x41), QColor(0x54, 0x6e, 0x7a)};

} // namespace

MetricChart::MetricChart(ChartId id, QWidget *parent) : QChartView(parent), m_id(id) {
    auto *chart = new QChart;
    chart->setTitle(QStringLiteral("%1 (%2)").arg(ChartPlan::title(id), ChartPlan::unit(id)));
    QFont tf = chart->titleFont();
    tf.setPointSizeF(9);
    tf.setBold(true);
    chart->setTitleFont(tf);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignRight);
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
    m_y->setTickCount(4);
    m_x->setRange(0, 60);
    m_y->setRange(0, 1);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(240, 150);
}

void MetricChart::setLines(const QVector<ChartLine> &lines) {
    chart()->removeAllSeries(); // deletes them
    m_series.clear();
    m_lines = lines;
    for (int i = 0; i < m_lines.size(); ++i) {
        auto *s = new QLineSeries;
        s->setName(m_lines[i].label);
        s->setObjectName(m_lines[i].node + QLatin1Char('/') + m_lines[i].metric);
        QPen pen(kPalette[i % std::size(kPalette)], 1.6);
        s->setPen(pen);
        chart()->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
        m_series.append(s);
    }
    chart()->legend()->setVisible(!m_lines.isEmpty());
}

void MetricChart::refresh(const RunData &data) {
    const auto &times = data.times();
    const double dt = data.sampleEverySeconds();
    double maxY = 0;
    for (int i = 0; i < m_lines.size(); ++i) {
        const ChartLine &line = m_lines[i];
        QList<QPointF> points;
        if (line.series >= 0 && std::size_t(line.series) < data.seriesCount()) {
            const auto &values = data.values(line.series);
            const std::size_t n = std::min(times.size(), values.size());
            points.reserve(qsizetype(n));
            double cumulative = 0;
            for (std::size_t k = 0; k < n; ++k) {
                const double y = ChartPlan::apply(line.transform, values[k], dt, cumulative);
                if (line.transform == Transform::Cumulative)
                    cumulative = y;
                if (std::isfinite(y)) {
                    points.append(QPointF(times[k], y));
                    maxY = std::max(maxY, y);
                }
            }
        }
        m_series[i]->replace(Downsampler::lttb(points, kMaxPoints));
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
            return m_series[i];
    return nullptr;
}

} // namespace eventbench::ui
