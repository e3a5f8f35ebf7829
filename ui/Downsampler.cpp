#include "Downsampler.h"

#include <cmath>

namespace eventbench::ui {

QList<QPointF> Downsampler::lttb(const QList<QPointF> &points, int threshold) {
    const qsizetype n = points.size();
    if (threshold < 3 || n <= threshold)
        return points;

    QList<QPointF> out;
    out.reserve(threshold);
    out.append(points.front());

    // The first and last points are fixed; the rest fall into threshold - 2 buckets.
    const double bucketSize = double(n - 2) / double(threshold - 2);
    qsizetype a = 0;
    for (int bucket = 0; bucket < threshold - 2; ++bucket) {
        const qsizetype start = qsizetype(std::floor(bucket * bucketSize)) + 1;
        const qsizetype end = qsizetype(std::floor((bucket + 1) * bucketSize)) + 1;

        // The average of the next bucket is the third corner of the triangle.
        qsizetype nextStart = end;
        qsizetype nextEnd = qsizetype(std::floor((bucket + 2) * bucketSize)) + 1;
        if (nextEnd > n)
            nextEnd = n;
        if (nextStart >= nextEnd)
            nextStart = nextEnd - 1;
        double avgX = 0, avgY = 0;
        for (qsizetype i = nextStart; i < nextEnd; ++i) {
            avgX += points[i].x();
            avgY += points[i].y();
        }
        const double count = double(nextEnd - nextStart);
        avgX /= count;
        avgY /= count;

        const QPointF &pa = points[a];
        double bestArea = -1;
        qsizetype best = start;
        for (qsizetype i = start; i < end && i < n - 1; ++i) {
            const double area = std::abs((pa.x() - avgX) * (points[i].y() - pa.y()) -
                                         (pa.x() - points[i].x()) * (avgY - pa.y()));
            if (area > bestArea) {
                bestArea = area;
                best = i;
            }
        }
        out.append(points[best]);
        a = best;
    }
    out.append(points.back());
    return out;
}

} // namespace eventbench::ui
