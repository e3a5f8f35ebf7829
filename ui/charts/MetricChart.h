#pragma once
// One live chart (e.g. throughput) with a line per ChartLine, drawn from RunData with at most
// kMaxPoints points per line: each line folds only the samples it has not seen yet into its
// Downsampler, so a redraw costs the same late in a long run as early. GUI thread.
#include <QChartView>
#include <QVector>
#include <vector>

#include "ui/charts/ChartPlan.h"
#include "ui/charts/Downsampler.h"

class QLineSeries;
class QValueAxis;

namespace eventbench::ui {

class RunData;

class MetricChart : public QChartView {
    Q_OBJECT
  public:
    static constexpr int kMaxPoints = 200;

    MetricChart(ChartId id, QWidget *parent = nullptr);

    ChartId id() const { return m_id; }
    /// Replaces the lines (on selection change); the points come with the next refresh.
    /// With `severalNodes` each line takes its node's colour (ChartLine::nodeSlot), a node's
    /// second line on the chart is dashed, and the legend is left to the panel's caption.
    void setLines(const QVector<ChartLine> &lines, bool severalNodes = false);
    /// The colour of line or node `slot` (a fixed palette, repeating).
    static QColor lineColor(int slot);
    const QVector<ChartLine> &lines() const { return m_lines; }
    /// Re-plots every line from `data`.
    void refresh(const RunData &data);
    /// The plotted series of (node, metric), or nullptr.
    QLineSeries *series(const QString &node, const QString &metric) const;

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
    QValueAxis *m_x;
    QValueAxis *m_y;
};

} // namespace eventbench::ui
