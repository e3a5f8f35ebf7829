#include "ui/canvas/NodeBadge.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace eventbench::ui {

namespace {
QFont badgeFont() {
    QFont f;
    f.setPointSizeF(8);
    return f;
}
} // namespace

NodeBadge::NodeBadge(QGraphicsItem *parent) : QGraphicsItem(parent) {
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setVisible(false);
}

void NodeBadge::setText(const QString &text) {
    if (text == m_text)
        return;
    prepareGeometryChange();
    m_text = text;
    const double w = QFontMetricsF(badgeFont()).horizontalAdvance(text) + 12;
    m_rect = QRectF(-w / 2, -9, w, 18);
    setVisible(!text.isEmpty());
    update();
}

void NodeBadge::setTone(int tone) {
    if (tone == m_tone)
        return;
    m_tone = tone;
    update();
}

QRectF NodeBadge::boundingRect() const {
    return m_rect.adjusted(-1, -1, 1, 1);
}

void NodeBadge::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) {
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(QColor(0x30, 0x30, 0x30), 1));
    static const QColor fills[] = {QColor(0xff, 0xf8, 0xe1), QColor(0xe8, 0xf5, 0xe9),
                                   QColor(0xff, 0xe0, 0xb2), QColor(0xd3, 0x2f, 0x2f)};
    p->setBrush(fills[std::clamp(m_tone + 1, 0, 3)]);
    p->drawRoundedRect(m_rect, 9, 9);
    p->setPen(m_tone == 2 ? QColor(Qt::white) : QColor(0x20, 0x20, 0x20));
    p->setFont(badgeFont());
    p->drawText(m_rect, Qt::AlignCenter, m_text);
}

} // namespace eventbench::ui
