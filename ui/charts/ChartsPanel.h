#pragma once
// The live charts dock: throughput, lag, lag time, latency, dead letters and failures for the
// selected nodes (all consumers when nothing is selected), re-plotted from RunData by
// refresh(), which the window calls at most ~30 times a second. GUI thread.
#include <QPair>
#include <QVector>
#include <QWidget>
#include <string>
#include <utility>
#include <vector>

#include "model/scenario/Scenario.h"
#include "ui/charts/ChartPlan.h"

class QLabel;
class QLineSeries;

namespace eventbench::ui {

class MetricChart;
class RunData;

class ChartsPanel : public QWidget {
    Q_OBJECT
  public:
    static constexpr int kMaxLinesPerChart = 8;

    explicit ChartsPanel(QWidget *parent = nullptr);

    /// The nodes to chart (id, kind); `explicitSelection` false means "all consumers" and is
    /// only said in the caption.
    void setNodes(const QVector<QPair<QString, model::NodeKind>> &nodes, bool explicitSelection);
    /// Re-plots from `data` (rebuilding the lines when the run's series changed).
    void refresh(const RunData &data);

    MetricChart *chart(ChartId id) const { return m_charts[int(id)]; }
    /// The plotted series of (node, metric) on any chart, or nullptr.
    QLineSeries *series(const QString &node, const QString &metric) const;
    /// Saves a picture of all charts; false on failure.
    bool exportPng(const QString &path);

  private:
    void rebuild(const RunData &data);

    QLabel *m_caption;
    QVector<MetricChart *> m_charts;
    QVector<QPair<QString, model::NodeKind>> m_nodes;
    std::vector<std::pair<std::string, std::string>> m_builtFor;
    bool m_needRebuild = true;
};

} // namespace eventbench::ui
