#pragma once
// A chart a person can analyse, the base of the live (MetricChart), stored and compared
// (OverlayChart) charts: a hover readout of every line at the sample under the mouse with a
// crosshair; zoom by the wheel (time; Ctrl+wheel: values) or by dragging a rubber band; pan
// by dragging with Shift, the middle or the right button; Home (or the reset button) goes
// back to the whole run. Axes take 1/2/5×10^k ticks in the unit their extent calls for
// (AxisUnit: ms, s, min), thousands separated, and never go below zero. Faults are
// drawn as labelled bands, the legend wraps under the plot (LegendStrip), and a double-click
// or the enlarge button asks the surrounding ChartGrid to give the chart all its room
// (Esc returns). GUI thread.
#include <QChartView>
#include <QColor>
#include <QVector>

#include "ui/charts/AxisUnit.h"
#include "ui/charts/ChartPlan.h"
#include "ui/charts/LegendStrip.h"

class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QLabel;
class QRubberBand;
class QToolButton;
class QValueAxis;

namespace eventbench::ui {

class PlotView : public QChartView {
    Q_OBJECT
  public:
    /// A fault from the moment it was applied to the moment it was reverted (seconds).
    using Band = FaultBand;
    /// One line's value at the sample nearest the time asked for.
    struct Reading {
        QString series; // the line's legend text
        QColor colour;
        double time = 0;
        double value = 0;
    };

    explicit PlotView(QWidget *parent = nullptr);

    QValueAxis *xAxis() const { return m_x; }
    QValueAxis *yAxis() const { return m_y; }
    /// Sets the title and the unit the values are recorded in; the title reads "`title`
    /// (shown unit)", the shown unit picked by AxisUnit for the data's extent.
    void setTitleAndUnit(const QString &title, const QString &unit);
    const QString &unit() const { return m_unit; }
    /// The unit the y axis and the readout show values in (e.g. s for latencies of seconds).
    const AxisUnit &shownUnit() const { return m_yUnit; }
    /// The extent of the data: shown (with nice ticks) unless the user zoomed or panned.
    void setDataRange(double x0, double x1, double yMax);
    bool isZoomed() const { return m_zoomed; }
    void resetZoom();
    /// Zooms time by `factor` (< 1: in) keeping `anchor` (seconds) where it is.
    void zoomTime(double factor, double anchor);
    /// Shows the value rectangle `r` (x: seconds, y: values).
    void zoomTo(const QRectF &r);

    void setBands(const QVector<Band> &bands);
    const QVector<Band> &bands() const { return m_bands; }
    /// Where band `i` is drawn, in viewport pixels.
    QRect bandRect(int i) const;
    /// Where band `i`'s label is drawn, in viewport pixels (empty when hidden).
    QRect bandLabelRect(int i) const;

    /// Every line's reading at `time` (the sample nearest to it).
    virtual QVector<Reading> readingsAt(double time) const = 0;
    /// The hover readout as shown (plain text), empty when hidden.
    QString readoutText() const;
    /// The value under a viewport point, and the viewport point of a value.
    QPointF valueAt(QPoint viewportPos) const;
    QPoint viewportPointOf(QPointF value) const;

    LegendStrip *legendStrip() const { return m_legend; }
    /// Replaces the legend under the plot.
    void setLegend(const QVector<LegendStrip::Entry> &entries);
    /// Paints the chart and its legend into `target`, laid out at that size.
    void renderTo(QPainter &p, const QRect &target);
    /// Shown as enlarged by its ChartGrid (the enlarge button turns into "restore").
    void setEnlarged(bool enlarged);
    bool isEnlarged() const { return m_enlarged; }

  signals:
    void enlargeToggled();
    void exportRequested();

  protected:
    void mousePressEvent(QMouseEvent *e) override;
    void mouseMoveEvent(QMouseEvent *e) override;
    void mouseReleaseEvent(QMouseEvent *e) override;
    void mouseDoubleClickEvent(QMouseEvent *e) override;
    void wheelEvent(QWheelEvent *e) override;
    void keyPressEvent(QKeyEvent *e) override;
    void leaveEvent(QEvent *e) override;
    void resizeEvent(QResizeEvent *e) override;

  private:
    void applyRange();
    void showTitle();
    void updateBands();
    void placeBandLabels(const QVector<int> &order);
    void updateHover(QPoint pos);
    void hideHover();
    void placeOverlay();
    void showMenu(QPoint pos);
    void panBy(QPoint pixels);

    QValueAxis *m_x;
    QValueAxis *m_y;
    QString m_title;
    QString m_unit;
    AxisUnit m_xUnit{QStringLiteral("s"), 1};
    AxisUnit m_yUnit;
    int m_rightMargin = 2;      // room for half the last x label, centred on the plot's right edge
    QRectF m_data{0, 0, 60, 1}; // x0, y0 = 0, width, height
    QRectF m_view;              // the zoomed range when m_zoomed
    bool m_zoomed = false;
    bool m_enlarged = false;
    QVector<Band> m_bands;
    QVector<QGraphicsRectItem *> m_bandItems;
    QVector<QGraphicsRectItem *> m_bandLabels; // a background holding the text
    QGraphicsLineItem *m_vLine;
    QGraphicsLineItem *m_hLine;
    QLabel *m_readout;
    LegendStrip *m_legend;
    QToolButton *m_enlargeButton;
    QToolButton *m_resetButton;
    QRubberBand *m_band = nullptr;
    enum class Drag { None, Zoom, Pan } m_drag = Drag::None;
    QPoint m_pressAt;
    QPoint m_lastAt;
    Qt::MouseButton m_pressButton = Qt::NoButton;
};

} // namespace eventbench::ui
