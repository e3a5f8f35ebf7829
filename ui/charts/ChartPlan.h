#pragma once
// Which series of a node go on which live chart (the metric catalogue's chart groups, labels
// and key figures), and how each chart shows them (per-second rate, running total, value as
// sampled, milliseconds). Pure; any thread.
#include <QString>
#include <QVector>

#include "model/catalogue/MetricCatalogue.h"
#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::ui {

class RunData;

/// The live charts are the metric catalogue's chart groups.
using ChartId = model::ChartGroup;
constexpr int kChartCount = model::kChartGroupCount;

/// How sampled values are turned into plotted y values.
enum class Transform {
    Rate,       // counter per interval -> per second
    Cumulative, // counter per interval -> running total
    Raw,        // gauge as sampled
    Millis      // seconds -> milliseconds
};

/// One line on a chart: which series and how to show it.
struct ChartLine {
    ChartId chart;
    QString node;
    QString metric;
    Transform transform;
    QString label;       // legend text: node and what
    QString shortLabel;  // legend text when the chart shows a single node
    int series;          // index in RunData
    bool primary = true; // shown when several nodes share the chart (their key figure)
    int nodeSlot = -1;   // with several nodes: the node's index, which picks its colour
};

/// A fault on the charts: from its fault_applied to its fault_reverted event (seconds).
struct FaultBand {
    double from = 0;
    double to = 0;
    QString label; // "crash inventory"
    bool operator==(const FaultBand &) const = default;
};

/// How a figure is shown wherever it is drawn: its unit and the factor from the recorded value
/// (latencies are recorded in seconds and shown in milliseconds).
struct FigureUnit {
    QString unit;
    double scale = 1;
};

class ChartPlan {
  public:
    static QString title(ChartId chart);
    static QString unit(ChartId chart);
    /// The title when several nodes share the chart and only their key figures are drawn.
    static QString severalNodesTitle(ChartId chart);
    /// The lines to draw for `node` given the series the run actually has.
    static QVector<ChartLine> linesFor(const QString &node, model::NodeKind kind,
                                       const RunData &data);
    /// The unit of a figure (`metric` as in timeseries.csv, e.g. `latency_p99`), the same on
    /// the live, stored, compared and sweep charts.
    static FigureUnit figureUnit(const QString &metric);
    /// The faults in `events` as bands; one not reverted yet ends at `endSeconds`.
    static QVector<FaultBand> faultBands(const std::vector<model::RunReport::EventRow> &events,
                                         double endSeconds);
    /// y value of one sample; `cumulative` is the running total before it (Cumulative only).
    static double apply(Transform t, double value, double sampleEverySeconds, double cumulative);
};

} // namespace eventbench::ui
