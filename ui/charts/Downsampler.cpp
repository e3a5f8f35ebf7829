#include "ui/charts/Downsampler.h"

#include <algorithm>

namespace eventbench::ui {

Downsampler::Downsampler(int maxPoints)
    : m_maxBuckets(std::size_t(std::max(2, (maxPoints - 2) / 2))) {
    m_buckets.reserve(m_maxBuckets + 1);
}

void Downsampler::clear() {
    m_buckets.clear();
    m_width = 1;
    m_samples = 0;
}

void Downsampler::append(double x, double y) {
    const QPointF p(x, y);
    if (m_samples == 0)
        m_first = p;
    m_last = p;
    ++m_samples;
    if (!m_buckets.empty() && m_buckets.back().count < m_width) {
        Bucket &b = m_buckets.back();
        if (y < b.min.y())
            b.min = p;
        if (y > b.max.y())
            b.max = p;
        ++b.count;
        return;
    }
    m_buckets.push_back({p, p, 1});
    if (m_buckets.size() <= m_maxBuckets)
        return;
    // Out of buckets: merge neighbours pairwise and double the width.
    std::size_t out = 0;
    for (std::size_t i = 0; i < m_buckets.size(); i += 2, ++out) {
        Bucket merged = m_buckets[i];
        if (i + 1 < m_buckets.size()) {
            const Bucket &b = m_buckets[i + 1];
            if (b.min.y() < merged.min.y())
                merged.min = b.min;
            if (b.max.y() > merged.max.y())
                merged.max = b.max;
            merged.count += b.count;
        }
        m_buckets[out] = merged;
    }
    m_buckets.resize(out);
    m_width *= 2;
}

QList<QPointF> Downsampler::points() const {
    QList<QPointF> out;
    out.reserve(qsizetype(m_buckets.size()) * 2 + 2);
    // The line starts on the first sample and ends on the newest, whatever the extremes of the
    // buckets they fell in.
    if (m_samples > 0 && m_buckets.front().min != m_first && m_buckets.front().max != m_first)
        out.append(m_first);
    for (const Bucket &b : m_buckets) {
        if (b.min == b.max) {
            out.append(b.min);
        } else if (b.min.x() < b.max.x()) {
            out.append(b.min);
            out.append(b.max);
        } else {
            out.append(b.max);
            out.append(b.min);
        }
    }
    if (m_samples > 0 && out.back() != m_last)
        out.append(m_last);
    return out;
}

} // namespace eventbench::ui
