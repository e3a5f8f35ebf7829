#pragma once
// The live figure of a node (lag, depth or rate) drawn as a small pill on the body's top
// right corner. A child of NodeItem, separate so that the node body can stay in its pixmap
// cache while the figure changes several times a second. Owned by its NodeItem; GUI thread.
#include <QGraphicsItem>
#include <QString>

namespace eventbench::ui {

class NodeBadge : public QGraphicsItem {
  public:
    explicit NodeBadge(QGraphicsItem *parent);

    /// Empty hides the badge.
    void setText(const QString &text);
    const QString &text() const { return m_text; }

    QRectF boundingRect() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

  private:
    QString m_text;
    QRectF m_rect;
};

} // namespace eventbench::ui
