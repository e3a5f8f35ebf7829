#include "ui/charts/LegendStrip.h"

#include <QFontMetrics>
#include <QPainter>

namespace eventbench::ui {

namespace {
constexpr int kSwatch = 16; // width of a line's swatch
constexpr int kGap = 12;    // between two entries
} // namespace

LegendStrip::LegendStrip(QWidget *parent) : QWidget(parent) {
    QFont f = font();
    f.setPointSizeF(8);
    setFont(f);
}

void LegendStrip::setEntries(const QVector<Entry> &entries) {
    m_entries = entries;
    QStringList all;
    for (const Entry &e : entries)
        all << e.text;
    setToolTip(all.join(QLatin1Char('\n')));
    update();
}

int LegendStrip::heightFor(int width) const {
    if (m_entries.isEmpty())
        return 0;
    QImage scratch(1, 1, QImage::Format_ARGB32);
    QPainter p(&scratch);
    return paint(p, QRect(0, 0, width, 10000), m_entries, font(), false);
}

int LegendStrip::paint(QPainter &p, const QRect &rect, const QVector<Entry> &entries,
                       const QFont &font, bool draw) {
    if (entries.isEmpty())
        return 0;
    p.save();
    p.setFont(font);
    const QFontMetrics fm(font, p.device());
    const int rowH = fm.height() + 2;
    int x = rect.left() + 4, y = rect.top() + 1;
    for (const Entry &e : entries) {
        const int avail = rect.width() - 8 - kSwatch - 4;
        const QString text = fm.horizontalAdvance(e.text) > avail
                                 ? fm.elidedText(e.text, Qt::ElideMiddle, avail)
                                 : e.text;
        const int w = kSwatch + 4 + fm.horizontalAdvance(text);
        if (x > rect.left() + 4 && x + w > rect.right() - 4) {
            x = rect.left() + 4;
            y += rowH;
        }
        if (draw) {
            QPen pen(e.colour, 2.5);
            if (e.dashed)
                pen.setStyle(Qt::DashLine);
            p.setPen(pen);
            const int mid = y + rowH / 2;
            p.drawLine(x, mid, x + kSwatch, mid);
            p.setPen(QColor(0x33, 0x33, 0x33));
            p.drawText(QRect(x + kSwatch + 4, y, w, rowH), Qt::AlignVCenter | Qt::AlignLeft, text);
        }
        x += w + kGap;
    }
    p.restore();
    return y + rowH + 1 - rect.top();
}

void LegendStrip::paintEvent(QPaintEvent *) {
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    paint(p, rect(), m_entries, font());
}

} // namespace eventbench::ui
