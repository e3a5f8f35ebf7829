#include "ui/charts/OverlayChart.h"

#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "ui/charts/Downsampler.h"
#include "ui/charts/MetricChart.h"
#include "ui/history/StoredRunData.h"

namespace eventbench::ui {

namespace {

/// The plotted points of one series of a run; returns the largest y.
double points(const RunData &data, int series, Transform t, QList<QPointF> *out) {
    Downsampler down(OverlayChart::kMaxPoints);
    double cumulative = 0;
    double maxY = 0;
    const auto &times = data.times();
    const auto &values = data.values(series);
    const double dt = data.sampleEverySeconds();
    for (std::size_t k = 0; k < std::min(times.size(), values.size()); ++k) {
        const double y = ChartPlan::apply(t, values[k], dt, cumulative);
        if (t == Transform::Cumulative)
            cumulative = y;
        if (std::isfinite(y)) { // a NaN latency is a gap, not a zero
            down.append(times[k], y);
            maxY = std::max(maxY, y);
        }
    }
    *out = down.points();
    return maxY;
}

} // namespace

OverlayChart::OverlayChart(ChartId id, QWidget *parent) : PlotView(parent), m_id(id) {
    setTitleAndUnit(ChartPlan::title(id), ChartPlan::unit(id));
}

void OverlayChart::plot(const QVector<QPair<QString, model::NodeKind>> &nodes,
                        const StoredRunData &a, const StoredRunData *b) {
    chart()->removeAllSeries();
    m_plotted.clear();
    QVector<ChartLine> lines;
    for (const auto &[node, kind] : nodes)
        for (const ChartLine &l : ChartPlan::linesFor(node, kind, a.data))
            if (l.chart == m_id && lines.size() < kMaxLines)
                lines.append(l);
    const bool oneNode = std::all_of(lines.begin(), lines.end(),
                                     [&](const ChartLine &l) { return l.node == lines[0].node; });
    double maxY = 0;
    QVector<LegendStrip::Entry> legend;
    auto add = [&](const ChartLine &line, const StoredRunData &run, int series, int which,
                   int ofNode) {
        auto *s = new QLineSeries;
        QString name = oneNode ? line.shortLabel : line.label;
        if (b)
            name += QStringLiteral(" · %1").arg(run.name());
        s->setName(name);
        s->setObjectName(QStringLiteral("%1/%2@%3").arg(line.node, line.metric).arg(which));
        const QPen pen = linePen(line.node, ofNode, b ? which : -1);
        s->setPen(pen);
        QList<QPointF> pts;
        maxY = std::max(maxY, points(run.data, series, line.transform, &pts));
        s->replace(pts);
        chart()->addSeries(s);
        s->attachAxis(xAxis());
        s->attachAxis(yAxis());
        m_plotted.append({line, &run, series, s});
        legend.append({name, pen.color(), pen.style() != Qt::SolidLine});
    };
    for (int i = 0; i < lines.size(); ++i) {
        const int ofNode =
            int(std::count_if(lines.begin(), lines.begin() + i,
                              [&](const ChartLine &l) { return l.node == lines[i].node; }));
        add(lines[i], a, lines[i].series, 0, ofNode);
        if (b) {
            const int other =
                b->data.seriesIndex(lines[i].node.toStdString(), lines[i].metric.toStdString());
            if (other >= 0)
                add(lines[i], *b, other, 1, ofNode);
        }
    }
    setLegend(legend);
    double end = a.run.simSeconds;
    QVector<Band> bands = ChartPlan::faultBands(a.report.events, a.run.simSeconds);
    if (b) {
        end = std::max(end, b->run.simSeconds);
        // Each band says whose it is; a fault both runs had over the same time is one band (two
        // would stack their labels over the lines for nothing).
        QVector<Band> others = ChartPlan::faultBands(b->report.events, b->run.simSeconds);
        for (Band &band : bands) {
            const auto same = std::find(others.begin(), others.end(), band);
            const bool both = same != others.end();
            if (both)
                others.erase(same);
            band.label += both ? tr(" (both runs)") : QStringLiteral(" (%1)").arg(a.name());
        }
        for (Band band : std::as_const(others)) {
            band.label += QStringLiteral(" (%1)").arg(b->name());
            bands.append(band);
        }
    }
    setBands(bands);
    setDataRange(0, end > 0 ? end : 60, maxY);
}

QLineSeries *OverlayChart::series(const QString &node, const QString &metric, int run) const {
    const QString name = QStringLiteral("%1/%2@%3").arg(node, metric).arg(run);
    for (const Plotted &p : m_plotted)
        if (p.drawn->objectName() == name)
            return p.drawn;
    return nullptr;
}

int OverlayChart::lineCount() const {
    return int(m_plotted.size());
}

QVector<PlotView::Reading> OverlayChart::readingsAt(double time) const {
    QVector<Reading> out;
    for (const Plotted &p : m_plotted) {
        const auto &times = p.run->data.times();
        if (times.empty())
            continue;
        const std::size_t k = nearestSample(times, time);
        out.append({p.drawn->name(), p.drawn->pen().color(), times[k],
                    lineValueAt(p.line, p.run->data, p.series, k)});
    }
    return out;
}

} // namespace eventbench::ui
