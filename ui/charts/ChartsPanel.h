#pragma once
// The live charts dock: throughput, lag, lag time, latency, dead letters and failures for the
// selected nodes (all consumers when nothing is selected, with the queues that dead-letter or
// lose messages on the dead-letter chart), re-plotted from RunData by refresh(), which the
// window calls at most ~30 times a second. Only charts with lines are shown, in a ChartGrid
// that fills the dock and enlarges one chart on demand; the run's faults are bands on every
// chart. GUI thread.
#include <QPair>
#include <QSize>
#include <QVector>
#include <QWidget>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "model/scenario/Scenario.h"
#include "ui/charts/ChartPlan.h"

class QLabel;
class QLineSeries;

namespace eventbench::ui {

class ChartGrid;
class MetricChart;
class PlotView;
class RunData;

class ChartsPanel : public QWidget {
    Q_OBJECT
  public:
    static constexpr int kMaxLinesPerChart = 8;
    using NodeList = QVector<QPair<QString, model::NodeKind>>;

    explicit ChartsPanel(QWidget *parent = nullptr);

    /// The nodes to chart (id, kind); `explicitSelection` false means "all consumers" and is
    /// only said in the caption. `deadLetterNodes` are drawn on the dead-letter chart only.
    void setNodes(const NodeList &nodes, bool explicitSelection,
                  const NodeList &deadLetterNodes = {});
    /// Re-plots from `data` (rebuilding the lines when the run's series changed).
    void refresh(const RunData &data);

    MetricChart *chart(ChartId id) const { return m_charts[int(id)]; }
    ChartGrid *grid() const { return m_grid; }
    /// The plotted series of (node, metric) on any chart, or nullptr.
    QLineSeries *series(const QString &node, const QString &metric) const;
    /// The caption of exported pictures (scenario, seed, fingerprint), asked at export time.
    void setCaptionSource(std::function<QString()> source) { m_captionSource = std::move(source); }
    QString exportCaption() const;
    /// Writes the charts shown now (PNG, or SVG for a .svg path) at `size` with the caption.
    bool exportImage(const QString &path, QSize size, QString *error = nullptr);
    /// Saves a picture of the charts at their size on screen; false on failure.
    bool exportPng(const QString &path);

  private:
    void rebuild(const RunData &data);

    QLabel *m_caption;
    ChartGrid *m_grid;
    QVector<MetricChart *> m_charts;
    NodeList m_nodes;
    NodeList m_deadLetterNodes;
    bool m_explicit = false;
    std::vector<std::pair<std::string, std::string>> m_builtFor;
    QVector<int> m_flatMemberSeries; // left off the members chart until they change
    bool m_needRebuild = true;
    std::size_t m_bandEvents = 0;
    quint64 m_bandGeneration = ~quint64(0);
    bool m_openBand = false;
    std::function<QString()> m_captionSource;
};

} // namespace eventbench::ui
