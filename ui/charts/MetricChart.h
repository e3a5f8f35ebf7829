#pragma once
// One live chart (e.g. throughput) with a line per ChartLine, drawn from RunData with at most
// kMaxPoints points per line: each line folds only the samples it has not seen yet into its
// Downsampler, so a redraw costs the same late in a long run as early. Each node is drawn in
// its session colour (NodePalette), a node's further lines dotted; the hover readout reads
// the exact sample from RunData. GUI thread.
#include <QVector>
#include <vector>

#include "ui/charts/ChartPlan.h"
#include "ui/charts/Downsampler.h"
#include "ui/charts/PlotView.h"

class QLineSeries;

namespace eventbench::ui {

class RunData;

class MetricChart : public PlotView {
    Q_OBJECT
  public:
    static constexpr int kMaxPoints = 200;

    MetricChart(ChartId id, QWidget *parent = nullptr);

    ChartId id() const { return m_id; }
    /// Replaces the lines (on selection change); the points come with the next refresh.
    /// With `severalNodes` the legend names node and figure, else the figure only.
    void setLines(const QVector<ChartLine> &lines, bool severalNodes = false);
    const QVector<ChartLine> &lines() const { return m_lines; }
    /// Re-plots every line from `data` (which must outlive the chart or the next refresh).
    void refresh(const RunData &data);
    /// The plotted series of (node, metric), or nullptr.
    QLineSeries *series(const QString &node, const QString &metric) const;
    QVector<Reading> readingsAt(double time) const override;

  private:
    ChartId m_id;
    QVector<ChartLine> m_lines;
    struct LineState {
        QLineSeries *series = nullptr;
        Downsampler points{kMaxPoints};
        std::size_t folded = 0; // samples of RunData already in `points`
        double cumulative = 0;
        double maxY = 0;
    };
    std::vector<LineState> m_state;
    quint64 m_generation = ~quint64(0);
    const RunData *m_data = nullptr;
};

/// The sample of `times` nearest to `t` (times ascending, not empty).
std::size_t nearestSample(const std::vector<double> &times, double t);
/// The y a line shows at sample `k` of `data` (a running total adds up to k).
double lineValueAt(const ChartLine &line, const RunData &data, int series, std::size_t k);
/// The pen of a node's `index`-th line on a chart: the node's colour, solid for its first line
/// and dotted or dashed after; in a comparison (`run` 0 or 1) solid for A and dashed for B.
QPen linePen(const QString &node, int index, int run = -1);

} // namespace eventbench::ui
