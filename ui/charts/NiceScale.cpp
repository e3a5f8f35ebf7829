#include "ui/charts/NiceScale.h"

#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace eventbench::ui {

namespace {

QString formatFor(double step, const QString &unit) {
    const int decimals = std::clamp(int(-std::floor(std::log10(step) + 1e-9)), 0, 9);
    QString f = QStringLiteral("%.%1f").arg(decimals);
    if (!unit.isEmpty())
        f += QLatin1Char(' ') + QString(unit).replace(QLatin1Char('%'), QStringLiteral("%%"));
    return f;
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
    s.format = formatFor(s.step, {});
    return s;
}

NiceScale NiceScale::within(double lo, double hi, int ticks) {
    NiceScale s;
    s.min = lo;
    s.max = hi > lo ? hi : lo + 1;
    s.step = niceStep(s.max - s.min, ticks);
    s.format = formatFor(s.step, {});
    return s;
}

void NiceScale::applyTo(QValueAxis *axis, const QString &unit) const {
    // In between, the ticks are laid out for the new range at the old step or the old range
    // at the new one: a step coarse enough for both keeps that to a few ticks (a fine step on
    // a wide range would be millions of them).
    const double coarse = std::max({step, (max - min) / 20, (axis->max() - axis->min()) / 20});
    axis->setTickInterval(coarse);
    axis->setTickAnchor(0);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setRange(min, max);
    axis->setTickInterval(step);
    axis->setLabelFormat(formatFor(step, unit));
}

} // namespace eventbench::ui
