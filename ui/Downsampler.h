#pragma once
// Reduces a long time series to a bounded number of points for drawing, keeping its visual
// shape (largest-triangle-three-buckets). Pure functions; any thread.
#include <QList>
#include <QPointF>

namespace eventbench::ui {

class Downsampler {
public:
    /// At most `threshold` points of `points` (sorted by x): the first and last points are
    /// always kept; below `threshold` points (or threshold < 3) the input is returned as is.
    static QList<QPointF> lttb(const QList<QPointF> &points, int threshold);
};

} // namespace eventbench::ui
