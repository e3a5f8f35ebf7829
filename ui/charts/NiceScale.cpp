#include "ui/charts/NiceScale.h"

#include <QCategoryAxis>

#include <algorithm>
#include <cmath>

namespace eventbench::ui {

namespace {

int decimalsFor(double step) {
    return std::clamp(int(-std::floor(std::log10(step) + 1e-9)), 0, 9);
}

} // namespace

double NiceScale::niceStep(double span, int ticks) {
    if (!(span > 0) || !std::isfinite(span))
        return 1;
    const double raw = span / std::max(1, ticks);
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0})
        if (m * p >= raw * (1 - 1e-9))
            return m * p;
    return 10 * p;
}

NiceScale NiceScale::around(double lo, double hi, int ticks, bool nonNegative) {
    if (!std::isfinite(lo) || !std::isfinite(hi) || lo > hi) {
        lo = 0;
        hi = 1;
    }
    if (nonNegative)
        lo = std::max(lo, 0.0);
    if (hi <= lo) {
        const double unit = hi == 0 ? 1 : std::fabs(hi) * 0.1;
        hi = lo + unit;
        if (!nonNegative || lo > unit)
            lo -= unit;
    }
    NiceScale s;
    s.step = niceStep(hi - lo, ticks);
    s.min = std::floor(lo / s.step + 1e-9) * s.step;
    s.max = std::ceil(hi / s.step - 1e-9) * s.step;
    if (nonNegative)
        s.min = std::max(s.min, 0.0);
    return s;
}

NiceScale NiceScale::within(double lo, double hi, int ticks) {
    NiceScale s;
    s.min = lo;
    s.max = hi > lo ? hi : lo + 1;
    s.step = niceStep(s.max - s.min, ticks);
    return s;
}

NiceScale NiceScale::withStepAtLeast(double minStep) const {
    if (!(step < minStep))
        return *this;
    NiceScale s;
    s.step = minStep;
    s.min = std::floor(min / minStep + 1e-9) * minStep;
    s.max = std::ceil(max / minStep - 1e-9) * minStep;
    return s;
}

QVector<double> NiceScale::ticks() const {
    QVector<double> out;
    if (!(step > 0))
        return out;
    const double first = std::ceil(min / step - 1e-9);
    const double last = std::floor(max / step + 1e-9);
    for (double k = first; k <= last && out.size() < 100; ++k)
        out.append(k * step);
    return out;
}

QStringList NiceScale::labels(const QString &unit) const {
    QStringList out;
    const int decimals = decimalsFor(step);
    for (const double t : ticks()) {
        QString label = AxisUnit::number(t, decimals);
        if (!unit.isEmpty())
            label += QLatin1Char(' ') + unit;
        out.append(label);
    }
    return out;
}

void NiceScale::applyTo(QCategoryAxis *axis, const AxisUnit &unit, bool named) const {
    const double f = unit.factor;
    const QStringList text = labels(named ? unit.name : QString());
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setTickInterval(step * f);
    const QVector<double> at = ticks();
    // The first tick is a category of no width starting there, so that it is labelled.
    const double start = at.isEmpty() ? min * f : at.front() * f;
    if (axis->categoriesLabels() != text || axis->startValue() != start) {
        for (const QString &old : axis->categoriesLabels())
            axis->remove(old);
        axis->setStartValue(start);
        for (int i = 0; i < at.size(); ++i)
            axis->append(text[i], at[i] * f);
    }
    axis->setRange(min * f, max * f);
}

} // namespace eventbench::ui
