#pragma once
// Keeps a growing time series drawable: samples are folded, as they arrive, into at most
// (maxPoints - 2) / 2 buckets of equal sample count, each remembered by its minimum and maximum;
// when the buckets run out, neighbours merge and the width doubles. Appending is O(1) amortised and
// points() is bounded, so a one-hour run draws as fast as a one-minute one. Spikes survive
// (each bucket keeps its extremes); the first and the latest sample are always drawn.
// One per chart line; GUI thread.
#include <QList>
#include <QPointF>
#include <cstddef>
#include <vector>

namespace eventbench::ui {

class Downsampler {
  public:
    /// `maxPoints` below 6 counts as 6.
    explicit Downsampler(int maxPoints = 800);

    void clear();
    /// Adds the next sample (x increasing).
    void append(double x, double y);
    /// How many samples were appended since clear().
    std::size_t samples() const { return m_samples; }
    /// Samples per bucket now (1 until the buckets run out).
    std::size_t bucketWidth() const { return m_width; }
    /// The points to draw, in x order: at most maxPoints.
    QList<QPointF> points() const;

  private:
    struct Bucket {
        QPointF min, max;
        std::size_t count = 0;
    };

    std::size_t m_maxBuckets;
    std::size_t m_width = 1;
    std::size_t m_samples = 0;
    std::vector<Bucket> m_buckets;
    QPointF m_first;
    QPointF m_last;
};

} // namespace eventbench::ui
