#include "ui/charts/ChartGrid.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include "ui/charts/PlotView.h"

namespace eventbench::ui {

namespace {
constexpr int kMinColumnWidth = 300; // half of it is the narrowest a chart gets
} // namespace

ChartGrid::ChartGrid(QWidget *parent) : QWidget(parent) {
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(2);
    m_back = new QPushButton(tr("Back to all charts (Esc)"), this);
    m_back->setObjectName(QStringLiteral("chartsBack"));
    m_back->hide();
    connect(m_back, &QPushButton::clicked, this, &ChartGrid::restore);
    outer->addWidget(m_back, 0, Qt::AlignLeft);
    m_grid = new QGridLayout;
    m_grid->setSpacing(2);
    outer->addLayout(m_grid, 1);
}

void ChartGrid::addChart(PlotView *chart) {
    chart->setParent(this);
    m_charts.append(chart);
    m_shown.append(true);
    connect(chart, &PlotView::enlargeToggled, this, [this, chart] {
        if (m_enlarged == chart)
            restore();
        else
            enlarge(chart);
    });
    relayout();
}

void ChartGrid::setShown(const QVector<bool> &shown) {
    if (shown == m_shown)
        return;
    m_shown = shown;
    m_shown.resize(m_charts.size());
    if (m_enlarged && !m_shown[int(m_charts.indexOf(m_enlarged))]) {
        m_enlarged->setEnlarged(false);
        m_enlarged = nullptr;
    }
    relayout();
}

void ChartGrid::enlarge(PlotView *chart) {
    if (m_enlarged)
        m_enlarged->setEnlarged(false);
    m_enlarged = chart;
    chart->setEnlarged(true);
    relayout();
    chart->setFocus();
}

void ChartGrid::restore() {
    if (!m_enlarged)
        return;
    PlotView *was = m_enlarged;
    m_enlarged->setEnlarged(false);
    m_enlarged = nullptr;
    relayout();
    was->setFocus();
}

QVector<PlotView *> ChartGrid::visibleCharts() const {
    if (m_enlarged)
        return {m_enlarged};
    QVector<PlotView *> out;
    for (int i = 0; i < m_charts.size(); ++i)
        if (m_shown[i])
            out.append(m_charts[i]);
    return out;
}

// Inside a scroll area the room is its viewport's: the grid's own size follows the columns
// chosen (their smallest sizes), so choosing by it would feed back into itself.
QSize ChartGrid::available() const {
    const QWidget *parent = parentWidget();
    return parent && parent->objectName() == QLatin1String("qt_scrollarea_viewport")
               ? parent->size()
               : size();
}

int ChartGrid::columnsFor(int count) const {
    // The columns that give the largest charts of a readable shape (about 1.7 : 1).
    int best = 1;
    double bestSize = -1;
    for (int cols = 1; cols <= std::clamp(count, 1, 3); ++cols) {
        const int rows = (count + cols - 1) / cols;
        const QSize room = available();
        const double w = double(room.width()) / cols, h = double(room.height()) / std::max(rows, 1);
        const double size = std::min(w / 1.7, h) - (w < kMinColumnWidth / 2 ? 1e6 : 0);
        if (size > bestSize + 1) {
            best = cols;
            bestSize = size;
        }
    }
    return best;
}

void ChartGrid::relayout() {
    const QVector<PlotView *> visible = visibleCharts();
    for (PlotView *c : m_charts)
        m_grid->removeWidget(c);
    for (int r = 0; r < m_grid->rowCount(); ++r)
        m_grid->setRowStretch(r, 0);
    for (int c = 0; c < m_grid->columnCount(); ++c)
        m_grid->setColumnStretch(c, 0);
    m_columns = columnsFor(int(visible.size()));
    for (int i = 0; i < visible.size(); ++i) {
        m_grid->addWidget(visible[i], i / m_columns, i % m_columns);
        m_grid->setRowStretch(i / m_columns, 1);
        m_grid->setColumnStretch(i % m_columns, 1);
    }
    for (PlotView *c : m_charts)
        c->setVisible(visible.contains(c));
    m_back->setVisible(m_enlarged != nullptr);
}

void ChartGrid::resizeEvent(QResizeEvent *e) {
    QWidget::resizeEvent(e);
    // Later, not inside the resize: a new column count changes the grid's smallest size,
    // which resizes it again.
    if (!m_relayoutQueued && columnsFor(int(visibleCharts().size())) != m_columns) {
        m_relayoutQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_relayoutQueued = false;
            if (columnsFor(int(visibleCharts().size())) != m_columns)
                relayout();
        });
    }
}

void ChartGrid::keyPressEvent(QKeyEvent *e) {
    if (e->key() == Qt::Key_Escape && m_enlarged) {
        restore();
        return;
    }
    QWidget::keyPressEvent(e);
}

} // namespace eventbench::ui
