#pragma once
// The legend under a chart: one swatch and label per line, laid out left to right and
// wrapped onto as many rows as the width needs, so no label is cut; the tooltip lists them
// all. The same painting serves the screen and exported pictures. Owned by its PlotView.
// GUI thread.
#include <QColor>
#include <QVector>
#include <QWidget>

namespace eventbench::ui {

class LegendStrip : public QWidget {
    Q_OBJECT
  public:
    /// One line of the chart.
    struct Entry {
        QString text;
        QColor colour;
        bool dashed = false;
    };

    explicit LegendStrip(QWidget *parent = nullptr);

    void setEntries(const QVector<Entry> &entries);
    const QVector<Entry> &entries() const { return m_entries; }
    /// The height the entries need at `width` (0 when there are none).
    int heightFor(int width) const;
    /// Paints `entries` wrapped inside `rect` with `font`; returns the height used.
    static int paint(QPainter &p, const QRect &rect, const QVector<Entry> &entries,
                     const QFont &font, bool draw = true);

  protected:
    void paintEvent(QPaintEvent *) override;

  private:
    QVector<Entry> m_entries;
};

} // namespace eventbench::ui
