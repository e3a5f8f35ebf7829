#include "ui/sweep/SweepPlot.h"

#include <QCategoryAxis>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/scenario/Units.h"

namespace eventbench::ui {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
} // namespace

SweepPlot::SweepPlot(QWidget *parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    chart()->legend()->hide();
    chart()->setMargins(QMargins(4, 4, 4, 4));
    setMinimumSize(420, 260);
}

double SweepPlot::numericValue(const QString &text) {
    bool ok = false;
    const double plain = text.trimmed().toDouble(&ok);
    if (ok)
        return plain;
    const std::string s = text.trimmed().toStdString();
    std::string error;
    if (const auto rate = model::parseRate(s, &error))
        return *rate;
    if (const auto d = model::parseDuration(s, &error))
        return static_cast<double>(*d) / 1e9;
    if (const auto size = model::parseSize(s, &error))
        return *size;
    if (const auto count = model::parseCount(s, &error))
        return *count;
    return kNaN;
}

void SweepPlot::clear() {
    setPoints({}, QString(), QString());
}

void SweepPlot::setPoints(const QVector<Point> &points, const QString &xTitle,
                          const QString &yTitle) {
    QChart *c = chart();
    c->removeAllSeries();
    for (QAbstractAxis *axis : c->axes()) {
        c->removeAxis(axis);
        delete axis;
    }
    m_points = points;
    m_bars.clear();
    m_mean = nullptr;
    m_x.clear();
    m_categorical = false;
    for (const auto &p : points) {
        const double v = numericValue(p.label);
        m_categorical = m_categorical || std::isnan(v);
        m_x.append(v);
    }
    if (m_categorical)
        for (int i = 0; i < m_x.size(); ++i)
            m_x[i] = i;
    if (points.isEmpty()) {
        c->setTitle(QString());
        return;
    }
    c->setTitle(yTitle + tr(" against ") + xTitle);

    double xMin = *std::min_element(m_x.begin(), m_x.end());
    double xMax = *std::max_element(m_x.begin(), m_x.end());
    if (xMax == xMin) {
        xMin -= 1;
        xMax += 1;
    }
    const double pad = (xMax - xMin) * 0.06;
    const double cap = (xMax - xMin) * 0.015;
    double yMin = std::numeric_limits<double>::infinity(), yMax = -yMin;
    auto widen = [&](double v) {
        if (std::isfinite(v)) {
            yMin = std::min(yMin, v);
            yMax = std::max(yMax, v);
        }
    };

    m_mean = new QLineSeries(c);
    m_mean->setName(yTitle);
    m_mean->setPointsVisible(true);
    for (int i = 0; i < points.size(); ++i) {
        const Point &p = points[i];
        widen(p.mean);
        if (std::isfinite(p.mean))
            m_mean->append(m_x[i], p.mean);
        if (!std::isfinite(p.low) || !std::isfinite(p.high))
            continue;
        widen(p.low);
        widen(p.high);
        auto *bar = new QLineSeries(c);
        const double x = m_x[i];
        bar->append({{x - cap, p.low},
                     {x + cap, p.low},
                     {x, p.low},
                     {x, p.high},
                     {x - cap, p.high},
                     {x + cap, p.high}});
        m_bars.append(bar);
    }
    c->addSeries(m_mean);
    for (QLineSeries *bar : std::as_const(m_bars)) {
        c->addSeries(bar);
        bar->setColor(m_mean->color());
    }

    QAbstractAxis *xAxis = nullptr;
    if (m_categorical) {
        auto *axis = new QCategoryAxis(c);
        axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        for (int i = 0; i < points.size(); ++i)
            axis->append(points[i].label, i);
        axis->setRange(xMin - pad, xMax + pad);
        xAxis = axis;
    } else {
        auto *axis = new QValueAxis(c);
        axis->setRange(xMin - pad, xMax + pad);
        xAxis = axis;
    }
    xAxis->setTitleText(xTitle);
    auto *yAxis = new QValueAxis(c);
    if (!std::isfinite(yMin)) {
        yMin = 0;
        yMax = 1;
    }
    const double span = yMax > yMin ? yMax - yMin : std::max(1.0, std::fabs(yMax));
    yAxis->setRange(yMin - span * 0.08, yMax + span * 0.08);
    yAxis->setTitleText(yTitle);
    c->addAxis(xAxis, Qt::AlignBottom);
    c->addAxis(yAxis, Qt::AlignLeft);
    for (QAbstractSeries *s : c->series()) {
        s->attachAxis(xAxis);
        s->attachAxis(yAxis);
    }
}

} // namespace eventbench::ui
