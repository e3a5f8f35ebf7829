#pragma once
// One chart of recorded runs (the Runs panel's charts): the ChartPlan lines of the chosen nodes
// drawn from run A as solid lines and, when two runs are compared, from run B as dashed lines
// of the same colour on the same axes. Each line is downsampled to at most kMaxPoints. GUI
// thread.
#include <QChartView>
#include <QPair>
#include <QVector>

#include "ui/charts/ChartPlan.h"

class QLineSeries;
class QValueAxis;

namespace eventbench::ui {

struct StoredRunData;

class OverlayChart : public QChartView {
    Q_OBJECT
  public:
    static constexpr int kMaxPoints = 600;
    static constexpr int kMaxLines = 8;

    explicit OverlayChart(ChartId id, QWidget *parent = nullptr);

    ChartId id() const { return m_id; }
    /// Draws `nodes` of `a` and, when given, of `b`.
    void plot(const QVector<QPair<QString, model::NodeKind>> &nodes, const StoredRunData &a,
              const StoredRunData *b);
    /// The line of (node, metric) for run 0 (A) or 1 (B), or nullptr.
    QLineSeries *series(const QString &node, const QString &metric, int run) const;
    int lineCount() const;

  private:
    ChartId m_id;
    QValueAxis *m_x;
    QValueAxis *m_y;
};

} // namespace eventbench::ui
