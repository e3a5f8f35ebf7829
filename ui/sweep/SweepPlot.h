#pragma once
// The chart of a sweep (issue 8): one figure's mean against the varied knob, with its 95%
// confidence interval as an error bar at each value. Numeric knob values (4, 200/s, 15ms)
// are placed on a value axis; anything else at equal steps, labelled. GUI thread.
#include <QChartView>
#include <QString>
#include <QVector>

#include "ui/charts/ChartPlan.h"

class QLineSeries;

namespace eventbench::ui {

class SweepPlot : public QChartView {
    Q_OBJECT
  public:
    /// One knob value and the figure there. low/high NaN: no error bar (one replication).
    struct Point {
        QString label; // the value as written, e.g. "200/s"
        double mean = 0;
        double low = 0;
        double high = 0;
    };

    explicit SweepPlot(QWidget *parent = nullptr);

    /// Replaces the plot. `xTitle` is the knob path, `yTitle` the figure, `unit` how the
    /// figure is shown (the live charts' unit: latencies in ms); points() keep the figure's
    /// recorded values, the drawn series are in the shown unit. Ticks are 1/2/5×10^k and the
    /// y axis does not go below zero (nor do error bars) for a figure that cannot be negative.
    void setPoints(const QVector<Point> &points, const QString &xTitle, const QString &yTitle,
                   const FigureUnit &unit = {});
    void clear();

    const QVector<Point> &points() const { return m_points; }
    /// Where each point sits on the x axis: the number its label means, or its index when
    /// some label is not a number.
    const QVector<double> &xValues() const { return m_x; }
    bool categorical() const { return m_categorical; }
    /// The line through the means, and one polyline per drawn error bar (caps included).
    QLineSeries *meanSeries() const { return m_mean; }
    const QVector<QLineSeries *> &errorBars() const { return m_bars; }

    /// The number a knob value means (`4`, `0.5`, `200/s` -> 200, `15ms` -> 0.015,
    /// `1KB` -> 1000), or NaN.
    static double numericValue(const QString &text);

  private:
    /// Sets m_x and m_categorical from m_points.
    void placePoints();
    /// Adds the line through the means (named `name`) and the error bars, whose caps reach
    /// `cap` either side (clipped at zero when `nonNegative`).
    void addSeries(const QString &name, double cap, bool nonNegative);

    QVector<Point> m_points;
    QVector<double> m_x;
    bool m_categorical = false;
    FigureUnit m_unit;
    QLineSeries *m_mean = nullptr;
    QVector<QLineSeries *> m_bars;
};

} // namespace eventbench::ui
