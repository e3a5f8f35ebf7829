#pragma once
// One chart of recorded runs (the Runs panel's charts): the ChartPlan lines of the chosen nodes
// drawn from run A as solid lines and, when two runs are compared, from run B as dashed lines
// of the same colour on the same axes, each node in its session colour (NodePalette), with
// the runs' faults as bands. Each line is downsampled to at most kMaxPoints; the hover
// readout reads the exact samples. GUI thread.
#include <QPair>
#include <QVector>

#include "ui/charts/ChartPlan.h"
#include "ui/charts/PlotView.h"

class QLineSeries;

namespace eventbench::ui {

struct StoredRunData;

class OverlayChart : public PlotView {
    Q_OBJECT
  public:
    static constexpr int kMaxPoints = 600;
    static constexpr int kMaxLines = 8;

    explicit OverlayChart(ChartId id, QWidget *parent = nullptr);

    ChartId id() const { return m_id; }
    /// Draws `nodes` of `a` and, when given, of `b` (both must outlive the chart's use).
    void plot(const QVector<QPair<QString, model::NodeKind>> &nodes, const StoredRunData &a,
              const StoredRunData *b);
    /// The line of (node, metric) for run 0 (A) or 1 (B), or nullptr.
    QLineSeries *series(const QString &node, const QString &metric, int run) const;
    int lineCount() const;
    QVector<Reading> readingsAt(double time) const override;

  private:
    struct Plotted {
        ChartLine line;
        const StoredRunData *run;
        int series;
        QLineSeries *drawn;
    };
    ChartId m_id;
    QVector<Plotted> m_plotted;
};

} // namespace eventbench::ui
