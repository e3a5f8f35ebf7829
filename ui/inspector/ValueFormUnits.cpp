// ValueForms::units: the unit choices of a form's fields, from model/scenario/Units' tables.
#include <QString>

#include <algorithm>
#include <iterator>

#include "model/scenario/Units.h"
#include "ui/inspector/ValueForms.h"

namespace eventbench::ui {

QStringList ValueForms::units(FieldUnit unit) {
    // The units model/scenario/Units reads, the usual one first, then the larger ones from the
    // next up, then the smaller ones from the next down.
    std::span<const model::UnitDef> all;
    std::string_view usual;
    switch (unit) {
    case FieldUnit::Duration:
        all = model::durationUnits();
        usual = "ms";
        break;
    case FieldUnit::Size:
        all = model::sizeUnits();
        usual = "KB";
        break;
    case FieldUnit::Rate:
        all = model::rateUnits();
        usual = "/s";
        break;
    case FieldUnit::Integer:
    case FieldUnit::Number:
        return {QString()};
    }
    const auto at = std::find_if(all.begin(), all.end(),
                                 [&](const model::UnitDef &u) { return u.name == usual; });
    QStringList out{QString::fromUtf8(usual.data(), qsizetype(usual.size()))};
    auto name = [](const model::UnitDef &u) {
        return QString::fromUtf8(u.name.data(), qsizetype(u.name.size()));
    };
    for (auto u = at + 1; u != all.end(); ++u)
        if (u->offered)
            out << name(*u);
    for (auto u = std::make_reverse_iterator(at); u != all.rend(); ++u)
        if (u->offered)
            out << name(*u);
    return out;
}

} // namespace eventbench::ui
