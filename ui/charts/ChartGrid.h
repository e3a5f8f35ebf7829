#pragma once
// The charts of a view laid out in a grid that takes all the room it is given: as many columns
// as the width allows (one to three), only the charts that have lines, and one chart enlarged
// to the whole grid on demand (its double-click or button; Esc or "Back to all charts"
// returns). Used by the live charts dock and the stored-run window. GUI thread.
#include <QVector>
#include <QWidget>

class QGridLayout;
class QPushButton;

namespace eventbench::ui {

class PlotView;

class ChartGrid : public QWidget {
    Q_OBJECT
  public:
    explicit ChartGrid(QWidget *parent = nullptr);

    /// Adds a chart (the grid takes it as a child).
    void addChart(PlotView *chart);
    const QVector<PlotView *> &charts() const { return m_charts; }
    /// Which charts are laid out (the others are hidden); an enlarged chart hidden this way
    /// is restored first.
    void setShown(const QVector<bool> &shown);
    bool isShown(int index) const { return m_shown.value(index); }
    /// The enlarged chart, or nullptr.
    PlotView *enlarged() const { return m_enlarged; }
    void enlarge(PlotView *chart);
    void restore();
    /// The charts laid out now (all shown ones, or the enlarged one).
    QVector<PlotView *> visibleCharts() const;
    int columns() const { return m_columns; }

  protected:
    void resizeEvent(QResizeEvent *e) override;
    void keyPressEvent(QKeyEvent *e) override;

  private:
    void relayout();
    int columnsFor(int count) const;
    QSize available() const;

    QVector<PlotView *> m_charts;
    QVector<bool> m_shown;
    PlotView *m_enlarged = nullptr;
    QGridLayout *m_grid;
    QPushButton *m_back;
    int m_columns = 0;
    bool m_relayoutQueued = false;
};

} // namespace eventbench::ui
