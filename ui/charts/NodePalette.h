#pragma once
// One colour per node for the whole session: the first view that draws a node gives it the
// next colour of a fixed palette, and every chart, stored run and comparison after that draws
// it in the same colour. GUI thread.
#include <QColor>
#include <QString>

namespace eventbench::ui {

class NodePalette {
  public:
    /// The colour of `node` (assigned on first use, kept for the session).
    static QColor colour(const QString &node);
    /// Forgets every assignment (tests only).
    static void reset();
};

} // namespace eventbench::ui
