#pragma once
// How each of the six node kinds looks: outline, colours and glyph, shared by the canvas
// items and the palette icons. Stateless; GUI thread.
#include <QColor>
#include <QIcon>
#include <QPainterPath>
#include <QSizeF>
#include <QString>

#include "model/scenario/Scenario.h"

class QPainter;

namespace eventbench::ui {

class NodeShapes {
  public:
    static QColor fillColor(model::NodeKind kind);
    static QColor strokeColor(model::NodeKind kind);
    /// Size of the body, centred on (0, 0).
    static QSizeF bodySize(model::NodeKind kind);
    /// The body outline, centred on (0, 0); used for painting, hit tests and edge clipping.
    static QPainterPath outline(model::NodeKind kind);
    /// Paints body and glyph; `lanes` is the partition count drawn on a topic.
    static void paintBody(QPainter *p, model::NodeKind kind, int lanes = 3);
    /// A palette icon of the kind, `size` pixels square.
    static QIcon icon(model::NodeKind kind, int size = 48);
    /// "Producer", "Topic", ...
    static QString displayName(model::NodeKind kind);
    static QString description(model::NodeKind kind);
};

} // namespace eventbench::ui
