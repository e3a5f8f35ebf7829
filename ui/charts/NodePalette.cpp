#include "ui/charts/NodePalette.h"

#include <QHash>

#include <iterator>

namespace eventbench::ui {

namespace {

// Twelve colours that stay apart from each other on white (Tableau-like).
const QColor kPalette[] = {
    QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28), QColor(0x2c, 0xa0, 0x2c),
    QColor(0xff, 0x7f, 0x0e), QColor(0x94, 0x67, 0xbd), QColor(0x17, 0xbe, 0xcf),
    QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f),
    QColor(0xbc, 0xbd, 0x22), QColor(0x39, 0x3b, 0x79), QColor(0x63, 0x79, 0x39)};

QHash<QString, int> &assigned() {
    static QHash<QString, int> map;
    return map;
}

} // namespace

QColor NodePalette::colour(const QString &node) {
    QHash<QString, int> &map = assigned();
    auto it = map.find(node);
    if (it == map.end())
        it = map.insert(node, int(map.size()));
    return kPalette[std::size_t(*it) % std::size(kPalette)];
}

void NodePalette::reset() {
    assigned().clear();
}

} // namespace eventbench::ui
