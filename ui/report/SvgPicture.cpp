#include "ui/report/SvgPicture.h"

#include <QBuffer>
#include <QGraphicsItem>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <cmath>

#include "ui/canvas/GraphScene.h"
#include "ui/canvas/Layout.h"
#include "ui/charts/OverlayChart.h"

namespace eventbench::ui {

namespace {

// The resolution the SVG's lengths are written at: the screen's usual 96 dpi, so that text
// has the size it has in the app (QSvgGenerator's own default is 72).
constexpr int kDpi = 96;

/// The `<svg ...>` element alone: no XML declaration, no namespace declarations (an inline
/// SVG in HTML5 is in the SVG namespace without them, and the report names no outside URL).
QByteArray inlineSvg(QByteArray svg, const QString &idPrefix) {
    const int start = svg.indexOf("<svg");
    if (start > 0)
        svg.remove(0, start);
    static const QRegularExpression xmlns(QStringLiteral(R"(\s+xmlns(:\w+)?="[^"]*")"));
    static const QRegularExpression id(QStringLiteral(R"re(\bid="([^"]+)")re"));
    QString text = QString::fromUtf8(svg).remove(xmlns);
    text.replace(id, QStringLiteral("id=\"%1-\\1\"").arg(idPrefix));
    text.replace(QLatin1String("url(#"), QStringLiteral("url(#%1-").arg(idPrefix));
    // Qt names its default family `Sans Serif`, which browsers do not know: they would fall
    // back to a serif face.
    static const QRegularExpression family(QStringLiteral(R"re(font-family="([^"]*)")re"));
    text.replace(family, QStringLiteral("font-family=\"\\1, sans-serif\""));
    return text.toUtf8();
}

} // namespace

QByteArray SvgPicture::draw(QSize size, const QString &title, const QString &idPrefix,
                            const std::function<void(QPainter &)> &paint) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setResolution(kDpi);
    // QSvgGenerator writes these as they are: escape them for XML.
    svg.setTitle(title.toHtmlEscaped());
    svg.setDescription(QStringLiteral("eventbench"));
    {
        QPainter p(&svg);
        paint(p);
    }
    return inlineSvg(buffer.data(), idPrefix);
}

QByteArray SvgPicture::topology(const model::Scenario &scenario, const QString &idPrefix) {
    model::Scenario placed = scenario;
    Layout::placeMissing(placed);
    GraphScene scene;
    scene.setEditable(false);
    scene.sync(placed);
    // Vector shapes, not the pixmaps the canvas caches them as.
    for (QGraphicsItem *item : scene.items())
        item->setCacheMode(QGraphicsItem::NoCache);
    const QRectF bounds = scene.itemsBoundingRect().adjusted(-16, -16, 16, 16);
    // At most 1100 pixels wide; small graphs keep their canvas size.
    const double scale = std::min(1.0, 1100.0 / std::max(1.0, bounds.width()));
    const QSize size(int(std::ceil(bounds.width() * scale)),
                     int(std::ceil(bounds.height() * scale)));
    return draw(size, QStringLiteral("topology"), idPrefix, [&](QPainter &p) {
        p.setRenderHint(QPainter::Antialiasing);
        p.fillRect(QRect(QPoint(0, 0), size), Qt::white);
        scene.render(&p, QRectF(QPointF(0, 0), QSizeF(size)), bounds);
    });
}

StoredRunData SvgPicture::runData(const model::RunReport &report,
                                  const QVector<QPair<QString, model::NodeKind>> &nodes,
                                  model::SimTime sampleEvery) {
    StoredRunData out;
    out.run.scenario = report.scenario;
    out.run.seed = report.seed;
    out.run.simSeconds = report.simSeconds;
    out.nodes = nodes;
    std::vector<std::pair<std::string, std::string>> names;
    model::SampleSnapshot all;
    for (const auto &s : report.series) {
        names.emplace_back(s.node, s.metric);
        all.values.push_back(s.values);
    }
    const auto end = model::SimTime(std::llround(report.simSeconds * 1e9));
    out.data.reset(names, sampleEvery, end);
    all.times = report.sampleTimes;
    all.newEvents = report.events;
    all.now = end;
    out.data.append(all);
    out.report.events = report.events;
    return out;
}

QVector<QPair<QString, QByteArray>> SvgPicture::charts(const StoredRunData &run,
                                                       const QString &node, model::NodeKind kind,
                                                       QSize size, const QString &idPrefix) {
    QVector<QPair<QString, QByteArray>> out;
    const QVector<ChartLine> lines = ChartPlan::linesFor(node, kind, run.data);
    for (int c = 0; c < kChartCount; ++c) {
        const auto id = static_cast<ChartId>(c);
        if (std::none_of(lines.begin(), lines.end(),
                         [&](const ChartLine &l) { return l.chart == id; }))
            continue;
        OverlayChart chart(id);
        chart.resize(size);
        chart.plot({{node, kind}}, run, nullptr);
        const QString title = ChartPlan::title(id);
        const QString ids = QStringLiteral("%1-%2").arg(idPrefix).arg(c);
        out.append({title, draw(size, node + QStringLiteral(": ") + title, ids, [&](QPainter &p) {
                        p.setRenderHint(QPainter::Antialiasing);
                        chart.renderTo(p, QRect(QPoint(0, 0), size));
                    })});
    }
    return out;
}

} // namespace eventbench::ui
