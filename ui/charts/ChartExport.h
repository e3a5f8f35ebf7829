#pragma once
// Writes charts as a picture of a chosen size: PNG or, for a path ending in .svg, SVG, with a
// caption line on top (scenario, seed, fingerprint) and the charts in a grid under it, each
// laid out at its cell's size with its legend. Used by File > Export Charts and a chart's own
// "Export this chart…". GUI thread.
#include <QSize>
#include <QString>
#include <QVector>

class QWidget;

namespace eventbench::ui {

class PlotView;

class ChartExport {
  public:
    /// Writes `charts` to `path` at `size` pixels under `caption`; false with `error` set.
    static bool write(const QVector<PlotView *> &charts, const QString &path, QSize size,
                      const QString &caption, QString *error = nullptr);
    /// Asks for a file (PNG or SVG) and a size, then writes; false when cancelled or failed
    /// (a failure is shown to the user).
    static bool writeInteractive(const QVector<PlotView *> &charts, const QString &caption,
                                 QWidget *parent, QString *savedPath = nullptr);
};

} // namespace eventbench::ui
