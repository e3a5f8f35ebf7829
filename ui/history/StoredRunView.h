#pragma once
// A window on one recorded run, or two compared (the Runs panel opens it): the charts of the
// live view redrawn from the store for the nodes ticked in a list — with two runs, run B dashed
// over run A — and the summary: one run's figures, or both side by side with difference and
// ratio, changed rows highlighted. Owns copies of the runs' data. GUI thread.
#include <QSize>
#include <QVector>
#include <QWidget>
#include <memory>

#include "ui/charts/ChartPlan.h"
#include "ui/history/StoredRunData.h"

class QCheckBox;
class QLabel;
class QListWidget;
class QTableWidget;

namespace eventbench::ui {

class ChartGrid;
class OverlayChart;

class StoredRunView : public QWidget {
    Q_OBJECT
  public:
    /// Highlight of a changed row in the comparison.
    static QColor changedColour() { return QColor(255, 224, 130); }

    StoredRunView(std::shared_ptr<const StoredRunData> a, std::shared_ptr<const StoredRunData> b,
                  QWidget *parent = nullptr);

    bool comparing() const { return m_b != nullptr; }
    const StoredRunData &runA() const { return *m_a; }
    const StoredRunData *runB() const { return m_b.get(); }
    OverlayChart *chart(ChartId id) const { return m_charts[int(id)]; }
    QListWidget *nodeList() const { return m_nodes; }
    QTableWidget *summaryTable() const { return m_summary; }
    QCheckBox *onlyChanges() const { return m_onlyChanges; }
    QLabel *heading() const { return m_heading; }
    ChartGrid *chartGrid() const { return m_grid; }
    /// The caption of exported pictures: each run's scenario, seed and fingerprint.
    QString exportCaption() const;
    /// Writes the charts shown now (PNG, or SVG for a .svg path) at `size` with the caption.
    bool exportImage(const QString &path, QSize size, QString *error = nullptr) const;
    /// Rows of the summary table that are marked changed.
    int changedRows() const;

  private:
    void replot();
    void fillSummary();
    void applyFilter();

    std::shared_ptr<const StoredRunData> m_a;
    std::shared_ptr<const StoredRunData> m_b;
    QVector<QPair<QString, model::NodeKind>> m_allNodes;
    QLabel *m_heading;
    QListWidget *m_nodes;
    ChartGrid *m_grid;
    QVector<OverlayChart *> m_charts;
    QTableWidget *m_summary;
    QCheckBox *m_onlyChanges;
};

} // namespace eventbench::ui
