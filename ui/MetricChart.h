#pragma once
// One live chart (e.g. throughput) with a line per ChartLine, drawn from RunData with at most
// kMaxPoints points per line (LTTB downsampling). GUI thread.
#include <QChartView>
#include <QVector>

#include "ChartPlan.h"

class QLineSeries;
class QValueAxis;

namespace eventbench::ui {

class RunData;

class MetricChart : public QChartView {
    Q_OBJECT
public:
    static constexpr int kMaxPoints = 600;

    MetricChart(ChartId id, QWidget *parent = nullptr);

    ChartId id() const { return m_id; }
    /// Replaces the lines (on selection change); the points come with the next refresh.
    void setLines(const QVector<ChartLine> &lines);
    const QVector<ChartLine> &lines() const { return m_lines; }
    /// Re-plots every line from `data`.
    void refresh(const RunData &data);
    /// The plotted series of (node, metric), or nullptr.
    QLineSeries *series(const QString &node, const QString &metric) const;

private:
    ChartId m_id;
    QVector<ChartLine> m_lines;
    QVector<QLineSeries *> m_series;
    QValueAxis *m_x;
    QValueAxis *m_y;
};

} // namespace eventbench::ui
