#pragma once
// Pictures for the HTML report as SVG text drawn by Qt (QSvgGenerator), offscreen: the
// topology as the canvas draws it (GraphScene) and a run's charts as the Runs panel draws
// them (OverlayChart). Everything that QSvgGenerator would otherwise fill in from the
// environment (size, view box, resolution, title, description) is set, so that the same
// input gives the same bytes. Needs a QApplication (the offscreen platform is enough); GUI
// thread.
#include <QByteArray>
#include <QPair>
#include <QSize>
#include <QString>
#include <QVector>
#include <functional>

#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"
#include "ui/charts/ChartPlan.h"
#include "ui/history/StoredRunData.h"

class QPainter;

namespace eventbench::ui {

class SvgPicture {
  public:
    /// An SVG element of `size` with `title`, painted by `paint`; without the XML declaration
    /// and namespace attributes (an `<svg>` element for inline use in HTML5). Its ids (the
    /// gradients QSvgGenerator numbers from 1 in every picture) and the references to them
    /// start with `idPrefix`, so that several pictures in one page do not share an id.
    static QByteArray draw(QSize size, const QString &title, const QString &idPrefix,
                           const std::function<void(QPainter &)> &paint);
    /// The scenario's topology, laid out where the file gives no positions.
    static QByteArray topology(const model::Scenario &scenario, const QString &idPrefix);
    /// The run as the Runs panel holds it, for charts().
    static StoredRunData runData(const model::RunReport &report,
                                 const QVector<QPair<QString, model::NodeKind>> &nodes,
                                 model::SimTime sampleEvery);
    /// The charts that have lines for `node`, in chart order: (title, SVG); ids start with
    /// `idPrefix` and the chart's number.
    static QVector<QPair<QString, QByteArray>> charts(const StoredRunData &run, const QString &node,
                                                      model::NodeKind kind, QSize size,
                                                      const QString &idPrefix);
};

} // namespace eventbench::ui
