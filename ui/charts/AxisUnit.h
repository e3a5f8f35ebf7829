#pragma once
// The unit a figure is shown in, picked by the size of what is shown, and numbers written the
// way a person reads them: a time in ms, s, min or h (150000 ms reads "150 s"), other figures
// in their own unit with thousands separated ("150,000 msg/s"). The same rule is used by the
// live, stored, compared and sweep charts and their readouts, so a figure of the same size
// reads the same everywhere. Pure; any thread.
#include <QString>

namespace eventbench::ui {

/// How values recorded in a base unit are shown: `shown = value / factor` followed by `name`.
struct AxisUnit {
    QString name;      // "ms", "s", "min", "h", "msg/s", ... (empty: a plain number)
    double factor = 1; // base units per shown unit (1000 for s over a base of ms)

    /// The unit to show values of `baseUnit` up to `maxAbs` (in the base unit) in. A time
    /// (`ms` or `s`) is shown in ms below 1 s, in s below 10 min, in min below 10 h, else in
    /// h; anything else keeps its unit. `maxAbs` 0 keeps the base unit.
    static AxisUnit pick(const QString &baseUnit, double maxAbs);
    /// `shown` (already divided by factor) with `decimals` decimals and thousands separators;
    /// never "-0".
    static QString number(double shown, int decimals);
    /// A base-unit value with up to `digits` significant digits in this unit, without the
    /// unit's name ("1,234.5"); "–" when not finite.
    QString value(double base, int digits = 6) const;
    /// value() followed by the unit's name ("150 s").
    QString withName(double base, int digits = 6) const;
};

} // namespace eventbench::ui
