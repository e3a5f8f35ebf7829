#include "ui/sweep/SweepPlot.h"

#include <QCategoryAxis>
#include <QLegend>
#include <QLineSeries>

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/scenario/Units.h"
#include "ui/charts/AxisUnit.h"
#include "ui/charts/NiceScale.h"

namespace eventbench::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Range {
    double min = 0;
    double max = 0;
};

/// Removes (and deletes) every series and axis of `c`.
void clearChart(QChart *c) {
    c->removeAllSeries();
    for (QAbstractAxis *axis : c->axes()) {
        c->removeAxis(axis);
        delete axis;
    }
}

/// From the least to the greatest x; one unit either side of a single value.
Range xRange(const QVector<double> &x) {
    Range r{*std::min_element(x.begin(), x.end()), *std::max_element(x.begin(), x.end())};
    if (r.max == r.min) {
        r.min -= 1;
        r.max += 1;
    }
    return r;
}

/// From the least to the greatest finite mean or error bar end; [0, 1] when there is none.
Range yRange(const QVector<SweepPlot::Point> &points) {
    double yMin = std::numeric_limits<double>::infinity(), yMax = -yMin;
    auto widen = [&](double v) {
        if (std::isfinite(v)) {
            yMin = std::min(yMin, v);
            yMax = std::max(yMax, v);
        }
    };
    for (const SweepPlot::Point &p : points) {
        widen(p.mean);
        if (!std::isfinite(p.low) || !std::isfinite(p.high))
            continue;
        widen(p.low);
        widen(p.high);
    }
    if (!std::isfinite(yMin)) {
        yMin = 0;
        yMax = 1;
    }
    return {yMin, yMax};
}

/// The polyline of one error bar at `x`: the low cap, the bar, the high cap.
QLineSeries *errorBar(QChart *c, double x, double cap, double low, double high) {
    auto *bar = new QLineSeries(c);
    bar->append(
        {{x - cap, low}, {x + cap, low}, {x, low}, {x, high}, {x - cap, high}, {x + cap, high}});
    return bar;
}

/// The x axis over `x` padded by 6%: the labels at their indices when categorical, else
/// ticks in `unit`, whole ones when every value is (`whole`: instances, partitions, ...).
QAbstractAxis *makeXAxis(QChart *c, const QVector<SweepPlot::Point> &points, bool categorical,
                         const Range &x, const AxisUnit &unit, bool whole) {
    const double pad = (x.max - x.min) * 0.06;
    auto *axis = new QCategoryAxis(c);
    if (categorical) {
        axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        for (int i = 0; i < points.size(); ++i)
            axis->append(points[i].label, i);
        axis->setRange(x.min - pad, x.max + pad);
    } else {
        const double f = unit.factor;
        NiceScale scale = NiceScale::around((x.min - pad) / f, (x.max + pad) / f, 6, x.min >= 0);
        if (whole && f == 1)
            scale = scale.withStepAtLeast(1);
        scale.applyTo(axis, unit);
    }
    return axis;
}

/// The y axis over `y` with 8% of its span (at least 1, or |max|) either side, on whole
/// 1/2/5×10^k steps of `unit`, never below zero for a figure that cannot be negative.
QCategoryAxis *makeYAxis(QChart *c, const Range &y, const AxisUnit &unit, bool nonNegative) {
    auto *yAxis = new QCategoryAxis(c);
    const double f = unit.factor;
    const double span = y.max > y.min ? y.max - y.min : std::max(1.0, std::fabs(y.max));
    NiceScale::around((y.min - span * 0.08) / f, (y.max + span * 0.08) / f, 5, nonNegative)
        .applyTo(yAxis, unit);
    return yAxis;
}

/// The unit of a knob value as numericValue reads it: `/s` for a rate, `s` for a duration,
/// `B` for a size; empty for a plain number.
QString numericUnit(const QString &text) {
    const std::string s = text.trimmed().toStdString();
    std::string error;
    bool plain = false;
    text.trimmed().toDouble(&plain);
    if (plain)
        return {};
    if (model::parseRate(s, &error))
        return QStringLiteral("/s");
    if (model::parseDuration(s, &error))
        return QStringLiteral("s");
    if (model::parseSize(s, &error))
        return QStringLiteral("B");
    return {};
}

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
                          const QString &yTitle, const FigureUnit &unit) {
    QChart *c = chart();
    clearChart(c);
    m_points = points;
    m_unit = unit;
    m_bars.clear();
    m_mean = nullptr;
    placePoints();
    if (points.isEmpty()) {
        c->setTitle(QString());
        return;
    }
    // Every figure the sweep offers is a count, a time or a ratio: none can be negative.
    const bool nonNegative =
        std::all_of(points.begin(), points.end(), [](const Point &p) { return !(p.mean < 0); });
    const Range x = xRange(m_x);
    addSeries(yTitle, (x.max - x.min) * 0.015, nonNegative);
    Range y = yRange(points);
    y.min *= unit.scale;
    y.max *= unit.scale;
    if (nonNegative)
        y.min = std::max(y.min, 0.0);
    // Times in the unit their size calls for, the same rule as the run charts'.
    const AxisUnit yUnit = AxisUnit::pick(unit.unit, std::max(std::fabs(y.min), std::fabs(y.max)));
    const AxisUnit xUnit =
        AxisUnit::pick(m_categorical ? QString() : numericUnit(points.front().label),
                       std::max(std::fabs(x.min), std::fabs(x.max)));
    c->setTitle(yTitle +
                (yUnit.name.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(yUnit.name)) +
                tr(" against ") + xTitle);
    // The figure is named in the title; the axis says its unit (a long name would be elided).
    const bool whole =
        std::all_of(m_x.begin(), m_x.end(), [](double v) { return v == std::round(v); });
    QAbstractAxis *xAxis = makeXAxis(c, points, m_categorical, x, xUnit, whole);
    xAxis->setTitleText(xUnit.name.isEmpty() ? xTitle
                                             : QStringLiteral("%1 (%2)").arg(xTitle, xUnit.name));
    QCategoryAxis *yAxis = makeYAxis(c, y, yUnit, nonNegative);
    yAxis->setTitleText(yUnit.name.isEmpty() ? yTitle : yUnit.name);
    c->addAxis(xAxis, Qt::AlignBottom);
    c->addAxis(yAxis, Qt::AlignLeft);
    for (QAbstractSeries *s : c->series()) {
        s->attachAxis(xAxis);
        s->attachAxis(yAxis);
    }
}

void SweepPlot::placePoints() {
    m_x.clear();
    m_categorical = false;
    for (const auto &p : m_points) {
        const double v = numericValue(p.label);
        m_categorical = m_categorical || std::isnan(v);
        m_x.append(v);
    }
    if (m_categorical)
        for (int i = 0; i < m_x.size(); ++i)
            m_x[i] = i;
}

void SweepPlot::addSeries(const QString &name, double cap, bool nonNegative) {
    QChart *c = chart();
    m_mean = new QLineSeries(c);
    m_mean->setName(name);
    m_mean->setPointsVisible(true);
    const double k = m_unit.scale;
    for (int i = 0; i < m_points.size(); ++i) {
        const Point &p = m_points[i];
        if (std::isfinite(p.mean))
            m_mean->append(m_x[i], p.mean * k);
        if (std::isfinite(p.low) && std::isfinite(p.high))
            m_bars.append(errorBar(c, m_x[i], cap,
                                   nonNegative ? std::max(p.low * k, 0.0) : p.low * k, p.high * k));
    }
    c->addSeries(m_mean);
    for (QLineSeries *bar : std::as_const(m_bars)) {
        c->addSeries(bar);
        bar->setColor(m_mean->color());
    }
}

} // namespace eventbench::ui
