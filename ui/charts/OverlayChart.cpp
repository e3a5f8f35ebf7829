#include "ui/charts/OverlayChart.h"

#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "ui/charts/Downsampler.h"
#include "ui/history/StoredRunData.h"

namespace eventbench::ui {

namespace {

const QColor kPalette[] = {QColor(0x1e, 0x88, 0xe5), QColor(0xe5, 0x39, 0x35),
                           QColor(0x43, 0xa0, 0x47), QColor(0xfb, 0x8c, 0x00),
                           QColor(0x8e, 0x24, 0xaa), QColor(0x00, 0x89, 0x7b),
                           QColor(0x6d, 0x4c, 0x41), QColor(0x54, 0x6e, 0x7a)};

double niceCeil(double v) {
    if (v <= 0 || !std::isfinite(v))
        return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 4.0, 6.0, 8.0, 10.0})
        if (m * p >= v)
            return m * p;
    return 10 * p;
}

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

OverlayChart::OverlayChart(ChartId id, QWidget *parent) : QChartView(new QChart, parent), m_id(id) {
    QChart *c = chart();
    c->setTitle(QStringLiteral("%1 (%2)").arg(ChartPlan::title(id), ChartPlan::unit(id)));
    QFont tf = c->titleFont();
    tf.setPointSizeF(9);
    tf.setBold(true);
    c->setTitleFont(tf);
    c->setAnimationOptions(QChart::NoAnimation);
    c->setMargins(QMargins(2, 2, 2, 2));
    c->setBackgroundRoundness(0);
    c->legend()->setAlignment(Qt::AlignBottom);
    QFont lf = c->legend()->font();
    lf.setPointSizeF(7.5);
    c->legend()->setFont(lf);
    m_x = new QValueAxis;
    m_y = new QValueAxis;
    for (QValueAxis *a : {m_x, m_y}) {
        QFont af = a->labelsFont();
        af.setPointSizeF(7.5);
        a->setLabelsFont(af);
        a->setLabelFormat(QStringLiteral("%g"));
        a->setTickCount(5);
    }
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(260, 170);
}

void OverlayChart::plot(const QVector<QPair<QString, model::NodeKind>> &nodes,
                        const StoredRunData &a, const StoredRunData *b) {
    chart()->removeAllSeries();
    QVector<ChartLine> lines;
    for (const auto &[node, kind] : nodes)
        for (const ChartLine &l : ChartPlan::linesFor(node, kind, a.data))
            if (l.chart == m_id && lines.size() < kMaxLines)
                lines.append(l);
    const bool oneNode = std::all_of(lines.begin(), lines.end(),
                                     [&](const ChartLine &l) { return l.node == lines[0].node; });
    double maxY = 0;
    auto add = [&](const ChartLine &line, const StoredRunData &run, int series, int which,
                   const QColor &colour) {
        auto *s = new QLineSeries;
        QString name = oneNode ? line.shortLabel : line.label;
        if (b)
            name += QStringLiteral(" · %1").arg(run.name());
        s->setName(name);
        s->setObjectName(QStringLiteral("%1/%2@%3").arg(line.node, line.metric).arg(which));
        QPen pen(colour, 1.6);
        if (which == 1)
            pen.setStyle(Qt::DashLine);
        s->setPen(pen);
        QList<QPointF> pts;
        maxY = std::max(maxY, points(run.data, series, line.transform, &pts));
        s->replace(pts);
        chart()->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    };
    for (int i = 0; i < lines.size(); ++i) {
        const QColor colour = kPalette[i % int(std::size(kPalette))];
        add(lines[i], a, lines[i].series, 0, colour);
        if (b) {
            const int other =
                b->data.seriesIndex(lines[i].node.toStdString(), lines[i].metric.toStdString());
            if (other >= 0)
                add(lines[i], *b, other, 1, colour);
        }
    }
    chart()->legend()->setVisible(!lines.isEmpty());
    double end = a.run.simSeconds;
    if (b)
        end = std::max(end, b->run.simSeconds);
    m_x->setRange(0, end > 0 ? end : 60);
    m_y->setRange(0, niceCeil(maxY * 1.05));
}

QLineSeries *OverlayChart::series(const QString &node, const QString &metric, int run) const {
    const QString name = QStringLiteral("%1/%2@%3").arg(node, metric).arg(run);
    for (QAbstractSeries *s : chart()->series())
        if (s->objectName() == name)
            return qobject_cast<QLineSeries *>(s);
    return nullptr;
}

int OverlayChart::lineCount() const {
    return int(chart()->series().size());
}

} // namespace eventbench::ui
