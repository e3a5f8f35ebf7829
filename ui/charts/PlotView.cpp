#include "ui/charts/PlotView.h"

#include <QCategoryAxis>
#include <QGraphicsLayout>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLabel>
#include <QLegend>
#include <QMenu>
#include <QMouseEvent>
#include <QRubberBand>
#include <QStyle>
#include <QToolButton>

#include <algorithm>
#include <cmath>

#include "ui/charts/NiceScale.h"

namespace eventbench::ui {

namespace {

constexpr int kTicks = 5;
constexpr int kMinWidth = 160;
constexpr int kMinPlotHeight = 90; // the plot area never gets smaller: the grid scrolls instead
constexpr int kButtonsWidth = 46;  // the reset and enlarge buttons at the top right
constexpr int kButtonsHeight = 22;

QToolButton *overlayButton(QWidget *parent, QStyle::StandardPixmap icon, const QString &tip) {
    auto *b = new QToolButton(parent);
    b->setIcon(parent->style()->standardIcon(icon));
    b->setToolTip(tip);
    b->setAutoRaise(true);
    b->setFixedSize(20, 20);
    b->setIconSize(QSize(12, 12));
    return b;
}

} // namespace

// The chart is handed to the QChartView constructor: setChart() would leave the view's
// default chart behind, unowned.
PlotView::PlotView(QWidget *parent) : QChartView(new QChart, parent) {
    QChart *c = chart();
    QFont tf = c->titleFont();
    tf.setPointSizeF(9);
    tf.setBold(true);
    c->setTitleFont(tf);
    c->setAnimationOptions(QChart::NoAnimation);
    c->setMargins(QMargins(2, 2, 2, 2));
    c->setBackgroundRoundness(0);
    c->legend()->setVisible(false); // LegendStrip wraps instead of eliding
    // Category axes label each tick with text of our own: a value in the unit its size calls
    // for (AxisUnit), thousands separated; the series stay in the recorded unit.
    m_x = new QCategoryAxis;
    m_y = new QCategoryAxis;
    for (QValueAxis *a : {m_x, m_y}) {
        QFont af = a->labelsFont();
        af.setPointSizeF(7.5);
        a->setLabelsFont(af);
    }
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    setRenderHint(QPainter::Antialiasing);
    setMinimumWidth(kMinWidth);
    setFocusPolicy(Qt::ClickFocus);
    viewport()->setMouseTracking(true);
    viewport()->setCursor(Qt::CrossCursor);

    QPen cross(QColor(0x55, 0x55, 0x55), 0, Qt::DashLine);
    m_vLine = new QGraphicsLineItem(c);
    m_hLine = new QGraphicsLineItem(c);
    for (QGraphicsLineItem *l : {m_vLine, m_hLine}) {
        l->setPen(cross);
        l->setZValue(100);
        l->hide();
    }
    m_readout = new QLabel(viewport());
    m_readout->setObjectName(QStringLiteral("chartReadout"));
    m_readout->setTextFormat(Qt::RichText);
    m_readout->setStyleSheet(QStringLiteral(
        "background: rgba(255,255,255,230); border: 1px solid #999; padding: 3px; color: #222"));
    m_readout->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_readout->hide();
    m_legend = new LegendStrip(this);
    m_enlargeButton = overlayButton(viewport(), QStyle::SP_TitleBarMaxButton,
                                    tr("Enlarge this chart (double-click); Esc returns"));
    m_enlargeButton->setObjectName(QStringLiteral("chartEnlarge"));
    m_resetButton =
        overlayButton(viewport(), QStyle::SP_BrowserReload, tr("Show the whole run again (Home)"));
    m_resetButton->setObjectName(QStringLiteral("chartResetZoom"));
    m_resetButton->setEnabled(false);
    connect(m_enlargeButton, &QToolButton::clicked, this, &PlotView::enlargeToggled);
    connect(m_resetButton, &QToolButton::clicked, this, &PlotView::resetZoom);
    connect(c, &QChart::plotAreaChanged, this, &PlotView::updateBands);
    applyRange();
    placeOverlay();
}

void PlotView::setTitleAndUnit(const QString &title, const QString &unit) {
    m_title = title;
    m_unit = unit;
    m_yUnit = AxisUnit::pick(unit, m_data.bottom());
    showTitle();
}

void PlotView::showTitle() {
    const QString &u = m_yUnit.name;
    chart()->setTitle(u.isEmpty() ? m_title : QStringLiteral("%1 (%2)").arg(m_title, u));
    placeOverlay();
}

void PlotView::setDataRange(double x0, double x1, double yMax) {
    const QRectF data(x0, 0, std::max(x1 - x0, 1e-9), std::max(yMax, 0.0));
    if (data == m_data)
        return;
    m_data = data;
    if (!m_zoomed)
        applyRange();
}

void PlotView::applyRange() {
    // A label needs about 30 px of height and 80 px of width, or Qt Charts elides it to "…".
    const QSizeF plot = chart()->plotArea().size();
    const int xTicks = plot.width() > 0 ? std::clamp(int(plot.width() / 80), 2, 10) : kTicks;
    const int yTicks = plot.height() > 0 ? std::clamp(int(plot.height() / 30), 1, 8) : kTicks;
    // The unit follows the whole run's extent, so zooming does not change it.
    m_xUnit = AxisUnit::pick(QStringLiteral("s"), m_data.right());
    const AxisUnit yUnit = AxisUnit::pick(m_unit, m_data.bottom() * 1.05);
    const double fx = m_xUnit.factor, fy = yUnit.factor;
    NiceScale x, y;
    if (m_zoomed) {
        x = NiceScale::within(m_view.left() / fx, m_view.right() / fx, xTicks);
        y = NiceScale::within(m_view.top() / fy, m_view.bottom() / fy, yTicks);
    } else {
        x = NiceScale::within(m_data.left() / fx, m_data.right() / fx, xTicks);
        y = NiceScale::around(0, m_data.bottom() * 1.05 / fy, yTicks, true);
    }
    auto *xAxis = static_cast<QCategoryAxis *>(m_x);
    x.applyTo(xAxis, m_xUnit, true);
    y.applyTo(static_cast<QCategoryAxis *>(m_y), yUnit);
    // The last x label is centred on its tick, which may be the plot's right edge ("10 min"
    // was cut to "10 mi"): the chart keeps room for its half.
    const QStringList xLabels = xAxis->categoriesLabels();
    const int right =
        xLabels.isEmpty()
            ? 2
            : QFontMetrics(m_x->labelsFont()).horizontalAdvance(xLabels.last()) / 2 + 2;
    if (right != m_rightMargin) {
        m_rightMargin = right;
        QMargins margins = chart()->margins();
        margins.setRight(right);
        chart()->setMargins(margins);
    }
    if (yUnit.name != m_yUnit.name) {
        m_yUnit = yUnit;
        showTitle();
    }
    m_resetButton->setEnabled(m_zoomed);
    updateBands();
}

void PlotView::resetZoom() {
    m_zoomed = false;
    applyRange();
}

void PlotView::zoomTime(double factor, double anchor) {
    const QRectF cur(QPointF(m_x->min(), m_y->min()), QPointF(m_x->max(), m_y->max()));
    const double left = anchor - (anchor - cur.left()) * factor;
    const double right = anchor + (cur.right() - anchor) * factor;
    zoomTo(QRectF(QPointF(left, cur.top()), QPointF(right, cur.bottom())));
}

void PlotView::zoomTo(const QRectF &r) {
    const QRectF n = r.normalized();
    if (n.width() <= 0 || n.height() <= 0)
        return;
    m_view = n;
    m_zoomed = true;
    applyRange();
}

void PlotView::panBy(QPoint pixels) {
    const QRectF plot = chart()->plotArea();
    if (plot.width() <= 0 || plot.height() <= 0)
        return;
    const double dx = -pixels.x() * (m_x->max() - m_x->min()) / plot.width();
    const double dy = pixels.y() * (m_y->max() - m_y->min()) / plot.height();
    zoomTo(QRectF(QPointF(m_x->min() + dx, m_y->min() + dy),
                  QPointF(m_x->max() + dx, m_y->max() + dy)));
}

QPointF PlotView::valueAt(QPoint viewportPos) const {
    const QPointF c = chart()->mapFromScene(mapToScene(viewportPos));
    const QRectF plot = chart()->plotArea();
    if (plot.width() <= 0 || plot.height() <= 0)
        return {};
    return {m_x->min() + (c.x() - plot.left()) / plot.width() * (m_x->max() - m_x->min()),
            m_y->max() - (c.y() - plot.top()) / plot.height() * (m_y->max() - m_y->min())};
}

QPoint PlotView::viewportPointOf(QPointF value) const {
    const QRectF plot = chart()->plotArea();
    const QPointF c(
        plot.left() + (value.x() - m_x->min()) / (m_x->max() - m_x->min()) * plot.width(),
        plot.top() + (m_y->max() - value.y()) / (m_y->max() - m_y->min()) * plot.height());
    return mapFromScene(chart()->mapToScene(c));
}

QString PlotView::readoutText() const {
    return m_readout->isVisible() ? m_readout->property("plain").toString() : QString();
}

void PlotView::updateHover(QPoint pos) {
    const QRectF plot = chart()->plotArea();
    const QPointF c = chart()->mapFromScene(mapToScene(pos));
    const QVector<Reading> readings =
        plot.contains(c) ? readingsAt(valueAt(pos).x()) : QVector<Reading>{};
    if (readings.isEmpty()) {
        hideHover();
        return;
    }
    const double t = readings.front().time;
    QStringList rich{tr("<b>t = %1</b>").arg(m_xUnit.withName(t))};
    QStringList plain{tr("t = %1").arg(m_xUnit.withName(t))};
    for (const Reading &r : readings) {
        rich << QStringLiteral("<span style=\"color:%1\">&#9632;</span> %2: <b>%3</b>")
                    .arg(r.colour.name(), r.series.toHtmlEscaped(), m_yUnit.withName(r.value));
        plain << QStringLiteral("%1: %2").arg(r.series, m_yUnit.withName(r.value));
    }
    for (const Band &b : std::as_const(m_bands))
        if (t >= b.from && t <= b.to) {
            rich << QStringLiteral("<i>%1</i>").arg(b.label.toHtmlEscaped());
            plain << b.label;
        }
    m_readout->setText(rich.join(QStringLiteral("<br>")));
    m_readout->setProperty("plain", plain.join(QLatin1Char('\n')));
    m_readout->adjustSize();
    QPoint at = pos + QPoint(14, 14);
    if (at.x() + m_readout->width() > viewport()->width())
        at.setX(std::max(0, pos.x() - 14 - m_readout->width()));
    if (at.y() + m_readout->height() > viewport()->height())
        at.setY(std::max(0, pos.y() - 14 - m_readout->height()));
    m_readout->move(at);
    m_readout->show();
    m_readout->raise();
    const double x = plot.left() + (t - m_x->min()) / (m_x->max() - m_x->min()) * plot.width();
    m_vLine->setLine(x, plot.top(), x, plot.bottom());
    m_hLine->setLine(plot.left(), c.y(), plot.right(), c.y());
    m_vLine->show();
    m_hLine->show();
}

void PlotView::hideHover() {
    m_readout->hide();
    m_vLine->hide();
    m_hLine->hide();
}

void PlotView::mousePressEvent(QMouseEvent *e) {
    m_pressAt = m_lastAt = e->position().toPoint();
    m_pressButton = e->button();
    const bool pan = e->button() == Qt::MiddleButton || e->button() == Qt::RightButton ||
                     (e->button() == Qt::LeftButton && (e->modifiers() & Qt::ShiftModifier));
    m_drag = pan ? Drag::Pan : e->button() == Qt::LeftButton ? Drag::Zoom : Drag::None;
    if (m_drag == Drag::Zoom) {
        if (!m_band)
            m_band = new QRubberBand(QRubberBand::Rectangle, viewport());
        m_band->setGeometry(QRect(m_pressAt, QSize()));
        m_band->show();
    }
    e->accept();
}

void PlotView::mouseMoveEvent(QMouseEvent *e) {
    const QPoint pos = e->position().toPoint();
    if (m_drag == Drag::Zoom && m_band)
        m_band->setGeometry(QRect(m_pressAt, pos).normalized());
    else if (m_drag == Drag::Pan && (pos - m_pressAt).manhattanLength() > 3) {
        panBy(pos - m_lastAt);
        m_lastAt = pos;
    }
    updateHover(pos);
    e->accept();
}

void PlotView::mouseReleaseEvent(QMouseEvent *e) {
    const QPoint pos = e->position().toPoint();
    const Drag drag = m_drag;
    m_drag = Drag::None;
    if (m_band)
        m_band->hide();
    const QRect r = QRect(m_pressAt, pos).normalized();
    if (drag == Drag::Zoom && r.width() > 6) {
        // A flat band zooms time only; a box zooms both.
        const QPointF a = valueAt(r.topLeft()), b = valueAt(r.bottomRight());
        if (r.height() > 6)
            zoomTo(QRectF(QPointF(a.x(), b.y()), QPointF(b.x(), a.y())));
        else
            zoomTo(QRectF(QPointF(a.x(), m_y->min()), QPointF(b.x(), m_y->max())));
    } else if (m_pressButton == Qt::RightButton && (pos - m_pressAt).manhattanLength() <= 3) {
        showMenu(pos);
    }
    e->accept();
}

void PlotView::mouseDoubleClickEvent(QMouseEvent *e) {
    m_drag = Drag::None;
    if (m_band)
        m_band->hide();
    emit enlargeToggled();
    e->accept();
}

void PlotView::wheelEvent(QWheelEvent *e) {
    const int delta = e->angleDelta().y();
    if (delta == 0)
        return;
    const double factor = std::pow(0.8, delta / 120.0);
    const QPointF at = valueAt(e->position().toPoint());
    if (e->modifiers() & Qt::ControlModifier) {
        const double lo = at.y() - (at.y() - m_y->min()) * factor;
        const double hi = at.y() + (m_y->max() - at.y()) * factor;
        zoomTo(QRectF(QPointF(m_x->min(), lo), QPointF(m_x->max(), hi)));
    } else {
        zoomTime(factor, at.x());
    }
    e->accept();
}

void PlotView::keyPressEvent(QKeyEvent *e) {
    switch (e->key()) {
    case Qt::Key_Home:
    case Qt::Key_0:
        resetZoom();
        break;
    case Qt::Key_Escape:
        if (m_enlarged)
            emit enlargeToggled();
        else if (m_zoomed)
            resetZoom();
        else
            e->ignore();
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomTime(0.5, (m_x->min() + m_x->max()) / 2);
        break;
    case Qt::Key_Minus:
        zoomTime(2, (m_x->min() + m_x->max()) / 2);
        break;
    default:
        QChartView::keyPressEvent(e);
        return;
    }
    e->accept();
}

void PlotView::leaveEvent(QEvent *e) {
    hideHover();
    QChartView::leaveEvent(e);
}

void PlotView::showMenu(QPoint pos) {
    QMenu menu(this);
    menu.addAction(tr("Show the whole run"), this, &PlotView::resetZoom)->setEnabled(m_zoomed);
    menu.addAction(m_enlarged ? tr("Back to all charts") : tr("Enlarge"), this,
                   &PlotView::enlargeToggled);
    menu.addAction(tr("Export this chart…"), this, &PlotView::exportRequested);
    menu.exec(viewport()->mapToGlobal(pos));
}

void PlotView::setEnlarged(bool enlarged) {
    m_enlarged = enlarged;
    hideHover(); // the crosshair and readout were placed for the old geometry
    m_enlargeButton->setIcon(style()->standardIcon(enlarged ? QStyle::SP_TitleBarNormalButton
                                                            : QStyle::SP_TitleBarMaxButton));
    m_enlargeButton->setToolTip(enlarged ? tr("Back to all charts (Esc)")
                                         : tr("Enlarge this chart (double-click); Esc returns"));
}

void PlotView::setLegend(const QVector<LegendStrip::Entry> &entries) {
    m_legend->setEntries(entries);
    placeOverlay();
}

void PlotView::resizeEvent(QResizeEvent *e) {
    placeOverlay();
    QChartView::resizeEvent(e);
    // QChartView sizes the chart to the whole widget; the legend strip takes the bottom.
    chart()->resize(viewport()->size());
    setSceneRect(chart()->geometry());
    applyRange(); // as many ticks as the new size holds
}

// The title is centred: when it would run under the buttons it moves down below them. The
// smallest height keeps the title, a readable plot area, the axis labels and the legend.
void PlotView::placeOverlay() {
    const int h = m_legend->heightFor(width());
    const QFontMetrics title(chart()->titleFont());
    const int titleWidth = title.horizontalAdvance(chart()->title());
    const bool below = (width() - titleWidth) / 2 < kButtonsWidth + 4;
    chart()->setMargins(QMargins(2, below ? kButtonsHeight : 2, m_rightMargin, 2));
    const QFontMetrics labels(m_x->labelsFont());
    const int chrome = title.height() + 2 * labels.height() + 30 + (below ? kButtonsHeight : 2);
    setMinimumHeight(kMinPlotHeight + chrome + h);
    setViewportMargins(0, 0, 0, h);
    m_legend->setGeometry(0, std::max(0, height() - h), width(), h);
    m_legend->setVisible(h > 0);
    const int right = viewport()->width() - 2;
    m_enlargeButton->move(right - 20, 2);
    m_resetButton->move(right - 42, 2);
}

void PlotView::renderTo(QPainter &p, const QRect &target) {
    hideHover();
    const QFont legendFont = m_legend->font();
    const int legendH = LegendStrip::paint(p, target, m_legend->entries(), legendFont, false);
    const QSizeF old = chart()->size();
    const QRect plotRect(target.topLeft(), QSize(target.width(), target.height() - legendH));
    chart()->resize(plotRect.size());
    chart()->layout()->activate();
    updateBands();
    scene()->render(&p, plotRect, QRectF(QPointF(0, 0), QSizeF(plotRect.size())));
    LegendStrip::paint(p,
                       QRect(plotRect.bottomLeft() + QPoint(0, 1), QSize(target.width(), legendH)),
                       m_legend->entries(), legendFont);
    chart()->resize(old);
    chart()->layout()->activate();
    updateBands();
}

} // namespace eventbench::ui
