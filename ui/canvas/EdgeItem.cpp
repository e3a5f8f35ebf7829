#include "ui/canvas/EdgeItem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

#include "ui/canvas/NodeItem.h"

namespace eventbench::ui {

namespace {

constexpr double kArrowSize = 11;

// Where the segment from `inside` to `outside` leaves `outline` (bisection on contains()).
QPointF exitPoint(const QPainterPath &outline, QPointF inside, QPointF outside) {
    if (outline.contains(outside))
        return outside;
    for (int i = 0; i < 22; ++i) {
        const QPointF mid = (inside + outside) / 2;
        if (outline.contains(mid))
            inside = mid;
        else
            outside = mid;
    }
    return outside;
}

QFont edgeFont() {
    QFont f;
    f.setPointSizeF(7.5);
    return f;
}

} // namespace

EdgeItem::EdgeItem(NodeItem *source, NodeItem *dest, int index, Style style)
    : m_source(source), m_dest(dest), m_index(index), m_style(style) {
    if (style == Style::Flow)
        setFlags(ItemIsSelectable);
    setZValue(0);
    m_source->addEdge(this);
    m_dest->addEdge(this);
    adjust();
}

EdgeItem::~EdgeItem() {
    m_source->removeEdge(this);
    m_dest->removeEdge(this);
}

void EdgeItem::setLabel(const QString &label) {
    prepareGeometryChange();
    m_label = label;
    setToolTip(QStringLiteral("%1 → %2%3")
                   .arg(m_source->id(), m_dest->id(),
                        label.isEmpty() ? QString() : QStringLiteral("<br>") + label));
    update();
}

void EdgeItem::setRate(double perSecond) {
    if (perSecond == m_rate)
        return;
    prepareGeometryChange();
    m_rate = perSecond;
    update();
}

double EdgeItem::penWidth() const {
    if (m_rate <= 0 || m_style != Style::Flow)
        return 1.6;
    // Logarithmic so that 10/s and 10k/s both stay readable.
    return std::clamp(1.6 + 1.6 * std::log10(1 + m_rate), 1.6, 10.0);
}

void EdgeItem::adjust() {
    prepareGeometryChange();
    const QPointF a = m_source->scenePos();
    const QPointF b = m_dest->scenePos();
    if (QLineF(a, b).length() < 1) {
        m_from = m_to = a;
        return;
    }
    m_from = exitPoint(m_source->sceneOutline(), a, b);
    m_to = exitPoint(m_dest->sceneOutline(), b, a);
}

QRectF EdgeItem::boundingRect() const {
    const double extra = penWidth() + kArrowSize + 4;
    QRectF r = QRectF(m_from, m_to).normalized().adjusted(-extra, -extra, extra, extra);
    if (!m_label.isEmpty()) {
        const QFontMetricsF fm(edgeFont());
        const QPointF mid = (m_from + m_to) / 2;
        const double w = fm.horizontalAdvance(m_label) + 8;
        r = r.united(QRectF(mid.x() - w / 2, mid.y() - fm.height() - 4, w, fm.height() + 4));
    }
    return r;
}

QPainterPath EdgeItem::shape() const {
    QPainterPath line(m_from);
    line.lineTo(m_to);
    QPainterPathStroker st;
    st.setWidth(std::max(10.0, penWidth() + 6));
    return st.createStroke(line);
}

void EdgeItem::paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *) {
    const QLineF line(m_from, m_to);
    if (line.length() < 2)
        return;
    p->setRenderHint(QPainter::Antialiasing);
    const bool selected = option->state & QStyle::State_Selected;
    QColor color = selected ? QColor(0x1a, 0x73, 0xe8) : QColor(0x54, 0x5b, 0x64);
    if (m_style != Style::Flow)
        color = m_style == Style::DeadLetter ? QColor(0xc6, 0x28, 0x28) : QColor(0x8d, 0x6e, 0x63);
    const double w = m_style == Style::Flow ? penWidth() : 1.4;

    // Stop the shaft at the arrow head so that a thick line does not poke through its tip.
    const double head = kArrowSize + w;
    QLineF shaft = line;
    shaft.setLength(std::max(0.0, line.length() - head * 0.8));
    p->setPen(QPen(color, w, m_style == Style::Flow ? Qt::SolidLine : Qt::DashLine, Qt::FlatCap));
    p->drawLine(shaft);

    const QPointF dir = (m_to - m_from) / line.length();
    const QPointF normal(-dir.y(), dir.x());
    const QPointF tip = m_to;
    const QPointF left = tip - dir * head + normal * head * 0.5;
    const QPointF right = tip - dir * head - normal * head * 0.5;
    p->setPen(Qt::NoPen);
    p->setBrush(color);
    p->drawPolygon(QPolygonF() << tip << left << right);

    if (!m_label.isEmpty()) {
        const QFontMetricsF fm(edgeFont());
        const QPointF mid = line.center();
        const double tw = fm.horizontalAdvance(m_label) + 8;
        const QRectF box(mid.x() - tw / 2, mid.y() - fm.height() - 4, tw, fm.height() + 2);
        p->setBrush(QColor(255, 255, 255, 220));
        p->setPen(QPen(QColor(0xb0, 0xb0, 0xb0), 0.8));
        p->drawRoundedRect(box, 3, 3);
        p->setPen(QColor(0x40, 0x40, 0x40));
        p->setFont(edgeFont());
        p->drawText(box, Qt::AlignCenter, m_label);
    }
}

} // namespace eventbench::ui
