#include "ui/charts/AxisUnit.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace eventbench::ui {

namespace {

struct TimeUnit {
    const char *name;
    double seconds;
    double below; // used while the largest value is below this many seconds
};

// From the smallest unit: ms below 1 s, s below 10 min, min below 10 h, then h.
constexpr TimeUnit kTimeUnits[] = {
    {"ms", 1e-3, 1}, {"s", 1, 600}, {"min", 60, 36000}, {"h", 3600, HUGE_VAL}};

double secondsPer(const QString &unit) {
    for (const TimeUnit &u : kTimeUnits)
        if (unit == QLatin1String(u.name))
            return u.seconds;
    return 0;
}

} // namespace

AxisUnit AxisUnit::pick(const QString &baseUnit, double maxAbs) {
    const double base = secondsPer(baseUnit);
    if (base == 0 || !(maxAbs > 0) || !std::isfinite(maxAbs))
        return {baseUnit, 1};
    const double seconds = maxAbs * base;
    for (const TimeUnit &u : kTimeUnits)
        if (seconds < u.below)
            return {QString::fromLatin1(u.name), u.seconds / base};
    return {baseUnit, 1};
}

QString AxisUnit::number(double shown, int decimals) {
    static const QLocale english(QLocale::English, QLocale::UnitedStates);
    decimals = std::clamp(decimals, 0, 12);
    const double rounded = std::round(shown * std::pow(10.0, decimals)) / std::pow(10.0, decimals);
    return english.toString(rounded == 0 ? 0.0 : rounded, 'f', decimals);
}

QString AxisUnit::value(double base, int digits) const {
    if (!std::isfinite(base))
        return QStringLiteral("–");
    const double shown = base / factor;
    if (shown == 0)
        return QStringLiteral("0");
    const double magnitude = std::fabs(shown);
    if (magnitude < 1e-4)
        return QString::number(shown, 'g', digits);
    const int before = int(std::floor(std::log10(magnitude))) + 1;
    QString s = number(shown, std::max(0, digits - before));
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
}

QString AxisUnit::withName(double base, int digits) const {
    const QString v = value(base, digits);
    return name.isEmpty() ? v : v + QLatin1Char(' ') + name;
}

} // namespace eventbench::ui
