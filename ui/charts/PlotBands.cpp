// The fault bands of a PlotView: a tinted rectangle per fault over the plot area (a fault that
// lasts most of what is shown is a strip along the top instead, so the lines under it stay
// readable), and its label on a light background, clipped to the plot area and stacked in rows
// where labels would overlap (the hover readout names the band under the mouse; no tooltip covers
// it).
#include <QFontMetrics>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QValueAxis>

#include <algorithm>

#include "ui/charts/PlotView.h"

namespace eventbench::ui {

namespace {
const QColor kBandFill(0xef, 0x6c, 0x00, 40);
const QColor kBandEdge(0xef, 0x6c, 0x00, 160);
const QColor kLabelBack(255, 255, 255, 210);
constexpr int kLabelPad = 2;
constexpr double kWideShare = 0.8; // a band wider than this share of the plot is a strip
constexpr double kStripHeight = 5;
} // namespace

void PlotView::setBands(const QVector<Band> &bands) {
    if (bands == m_bands)
        return;
    m_bands = bands;
    qDeleteAll(m_bandItems);
    qDeleteAll(m_bandLabels);
    m_bandItems.clear();
    m_bandLabels.clear();
    for (const Band &b : bands) {
        auto *rect = new QGraphicsRectItem(chart());
        rect->setBrush(kBandFill);
        rect->setPen(QPen(kBandEdge, 0));
        rect->setZValue(50);
        auto *back = new QGraphicsRectItem(chart());
        back->setBrush(kLabelBack);
        back->setPen(Qt::NoPen);
        back->setZValue(51);
        auto *label = new QGraphicsSimpleTextItem(b.label, back);
        QFont f = font();
        f.setPointSizeF(7);
        label->setFont(f);
        label->setBrush(QColor(0x8a, 0x3b, 0x00));
        m_bandItems.append(rect);
        m_bandLabels.append(back);
    }
    updateBands();
}

void PlotView::updateBands() {
    const QRectF plot = chart()->plotArea();
    const double span = m_x->max() - m_x->min();
    QVector<int> shown;
    for (int i = 0; i < m_bands.size(); ++i) {
        const double a = std::max(m_bands[i].from, m_x->min());
        const double b = std::min(m_bands[i].to, m_x->max());
        QGraphicsRectItem *item = m_bandItems[i];
        if (span <= 0 || b < a || plot.isEmpty()) {
            item->hide();
            m_bandLabels[i]->hide();
            continue;
        }
        const double left = plot.left() + (a - m_x->min()) / span * plot.width();
        const double right = plot.left() + (b - m_x->min()) / span * plot.width();
        const bool wide = right - left > kWideShare * plot.width();
        item->setRect(QRectF(left, plot.top(), std::max(right - left, 1.0),
                             wide ? kStripHeight : plot.height()));
        item->setBrush(wide ? kBandEdge : kBandFill);
        item->show();
        shown.append(i);
    }
    std::stable_sort(shown.begin(), shown.end(), [this](int a, int b) {
        return m_bandItems[a]->rect().left() < m_bandItems[b]->rect().left();
    });
    placeBandLabels(shown);
}

// Left to right, each label goes on the first row where it clears the labels already there;
// a label wider than the plot is elided, one past the right edge moves left, and labels with
// no row left inside the plot are hidden.
void PlotView::placeBandLabels(const QVector<int> &order) {
    const QRectF plot = chart()->plotArea();
    QVector<double> rowEnds; // the right edge of the last label on each row
    // Under a strip (a band over most of the plot) every row moves down by its height.
    const bool strip = std::any_of(order.begin(), order.end(), [&](int i) {
        return m_bandItems[i]->rect().height() < plot.height();
    });
    const double top = strip ? kStripHeight : 0;
    for (int i : order) {
        QGraphicsRectItem *back = m_bandLabels[i];
        auto *text = static_cast<QGraphicsSimpleTextItem *>(back->childItems().constFirst());
        const QFontMetrics fm(text->font());
        text->setText(fm.elidedText(m_bands[i].label, Qt::ElideRight,
                                    std::max(0, int(plot.width()) - 2 * kLabelPad - 2)));
        const QSizeF size = text->boundingRect().size() + QSizeF(2 * kLabelPad, 0);
        double x = m_bandItems[i]->rect().left() + 1;
        x = std::max(plot.left() + 1, std::min(x, plot.right() - size.width() - 1));
        int row = 0;
        while (row < rowEnds.size() && rowEnds[row] > x)
            ++row;
        const double y = plot.top() + 1 + top + row * (size.height() + 1);
        if (y + size.height() > plot.bottom() - 1 || size.width() > plot.width()) {
            back->hide();
            continue;
        }
        if (row == rowEnds.size())
            rowEnds.append(0);
        rowEnds[row] = x + size.width() + 2;
        back->setRect(QRectF(0, 0, size.width(), size.height()));
        back->setPos(x, y);
        text->setPos(kLabelPad, 0);
        back->show();
    }
}

QRect PlotView::bandRect(int i) const {
    if (i < 0 || i >= m_bandItems.size() || !m_bandItems[i]->isVisible())
        return {};
    const QRectF scene = m_bandItems[i]->mapRectToScene(m_bandItems[i]->rect());
    return mapFromScene(scene).boundingRect();
}

QRect PlotView::bandLabelRect(int i) const {
    if (i < 0 || i >= m_bandLabels.size() || !m_bandLabels[i]->isVisible())
        return {};
    const QRectF scene = m_bandLabels[i]->mapRectToScene(m_bandLabels[i]->rect());
    return mapFromScene(scene).boundingRect();
}

} // namespace eventbench::ui
