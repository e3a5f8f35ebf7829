#pragma once
// Axis ranges and ticks a person reads at a glance: steps of 1, 2 or 5 times a power of ten,
// ends on a step, never below zero for a figure that cannot be negative, and labels with as
// many decimals as the step needs, thousands separated, in the unit AxisUnit picks. Pure; any
// thread.
#include <QString>
#include <QStringList>
#include <QVector>

#include "ui/charts/AxisUnit.h"

class QCategoryAxis;

namespace eventbench::ui {

/// One axis: its range and the step between ticks.
struct NiceScale {
    double min = 0;
    double max = 1;
    double step = 0.2;

    /// The 1/2/5×10^k step that cuts `span` into at most about `ticks` intervals.
    static double niceStep(double span, int ticks);
    /// [lo, hi] widened to whole steps (about `ticks` intervals); when `nonNegative`, never
    /// below 0. An empty or invalid range becomes [0, 1] (or a unit around the value).
    static NiceScale around(double lo, double hi, int ticks, bool nonNegative);
    /// Ticks at whole steps inside exactly [lo, hi] (a zoomed range is kept as it is).
    static NiceScale within(double lo, double hi, int ticks);
    /// This scale with a step of at least `minStep` (ends widened to whole steps): an axis of
    /// counts such as instances or partitions has no tick between 2 and 3.
    NiceScale withStepAtLeast(double minStep) const;
    /// The ticks: whole multiples of the step inside [min, max].
    QVector<double> ticks() const;
    /// The label of each tick, with as many decimals as the step needs (and ` unit` after
    /// each when `unit` is given).
    QStringList labels(const QString &unit = {}) const;
    /// Sets the axis to this scale, which is in `unit`'s shown values: its range and ticks in
    /// base units (× unit.factor), each tick labelled in the shown unit (with the unit's name
    /// after it when `named`). Unchanged labels and range are left alone.
    void applyTo(QCategoryAxis *axis, const AxisUnit &unit = {}, bool named = false) const;
};

} // namespace eventbench::ui
