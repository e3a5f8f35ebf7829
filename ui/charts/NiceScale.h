#pragma once
// Axis ranges and ticks a person reads at a glance: steps of 1, 2 or 5 times a power of ten,
// ends on a step, never below zero for a figure that cannot be negative, and labels with as
// many decimals as the step needs. Pure; any thread.
#include <QString>

class QValueAxis;

namespace eventbench::ui {

/// One axis: its range, the step between ticks and the printf format of the labels.
struct NiceScale {
    double min = 0;
    double max = 1;
    double step = 0.2;
    QString format = QStringLiteral("%.1f");

    /// The 1/2/5×10^k step that cuts `span` into at most about `ticks` intervals.
    static double niceStep(double span, int ticks);
    /// [lo, hi] widened to whole steps (about `ticks` intervals); when `nonNegative`, never
    /// below 0. An empty or invalid range becomes [0, 1] (or a unit around the value).
    static NiceScale around(double lo, double hi, int ticks, bool nonNegative);
    /// Ticks at whole steps inside exactly [lo, hi] (a zoomed range is kept as it is).
    static NiceScale within(double lo, double hi, int ticks);
    /// Sets the axis's range, its ticks at whole multiples of the step and its label format
    /// (with ` unit` after each label when `unit` is given).
    void applyTo(QValueAxis *axis, const QString &unit = {}) const;
};

} // namespace eventbench::ui
