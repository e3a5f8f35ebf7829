#include "ui/charts/ChartExport.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QImage>
#include <QMessageBox>
#include <QPainter>
#include <QSpinBox>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

#include "ui/charts/PlotView.h"

namespace eventbench::ui {

namespace {

void paintAll(QPainter &p, const QVector<PlotView *> &charts, QSize size, const QString &caption) {
    p.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    QFont f = p.font();
    f.setPointSizeF(10);
    f.setBold(true);
    p.setFont(f);
    p.setPen(QColor(0x22, 0x22, 0x22));
    const QRect captionBox(8, 4, size.width() - 16, size.height() / 4);
    const QRect used = p.boundingRect(captionBox, Qt::TextWordWrap | Qt::AlignLeft, caption);
    p.drawText(captionBox, Qt::TextWordWrap | Qt::AlignLeft, caption);
    const int top = used.bottom() + 6;
    const int n = int(charts.size());
    if (n == 0)
        return;
    const int cols = std::clamp(std::min(n, size.width() / 420), 1, 3);
    const int rows = (n + cols - 1) / cols;
    const int cellW = size.width() / cols;
    const int cellH = std::max(60, (size.height() - top) / rows);
    for (int i = 0; i < n; ++i) {
        const QRect cell((i % cols) * cellW, top + (i / cols) * cellH, cellW, cellH);
        charts[i]->renderTo(p, cell.adjusted(2, 2, -2, -2));
    }
}

} // namespace

bool ChartExport::write(const QVector<PlotView *> &charts, const QString &path, QSize size,
                        const QString &caption, QString *error) {
    if (size.width() < 100 || size.height() < 100) {
        if (error)
            *error = QObject::tr("the picture must be at least 100×100 pixels");
        return false;
    }
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(caption);
        svg.setDescription(QObject::tr("eventbench charts"));
        QPainter p;
        if (!p.begin(&svg)) {
            if (error)
                *error = QObject::tr("cannot write %1").arg(path);
            return false;
        }
        paintAll(p, charts, size, caption);
        return p.end();
    }
    QImage image(size, QImage::Format_ARGB32);
    image.setDotsPerMeterX(3780); // 96 dpi: text comes out at the size it has on screen
    image.setDotsPerMeterY(3780);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        paintAll(p, charts, size, caption);
    }
    if (!image.save(path, "PNG")) {
        if (error)
            *error = QObject::tr("cannot write %1").arg(path);
        return false;
    }
    return true;
}

bool ChartExport::writeInteractive(const QVector<PlotView *> &charts, const QString &caption,
                                   QWidget *parent, QString *savedPath) {
    QString filter;
    QString path = QFileDialog::getSaveFileName(
        parent, QObject::tr("Export charts"), QStringLiteral("charts.png"),
        QObject::tr("PNG image (*.png);;SVG drawing (*.svg)"), &filter);
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive) &&
        !path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive))
        path +=
            filter.contains(QLatin1String("svg")) ? QStringLiteral(".svg") : QStringLiteral(".png");
    QDialog ask(parent);
    ask.setWindowTitle(QObject::tr("Picture size"));
    auto *form = new QFormLayout(&ask);
    auto *w = new QSpinBox(&ask);
    auto *h = new QSpinBox(&ask);
    w->setRange(200, 8000);
    h->setRange(150, 8000);
    w->setValue(1600);
    h->setValue(charts.size() > 1 ? 1000 : 600);
    w->setSuffix(QObject::tr(" px"));
    h->setSuffix(QObject::tr(" px"));
    form->addRow(QObject::tr("Width:"), w);
    form->addRow(QObject::tr("Height:"), h);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &ask);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &ask, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &ask, &QDialog::reject);
    form->addRow(buttons);
    if (ask.exec() != QDialog::Accepted)
        return false;
    QString error;
    if (!write(charts, path, QSize(w->value(), h->value()), caption, &error)) {
        QMessageBox::critical(parent, QObject::tr("Export failed"), error);
        return false;
    }
    if (savedPath)
        *savedPath = path;
    return true;
}

} // namespace eventbench::ui
